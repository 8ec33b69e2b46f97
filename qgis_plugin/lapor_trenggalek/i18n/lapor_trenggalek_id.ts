<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>LaporTrenggalek</name>
    <message>
        <source>Acknowledge</source>
        <translation>Terima</translation>
    </message>
    <message>
        <source>All kecamatan</source>
        <translation>Semua kecamatan</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Semua status</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Dibatalkan.</translation>
    </message>
    <message>
        <source>Citizen's photo</source>
        <translation>Foto warga</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Load reports</source>
        <translation>Muat laporan</translation>
    </message>
    <message>
        <source>Loading Lapor Trenggalek reports</source>
        <translation>Memuat laporan Lapor Trenggalek</translation>
    </message>
    <message>
        <source>Loading was cancelled.</source>
        <translation>Pemuatan dibatalkan.</translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation>Belum masuk.</translation>
    </message>
    <message>
        <source>Note for the timeline:</source>
        <translation>Catatan untuk linimasa:</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Proof photo</source>
        <translation>Foto bukti</translation>
    </message>
    <message>
        <source>Report #{id}</source>
        <translation>Laporan #{id}</translation>
    </message>
    <message>
        <source>Report {id}: done.</source>
        <translation>Laporan {id}: berhasil.</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Laporan</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Selesaikan</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Kembalikan</translation>
    </message>
    <message>
        <source>Select exactly one report on the map.</source>
        <translation>Pilih tepat satu laporan di peta.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Sign in first with your staff account.</source>
        <translation>Masuk dulu dengan akun petugas Anda.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Keluar</translation>
    </message>
    <message>
        <source>Your sign-in has ended (expired or revoked). Sign in again with your password.</source>
        <translation>Sesi masuk Anda sudah berakhir (kedaluwarsa atau dicabut). Masuk lagi dengan kata sandi Anda.</translation>
    </message>
    <message>
        <source>Signed in as {user}.</source>
        <translation>Masuk sebagai {user}.</translation>
    </message>
    <message>
        <source>Since (date)</source>
        <translation>Sejak tanggal</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>The QGIS master password is needed to keep the token safely.</source>
        <translation>Kata sandi induk QGIS diperlukan untuk menyimpan token dengan aman.</translation>
    </message>
    <message>
        <source>The file could not be downloaded: {error}</source>
        <translation>Berkas tidak dapat diunduh: {error}</translation>
    </message>
    <message>
        <source>The server answered with code {status}.</source>
        <translation>Server menjawab dengan kode {status}.</translation>
    </message>
    <message>
        <source>The server {url} cannot be reached: {error}. Check the server address and the connection.</source>
        <translation>Server {url} tidak dapat dihubungi: {error}. Periksa alamat server dan koneksi internet.</translation>
    </message>
    <message>
        <source>The session has ended or you are not signed in: sign in again.</source>
        <translation>Sesi berakhir atau belum masuk: masuk lagi.</translation>
    </message>
    <message>
        <source>The token could not be saved in the QGIS authentication database.</source>
        <translation>Token tidak dapat disimpan di basis data autentikasi QGIS.</translation>
    </message>
    <message>
        <source>Timeline and photos</source>
        <translation>Linimasa dan foto</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Pengguna</translation>
    </message>
    <message>
        <source>{error} You stay signed in for this session.</source>
        <translation>{error} Anda tetap masuk untuk sesi ini.</translation>
    </message>
    <message>
        <source>{n} reports</source>
        <translation>{n} laporan</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Akun</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>Semua label</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>Semua yang terbuka</translation>
    </message>
    <message>
        <source>Cannot reach the server: {why}. Check the server address and the connection, then try again.</source>
        <translation>Server tidak dapat dihubungi: {why}. Periksa alamat server dan koneksi, lalu coba lagi.</translation>
    </message>
    <message>
        <source>Click a report on the map (Select tool).</source>
        <translation>Klik satu laporan di peta (alat Pilih).</translation>
    </message>
    <message>
        <source>Connecting to the server…</source>
        <translation>Menghubungi server…</translation>
    </message>
    <message>
        <source>Every report still waiting for action, whatever its date, place or label</source>
        <translation>Semua laporan yang masih menunggu tindakan, apa pun tanggal, tempat atau labelnya</translation>
    </message>
    <message>
        <source>Fill in the server, your username and your password.</source>
        <translation>Isi alamat server, nama pengguna dan kata sandi Anda.</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Saringan</translation>
    </message>
    <message>
        <source>Kecamatan boundary</source>
        <translation>Batas kecamatan</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Lapor Trenggalek: actions of report {id}</source>
        <translation>Lapor Trenggalek: tindakan laporan {id}</translation>
    </message>
    <message>
        <source>Lapor Trenggalek: checking the sign-in</source>
        <translation>Lapor Trenggalek: memeriksa sesi masuk</translation>
    </message>
    <message>
        <source>Lapor Trenggalek: photo</source>
        <translation>Lapor Trenggalek: foto</translation>
    </message>
    <message>
        <source>Lapor Trenggalek: report {id}</source>
        <translation>Lapor Trenggalek: laporan {id}</translation>
    </message>
    <message>
        <source>Lapor Trenggalek: signing in</source>
        <translation>Lapor Trenggalek: masuk</translation>
    </message>
    <message>
        <source>Lapor Trenggalek: signing out</source>
        <translation>Lapor Trenggalek: keluar</translation>
    </message>
    <message>
        <source>Lapor Trenggalek: timeline of report {id}</source>
        <translation>Lapor Trenggalek: linimasa laporan {id}</translation>
    </message>
    <message>
        <source>Loading reports…</source>
        <translation>Memuat laporan…</translation>
    </message>
    <message>
        <source>Loading was cancelled; the map is as it was.</source>
        <translation>Pemuatan dibatalkan; peta tetap seperti sebelumnya.</translation>
    </message>
    <message>
        <source>Open the photo large</source>
        <translation>Buka foto ukuran besar</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Terlambat</translation>
    </message>
    <message>
        <source>Overdue (red ring)</source>
        <translation>Terlambat (lingkar merah)</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>Hanya yang terlambat</translation>
    </message>
    <message>
        <source>Overdue: {n}</source>
        <translation>Terlambat: {n}</translation>
    </message>
    <message>
        <source>QGIS master password</source>
        <translation>Kata sandi induk QGIS</translation>
    </message>
    <message>
        <source>QGIS will now ask for a master password. It locks the sign-in this plugin keeps on this computer, so you do not type your Lapor Trenggalek password every day. Choose one you remember: QGIS asks for it once per session. It is not your Lapor Trenggalek password and is never sent anywhere.</source>
        <translation>Sebentar lagi QGIS meminta kata sandi induk (master password). Kata sandi ini mengunci sesi masuk yang disimpan plugin di komputer ini, agar Anda tidak perlu mengetik kata sandi Lapor Trenggalek setiap hari. Pilih yang mudah Anda ingat: QGIS memintanya sekali setiap kali dibuka. Ini bukan kata sandi Lapor Trenggalek Anda dan tidak pernah dikirim ke mana pun.</translation>
    </message>
    <message>
        <source>Report {id}: {status}.</source>
        <translation>Laporan {id}: {status}.</translation>
    </message>
    <message>
        <source>Selected report</source>
        <translation>Laporan terpilih</translation>
    </message>
    <message>
        <source>Sign-in cancelled.</source>
        <translation>Masuk dibatalkan.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Sedang masuk…</translation>
    </message>
    <message>
        <source>Something went wrong in the plugin; the details are in the log.</source>
        <translation>Terjadi kesalahan pada plugin; rinciannya ada di log pesan QGIS.</translation>
    </message>
    <message>
        <source>The server {url} did not answer like a Lapor Trenggalek server. Check the server address.</source>
        <translation>Server {url} tidak menjawab seperti server Lapor Trenggalek. Periksa alamat server.</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>Semua tanggal</translation>
    </message>
    <message>
        <source>Fieldwork sent: {sent}, refused: {refused} (details under Send).</source>
        <translation>Kerja lapangan terkirim: {sent}, ditolak: {refused} (rinciannya di bawah Kirim).</translation>
    </message>
    <message>
        <source>Field package: actions are recorded here and sent with Send.</source>
        <translation>Paket lapangan: tindakan dicatat di sini dan dikirim dengan Kirim.</translation>
    </message>
    <message>
        <source>the address {host} was not found</source>
        <translation>alamat {host} tidak ditemukan</translation>
    </message>
    <message>
        <source>the connection to {url} failed (network error {code})</source>
        <translation>sambungan ke {url} gagal (galat jaringan {code})</translation>
    </message>
    <message>
        <source>the last day comes before the first day.</source>
        <translation>tanggal akhir lebih awal dari tanggal awal.</translation>
    </message>
    <message>
        <source>the secure connection (TLS) to {host} failed</source>
        <translation>sambungan aman (TLS) ke {host} gagal</translation>
    </message>
    <message>
        <source>the server at {url} did not answer within {s} seconds</source>
        <translation>server {url} tidak menjawab dalam {s} detik</translation>
    </message>
    <message>
        <source>the server at {url} refused the connection (is it running?)</source>
        <translation>server {url} menolak sambungan (apakah server sedang berjalan?)</translation>
    </message>
    <message>
        <source>Basemap (OpenStreetMap)</source>
        <translation>Peta dasar (OpenStreetMap)</translation>
    </message>
    <message>
        <source>Desa/kelurahan boundary</source>
        <translation>Batas desa/kelurahan</translation>
    </message>
    <message>
        <source>Reports (field package)</source>
        <translation>Laporan (paket lapangan)</translation>
    </message>
    <message>
        <source>The action could not be kept in the field package.</source>
        <translation>Tindakan tidak dapat disimpan di paket lapangan.</translation>
    </message>
    <message>
        <source>The field package could not be written: {error}</source>
        <translation>Paket lapangan tidak dapat ditulis: {error}</translation>
    </message>
    <message>
        <source>The report changed meanwhile (someone acted first): {reason}</source>
        <translation>Laporan sudah berubah sementara itu (ada yang bertindak lebih dulu): {reason}</translation>
    </message>
    <message>
        <source>Fieldwork without a connection</source>
        <translation>Kerja lapangan tanpa sinyal</translation>
    </message>
    <message>
        <source>Take to the field</source>
        <translation>Bawa ke lapangan</translation>
    </message>
    <message>
        <source>Save your open reports with their photos to a GeoPackage for use offline</source>
        <translation>Simpan laporan terbuka Anda beserta fotonya ke GeoPackage untuk dipakai tanpa sinyal</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Kirim</translation>
    </message>
    <message>
        <source>Send the actions recorded in the field, now that you are online</source>
        <translation>Kirim tindakan yang dicatat di lapangan, setelah kembali tersambung</translation>
    </message>
    <message>
        <source>Lapor Trenggalek: taking reports to the field</source>
        <translation>Lapor Trenggalek: menyiapkan paket lapangan</translation>
    </message>
    <message>
        <source>{n} open reports saved to {path}.</source>
        <translation>{n} laporan terbuka disimpan ke {path}.</translation>
    </message>
    <message>
        <source>Recorded offline; waiting to be sent: {n}.</source>
        <translation>Dicatat tanpa sinyal; menunggu dikirim: {n}.</translation>
    </message>
    <message>
        <source>Report {id}: recorded; press Send when you are online.</source>
        <translation>Laporan {id}: dicatat; tekan Kirim saat sudah tersambung.</translation>
    </message>
    <message>
        <source>Sign in and take reports to the field first.</source>
        <translation>Masuk dan bawa laporan ke lapangan dulu.</translation>
    </message>
    <message>
        <source>Report {id}: sent ({status}).</source>
        <translation>Laporan {id}: terkirim ({status}).</translation>
    </message>
    <message>
        <source>Report {id}: refused: {reason}</source>
        <translation>Laporan {id}: ditolak: {reason}</translation>
    </message>
    <message>
        <source>Nothing waiting to be sent.</source>
        <translation>Tidak ada yang menunggu dikirim.</translation>
    </message>
    <message>
        <source>Lapor Trenggalek: sending fieldwork</source>
        <translation>Lapor Trenggalek: mengirim hasil lapangan</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Sejak tanggal</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Sampai tanggal</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Reported (WIB)</source>
        <translation>Dilaporkan (WIB)</translation>
    </message>
    <message>
        <source>Response due (WIB)</source>
        <translation>Tenggat respons (WIB)</translation>
    </message>
    <message>
        <source>Resolution due (WIB)</source>
        <translation>Tenggat penyelesaian (WIB)</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Uraian</translation>
    </message>
    <message>
        <source>OPD</source>
        <translation>OPD</translation>
    </message>
    <message>
        <source>Status code</source>
        <translation>Kode status</translation>
    </message>
    <message>
        <source>Overdue clock</source>
        <translation>Tenggat yang terlewat</translation>
    </message>
    <message>
        <source>Label code</source>
        <translation>Kode label</translation>
    </message>
    <message>
        <source>Squad</source>
        <translation>Pasukan</translation>
    </message>
    <message>
        <source>Squad colour</source>
        <translation>Warna pasukan</translation>
    </message>
    <message>
        <source>Kecamatan code</source>
        <translation>Kode kecamatan</translation>
    </message>
    <message>
        <source>Desa code</source>
        <translation>Kode desa</translation>
    </message>
    <message>
        <source>Desa/kelurahan</source>
        <translation>Desa/kelurahan</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Overdue: verification deadline passed</source>
        <translation>Terlambat: tenggat verifikasi lewat</translation>
    </message>
    <message>
        <source>Overdue: first-response deadline passed</source>
        <translation>Terlambat: tenggat respons pertama lewat</translation>
    </message>
    <message>
        <source>Overdue: resolution deadline passed</source>
        <translation>Terlambat: tenggat penyelesaian lewat</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Diterima</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Terverifikasi</translation>
    </message>
    <message>
        <source>Dispatched to OPD</source>
        <translation>Diteruskan ke OPD</translation>
    </message>
    <message>
        <source>Returned by OPD</source>
        <translation>Dikembalikan OPD</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Sedang ditangani</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Dibuka kembali</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Selesai ditangani</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Ditutup</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplikat</translation>
    </message>
</context>
</TS>
