"""Shared fixtures: a real PostGIS test database with the reference data and Trenggalek's boundaries."""

import pytest
from django.conf import settings
from django.core.management import call_command

from geoportal.services.boundaries import boundaries_import


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
    """Uploaded photos go to a per-test folder; static files need no collectstatic manifest."""
    settings.MEDIA_ROOT = tmp_path / "media"
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
