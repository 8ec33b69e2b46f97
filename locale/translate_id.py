"""Fill the Indonesian catalogue after `manage.py makemessages -l id`:

    .venv/bin/python manage.py makemessages -l id --ignore=.venv --ignore=node_modules --ignore=tests --ignore=var --no-location
    PYTHONPATH=<polib> python3 locale/translate_id.py   # then review the .po file, and compilemessages

The .po file is the source of truth; this script only adds the translations written here for new strings.
"""

import sys
from pathlib import Path

import polib

T = {
    "No such tile: the zoom must lie in 0..%s.": "Tidak ada ubin ini: zoom harus di antara 0..%s.",
    "No such tile: at zoom %(z)s, x and y must lie in 0..%(max)s.": (
        "Tidak ada ubin ini: pada zoom %(z)s, x dan y harus di antara 0..%(max)s."
    ),
    "More than %s reports in this area: circles show how many there are (bigger: more). Zoom in or tap a circle "
    "to see them one by one. The list shows the newest.": (
        "Lebih dari %s laporan di area ini: lingkaran menunjukkan banyaknya (makin besar, makin banyak). "
        "Perbesar peta atau ketuk lingkaran untuk melihatnya satu per satu. Daftar menampilkan yang terbaru."
    ),
    "%s reports here": "%s laporan di sini",
    "published location": "lokasi yang dipublikasikan",
    "Unknown status: %(wrong)s. Use: %(allowed)s.": "Status tidak dikenal: %(wrong)s. Gunakan: %(allowed)s.",
    "one or more statuses, comma-separated: %s": "satu atau beberapa status, dipisah koma: %s",
    "only reports held by this OPD (code)": "hanya laporan yang dipegang OPD ini (kode)",
    "only reports past a deadline": "hanya laporan yang melewati tenggat",
    "Unknown OPD code: %s.": "Kode OPD tidak dikenal: %s.",
    "lead OPDs": "OPD pengampu",
    "The agencies whose officers form this squad.": "OPD yang petugasnya membentuk pasukan ini.",
    "duplicate of": "duplikat dari",
    "other citizens reporting the same": "warga lain yang melaporkan hal sama",
    "verification due": "tenggat verifikasi",
    "first response due": "tenggat respons pertama",
    "resolution due": "tenggat penyelesaian",
    "resolved": "diselesaikan",
    "for the timeline": "untuk linimasa",
    "reject only": "hanya untuk tolak",
    "dispatch: OPD code (default: the label's OPD)": "teruskan: kode OPD (bawaan: OPD label)",
    "mark_duplicate: the original report": "tandai duplikat: laporan aslinya",
    "resolve: proof photo (JPEG, PNG, WebP, HEIC)": "selesaikan: foto bukti (JPEG, PNG, WebP, HEIC)",
    "the status you saw; 409 if it changed meanwhile": "status yang Anda lihat; 409 bila sudah berubah",
    "Report received": "Laporan diterima",
    "Closed automatically: no answer after the fix.": "Ditutup otomatis: tidak ada tanggapan setelah perbaikan.",
    "Missing or wrong input (note, reason, photo, OPD, original)": "Isian kurang atau salah (catatan, alasan, foto, OPD, laporan asli)",
    "Your role may not do this, or not in the report's state": "Peran Anda tidak boleh melakukan ini, atau tidak pada status laporan ini",
    "No such report that you can see": "Tidak ada laporan seperti itu yang dapat Anda lihat",
    "Someone else acted first; reload and look again": "Orang lain sudah bertindak lebih dulu; muat ulang dan periksa lagi",
    "Sign in with a staff account (operator, OPD officer or leadership).": "Masuk dengan akun petugas (operator, petugas OPD atau pimpinan).",
    "There is no report with this number that you can see.": "Tidak ada laporan dengan nomor ini yang dapat Anda lihat.",
    "Check the fields.": "Periksa isian.",
    "No report has this tracking code. Check the code on your receipt.": "Tidak ada laporan dengan kode lacak ini. Periksa kode pada bukti laporan Anda.",
    "Unknown tracking code": "Kode lacak tidak dikenal",
    "A citizen can only confirm the fix or reopen the report.": "Warga hanya dapat mengonfirmasi perbaikan atau membuka kembali laporan.",
    "Note": "Catatan",
    "Reason": "Alasan",
    "Original report number": "Nomor laporan asli",
    "Proof photo": "Foto bukti",
    "Citizen (reporter)": "Warga (pelapor)",
    "System": "Sistem",
    "Hoax or junk": "Hoaks / abal-abal",
    "Outside the regency": "Di luar wilayah kabupaten",
    "Not enough information": "Informasi kurang",
    "Not the government's business": "Bukan urusan pemerintah",
    "action": "tindakan",
    "from": "dari",
    "to": "menjadi",
    "reason": "alasan",
    "note": "catatan",
    "when": "waktu",
    "report event": "riwayat laporan",
    "report events (audit trail)": "riwayat laporan (jejak audit)",
    "date": "tanggal",
    "holiday": "hari libur",
    "holidays": "hari libur",
    "Verify": "Verifikasi",
    "Reject": "Tolak",
    "Mark as duplicate": "Tandai duplikat",
    "Dispatch to OPD": "Teruskan ke OPD",
    "Dispatch again": "Teruskan ulang",
    "Acknowledge / start work": "Terima / mulai tangani",
    "Resolve": "Selesaikan",
    "Return: not ours": "Kembalikan: bukan kewenangan kami",
    "Not fixed: reopen": "Belum beres: buka kembali",
    "Confirm the fix": "Konfirmasi sudah beres",
    "There is no action called “%(name)s”.": "Tidak ada tindakan bernama “%(name)s”.",
    "Leadership can read every report but does not change them.": "Pimpinan dapat membaca semua laporan tetapi tidak mengubahnya.",
    "Your role (%(role)s) cannot do “%(action)s”.": "Peran Anda (%(role)s) tidak dapat melakukan “%(action)s”.",
    "This report is not dispatched to your OPD.": "Laporan ini tidak diteruskan ke OPD Anda.",
    "“%(action)s” is not possible while the report is “%(status)s”.": "“%(action)s” tidak dapat dilakukan selama laporan berstatus “%(status)s”.",
    "verification": "verifikasi",
    "first response": "respons pertama",
    "resolution": "penyelesaian",
    "[Lapor Trenggalek] Report %(id)d: %(status)s": "[Lapor Trenggalek] Laporan %(id)d: %(status)s",
    "Report %(id)d (%(label)s) is now “%(status)s” for %(opd)s.": "Laporan %(id)d (%(label)s) kini “%(status)s” untuk %(opd)s.",
    "[Lapor Trenggalek] Your report %(code)s: %(status)s": "[Lapor Trenggalek] Laporan Anda %(code)s: %(status)s",
    "Your report %(code)s (%(label)s) is now “%(status)s”. %(note)s": "Laporan Anda %(code)s (%(label)s) kini “%(status)s”. %(note)s",
    "[Lapor Trenggalek] Overdue: report %(id)d": "[Lapor Trenggalek] Melewati tenggat: laporan %(id)d",
    "Report %(id)d (%(label)s, %(kecamatan)s) has passed its %(clock)s target.": "Laporan %(id)d (%(label)s, %(kecamatan)s) telah melewati target %(clock)s.",
    "Write a short note: it goes into the report's timeline.": "Tulis catatan singkat: catatan masuk ke linimasa laporan.",
    "Add a photo that shows the problem fixed.": "Tambahkan foto yang menunjukkan masalah sudah beres.",
    "Choose a reason: %(choices)s.": "Pilih alasan: %(choices)s.",
    "Unknown or inactive OPD: %(code)s.": "OPD tidak dikenal atau tidak aktif: %(code)s.",
    "Give the number of the original report.": "Isi nomor laporan aslinya.",
    "The original must be a live report, not a rejected one or another duplicate.": "Laporan asli harus laporan yang masih berjalan, bukan yang ditolak atau duplikat lain.",
    "A report can be reopened only within %(days)d days of its resolution; send a new report instead.": "Laporan hanya dapat dibuka kembali dalam %(days)d hari setelah diselesaikan; kirim laporan baru saja.",
    "Someone else acted on this report first; it is now “%(status)s”. Reload and look again.": "Orang lain sudah menindaklanjuti laporan ini lebih dulu; kini berstatus “%(status)s”. Muat ulang dan periksa lagi.",
    "Duplicates": "Duplikat",
    "Dispatched": "Diteruskan",
    "Follow-up rate": "Tingkat tindak lanjut",
    "Verification median": "Median verifikasi",
    "Resolution median / p90": "Penyelesaian median / p90",
    "No.": "No.",
    "Label": "Label",
    "Description": "Keterangan",
    "Place": "Lokasi",
    "Status": "Status",
    "Due": "Tenggat",
    "overdue": "lewat tenggat",
    "response": "respons",
    "Nothing waiting here.": "Tidak ada yang menunggu.",
    "Staff desk": "Meja petugas",
    "Verification desk": "Meja verifikasi",
    "OPD desk": "Meja OPD",
    "Performance": "Kinerja",
    "Sign out": "Keluar",
    "OPD performance": "Kinerja OPD",
    "Month": "Bulan",
    "Show": "Tampilkan",
    "Fastest": "Tercepat",
    "median first response": "median respons pertama",
    "working days": "hari kerja",
    "Slowest": "Terlambat",
    "Ranking by response speed": "Peringkat kecepatan respons",
    "Responded": "Direspons",
    "First response median / p90": "Respons pertama median / p90",
    "Resolved within target": "Selesai sesuai target",
    "Overdue now": "Lewat tenggat kini",
    "Returned": "Dikembalikan",
    "Times are in working days (Monday–Friday, national holidays excluded, WIB), counted from the moment a report reached the OPD. OPDs with fewer than %(min_count)s reports in the month are listed but not ranked. Figures come from the audit trail; a returned report counts for the OPD that returned it only in “Returned”.": "Waktu dalam hari kerja (Senin–Jumat, tanpa libur nasional, WIB), dihitung sejak laporan sampai di OPD. OPD dengan kurang dari %(min_count)s laporan dalam sebulan ditampilkan tetapi tidak diperingkat. Angka berasal dari jejak audit; laporan yang dikembalikan hanya dihitung pada kolom “Dikembalikan” bagi OPD yang mengembalikannya.",
    "By kecamatan": "Menurut kecamatan",
    "By label": "Menurut label",
    "Reports for": "Laporan untuk",
    "Open reports": "Laporan terbuka",
    "Overdue first, then by the nearest deadline. Acknowledge as soon as you have seen a report; resolve with a photo of the fix; return what is not yours.": "Yang lewat tenggat di atas, lalu menurut tenggat terdekat. Terima begitu Anda melihat laporan; selesaikan dengan foto perbaikan; kembalikan yang bukan kewenangan Anda.",
    "Confidential reports to screen": "Laporan rahasia untuk diperiksa",
    "To screen and dispatch": "Untuk diperiksa dan diteruskan",
    "Oldest first. Open a report to verify, reject, mark it as a duplicate or dispatch it to an OPD.": "Yang terlama di atas. Buka laporan untuk memverifikasi, menolak, menandai duplikat atau meneruskannya ke OPD.",
    "Returned by an OPD": "Dikembalikan oleh OPD",
    "Sign in": "Masuk",
    "Staff sign-in": "Masuk petugas",
    "Wrong username or password. Try again.": "Nama pengguna atau kata sandi salah. Coba lagi.",
    "Username": "Nama pengguna",
    "Password": "Kata sandi",
    "Report": "Laporan",
    "No photo.": "Tidak ada foto.",
    "(no description)": "(tanpa keterangan)",
    "Kecamatan": "Kecamatan",
    "just outside the boundary": "sedikit di luar batas wilayah",
    "Coordinates": "Koordinat",
    "Tracking code": "Kode lacak",
    "First response due": "Tenggat respons pertama",
    "Resolution due": "Tenggat penyelesaian",
    "Also reported by": "Juga dilaporkan oleh",
    "other citizens": "warga lain",
    "Reporter": "Pelapor",
    "Map of the report": "Peta laporan",
    "The point and the boundary of its desa.": "Titik laporan dan batas desanya.",
    "Timeline": "Linimasa",
    "Actions": "Tindakan",
    "OPD (suggested: the label's OPD)": "OPD (saran: OPD label ini)",
    "Original report": "Laporan asli",
    "report number": "nomor laporan",
    "Photo of the fix": "Foto perbaikan",
    "You have no action on this report now.": "Saat ini tidak ada tindakan Anda untuk laporan ini.",
    "Similar reports nearby": "Laporan serupa di sekitar",
    "Same label within 250 m and 30 days.": "Label sama dalam radius 250 m dan 30 hari.",
    "This account has no staff role. Ask the administrator.": "Akun ini tidak punya peran petugas. Hubungi administrator.",
    "The verification desk is for operators.": "Meja verifikasi untuk operator.",
    "The OPD desk is for OPD officers.": "Meja OPD untuk petugas OPD.",
    "The dashboard is for leadership.": "Dasbor ini untuk pimpinan.",
    "Choose a month like 2026-10.": "Pilih bulan seperti 2026-10.",
    "Check the form: %(errors)s": "Periksa formulir: %(errors)s",
    "Done: report %(id)d is now “%(status)s”.": "Berhasil: laporan %(id)d kini “%(status)s”.",
    "Report a problem": "Laporkan masalah",
    "Language": "Bahasa",
    "You are offline. Reports you send are kept on this phone and sent when the connection returns.": "Anda sedang luring. Laporan yang Anda kirim disimpan di ponsel ini dan dikirim saat sinyal kembali.",
    "All": "Semua",
    "Waiting": "Menunggu",
    "Being handled": "Sedang ditangani",
    "Done": "Selesai",
    "From": "Dari",
    "Until": "Sampai",
    "waiting": "menunggu",
    "being handled": "sedang ditangani",
    "Reports in this area": "Laporan di area ini",
    "Thank you, your report was received": "Terima kasih, laporan Anda sudah diterima",
    "Waiting for a connection": "Menunggu sinyal",
    "Take a photo, pick a label, send. Typing is optional.": "Ambil foto, pilih label, kirim. Mengetik tidak wajib.",
    "Take or choose a photo": "Ambil atau pilih foto",
    "More photos (optional)": "Foto lain (tidak wajib)",
    "This label is confidential: the report is never shown on the public map and only the oversight squad sees it.": "Label ini rahasia: laporan tidak pernah tampil di peta publik dan hanya dilihat tim pengawas.",
    "Map: drag the pin to where the problem is": "Peta: geser pin ke lokasi masalah",
    "Cannot use the map? Choose your kecamatan and desa instead": "Tidak bisa memakai peta? Pilih kecamatan dan desa Anda",
    "Details (optional)": "Keterangan (tidak wajib)",
    "What is the problem?": "Apa masalahnya?",
    "Your name and contact are seen only by the officers handling your report, never on the public map. You may stay anonymous.": "Nama dan kontak Anda hanya dilihat petugas yang menangani laporan, tidak pernah tampil di peta publik. Anda boleh anonim.",
    "Send anonymously": "Kirim tanpa nama (anonim)",
    "Name": "Nama",
    "Phone / WhatsApp": "Telepon / WhatsApp",
    "%s reports in this area": "%s laporan di area ini",
    "The newest %s reports in this area; zoom in to see more.": "%s laporan terbaru di area ini; perbesar peta untuk melihat lebih banyak.",
    "The reports could not be loaded. Check the connection.": "Laporan tidak dapat dimuat. Periksa koneksi.",
    "Location of the problem (drag to move)": "Lokasi masalah (geser untuk memindah)",
    "This phone cannot give its location: put the pin on the map, or choose kecamatan and desa.": "Ponsel ini tidak dapat memberi lokasi: letakkan pin di peta, atau pilih kecamatan dan desa.",
    "Finding your location…": "Mencari lokasi Anda…",
    "Location found (within about %s m). Drag the pin if it is not exact.": "Lokasi ditemukan (ketelitian sekitar %s m). Geser pin bila kurang tepat.",
    "The location could not be found: put the pin on the map, or choose kecamatan and desa.": "Lokasi tidak ditemukan: letakkan pin di peta, atau pilih kecamatan dan desa.",
    "Sending…": "Mengirim…",
    "%s report(s) saved on this phone; they will be sent automatically when the connection returns.": "%s laporan tersimpan di ponsel ini; akan dikirim otomatis saat sinyal kembali.",
    "Lapor Trenggalek: map of citizen reports": "Lapor Trenggalek: peta laporan warga",
    "Filter the reports": "Saring laporan",
    "All labels": "Semua label",
    "All kecamatan": "Semua kecamatan",
    "Colour by": "Warna menurut",
    "Map of public reports": "Peta laporan publik",
    "Your tracking code:": "Kode lacak Anda:",
    "Write it down or take a screenshot: it opens your report's page.": "Catat atau simpan tangkapan layar: kode ini membuka halaman laporan Anda.",
    "Photo": "Foto",
    "Location": "Lokasi",
    "Use my location": "Pakai lokasi saya",
    "Put the pin on the map": "Taruh pin di peta",
    "Other labels": "Lainnya",
    "Desa/kelurahan": "Desa/kelurahan",
    "E-mail": "E-mail",
    "Send report": "Kirim laporan",
    "Open the report": "Buka laporan",
    "Loading reports…": "Memuat laporan…",
    "the action": "tindakan",
    "one short video (MP4 or WebM, at most 60 s)": "satu video pendek (MP4 atau WebM, paling lama 60 detik)",
    "public map precision (m)": "ketelitian di peta publik (m)",
    "0: exact. Otherwise the public map shows the point rounded to a grid of this size (sensitive labels).": "0: tepat. Selain itu peta publik menampilkan titik yang dibulatkan ke kisi sebesar ini (label sensitif).",
    "video": "video",
    "poster frame": "gambar sampul",
    "seconds": "detik",
    "videos": "video",
    "%(name)s is %(seconds)d seconds long; send at most %(limit)d seconds.": "%(name)s berdurasi %(seconds)d detik; kirim paling lama %(limit)d detik.",
    "A short video (optional, MP4 or WebM, at most 60 seconds)": "Video pendek (tidak wajib, MP4 atau WebM, paling lama 60 detik)",
    "%(name)s is not a video we can read. Send an MP4 or WebM video.": "%(name)s bukan video yang bisa kami baca. Kirim video MP4 atau WebM.",
    "There is no such plugin file here.": "Berkas plugin itu tidak ada di sini.",
    "the first day of the month": "hari pertama bulan itu",
    "figures": "angka",
    "generated": "dibuat",
    "Download the monthly PDF": "Unduh laporan bulanan (PDF)",
    "A monthly report exists only for months that have ended.": "Laporan bulanan hanya ada untuk bulan yang sudah berakhir.",
    "Monthly reports": "Laporan bulanan",
    "month": "bulan",
    "PDF": "PDF",
    "monthly report": "laporan bulanan",
    "monthly reports": "laporan bulanan",
    "The monthly report is for leadership.": "Laporan bulanan untuk pimpinan.",
    "Look up": "Cari",
    "The administration is for administrators only. Your work is on your desk: %(url)s": "Halaman administrasi hanya untuk administrator. Pekerjaan Anda ada di meja Anda: %(url)s",
    "Delete all Features": "Hapus semua fitur",
    "Debugging window (serialized value)": "Jendela debug (nilai terserialisasi)",
    # issue 13: only the citizen acts as the citizen; staff type codes, never see them
    "You are signed in as staff. Only the citizen who reported can confirm the fix or reopen the report with the tracking code; sign out first if you are that citizen.": "Anda masuk sebagai staf. Hanya warga pelapor yang dapat mengonfirmasi perbaikan atau membuka kembali laporan dengan kode lacak; keluar dulu jika Anda warga pelapor itu.",
    "No report that you can see has this tracking code. Ask the citizen to read it again.": "Tidak ada laporan yang dapat Anda lihat dengan kode lacak ini. Minta warga membacakannya sekali lagi.",
    "A citizen on the phone? Type the tracking code they read out:": "Warga menelepon? Ketik kode lacak yang dibacakannya:",
    "You have sent many reports in a short time (%(most)d in %(minutes)d minutes). Wait a little and try again; reports already sent are safe.": "Anda mengirim banyak laporan dalam waktu singkat (%(most)d dalam %(minutes)d menit). Tunggu sebentar lalu coba lagi; laporan yang sudah terkirim aman.",
    "This submission was refused.": "Pengiriman ini ditolak.",
    "one or more photos (JPEG, PNG, WebP, HEIC)": "satu atau beberapa foto (JPEG, PNG, WebP, HEIC)",
    "label code, see /api/categories/": "kode label, lihat /api/categories/",
    "WGS 84; may be left out when the photo carries GPS": "WGS 84; boleh kosong bila foto memuat GPS",
    "send no contact at all": "tanpa kontak sama sekali",
    "set by the device; a resend with the same id returns the same report": "diisi perangkat; kiriman ulang dengan id sama mengembalikan laporan yang sama",
    "leave empty (a field only bots fill)": "biarkan kosong (hanya diisi bot)",
    "keep it: it opens the report's page": "simpan: kode ini membuka halaman laporan",
    "Already received (same client_id)": "Sudah diterima (client_id sama)",
    "What is wrong, per field, in words a citizen understands": "Apa yang salah, per isian, dengan kata yang dipahami warga",
    "Too many reports from this sender lately": "Terlalu banyak laporan dari pengirim ini akhir-akhir ini",
    "client id": "id perangkat",
    "Follow your report": "Lacak laporan Anda",
    "Is it fixed?": "Apakah sudah beres?",
    "Yes, it is fixed": "Ya, sudah beres",
    "Not fixed? Tell us what is still wrong:": "Belum beres? Ceritakan apa yang masih salah:",
    "No, it is not fixed": "Belum, masih bermasalah",
    "Thank you: the fix is confirmed.": "Terima kasih: perbaikan sudah Anda konfirmasi.",
    "Thank you: the report is open again and the OPD has been told.": "Terima kasih: laporan dibuka kembali dan OPD sudah diberi tahu.",
    "Download": "Unduh",
    # abuse resistance: sign-in lockouts, tracking-code limit, API tokens
    "Too many tracking-code look-ups from your connection. Wait %(minutes)d minute(s), then try again.": (
        "Terlalu banyak pencarian kode lacak dari koneksi Anda. Tunggu %(minutes)d menit, lalu coba lagi."
    ),
    "Please wait": "Mohon tunggu",
    "The limit protects citizens' reports from people who guess tracking codes. Your reports are safe.": (
        "Batas ini melindungi laporan warga dari orang yang menebak kode lacak. Laporan Anda aman."
    ),
    "Back to the map": "Kembali ke peta",
    "Your sign-in has ended (expired, revoked or the password changed). Sign in again.": (
        "Sesi masuk Anda sudah berakhir (kedaluwarsa, dicabut, atau kata sandi diganti). Silakan masuk lagi."
    ),
    "Send the header as `Authorization: Token <token>`.": "Kirim header sebagai `Authorization: Token <token>`.",
    "`Token <token>` from POST /api/auth/token/. It ends after API_TOKEN_IDLE_DAYS unused, API_TOKEN_MAX_DAYS after "
    "sign-in, on sign-out and on a password change: then 401.": (
        "`Token <token>` dari POST /api/auth/token/. Berakhir setelah API_TOKEN_IDLE_DAYS hari tidak dipakai, "
        "API_TOKEN_MAX_DAYS hari setelah masuk, saat keluar, dan saat kata sandi diganti: lalu 401."
    ),
    "the device, e.g. QGIS (shown on the token page)": "perangkatnya, mis. QGIS (tampil di halaman token)",
    "at the latest; sooner when unused": "paling lambat; lebih cepat bila tidak dipakai",
    "it ends after this many days unused": "berakhir setelah sekian hari tidak dipakai",
    "Wrong username or password": "Nama pengguna atau kata sandi salah",
    "Cannot sign in: wrong username or password.": "Tidak dapat masuk: nama pengguna atau kata sandi salah.",
    "Too many failed sign-ins: locked for a while": "Terlalu banyak percobaan masuk yang gagal: dikunci sementara",
    "The token is ended": "Token sudah diakhiri",
    "Send the token to end as `Authorization: Token <token>`.": (
        "Kirim token yang hendak diakhiri sebagai `Authorization: Token <token>`."
    ),
    "Too many failed sign-ins. Signing in is locked until %(time)s WIB (about %(minutes)d minutes). If you forgot "
    "your password, ask the administrator.": (
        "Terlalu banyak percobaan masuk yang gagal. Masuk dikunci sampai pukul %(time)s WIB (sekitar %(minutes)d "
        "menit). Bila Anda lupa kata sandi, hubungi administrator."
    ),
    "device": "perangkat",
    "beginning of the token": "awal token",
    "signed in": "masuk",
    "Signed in": "Masuk sejak",
    "last used": "terakhir dipakai",
    "expires at the latest": "berakhir paling lambat",
    "API token": "token API",
    "API tokens": "Token API",
    "Each device signed in to the staff API (the QGIS plugin, a script) holds a token. A token ends after %(idle)s "
    "days unused and at the latest %(max)s days after signing in; signing out of this website or changing the "
    "password ends all of them. Revoke a device you do not recognise or no longer use.": (
        "Setiap perangkat yang masuk ke API petugas (plugin QGIS, skrip) memegang sebuah token. Token berakhir "
        "setelah %(idle)s hari tidak dipakai dan paling lambat %(max)s hari setelah masuk; keluar dari situs ini "
        "atau mengganti kata sandi mengakhiri semuanya. Cabut perangkat yang tidak Anda kenali atau tidak dipakai lagi."
    ),
    "Device": "Perangkat",
    "Token": "Token",
    "Last used": "Terakhir dipakai",
    "Ends": "Berakhir",
    "never": "belum pernah",
    "Revoke": "Cabut",
    "No device is signed in to the API with this account.": "Tidak ada perangkat yang masuk ke API dengan akun ini.",
    "You are signed out; your API sign-ins (QGIS) were ended too.": (
        "Anda sudah keluar; sesi masuk API Anda (QGIS) juga diakhiri."
    ),
    "You have no such token.": "Anda tidak memiliki token tersebut.",
    "The token is revoked: that device must sign in again.": "Token dicabut: perangkat itu harus masuk lagi.",
    "Too many tracking-code look-ups from this address: wait Retry-After seconds": (
        "Terlalu banyak pencarian kode lacak dari alamat ini: tunggu selama Retry-After detik"
    ),
    "Choose a day between %(first)s and %(last)s.": "Pilih hari antara %(first)s dan %(last)s.",
    "This JSON body is too large: at most %(kb)d kB.": "Isi JSON ini terlalu besar: paling banyak %(kb)d kB.",
    "This JSON body is nested too deeply: at most %(depth)d levels.": (
        "Isi JSON ini bersarang terlalu dalam: paling banyak %(depth)d tingkat."
    ),
    "This body is not valid JSON (line %(line)d, column %(column)d).": (
        "Isi ini bukan JSON yang sah (baris %(line)d, kolom %(column)d)."
    ),
    "This body is not valid JSON.": "Isi ini bukan JSON yang sah.",
    "The server is busy. Try again in a few seconds; a report sent twice is stored once.": (
        "Server sedang sibuk. Coba lagi beberapa detik lagi; laporan yang terkirim dua kali hanya disimpan sekali."
    ),
    "Your upload arrived too slowly and was stopped. Try again on a better connection.": (
        "Unggahan Anda terlalu lambat sehingga dihentikan. Coba lagi dengan koneksi yang lebih baik."
    ),
    "The database cannot be reached now. Try again in a minute; a report sent twice is stored once.": (
        "Basis data sedang tidak dapat dihubungi. Coba lagi satu menit lagi; laporan yang terkirim dua kali hanya "
        "disimpan sekali."
    ),
    "The server cannot store files at the moment. Try again later; nothing was stored.": (
        "Server sedang tidak dapat menyimpan berkas. Coba lagi nanti; tidak ada yang tersimpan."
    ),
    "This text contains a character that is not allowed (NUL).": (
        "Teks ini memuat karakter yang tidak diperbolehkan (NUL)."
    ),
    "The note is too long: at most %(max)d characters (this one has %(length)d).": (
        "Catatan terlalu panjang: paling banyak %(max)d karakter (catatan ini %(length)d)."
    ),
    # Open311 (open311/)
    "%(field)s: at most %(n)d values.": "%(field)s: paling banyak %(n)d nilai.",
    "%(field)s: contains a character that is not allowed.": "%(field)s: berisi karakter yang tidak diizinkan.",
    "%(field)s: must be a number.": "%(field)s: harus berupa angka.",
    "%(field)s: must be between %(low)s and %(high)s.": "%(field)s: harus di antara %(low)s dan %(high)s.",
    "%(field)s: not a date and time like 2026-11-01T00:00:00+07:00.": (
        "%(field)s: bukan tanggal dan jam seperti 2026-11-01T00:00:00+07:00."
    ),
    "%(field)s: the year must be between 2000 and 2100.": "%(field)s: tahun harus di antara 2000 dan 2100.",
    "%(field)s: too long (at most %(n)d characters).": "%(field)s: terlalu panjang (paling banyak %(n)d karakter).",
    "No report has this tracking code.": "Tidak ada laporan dengan kode lacak ini.",
    "Open311 (other civic apps)": "Open311 (aplikasi warga lain)",
    "Open311 application": "aplikasi Open311",
    "Open311 applications": "aplikasi Open311",
    "There is no public request with this number.": "Tidak ada laporan publik dengan nomor ini.",
    "There is no such Open311 address here.": "Alamat Open311 ini tidak ada.",
    "This address answers %(methods)s only.": "Alamat ini hanya menjawab %(methods)s.",
    "This application has sent many reports in the last hour. Try again in %(minutes)d minute(s).": (
        "Aplikasi ini telah mengirim banyak laporan dalam satu jam terakhir. Coba lagi dalam %(minutes)d menit."
    ),
    "Unknown format: use .json or .xml.": "Format tidak dikenal: gunakan .json atau .xml.",
    "api_key: sending a request needs this application's key.": (
        "api_key: mengirim laporan memerlukan kunci aplikasi ini."
    ),
    "api_key: this key is not valid. Ask the Kominfo administrator for a key.": (
        "api_key: kunci ini tidak berlaku. Mintalah kunci kepada administrator Kominfo."
    ),
    "application": "aplikasi",
    "contact person": "narahubung",
    "end_date: must not be before start_date.": "end_date: tidak boleh sebelum start_date.",
    "jurisdiction_id: this server serves only %(ours)s.": "jurisdiction_id: server ini hanya melayani %(ours)s.",
    "key starts with": "awal kunci",
    "lat, long: give both, or neither.": "lat, long: isi keduanya, atau tidak sama sekali.",
    "lat, long: give the location as coordinates (an address alone is not enough).": (
        "lat, long: berikan lokasi sebagai koordinat (alamat saja tidak cukup)."
    ),
    "media_url: must be an http or https link to the photo.": "media_url: harus tautan http atau https ke foto.",
    "media_url: photos from %(host)s are not accepted for this application.": (
        "media_url: foto dari %(host)s tidak diterima untuk aplikasi ini."
    ),
    "media_url: the photo could not be fetched. Send it as the media file instead.": (
        "media_url: foto tidak dapat diambil. Kirim sebagai berkas media saja."
    ),
    "media_url: the photo is too large.": "media_url: foto terlalu besar.",
    "media_url: the photo's host could not be found.": "media_url: server foto tidak ditemukan.",
    "photo hosts": "server foto",
    "radius: give lat and long with it.": "radius: sertakan lat dan long.",
    "service_code: there is no service %(code)s.": "service_code: tidak ada layanan %(code)s.",
    "service_code: use codes from the service list, separated by commas.": (
        "service_code: gunakan kode dari daftar layanan, dipisah koma."
    ),
    "service_request_id: use request numbers, separated by commas.": (
        "service_request_id: gunakan nomor laporan, dipisah koma."
    ),
    "start_date, end_date: the range may span at most 90 days.": ("start_date, end_date: rentang paling lama 90 hari."),
    "status: use open, closed or both (open,closed).": "status: gunakan open, closed atau keduanya (open,closed).",
    "Give a new key (the old one stops working)": "Beri kunci baru (kunci lama tidak berlaku lagi)",
    "The api_key of %(name)s is %(key)s. Copy it now and give it to the application's developers: it will not be "
    "shown again.": (
        "api_key untuk %(name)s adalah %(key)s. Salin sekarang dan berikan kepada pengembang aplikasi: kunci ini "
        "tidak akan ditampilkan lagi."
    ),
    "Host names this application's photos may be fetched from (media_url), separated by spaces, e.g. "
    "media.example.org. Empty: photos only as an uploaded file (media).": (
        "Nama server tempat foto aplikasi ini boleh diambil (media_url), dipisah spasi, mis. media.example.org. "
        "Kosong: foto hanya sebagai berkas unggahan (media)."
    ),
    "Received. The citizen's tracking code is %(code)s: give it to them alone; they follow the report at %(url)s": (
        "Diterima. Kode lacak warga adalah %(code)s: berikan hanya kepada warga tersebut; laporan dapat diikuti di "
        "%(url)s"
    ),
    # Exports (issue 15)
    "UTF-8 with a byte order mark (Excel), CRLF line ends, one report per line, newest first; text a spreadsheet "
    "would run as a formula starts with an apostrophe. Times are ISO 8601 in WIB (+07:00); longitude and latitude "
    "in EPSG:4326.": (
        "UTF-8 dengan byte order mark (Excel), akhir baris CRLF, satu laporan per baris, terbaru dulu; teks yang akan "
        "dijalankan spreadsheet sebagai rumus diawali apostrof. Waktu dalam ISO 8601 WIB (+07:00); bujur dan lintang "
        "dalam EPSG:4326."
    ),
    "A GeoPackage with one point layer `laporan` (EPSG:4326, geometry column `geom`), the CSV's columns as fields; "
    "times are ISO 8601 text in WIB (+07:00).": (
        "GeoPackage dengan satu layer titik `laporan` (EPSG:4326, kolom geometri `geom`), kolom CSV sebagai field; "
        "waktu berupa teks ISO 8601 dalam WIB (+07:00)."
    ),
    "%(count)s reports match: a GeoPackage holds at most %(max)s. Choose a shorter period or fewer labels, or "
    "download the CSV, which has no limit.": (
        "%(count)s laporan cocok: GeoPackage memuat paling banyak %(max)s. Pilih periode yang lebih pendek atau "
        "lebih sedikit label, atau unduh CSV, yang tanpa batas."
    ),
    "The GeoPackage could not be made. Try again later.": "GeoPackage tidak dapat dibuat. Coba lagi nanti.",
    " Staff columns: confidential, opd, opd_name, the three due times, overdue, extra_reporters, located, and "
    "contact_name, contact_phone, contact_email where your role may read the reporter's contact (else empty).": (
        " Kolom staf: confidential, opd, opd_name, tiga tenggat, overdue, extra_reporters, located, serta "
        "contact_name, contact_phone, contact_email bila peran Anda boleh membaca kontak pelapor (selain itu kosong)."
    ),
    "a month, YYYY-MM": "satu bulan, YYYY-MM",
    "Give a month or a first and last day, not both.": "Isi bulan atau hari pertama dan terakhir, jangan keduanya.",
    "Give both the first and last day.": "Isi hari pertama dan hari terakhir.",
    "opd: per-OPD performance (the ranking); kecamatan, label, pasukan: per area, label, squad; bulanan: received "
    "and resolved per month; ringkasan: the period's summary": (
        "opd: kinerja per OPD (peringkat); kecamatan, label, pasukan: per wilayah, label, pasukan; bulanan: diterima "
        "dan selesai per bulan; ringkasan: ringkasan periode"
    ),
    "UTF-8 with BOM. Working days to one decimal and percentages to whole numbers (half away from zero), as on the "
    "dashboard; every row ends with period_start, period_end and as_of (WIB).": (
        "UTF-8 dengan BOM. Hari kerja satu desimal dan persentase bilangan bulat (setengah dibulatkan menjauhi nol), "
        "seperti di dasbor; setiap baris diakhiri period_start, period_end dan as_of (WIB)."
    ),
    "Invalid period": "Periode tidak sah",
    "No such table": "Tabel itu tidak ada",
    "The dashboard's figures are for leadership.": "Angka-angka dasbor ini untuk pimpinan.",
    "There is no such figures table.": "Tabel angka itu tidak ada.",
    "By squad": "Per pasukan",
    "Per month": "Per bulan",
    "Summary": "Ringkasan",
    "Figures tables (CSV):": "Tabel angka (CSV):",
    "The period's reports you may see:": "Laporan periode ini yang boleh Anda lihat:",
    "CSV in UTF-8 for Excel and LibreOffice; GeoPackage for QGIS (EPSG:4326). Times in WIB. The figures are rounded "
    "as on this page and computed now; each row names its period and instant.": (
        "CSV dalam UTF-8 untuk Excel dan LibreOffice; GeoPackage untuk QGIS (EPSG:4326). Waktu dalam WIB. Angka "
        "dibulatkan seperti di halaman ini dan dihitung saat ini; setiap baris menyebut periode dan saatnya."
    ),
    "position in the audit chain": "posisi dalam rantai audit",
    "audit chain hash": "hash rantai audit",
    "Give --head as POSITION:HASH, e.g. --head 41873:9f2c41d07a1be3c8.": "Tulis --head sebagai POSISI:HASH, misalnya --head 41873:9f2c41d07a1be3c8.",
    "--batch-size must be at least 1.": "--batch-size paling sedikit 1.",
    "Audit chain intact: %(count)s events, head %(position)s:%(hash)s.": "Rantai audit utuh: %(count)s peristiwa, kepala %(position)s:%(hash)s.",
    "The chain has no position %(position)s: events recorded before that head are missing.": "Rantai tidak memiliki posisi %(position)s: peristiwa yang tercatat sebelum kepala itu hilang.",
    "The head %(position)s:%(given)s does not match: the chain holds %(found)s there. The history up to that head was rewritten after it was printed (and the chain recomputed).": "Kepala %(position)s:%(given)s tidak cocok: rantai memuat %(found)s di posisi itu. Riwayat sampai kepala itu telah ditulis ulang setelah dicetak (dan rantainya dihitung ulang).",
    "The head %(position)s:%(given)s matches: the history up to it is unchanged.": "Kepala %(position)s:%(given)s cocok: riwayat sampai kepala itu tidak berubah.",
    "Audit chain BROKEN: %(n)s events have no place in the chain (written with the trigger off).": "Rantai audit RUSAK: %(n)s peristiwa tidak punya tempat dalam rantai (ditulis dengan trigger dimatikan).",
    "Audit chain BROKEN at position %(position)s (event %(id)s, report %(report)s, %(time)s): %(missing)s event(s) before it are missing (deleted).": "Rantai audit RUSAK pada posisi %(position)s (peristiwa %(id)s, laporan %(report)s, %(time)s): %(missing)s peristiwa sebelumnya hilang (dihapus).",
    "Audit chain BROKEN at position %(position)s (event %(id)s, report %(report)s, %(time)s): its hash does not follow from its content and the previous link. This event was altered, or an event just before it was removed or inserted.": "Rantai audit RUSAK pada posisi %(position)s (peristiwa %(id)s, laporan %(report)s, %(time)s): hash-nya tidak sesuai dengan isinya dan mata rantai sebelumnya. Peristiwa ini telah diubah, atau peristiwa tepat sebelumnya dihapus atau disisipkan.",
    "This request came without the form's security token (CSRF): reload the page and try again.": "Permintaan ini datang tanpa token keamanan formulir (CSRF): muat ulang halaman lalu coba lagi.",
    "There is nothing at this address.": "Tidak ada apa pun di alamat ini.",
    "Something went wrong on the server. Try again in a moment.": "Terjadi kesalahan di server. Coba lagi sebentar lagi.",
    "This body is not a valid multipart form: send the fields again.": "Isi ini bukan formulir multipart yang sah: kirim ulang isiannya.",
    "This body is not a valid form: send the fields again.": "Isi ini bukan formulir yang sah: kirim ulang isiannya.",
    "Unknown format: %(format)s. Use: %(known)s.": "Format tidak dikenal: %(format)s. Gunakan: %(known)s.",
    "what went wrong, in the user's language": "apa yang salah, dalam bahasa pengguna",
    "per request field (parameter or form field): what is wrong with it; may be empty": "per isian permintaan (parameter atau isian formulir): apa yang salah; boleh kosong",
    "Wrong input: `errors` names each wrong field or parameter and why": "Masukan salah: `errors` menyebut setiap isian atau parameter yang salah beserta alasannya",
    "The token sent is unknown, ended or malformed (sign in again)": "Token yang dikirim tidak dikenal, sudah berakhir, atau rusak (masuk lagi)",
    "Not allowed for this account (or a signed-in form without its CSRF token)": "Tidak diizinkan untuk akun ini (atau formulir sesi tanpa token CSRF-nya)",
    "Nothing here that you may see": "Tidak ada yang boleh Anda lihat di sini",
    "No answer in the media type asked for (Accept header or `format`)": "Tidak ada jawaban dalam jenis media yang diminta (header Accept atau `format`)",
    "The body's media type is not one this operation reads": "Jenis media isi ini tidak dibaca oleh operasi ini",
    "Public reports as a Mapbox Vector Tile (layer `reports`), for the citizen map": "Laporan publik sebagai Mapbox Vector Tile (lapisan `reports`), untuk peta warga",
    "The tile (empty when no report lies in it)": "Ubin (kosong bila tidak ada laporan di dalamnya)",
    "The QGIS plugin repository: add this URL in QGIS's Plugin Manager": "Repositori plugin QGIS: tambahkan URL ini di Plugin Manager QGIS",
    "plugins.xml with the plugin's version and download link": "plugins.xml dengan versi plugin dan tautan unduhnya",
    "This is not a file: send it as a file in a multipart form.": "Ini bukan berkas: kirim sebagai berkas dalam formulir multipart.",
    "The parameter “%s” is given more than once.": "Parameter “%s” diberikan lebih dari sekali.",
    "bbox: the minimum must not be larger than the maximum.": "bbox: nilai minimum tidak boleh lebih besar dari maksimum.",
    "bbox: the coordinates lie outside the coordinate reference system.": "bbox: koordinat berada di luar sistem referensi koordinat.",
    "datetime: give an RFC 3339 time (2026-10-01T08:00:00Z), a date, or an interval start/end with “..”.": "datetime: berikan waktu RFC 3339 (2026-10-01T08:00:00Z), tanggal, atau interval awal/akhir dengan “..”.",
    "datetime: the interval ends before it starts.": "datetime: interval berakhir sebelum dimulai.",
    "datetime: “..” is allowed only as one end of an interval.": "datetime: “..” hanya boleh sebagai salah satu ujung interval.",
    "crs: this coordinate reference system is not offered here.": "crs: sistem referensi koordinat ini tidak tersedia di sini.",
    "bbox-crs: this coordinate reference system is not offered here.": "bbox-crs: sistem referensi koordinat ini tidak tersedia di sini.",
    "limit: give a whole number of at least 1.": "limit: berikan bilangan bulat paling sedikit 1.",
    "%s: not a valid value.": "%s: nilai tidak sah.",
    "cursor: this page position is not valid; start again from the first page.": "cursor: posisi halaman ini tidak sah; mulai lagi dari halaman pertama.",
    "Queryables": "Atribut yang dapat ditanyakan",
    "Links": "Tautan",
    "%(n)s in all": "%(n)s seluruhnya",
    "Features on this page: %(n)s": "Fitur di halaman ini: %(n)s",
    "Title": "Judul",
    "Extent": "Cakupan",
    "Coordinate reference systems": "Sistem referensi koordinat",
    "Citizens' reports the public may see, where they are published (newest first).": "Laporan warga yang boleh dilihat publik, di lokasi yang dipublikasikan (terbaru dahulu).",
    "The 14 kecamatan of Trenggalek.": "14 kecamatan di Trenggalek.",
    "The desa and kelurahan of Trenggalek.": "Desa dan kelurahan di Trenggalek.",
    "The reports your role may see, at their exact place, with their clocks.": "Laporan yang boleh dilihat peran Anda, di lokasi tepatnya, dengan tenggatnya.",
    "f: give json or html.": "f: berikan json atau html.",
    "Only GET is possible here.": "Di sini hanya GET yang dapat dipakai.",
    "This document": "Dokumen ini",
    "Conformance classes": "Kelas kesesuaian",
    "status: give one or more of %s.": "status: berikan satu atau beberapa dari %s.",
    "Items": "Fitur",
    "Next page": "Halaman berikutnya",
    "datetime: the boundaries have no time.": "datetime: batas wilayah tidak memiliki waktu.",
    "A single feature takes only the parameters f and crs.": "Satu fitur hanya menerima parameter f dan crs.",
    "There is no feature “%s” in this collection.": "Tidak ada fitur “%s” dalam koleksi ini.",
    "Lapor Trenggalek public reports": "Laporan publik Lapor Trenggalek",
    "Lapor Trenggalek reports by status": "Laporan Lapor Trenggalek menurut status",
    "The parameter “%s” holds characters or a length that is not allowed.": "Parameter “%s” berisi karakter atau panjang yang tidak diizinkan.",
    "Previous page": "Halaman sebelumnya",
    "filter: this is not a valid CQL2 expression.": "filter: ini bukan ungkapan CQL2 yang sah.",
    "filter: the expression is too long or too deeply nested.": "filter: ungkapannya terlalu panjang atau bersarang terlalu dalam.",
    "filter-lang: give cql2-text or cql2-json.": "filter-lang: berikan cql2-text atau cql2-json.",
    "filter-crs: this coordinate reference system is not offered here.": "filter-crs: sistem referensi koordinat ini tidak tersedia di sini.",
    "filter: %s is compared with TIMESTAMP('…') or DATE('…').": "filter: %s dibandingkan dengan TIMESTAMP('…') atau DATE('…').",
    "filter: “%s” is not a queryable of this collection; see its queryables.": "filter: “%s” bukan atribut yang dapat disaring di koleksi ini; lihat daftar queryables-nya.",
    "filter: %s is used with S_INTERSECTS only.": "filter: %s hanya dipakai dengan S_INTERSECTS.",
    "filter: %s is used with the spatial functions (S_INTERSECTS …) only.": (
        "filter: %s hanya dipakai dengan fungsi spasial (S_INTERSECTS …)."
    ),
    "filter: an INTERVAL must not end before it starts.": "filter: sebuah INTERVAL tidak boleh berakhir sebelum mulai.",
    "filter: the temporal functions compare created_at with TIMESTAMP, DATE or INTERVAL.": (
        "filter: fungsi waktu membandingkan created_at dengan TIMESTAMP, DATE, atau INTERVAL."
    ),
    "filter: this operator or function is not offered here: %s.": "filter: operator atau fungsi ini tidak tersedia di sini: %s.",
    "filter: compare a queryable with a value.": "filter: bandingkan satu atribut yang dapat disaring dengan sebuah nilai.",
    "filter: %s is compared with text in quotes.": "filter: %s dibandingkan dengan teks dalam tanda kutip.",
    "filter: dates must lie between the years %(first)s and %(last)s.": "filter: tanggal harus di antara tahun %(first)s dan %(last)s.",
    "filter: the geometry is not valid or lies outside the coordinate system.": "filter: geometrinya tidak sah atau berada di luar sistem koordinat.",
    "bbox: give four numbers separated by commas: min x, min y, max x, max y.": "bbox: berikan empat angka dipisah koma: x min, y min, x maks, y maks.",
    "bbox: longitudes must lie in -180..180 and latitudes in -90..90.": "bbox: bujur harus di antara -180..180 dan lintang di antara -90..90.",
    "Unknown parameter: %s.": "Parameter tidak dikenal: %s.",
    "Label code": "Kode label",
    "Kecamatan code": "Kode kecamatan",
    "Reported at": "Waktu dilaporkan",
    "Collections": "Koleksi",
    "Public reports": "Laporan publik",
    "Districts (kecamatan)": "Kecamatan",
    "Villages (desa/kelurahan)": "Desa/kelurahan",
    "My reports (staff)": "Laporan saya (staf)",
    "Lapor Trenggalek: reports and boundaries (OGC API – Features)": "Lapor Trenggalek: laporan dan batas wilayah (OGC API – Features)",
    "Public citizens' reports of Kabupaten Trenggalek and its kecamatan and desa.": "Laporan warga yang publik di Kabupaten Trenggalek beserta kecamatan dan desanya.",
    "Sign in: send `Authorization: Token <token>` from /api/auth/token/.": "Masuk dulu: kirim `Authorization: Token <token>` dari /api/auth/token/.",
    "There is no collection “%s”.": "Tidak ada koleksi “%s”.",
    "kecamatan: give one kecamatan code.": "kecamatan: berikan satu kode kecamatan.",
    "Collection": "Koleksi",
    "A report kept on this phone has been sent. Its tracking code: {code}": "Laporan yang tersimpan di HP ini sudah terkirim. Kode lacaknya: {code}",
    "Follow it": "Ikuti",
    "Remove": "Hapus",
    "Remove {code} from this phone": "Hapus {code} dari HP ini",
    "Remove report {code} from this phone? The report itself stays; only this phone forgets its code.": "Hapus laporan {code} dari HP ini? Laporannya tetap ada; hanya HP ini yang melupakan kodenya.",
    "My reports": "Laporan saya",
    "Reports sent from this phone, with their tracking codes. Only this phone keeps this list.": "Laporan yang dikirim dari HP ini, dengan kode lacaknya. Daftar ini hanya tersimpan di HP ini.",
    "Copy the code": "Salin kode",
    "Share": "Bagikan",
    "This phone also keeps it under “My reports”.": "HP ini juga menyimpannya di “Laporan saya”.",
    "Copied. Keep it somewhere safe.": "Tersalin. Simpan di tempat yang aman.",
    "My report to Lapor Trenggalek": "Laporan saya ke Lapor Trenggalek",
    "My tracking code for Lapor Trenggalek: %s": "Kode lacak laporan saya di Lapor Trenggalek: %s",
    "Where many reports are shown as one circle, it is red while any report in it waits, yellow while any is being handled, and green only when all are resolved.": "Bila banyak laporan ditampilkan sebagai satu lingkaran: merah bila ada yang masih menunggu, kuning bila ada yang sedang ditangani, dan hijau hanya bila semuanya sudah selesai.",
    "Choose the figures “now” or “at the end of the period”.": "Pilih angka “sekarang” atau “pada akhir periode”.",
    "Give both the first and the last day of the period.": "Isi hari pertama dan hari terakhir periode.",
    "Give the days like 2026-04-01.": "Tulis hari seperti 2026-04-01.",
    "Days must lie between 2000-01-01 and 2100-12-31.": "Hari harus di antara 2000-01-01 dan 2100-12-31.",
    "The first day must not come after the last day.": "Hari pertama tidak boleh sesudah hari terakhir.",
    "A period may last at most %(days)s days.": "Satu periode paling lama %(days)s hari.",
    "OPDs with at least %(n)s dispatches in the period and a first-response median, ordered by that median (ties: the higher share resolved within target first). An OPD with fewer is listed but not ranked.": "OPD dengan sedikitnya %(n)s penerusan dalam periode dan median respons pertama, diurutkan menurut median itu (bila sama: yang lebih banyak selesai sesuai target lebih dulu). OPD dengan lebih sedikit ditampilkan tetapi tidak diperingkat.",
    "Instant": "Saat penghitungan",
    "Every figure on the page is the audit trail replayed up to one instant, printed at the top: “now” (the moment the page was opened) or the end of the period (24.00 WIB on its last day, or now if the period has not ended). The PDF is always at the end of the period.": "Setiap angka di halaman ini adalah jejak audit yang diputar ulang sampai satu saat, yang tertulis di atas: “sekarang” (saat halaman dibuka) atau akhir periode (pukul 24.00 WIB pada hari terakhirnya, atau sekarang bila periode belum berakhir). PDF selalu per akhir periode.",
    "Reports received in the period (by the time of receipt, WIB). Every other report figure (rejected, duplicates, dispatched, resolved, follow-up rate, verification time) is about these reports, whenever the step happened up to the instant.": "Laporan yang diterima dalam periode (menurut waktu diterima, WIB). Semua angka laporan lainnya (ditolak, duplikat, diteruskan, selesai, tingkat tindak lanjut, waktu verifikasi) tentang laporan-laporan ini, kapan pun langkahnya terjadi sampai saat penghitungan.",
    "Awaiting screening": "Menunggu verifikasi",
    "Received reports that by the instant were neither verified, rejected nor marked duplicate.": "Laporan diterima yang sampai saat penghitungan belum diverifikasi, ditolak, atau ditandai duplikat.",
    "Verification time": "Waktu verifikasi",
    "Median and 90th percentile over the received reports screened by the instant, in working days.": "Median dan persentil 90 dari laporan diterima yang sudah diperiksa sampai saat penghitungan, dalam hari kerja.",
    "From receipt to the operator's first screening decision: verified, rejected or marked duplicate (marking a duplicate is a screening decision too).": "Dari laporan diterima sampai keputusan pemeriksaan pertama operator: diverifikasi, ditolak, atau ditandai duplikat (menandai duplikat juga keputusan pemeriksaan).",
    "Dispatched (summary, kecamatan, label, squad)": "Diteruskan (ringkasan, kecamatan, label, pasukan)",
    "Received reports dispatched to an OPD at least once by the instant, even if returned later.": "Laporan diterima yang sampai saat penghitungan pernah diteruskan ke OPD, walaupun kemudian dikembalikan.",
    "Received reports resolved at the instant (resolved and not reopened since).": "Laporan diterima yang selesai pada saat penghitungan (selesai dan tidak dibuka kembali sesudahnya).",
    "Received reports accepted by the instant: received − rejected − duplicates − still awaiting screening. A report the operator has not screened yet is not counted as an unresolved one: it is shown under “Awaiting screening”.": "Laporan diterima yang sudah diterima untuk ditindaklanjuti sampai saat penghitungan: diterima − ditolak − duplikat − masih menunggu verifikasi. Laporan yang belum diperiksa operator tidak dihitung sebagai belum selesai: ia ditampilkan pada “Menunggu verifikasi”.",
    "Still open": "Masih terbuka",
    "Received − rejected − duplicates − resolved at the instant (reports awaiting screening included).": "Diterima − ditolak − duplikat − selesai pada saat penghitungan (termasuk yang menunggu verifikasi).",
    "Dispatched (per OPD)": "Diteruskan (per OPD)",
    "Dispatches (first dispatch or re-dispatch) to the OPD within the period, including those the OPD later returned: these are also counted under “Returned”. A report re-dispatched to another OPD counts once for each OPD.": "Penerusan (pertama atau ulang) ke OPD dalam periode, termasuk yang kemudian dikembalikan OPD: yang ini juga dihitung pada “Dikembalikan”. Laporan yang diteruskan ulang ke OPD lain dihitung sekali untuk tiap OPD.",
    "Responded, first response time": "Direspons, waktu respons pertama",
    "Dispatches the OPD acknowledged or resolved by the instant; the time is their median and 90th percentile in working days (a response given before the OPD returned the report counts).": "Penerusan yang diterima (ditanggapi) atau diselesaikan OPD sampai saat penghitungan; waktunya median dan persentil 90 dalam hari kerja (respons yang diberikan sebelum OPD mengembalikan laporan ikut dihitung).",
    "From the dispatch to this OPD to its first acknowledge or resolve. Returning a report is not a response.": "Dari diteruskan ke OPD ini sampai tanggapan atau penyelesaian pertamanya. Mengembalikan laporan bukan respons.",
    "Resolved, resolution time": "Selesai, waktu penyelesaian",
    "Dispatches the OPD resolved and that were not reopened since, at the instant; the time is their median and 90th percentile in working days.": "Penerusan yang diselesaikan OPD dan tidak dibuka kembali sesudahnya, pada saat penghitungan; waktunya median dan persentil 90 dalam hari kerja.",
    "From the dispatch to this OPD to its last resolve; a reopened report keeps the clock running until it is resolved again.": "Dari diteruskan ke OPD ini sampai penyelesaian terakhirnya; laporan yang dibuka kembali tetap berjalan waktunya sampai selesai lagi.",
    "Dispatches resolved within the label's resolution target (working days).": "Penerusan yang selesai dalam target penyelesaian labelnya (hari kerja).",
    "Dispatches whose outcome is known at the instant: resolved (within target or late) plus still open and already past the target. A dispatch still open within its target is not counted either way; a returned one is left out.": "Penerusan yang hasilnya sudah pasti pada saat penghitungan: selesai (sesuai target atau terlambat) ditambah yang masih terbuka dan sudah melewati target. Penerusan yang masih terbuka dan belum melewati target tidak dihitung; yang dikembalikan tidak diikutkan.",
    "Overdue": "Lewat tenggat",
    "Reports the OPD holds at the instant (dispatched, in progress or reopened), whenever they were dispatched, that are past their first-response deadline without a response, or past their resolution deadline. A report counts once; the annex lists each with the clock(s) it missed.": "Laporan yang dipegang OPD pada saat penghitungan (diteruskan, sedang ditangani, atau dibuka kembali), kapan pun diteruskannya, yang melewati tenggat respons pertama tanpa respons, atau tenggat penyelesaian. Satu laporan dihitung sekali; lampiran menyebut tiap laporan dengan tenggat yang terlewat.",
    "Dispatches of the period that the OPD returned to the operator (not its business).": "Penerusan periode ini yang dikembalikan OPD ke operator (bukan urusannya).",
    "Dispatches of the period that the citizen reopened after the OPD resolved them.": "Penerusan periode ini yang dibuka kembali oleh warga setelah diselesaikan OPD.",
    "Ranking": "Peringkat",
    "Rows": "Baris",
    "Every active OPD, every kecamatan, label and squad is listed, also with no reports (a dash where there is no figure), on the dashboard and in the PDF alike.": "Setiap OPD aktif, setiap kecamatan, label dan pasukan ditampilkan, juga yang tanpa laporan (tanda pisah bila tidak ada angka), sama di dasbor dan di PDF.",
    "Working days and rounding": "Hari kerja dan pembulatan",
    "Monday to Friday in WIB, national holidays excluded. Rounded half away from zero: working days to one decimal, percentages to whole numbers; bars and charts use the rounded number.": "Senin sampai Jumat (WIB), tanpa hari libur nasional. Dibulatkan setengah menjauhi nol: hari kerja ke satu desimal, persentase ke bilangan bulat; batang dan grafik memakai angka yang sudah dibulatkan.",
    "Previous period": "Periode sebelumnya",
    "As many calendar months just before, for a period of whole months; else as many days just before. Its figures are taken at the same distance after its end as this period's.": "Bulan kalender sebanyak itu tepat sebelumnya, untuk periode bulan penuh; selain itu hari sebanyak itu tepat sebelumnya. Angkanya diambil pada jarak yang sama sesudah akhirnya seperti periode ini.",
    "Out of": "Dari",
    "Clock": "Waktu dihitung",
    "another period": "periode lain",
    "First day": "Hari pertama",
    "Last day": "Hari terakhir",
    "Figures": "Angka",
    "now": "sekarang",
    "at the end of the period": "pada akhir periode",
    "Now": "Sekarang",
    "At the end of the period": "Pada akhir periode",
    "figures as at": "angka per",
    "Show the figures now": "Tampilkan angka sekarang",
    "Show the figures at the end of the period (as in the PDF)": "Tampilkan angka pada akhir periode (seperti di PDF)",
    "Download the PDF of this period": "Unduh PDF periode ini",
    "previous period": "periode sebelumnya",
    "rejected": "ditolak",
    "duplicates": "duplikat",
    "dispatched to an OPD": "diteruskan ke OPD",
    "awaiting screening": "menunggu verifikasi",
    "still open": "masih terbuka",
    "follow-up rate": "tingkat tindak lanjut",
    "verification median (working days)": "median verifikasi (hari kerja)",
    "Small numbers: the previous period, taken the same time after its end.": "Angka kecil: periode sebelumnya, diambil selama waktu yang sama sesudah akhirnya.",
    "Overdue at the instant": "Lewat tenggat pada saat itu",
    "Times are in working days. OPDs with fewer than %(min_count)s dispatches in the period are listed but not ranked. “Dispatched” includes the reports the OPD returned, which are also counted in “Returned”. Every figure is defined under “How the figures are computed”.": "Waktu dalam hari kerja. OPD dengan kurang dari %(min_count)s penerusan dalam periode ditampilkan tetapi tidak diperingkat. “Diteruskan” termasuk laporan yang dikembalikan OPD, yang juga dihitung pada “Dikembalikan”. Setiap angka dijelaskan pada “Cara menghitung”.",
    "Each OPD month by month": "Tiap OPD per bulan",
    "Per month: dispatched · median first response (working days) · resolved within target.": "Per bulan: diteruskan · median respons pertama (hari kerja) · selesai sesuai target.",
    "How the figures are computed": "Cara menghitung",
    # The citizen's words for the states (geoportal/progress.py): what a citizen of Trenggalek says, not the office's.
    "Waiting to be checked": "Menunggu dicek",
    "Checked": "Sudah dicek",
    "Passed on to the agency": "Sudah diteruskan ke dinas",
    "Finding the right agency": "Dicarikan dinas yang tepat",
    "Being worked on": "Sedang dikerjakan",
    "Not fixed yet, being worked on again": "Belum beres, dikerjakan lagi",
    "Work done": "Sudah dikerjakan",
    "Finished": "Sudah selesai",
    "Merged with another report": "Digabung dengan laporan lain",
    "Reported": "Dilaporkan",
    "What the officers did": "Yang sudah dikerjakan petugas",
    "Proof photo from the officer": "Foto bukti dari petugas",
    "Your photo": "Foto dari Anda",
    "The reporter's photo": "Foto dari pelapor",
    "— choose the original report —": "— pilih laporan aslinya —",
    "Next report": "Laporan berikutnya",
    "Your queue is empty.": "Antrean Anda kosong.",
    "Skip to main content": "Langsung ke isi utama",
    "Page not found": "Halaman tidak ditemukan",
    "Near me": "Dekat saya",
    "%s reports still open in this area": "%s laporan masih terbuka di area ini",
    "Finding where you are…": "Mencari lokasi Anda…",
    "Your location could not be read. Move the map to your place, or choose a kecamatan.": (
        "Lokasi Anda tidak dapat dibaca. Geser peta ke tempat Anda, atau pilih kecamatan."
    ),
    # issue 17: repeat visits from the phone's kept copy
    "This page has changed since this phone kept it.": "Halaman ini sudah berubah sejak disimpan di ponsel ini.",
    "Show the newest": "Tampilkan yang terbaru",
    "A short video (optional)": "Video pendek (tidak wajib)",
    "MP4 or WebM, at most 60 seconds.": "MP4 atau WebM, paling lama 60 detik.",
    "Photos chosen: %s": "Foto dipilih: %s",
    "Video chosen: %s": "Video dipilih: %s",
    "Take or choose the photo": "Ambil atau pilih foto",
    "Photo chosen:": "Foto dipilih:",
    "created": "dibuat",
    "one or more public statuses, comma-separated": "satu atau beberapa status publik, dipisah koma",
}

if __name__ == "__main__":
    path = Path(__file__).parent / "id" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    po.metadata_is_fuzzy = False
    missing = []
    for entry in po:
        if entry.msgid in T and (not entry.msgstr or "fuzzy" in entry.flags):
            entry.msgstr = T[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif not entry.msgstr or "fuzzy" in entry.flags:  # a guess from a similar msgid is not a translation
            missing.append(entry.msgid)
    po.save(str(path))
    print("untranslated:", missing, file=sys.stderr)
