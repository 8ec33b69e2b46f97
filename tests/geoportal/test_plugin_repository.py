import io
import xml.etree.ElementTree as ET
import zipfile

from django.core.management import call_command
from django.test import Client

from geoportal.plugin_repository import plugin_info


def test_the_server_publishes_a_qgis_plugin_repository(db):
    client = Client()
    response = client.get("/qgis/plugins.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    plugin = ET.fromstring(response.content).find("pyqgis_plugin")
    info = plugin_info()
    assert plugin.get("name") == "Lapor Trenggalek" and plugin.findtext("version") == info.version
    assert plugin.findtext("qgis_minimum_version") == "3.22"
    url = plugin.findtext("download_url")
    assert url == f"http://testserver/qgis/{info.zip_name}"

    download = client.get(url)
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    assert "lapor_trenggalek/__init__.py" in names and "lapor_trenggalek/metadata.txt" in names
    assert all(name.startswith("lapor_trenggalek/") and "__pycache__" not in name for name in names)
    assert client.get("/qgis/lain.zip").status_code == 404


def test_make_plugin_zip_writes_the_same_zip(tmp_path, db):
    call_command("plugin_zip", output=tmp_path, stdout=io.StringIO())
    built = tmp_path / plugin_info().zip_name
    assert zipfile.ZipFile(built).testzip() is None
    assert Client().get(f"/qgis/{built.name}").content == built.read_bytes()
