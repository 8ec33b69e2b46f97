"""A real Lapor Trenggalek server for the plugin to talk to: its own database on the project's PostGIS cluster,
migrated and seeded with demo data by the project's own commands, served by gunicorn on a free port."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "qgis_plugin"))  # the plugin package and translations.py
DJANGO_PYTHON = ROOT / ".venv" / "bin" / "python"
PASSWORD = "trenggalek-demo"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    env = dict(os.environ)
    if "DATABASE_URL" not in env:
        subprocess.run(["bash", str(ROOT / "scripts" / "pg.sh"), "start"], check=True, capture_output=True)
        env["DATABASE_URL"] = (ROOT / "var" / "database_url").read_text().strip()
        env["MIGRATE_DATABASE_URL"] = (ROOT / "var" / "migrate_database_url").read_text().strip()
    database = "trenggalek_qgis_test"
    # The server's own database: recreated and migrated as the owner (MIGRATE_DATABASE_URL, when there is one),
    # seeded and served as the runtime role, as `make run` does.
    for variable in ("DATABASE_URL", "MIGRATE_DATABASE_URL"):
        if variable in env:
            env[variable] = env[variable].rsplit("/", 1)[0] + "/" + database
    env["MEDIA_ROOT"] = str(tmp_path_factory.mktemp("media"))
    env["DEMO_PASSWORD"] = PASSWORD
    env["MAP_TILES_URL"] = ""
    manage = [str(DJANGO_PYTHON), str(ROOT / "manage.py")]
    subprocess.run([*manage, "reset_test_database", "--yes"], check=True, env=env, capture_output=True, cwd=ROOT)
    subprocess.run([*manage, "migrate", "-v0"], check=True, env=env, cwd=ROOT)
    subprocess.run([*manage, "setup_demo", "--reports", "800"], check=True, env=env, cwd=ROOT, capture_output=True)
    port = _free_port()
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/api/categories/", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.terminate()
        pytest.fail("The test server did not start.")
    yield url
    process.terminate()
    process.wait(10)


@pytest.fixture
def pupr(server):
    from lapor_trenggalek.core.api import ApiClient

    client = ApiClient(server)
    client.obtain_token("opd-pupr", PASSWORD)
    return client


@pytest.fixture(autouse=True)
def indonesian_qgis(qgis_app):
    """QGIS as Trenggalek's staff run it: in Bahasa Indonesia."""
    from lapor_trenggalek.i18n import install_translator

    install_translator("id")
    yield
    install_translator("en")
