"""The QGIS plugin as QGIS's Plugin Manager wants it: a zip with the plugin folder at its root, and a plugins.xml
that lists it, so staff add this server once as a plugin repository and receive updates. One core for the
server's /qgis/ URLs and for `manage.py plugin_zip` (`make plugin-zip`)."""

import configparser
import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings

PLUGIN_DIR = Path(settings.BASE_DIR) / "qgis_plugin" / "lapor_trenggalek"


@dataclass(frozen=True)
class PluginInfo:
    name: str
    version: str
    metadata: dict[str, str]

    @property
    def zip_name(self) -> str:
        return f"{PLUGIN_DIR.name}.{self.version}.zip"


def plugin_info() -> PluginInfo:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(PLUGIN_DIR / "metadata.txt", encoding="utf-8")
    general = dict(parser["general"])
    return PluginInfo(name=general["name"], version=general["version"], metadata=general)


@lru_cache(maxsize=4)
def plugin_zip(version: str) -> bytes:
    """The installable zip (cached per version; the files do not change while the server runs)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(PLUGIN_DIR.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".pyc", ".ts"}:
                archive.write(path, Path(PLUGIN_DIR.name) / path.relative_to(PLUGIN_DIR))
    return buffer.getvalue()


def plugins_xml(*, download_url: str) -> str:
    info = plugin_info()
    meta = info.metadata
    fields = {
        "description": meta.get("description", ""),
        "about": meta.get("about", ""),
        "version": info.version,
        "qgis_minimum_version": meta.get("qgisminimumversion", "3.22"),
        "homepage": meta.get("repository", ""),
        "file_name": info.zip_name,
        "icon": "",
        "author_name": meta.get("author", ""),
        "download_url": download_url,
        "uploaded_by": meta.get("author", ""),
        "experimental": meta.get("experimental", "False"),
        "deprecated": meta.get("deprecated", "False"),
        "tracker": meta.get("tracker", ""),
        "repository": meta.get("repository", ""),
        "tags": meta.get("tags", ""),
    }
    body = "".join(f"    <{key}>{escape(value)}</{key}>\n" for key, value in fields.items())
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<plugins>\n'
        f'  <pyqgis_plugin name="{escape(info.name)}" version="{escape(info.version)}" '
        f'plugin_id="{PLUGIN_DIR.name}">\n{body}  </pyqgis_plugin>\n</plugins>\n'
    )
