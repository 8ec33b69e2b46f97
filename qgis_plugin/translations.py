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
