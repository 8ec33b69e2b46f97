import re
from pathlib import Path

from qgis.PyQt.QtCore import QCoreApplication

PLUGIN = Path(__file__).resolve().parents[2] / "qgis_plugin"


def test_every_string_of_the_plugin_has_an_indonesian_translation():
    import translations  # qgis_plugin/translations.py, on sys.path through conftest

    used = set()
    for path in (PLUGIN / "lapor_trenggalek").rglob("*.py"):
        used |= set(re.findall(r'\btr\("((?:[^"\\]|\\.)*)"\)', path.read_text()))
    from lapor_trenggalek.core.layers import STATUS_STYLE

    used |= {label for label, _fill in STATUS_STYLE.values()}
    assert used - set(translations.ID) == set()
    ts = (PLUGIN / "lapor_trenggalek" / "i18n" / "lapor_trenggalek_id.ts").read_text()
    assert all(f"<source>{source}</source>" in ts.replace("&apos;", "'") for source in used)


def test_qgis_in_indonesian_shows_the_plugin_in_indonesian(qgis_app):
    from lapor_trenggalek.i18n import install_translator, tr

    assert install_translator("id")
    assert tr("Load reports") == "Muat laporan"
    assert QCoreApplication.translate("LaporTrenggalek", "Resolved") == "Selesai ditangani"
    assert install_translator("en") is False  # English is the source language: no file needed
    assert tr("Load reports") == "Load reports"
