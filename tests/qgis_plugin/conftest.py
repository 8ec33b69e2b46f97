"""A real Lapor Trenggalek server for the plugin to talk to: its own database on the project's PostGIS cluster,
migrated and seeded with demo data by the project's own commands, served by gunicorn on a free port."""

import os
import socket
import subprocess
import sys
import threading
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


_SERVER_ENV: dict = {}


@pytest.fixture
def django_shell(server):
    """Run Python in the test server's Django (to set up what the demo data lacks, e.g. an overdue report)."""

    def run(code: str) -> str:
        manage = [str(DJANGO_PYTHON), str(ROOT / "manage.py"), "shell", "-c", code]
        done = subprocess.run(manage, env=_SERVER_ENV, cwd=ROOT, capture_output=True, text=True, check=True)
        return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""

    return run


@pytest.fixture
def silent_server():
    """A server that accepts connections and never answers; yields (url, connections accepted)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted: list[socket.socket] = []

    def accept():
        while True:
            try:
                connection, _address = listener.accept()
            except OSError:
                return
            accepted.append(connection)

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}", accepted
    listener.close()
    for connection in accepted:
        connection.close()


@pytest.fixture
def tracebacks(monkeypatch):
    """Every exception that would reach the officer as a Python error dialog (an exception in a Qt slot)."""
    caught: list = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: caught.append(value))
    return caught


@pytest.fixture(autouse=True)
def master_password_explained(monkeypatch):
    """The explanation before QGIS asks for its master password is a modal dialog: recorded instead of shown."""
    from lapor_trenggalek.ui.dock import ReportsDock

    shown: list = []
    monkeypatch.setattr(ReportsDock, "explain_master_password", lambda self: shown.append(True))
    return shown


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
    _SERVER_ENV.update(env)
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
def dispatched_to_pupr(server, tmp_path):
    """A new citizen report, verified and dispatched to PUPR by the operator: its id."""
    return make_dispatched(server, tmp_path)


def clear_intake_limit() -> None:
    """The public report door allows 5 reports per sender in 10 minutes; the tests send more, from one address."""
    code = "from geoportal.models import SubmissionThrottle; SubmissionThrottle.objects.all().delete()"
    manage = [str(DJANGO_PYTHON), str(ROOT / "manage.py"), "shell", "-c", code]
    subprocess.run(manage, env=_SERVER_ENV, cwd=ROOT, capture_output=True, check=True)


def make_dispatched(server, tmp_path) -> int:
    from lapor_trenggalek.core.api import ApiClient

    clear_intake_limit()
    from qgis.PyQt.QtGui import QColor, QImage

    photo = tmp_path / "lubang.jpg"
    image = QImage(320, 240, QImage.Format_RGB32)
    image.fill(QColor("#607d8b"))
    image.save(str(photo), "JPG")
    receipt = ApiClient(server)._call(
        "POST",
        "api/reports/",
        auth=False,
        files={"photo": photo},
        form={"category": "jalan-rusak", "latitude": "-8.0506", "longitude": "111.7086"},
    )
    operator = ApiClient(server)
    operator.obtain_token("operator", PASSWORD)
    operator.transition(receipt["id"], "verify")
    operator.transition(receipt["id"], "dispatch", fields={"opd": "PUPR"})
    return receipt["id"]


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
    from qgis.core import QgsSettings

    install_translator("id")
    QgsSettings().setValue("lapor_trenggalek/basemap_url", "")  # no internet here; test_orientation sets one
    yield
    install_translator("en")
