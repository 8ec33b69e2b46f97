"""UI strings: English in the code, Bahasa Indonesia (and more) from Qt translations in this folder.

`tr()` works for plain modules as well as widgets (one context for the whole plugin);
`install_translator()` loads lapor_trenggalek_<language>.qm for QGIS's user interface language.
"""

from pathlib import Path

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

CONTEXT = "LaporTrenggalek"
_installed: list[QTranslator] = []


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def install_translator(language: str | None = None) -> bool:
    """Load the translation for `language` (default: QGIS's locale). True when one was installed."""
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    language = (language or QgsSettings().value("locale/userLocale", QLocale().name()) or "en")[:2]
    path = Path(__file__).with_name(f"lapor_trenggalek_{language}.qm")
    translator = QTranslator()
    if not path.exists() or not translator.load(str(path)):
        return False
    QCoreApplication.installTranslator(translator)
    _installed.append(translator)
    return True
