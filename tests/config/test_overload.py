"""config.overload.OverloadGuard: a busy worker, an unreachable database, a full disk and a slow upload each get an
answer a client retries (503/408 with Retry-After, in words), never a 500 or a timeout; nothing half-stored, and
the resend with the same client_id is stored once."""

import errno
import io
import uuid
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory
from rest_framework.test import APIClient

from config import overload
from geoportal.models import Report, ReportPhoto
from tests.factories import TOWN_CENTRE, jpeg_bytes


def _submit(client_id: str, **extra):
    data = {
        "category": "jalan-rusak",
        "latitude": TOWN_CENTRE[1],
        "longitude": TOWN_CENTRE[0],
        "photo": [SimpleUploadedFile("foto.jpg", jpeg_bytes(), content_type="image/jpeg")],
        "client_id": client_id,
    }
    return APIClient().post("/api/reports/", data, format="multipart", **extra)


def _files(root) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()] if Path(root).exists() else []


@pytest.mark.django_db
def test_a_full_disk_answers_503_stores_nothing_and_the_resend_is_stored_once(holidays, settings, monkeypatch):
    real_save = FileSystemStorage._save
    calls = {"n": 0}

    def save_then_disk_full(self, name, content):
        calls["n"] += 1
        if calls["n"] == 2:  # the photo is written, its thumbnail finds the disk full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_save(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", save_then_disk_full)
    client_id = str(uuid.uuid4())
    refused = _submit(client_id, HTTP_ACCEPT_LANGUAGE="id")
    assert refused.status_code == 503
    assert refused["Retry-After"] == "60"
    assert (
        refused.json()["detail"]
        == "Server sedang tidak dapat menyimpan berkas. Coba lagi nanti; tidak ada yang tersimpan."
    )
    assert not Report.objects.exists() and not ReportPhoto.objects.exists()
    assert _files(settings.MEDIA_ROOT) == []  # the photo written before the failure was removed

    monkeypatch.setattr(FileSystemStorage, "_save", real_save)
    stored = _submit(client_id)
    assert stored.status_code == 201
    again = _submit(client_id)
    assert again.status_code == 200 and again.json()["id"] == stored.json()["id"]
    assert Report.objects.filter(client_id=client_id).count() == 1
    assert len(_files(settings.MEDIA_ROOT)) == 2


@pytest.mark.django_db
def test_an_unreachable_database_answers_503_with_retry_after(monkeypatch):
    from geoportal.api import views

    def unreachable(**kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(views, "report_create", unreachable)
    response = _submit(str(uuid.uuid4()), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "database cannot be reached" in response.json()["detail"]


def test_a_busy_worker_answers_503_at_once_and_counts_back_down(monkeypatch):
    monkeypatch.setattr(overload, "MAX_UPLOADS", 1)
    monkeypatch.setattr(overload, "MAX_IN_FLIGHT", 2)
    monkeypatch.setattr(overload.OverloadGuard, "counter", overload._Counter())
    factory = RequestFactory()
    answers = []

    def inner(request):
        # While this upload is in progress, a second upload and then a third request arrive.
        if not answers:
            answers.append(guard(factory.post("/api/reports/", {"photo": io.BytesIO(b"x")})))
            answers.append(guard(factory.get("/api/reports/")))
            answers.append(guard(factory.get("/api/categories/")))
        return HttpResponse("ok")

    guard = overload.OverloadGuard(inner)
    first = guard(factory.post("/api/reports/", {"photo": io.BytesIO(b"x")}))
    assert first.status_code == 200
    upload, read, third = answers
    assert upload.status_code == 503 and upload["Retry-After"] == "5"
    assert read.status_code == 200  # a read takes the second place
    assert third.status_code == 200  # `read` has finished: its place is free again
    assert overload.OverloadGuard.counter.in_flight == 0 and overload.OverloadGuard.counter.uploads == 0


def test_a_body_past_its_deadline_is_cut_off_with_408(monkeypatch):
    monkeypatch.setattr(overload, "BODY_READ_SECONDS", -1)  # already late
    factory = RequestFactory()

    def view(request):
        return HttpResponse(request.POST.get("a", ""))

    guard = overload.OverloadGuard(view)
    request = factory.post("/lapor/", {"a": "b"})

    def inner(request):
        try:
            return view(request)
        except Exception as exc:
            return guard.process_exception(request, exc)

    guard.get_response = inner
    response = guard(request)
    assert response.status_code == 408
    assert response["Connection"] == "close"
    assert response["Retry-After"] == "5"
