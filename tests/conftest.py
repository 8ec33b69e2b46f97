"""Shared fixtures: a real PostGIS test database with the reference data and Trenggalek's boundaries."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections

from geoportal.models import Opd
from geoportal.services.boundaries import boundaries_import
from workflow.models import Role
from workflow.policies import Actor
from workflow.services.accounts import staff_account_ensure


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load once per session what every test may rely on; each test then runs in a rolled-back transaction."""
    if not (settings.BOUNDARIES_DIR / "desa.geojson").exists():
        pytest.exit(
            f"The tests need Trenggalek's boundaries in {settings.BOUNDARIES_DIR} (set BOUNDARIES_DIR).", returncode=4
        )
    with django_db_blocker.unblock():
        call_command("loaddata", "reference", verbosity=0)
        boundaries_import(path=settings.BOUNDARIES_DIR)


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    """Uploaded photos and private files go to per-test folders; static files need no collectstatic manifest."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _english_messages():
    """Tests read messages in English; the Indonesian catalogue is checked by tests that ask for it."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def committed_reference(transactional_db):
    """For tests on real connections (threads, the live server): their data is committed, and the flush after
    such a test empties every table, so reload the reference data and boundaries when they are gone."""
    from geoportal.models import Desa

    if not Desa.objects.exists():
        call_command("loaddata", "reference", verbosity=0)
        boundaries_import(path=settings.BOUNDARIES_DIR)


@pytest.fixture
def browser():
    """Debian's Chromium, headless, driven by Playwright."""
    import os

    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still sync.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield chromium
        chromium.close()
        # While Playwright's loop runs, Django keeps the test's database connection in a store of its own
        # (asgiref's Local in async context): close it here, or it outlives the test and the test database.
        connections.close_all()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def holidays(db):
    """Indonesia's national holidays around today, for the working-day clocks."""
    from workflow.calendar import holidays_sync

    holidays_sync(years=range(2025, 2028))


@pytest.fixture
def staff(db, holidays):
    """One account per role, as Actors: operator, leadership, PUPR and DLH officers, the covert Inspektorat."""

    def make(username, role, opd=None):
        staff_account_ensure(
            username=username, role=role, password="x-pass-123", opd=Opd.objects.get(code=opd) if opd else None
        )
        return Actor.for_user(get_user_model().objects.get(username=username))

    return {
        "operator": make("t-operator", Role.OPERATOR),
        "leadership": make("t-pimpinan", Role.LEADERSHIP),
        "pupr": make("t-pupr", Role.OPD_OFFICER, "PUPR"),
        "dlh": make("t-dlh", Role.OPD_OFFICER, "DLH"),
        "covert": make("t-inspektorat", Role.OPD_OFFICER, "INSPEKTORAT"),
        "citizen": Actor.citizen(),
        "system": Actor.system(),
    }
