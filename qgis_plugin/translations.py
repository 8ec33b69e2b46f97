"""Writes the plugin's Indonesian Qt translation (.ts) from the table below and compiles it with lrelease (.qm).

    python3 qgis_plugin/translations.py      (run after changing a tr() string; commit the .ts and the .qm)

tests/qgis_plugin/test_translations.py fails when a tr() string of the code has no translation here.
"""

import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

FOLDER = Path(__file__).parent / "lapor_trenggalek" / "i18n"
CONTEXT = "LaporTrenggalek"
ID = {
    "Acknowledge": "Terima",
    "All kecamatan": "Semua kecamatan",
    "All statuses": "Semua status",
    "Cancel": "Batal",
    "Cancelled.": "Dibatalkan.",
    "Citizen's photo": "Foto warga",
    "Kecamatan": "Kecamatan",
    "Load reports": "Muat laporan",
    "Loading Lapor Trenggalek reports": "Memuat laporan Lapor Trenggalek",
    "Loading was cancelled.": "Pemuatan dibatalkan.",
    "Not signed in.": "Belum masuk.",
    "Note for the timeline:": "Catatan untuk linimasa:",
    "Note": "Catatan",
    "Password": "Kata sandi",
    "Photos": "Foto",
    "Proof photo": "Foto bukti",
    "Report #{id}": "Laporan #{id}",
    "Report {id}: done.": "Laporan {id}: berhasil.",
    "Reports": "Laporan",
    "Resolve": "Selesaikan",
    "Return": "Kembalikan",
    "Select exactly one report on the map.": "Pilih tepat satu laporan di peta.",
    "Server": "Server",
    "Sign in first with your staff account.": "Masuk dulu dengan akun petugas Anda.",
    "Sign in": "Masuk",
    "Sign out": "Keluar",
    "Your sign-in has ended (expired or revoked). Sign in again with your password.": (
        "Sesi masuk Anda sudah berakhir (kedaluwarsa atau dicabut). Masuk lagi dengan kata sandi Anda."
    ),
    "Signed in as {user}.": "Masuk sebagai {user}.",
    "Since (date)": "Sejak tanggal",
    "Status": "Status",
    "The QGIS master password is needed to keep the token safely.": "Kata sandi induk QGIS diperlukan untuk menyimpan token dengan aman.",
    "The file could not be downloaded: {error}": "Berkas tidak dapat diunduh: {error}",
    "The server answered with code {status}.": "Server menjawab dengan kode {status}.",
    "The server {url} cannot be reached: {error}. Check the server address and the connection.": "Server {url} tidak dapat dihubungi: {error}. Periksa alamat server dan koneksi internet.",
    "The session has ended or you are not signed in: sign in again.": "Sesi berakhir atau belum masuk: masuk lagi.",
    "The token could not be saved in the QGIS authentication database.": "Token tidak dapat disimpan di basis data autentikasi QGIS.",
    "Timeline and photos": "Linimasa dan foto",
    "Username": "Pengguna",
    "{error} You stay signed in for this session.": "{error} Anda tetap masuk untuk sesi ini.",
    "{n} reports": "{n} laporan",
    # issue 16: an officer's daily tool
    "Account": "Akun",
    "All labels": "Semua label",
    "All open": "Semua yang terbuka",
    "Cannot reach the server: {why}. Check the server address and the connection, then try again.": (
        "Server tidak dapat dihubungi: {why}. Periksa alamat server dan koneksi, lalu coba lagi."
    ),
    "Click a report on the map (Select tool).": "Klik satu laporan di peta (alat Pilih).",
    "Connecting to the server…": "Menghubungi server…",
    "Every report still waiting for action, whatever its date, place or label": (
        "Semua laporan yang masih menunggu tindakan, apa pun tanggal, tempat atau labelnya"
    ),
    "Fill in the server, your username and your password.": "Isi alamat server, nama pengguna dan kata sandi Anda.",
    "Filters": "Saringan",
    "Kecamatan boundary": "Batas kecamatan",
    "Label": "Label",
    "Lapor Trenggalek: actions of report {id}": "Lapor Trenggalek: tindakan laporan {id}",
    "Lapor Trenggalek: checking the sign-in": "Lapor Trenggalek: memeriksa sesi masuk",
    "Lapor Trenggalek: photo": "Lapor Trenggalek: foto",
    "Lapor Trenggalek: report {id}": "Lapor Trenggalek: laporan {id}",
    "Lapor Trenggalek: signing in": "Lapor Trenggalek: masuk",
    "Lapor Trenggalek: signing out": "Lapor Trenggalek: keluar",
    "Lapor Trenggalek: timeline of report {id}": "Lapor Trenggalek: linimasa laporan {id}",
    "Loading reports…": "Memuat laporan…",
    "Loading was cancelled; the map is as it was.": "Pemuatan dibatalkan; peta tetap seperti sebelumnya.",
    "Open the photo large": "Buka foto ukuran besar",
    "Overdue": "Terlambat",
    "Overdue (red ring)": "Terlambat (lingkar merah)",
    "Overdue only": "Hanya yang terlambat",
    "Overdue: {n}": "Terlambat: {n}",
    "QGIS master password": "Kata sandi induk QGIS",
    "QGIS will now ask for a master password. It locks the sign-in this plugin keeps on this computer, so you do "
    "not type your Lapor Trenggalek password every day. Choose one you remember: QGIS asks for it once per "
    "session. It is not your Lapor Trenggalek password and is never sent anywhere.": (
        "Sebentar lagi QGIS meminta kata sandi induk (master password). Kata sandi ini mengunci sesi masuk yang "
        "disimpan plugin di komputer ini, agar Anda tidak perlu mengetik kata sandi Lapor Trenggalek setiap hari. "
        "Pilih yang mudah Anda ingat: QGIS memintanya sekali setiap kali dibuka. Ini bukan kata sandi Lapor "
        "Trenggalek Anda dan tidak pernah dikirim ke mana pun."
    ),
    "Report {id}: {status}.": "Laporan {id}: {status}.",
    "Selected report": "Laporan terpilih",
    "Sign-in cancelled.": "Masuk dibatalkan.",
    "Signing in…": "Sedang masuk…",
    "Something went wrong in the plugin; the details are in the log.": (
        "Terjadi kesalahan pada plugin; rinciannya ada di log pesan QGIS."
    ),
    "The server {url} did not answer like a Lapor Trenggalek server. Check the server address.": (
        "Server {url} tidak menjawab seperti server Lapor Trenggalek. Periksa alamat server."
    ),
    "any day": "Semua tanggal",
    "Fieldwork sent: {sent}, refused: {refused} (details under Send).": "Kerja lapangan terkirim: {sent}, ditolak: {refused} (rinciannya di bawah Kirim).",
    "Field package: actions are recorded here and sent with Send.": "Paket lapangan: tindakan dicatat di sini dan dikirim dengan Kirim.",
    "the address {host} was not found": "alamat {host} tidak ditemukan",
    "the connection to {url} failed (network error {code})": "sambungan ke {url} gagal (galat jaringan {code})",
    "the last day comes before the first day.": "tanggal akhir lebih awal dari tanggal awal.",
    "the secure connection (TLS) to {host} failed": "sambungan aman (TLS) ke {host} gagal",
    "the server at {url} did not answer within {s} seconds": "server {url} tidak menjawab dalam {s} detik",
    "the server at {url} refused the connection (is it running?)": (
        "server {url} menolak sambungan (apakah server sedang berjalan?)"
    ),
    "Basemap (OpenStreetMap)": "Peta dasar (OpenStreetMap)",
    "Desa/kelurahan boundary": "Batas desa/kelurahan",
    "Reports (field package)": "Laporan (paket lapangan)",
    "The action could not be kept in the field package.": "Tindakan tidak dapat disimpan di paket lapangan.",
    "The field package could not be written: {error}": "Paket lapangan tidak dapat ditulis: {error}",
    "The report changed meanwhile (someone acted first): {reason}": (
        "Laporan sudah berubah sementara itu (ada yang bertindak lebih dulu): {reason}"
    ),
    "Fieldwork without a connection": "Kerja lapangan tanpa sinyal",
    "Take to the field": "Bawa ke lapangan",
    "Save your open reports with their photos to a GeoPackage for use offline": (
        "Simpan laporan terbuka Anda beserta fotonya ke GeoPackage untuk dipakai tanpa sinyal"
    ),
    "Send": "Kirim",
    "Send the actions recorded in the field, now that you are online": (
        "Kirim tindakan yang dicatat di lapangan, setelah kembali tersambung"
    ),
    "Lapor Trenggalek: taking reports to the field": "Lapor Trenggalek: menyiapkan paket lapangan",
    "{n} open reports saved to {path}.": "{n} laporan terbuka disimpan ke {path}.",
    "Recorded offline; waiting to be sent: {n}.": "Dicatat tanpa sinyal; menunggu dikirim: {n}.",
    "Report {id}: recorded; press Send when you are online.": (
        "Laporan {id}: dicatat; tekan Kirim saat sudah tersambung."
    ),
    "Sign in and take reports to the field first.": "Masuk dan bawa laporan ke lapangan dulu.",
    "Report {id}: sent ({status}).": "Laporan {id}: terkirim ({status}).",
    "Report {id}: refused: {reason}": "Laporan {id}: ditolak: {reason}",
    "Nothing waiting to be sent.": "Tidak ada yang menunggu dikirim.",
    "Lapor Trenggalek: sending fieldwork": "Lapor Trenggalek: mengirim hasil lapangan",
    # field names (core/api.py FIELD_LABELS) and the layer's field aliases (core/layers.py REPORT_FIELDS)
    "From date": "Sejak tanggal",
    "To date": "Sampai tanggal",
    "No.": "No.",
    "Reported (WIB)": "Dilaporkan (WIB)",
    "Response due (WIB)": "Tenggat respons (WIB)",
    "Resolution due (WIB)": "Tenggat penyelesaian (WIB)",
    "Description": "Uraian",
    "OPD": "OPD",
    "Status code": "Kode status",
    "Overdue clock": "Tenggat yang terlewat",
    "Label code": "Kode label",
    "Squad": "Pasukan",
    "Squad colour": "Warna pasukan",
    "Kecamatan code": "Kode kecamatan",
    "Desa code": "Kode desa",
    "Desa/kelurahan": "Desa/kelurahan",
    "Photo": "Foto",
    # overdue clocks (core/layers.py OVERDUE_CLOCKS)
    "Overdue: verification deadline passed": "Terlambat: tenggat verifikasi lewat",
    "Overdue: first-response deadline passed": "Terlambat: tenggat respons pertama lewat",
    "Overdue: resolution deadline passed": "Terlambat: tenggat penyelesaian lewat",
    # status labels (core/layers.py STATUS_STYLE)
    "Received": "Diterima",
    "Verified": "Terverifikasi",
    "Dispatched to OPD": "Diteruskan ke OPD",
    "Returned by OPD": "Dikembalikan OPD",
    "In progress": "Sedang ditangani",
    "Reopened": "Dibuka kembali",
    "Resolved": "Selesai ditangani",
    "Closed": "Ditutup",
    "Rejected": "Ditolak",
    "Duplicate": "Duplikat",
}


def main() -> None:
    messages = "".join(
        f"    <message>\n        <source>{escape(source)}</source>\n        <translation>{escape(target)}</translation>\n"
        "    </message>\n"
        for source, target in ID.items()
    )
    ts = FOLDER / "lapor_trenggalek_id.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="id_ID">\n'
        f"<context>\n    <name>{CONTEXT}</name>\n{messages}</context>\n</TS>\n",
        encoding="utf-8",
    )
    subprocess.run(["lrelease", "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


if __name__ == "__main__":
    main()
