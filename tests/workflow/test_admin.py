"""The admin is the administrator's tool (issue 13, 1): other roles are turned away in words, and even the
administrator reads no reporter contact, no tracking code and no confidential report there."""

import pytest
from django.test import Client

from geoportal.models import Category, Report
from geoportal.services.reports import Contact, Upload, report_create
from tests.factories import TOWN_CENTRE, jpeg_bytes

pytestmark = pytest.mark.django_db


def _report(category: str, name: str) -> Report:
    return report_create(
        category=category,
        lon=TOWN_CENTRE[0],
        lat=TOWN_CENTRE[1],
        photos=[Upload(jpeg_bytes(), "foto.jpg")],
        description="laporan warga",
        contact=Contact(name=name, phone="081234500001", email=f"{name.lower()}@mail.id"),
    )


@pytest.mark.parametrize("role", ["operator", "pupr", "covert", "leadership"])
def test_staff_with_the_right_password_are_told_the_admin_is_not_theirs(staff, role):
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    answer = client.post(
        "/admin/login/?next=/admin/geoportal/report/",
        {"username": staff[role].user.username, "password": "x-pass-123", "next": "/admin/geoportal/report/"},
    )
    assert answer.status_code == 200
    assert "hanya untuk administrator" in answer.content.decode()
    assert client.get("/admin/geoportal/report/").status_code == 302  # still outside
    assert not staff[role].user.is_staff


def test_the_administrator_sees_no_contact_no_code_and_no_confidential_report(staff, holidays):
    from workflow.models import Role
    from workflow.services.accounts import staff_account_ensure

    staff_account_ensure(username="t-admin", role=Role.ADMINISTRATOR, password="x-pass-123")
    public = _report("jalan-rusak", "Sutrisno")
    secret = _report("pungli", "Whistleblower")
    assert Category.objects.get(code="pungli").confidential
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="t-admin"))

    listing = client.get("/admin/geoportal/report/").content.decode()
    change = client.get(f"/admin/geoportal/report/{public.pk}/change/").content.decode()
    events = client.get("/admin/workflow/reportevent/").content.decode()
    for page in (listing, change, events):
        for secret_text in ("Sutrisno", "081234500001", "sutrisno@mail.id", public.tracking_code, "Whistleblower"):
            assert secret_text not in page
    assert f"/admin/geoportal/report/{public.pk}/change/" in listing
    assert f"/admin/geoportal/report/{secret.pk}/change/" not in listing
    hidden = client.get(f"/admin/geoportal/report/{secret.pk}/change/")
    missing = client.get("/admin/geoportal/report/999999/change/")
    assert hidden.status_code == missing.status_code == 302
