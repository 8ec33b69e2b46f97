import ast
from pathlib import Path
from xml.sax.saxutils import escape

from qgis.PyQt.QtCore import QCoreApplication

PLUGIN = Path(__file__).resolve().parents[2] / "qgis_plugin"


def _tr_strings() -> set[str]:
    """Every literal passed to tr(), also across lines, plus the tables translated through a variable."""
    used = set()
    for path in (PLUGIN / "lapor_trenggalek").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                used.add(node.args[0].value)
    from lapor_trenggalek.core.api import FIELD_LABELS
    from lapor_trenggalek.core.layers import OVERDUE_CLOCKS, REPORT_FIELDS, STATUS_STYLE
    from lapor_trenggalek.ui.dock import ACTIONS

    used |= {label for label, _fill in STATUS_STYLE.values()}
    used |= {alias for _name, _kind, alias in REPORT_FIELDS} | set(OVERDUE_CLOCKS.values())
    used |= {label for label in FIELD_LABELS.values() if label} | {label for _name, label in ACTIONS}
    return used


def test_every_string_of_the_plugin_has_an_indonesian_translation():
    import translations  # qgis_plugin/translations.py, on sys.path through conftest

    used = _tr_strings()
    assert "Cannot reach the server: {why}. Check the server address and the connection, then try again." in used
    assert used - set(translations.ID) == set()
    ts = (PLUGIN / "lapor_trenggalek" / "i18n" / "lapor_trenggalek_id.ts").read_text()
    assert all(f"<source>{escape(source)}</source>" in ts.replace("&apos;", "'") for source in used)


def test_qgis_in_indonesian_shows_the_plugin_in_indonesian(qgis_app):
    from lapor_trenggalek.i18n import install_translator, tr

    assert install_translator("id")
    assert tr("Load reports") == "Muat laporan"
    assert QCoreApplication.translate("LaporTrenggalek", "Resolved") == "Selesai ditangani"
    assert install_translator("en") is False  # English is the source language: no file needed
    assert tr("Load reports") == "Load reports"
