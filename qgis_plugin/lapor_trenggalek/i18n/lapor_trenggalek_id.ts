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
