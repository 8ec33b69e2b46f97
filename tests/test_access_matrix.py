"""Every door × every role × a public report, another OPD's report and a confidential one.

The doors are read from the URL resolver itself: a URL pattern without an expectation here fails the test, so a
new door cannot open without someone saying who may pass it. Expectations are written out from PRODUCT.md
("Privacy and trust"), not computed from workflow.policies: the policy is what is under test.

Each cell is one request, run inside a savepoint that is rolled back, so writes of one cell never change the next.
Besides the answer's status, every body is searched for what must not leak: the reporters' names, phones and
e-mails (only the screening operator and the handling OPD read them), every tracking code (the citizen's alone),
and each report's own marker text (only who may see that report). A confidential report's id answers exactly
like an id that does not exist.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from geoportal.models import Opd, Report
from geoportal.plugin_repository import plugin_info
from geoportal.services.reports import Contact, Upload, report_create
from geoportal.tracking import tracking_code_display, tracking_code_new
from tests.factories import TOWN_CENTRE, jpeg_bytes
from workflow.models import Role
from workflow.policies import Actor
from workflow.services.accounts import staff_account_ensure
from workflow.services.transitions import TransitionInput, report_transition

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "citizen", "operator", "opd-pupr", "opd-dlh", "opd-inspektorat", "pimpinan", "admin"]
STAFF = ROLES[2:]
REPORTS = ["public", "other_opd", "confidential"]
# Who may see which report (PRODUCT.md): the desk sees every non-confidential report; an OPD its own; the covert
# squad (Inspektorat) its confidential ones; leadership everything.
VISIBLE = {
    "anonymous": set(),
    "citizen": set(),
    "operator": {"public", "other_opd"},
    "opd-pupr": {"public"},
    "opd-dlh": {"other_opd"},
    "opd-inspektorat": {"confidential"},
    "pimpinan": {"public", "other_opd", "confidential"},
    "admin": {"public", "other_opd"},
}
PUBLICLY = {"public", "other_opd"}  # verified, not confidential
# Who may read the reporter's contact: the screening operator and the handling OPD; never leadership or admin.
CONTACT = {("operator", "public"), ("operator", "other_opd"), ("opd-pupr", "public"), ("opd-dlh", "other_opd")}
CONTACT |= {("opd-inspektorat", "confidential")}
# Who may act on a report as an OPD (acknowledge): the OPD it is dispatched to. The public report is resolved.
ACKNOWLEDGE = {("opd-dlh", "other_opd"), ("opd-inspektorat", "confidential")}

OK, REFUSED, LOGIN = "ok", "refused", "login"
MISSING_ID = 987654321


@dataclass
class World:
    reports: dict[str, Report]
    secrets: dict[str, list[str]]  # per report: contact strings
    markers: dict[str, str]  # per report: a text only who sees the report may read
    codes: list[str]  # every tracking code, as stored and as displayed
    users: dict[str, object] = field(default_factory=dict)


def _report(key: str, category: str, *, opd: str, covert_screening: bool, resolve: bool, actors) -> tuple:
    marker = f"MARKER-{key.upper()}-7Q"
    contact = Contact(name=f"Pelapor {key} Sutrisno", phone=f"08129988{len(key):04d}", email=f"{key}@rahasia.id")
    report = report_create(
        category=category,
        lon=TOWN_CENTRE[0],
        lat=TOWN_CENTRE[1],
        photos=[Upload(jpeg_bytes(), "foto.jpg")],
        description=f"Laporan {marker}",
        contact=contact,
    )
    screener = actors["opd-inspektorat"] if covert_screening else actors["operator"]
    report_transition(report_id=report.pk, name="verify", actor=screener)
    report_transition(report_id=report.pk, name="dispatch", actor=screener, data=TransitionInput(opd=opd))
    if resolve:
        officer = actors[f"opd-{opd.lower()}"]
        report_transition(report_id=report.pk, name="acknowledge", actor=officer)
        report_transition(
            report_id=report.pk,
            name="resolve",
            actor=officer,
            data=TransitionInput(note="Sudah ditambal", photo=Upload(jpeg_bytes(colour=(200, 10, 10)), "bukti.jpg")),
        )
    report.refresh_from_db()
    return report, [contact.name, contact.phone, contact.email], marker


@pytest.fixture
def world(holidays) -> World:
    users = {}
    for role, (username, kind, opd) in {
        "operator": ("m-operator", Role.OPERATOR, None),
        "opd-pupr": ("m-pupr", Role.OPD_OFFICER, "PUPR"),
        "opd-dlh": ("m-dlh", Role.OPD_OFFICER, "DLH"),
        "opd-inspektorat": ("m-inspektorat", Role.OPD_OFFICER, "INSPEKTORAT"),
        "pimpinan": ("m-pimpinan", Role.LEADERSHIP, None),
        "admin": ("m-admin", Role.ADMINISTRATOR, None),
    }.items():
        staff_account_ensure(
            username=username, role=kind, password="x-pass-123", opd=Opd.objects.get(code=opd) if opd else None
        )
        users[role] = get_user_model().objects.get(username=username)
    actors = {role: Actor.for_user(user) for role, user in users.items()}
    built = {
        "public": _report("public", "jalan-rusak", opd="PUPR", covert_screening=False, resolve=True, actors=actors),
        "other_opd": _report("other_opd", "sampah", opd="DLH", covert_screening=False, resolve=False, actors=actors),
        "confidential": _report(
            "confidential", "pungli", opd="INSPEKTORAT", covert_screening=True, resolve=False, actors=actors
        ),
    }
    codes = []
    for report, _secrets, _marker in built.values():
        codes += [report.tracking_code, tracking_code_display(report.tracking_code)]
    return World(
        reports={k: v[0] for k, v in built.items()},
        secrets={k: v[1] for k, v in built.items()},
        markers={k: v[2] for k, v in built.items()},
        codes=codes,
        users=users,
    )


# --- the doors ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Door:
    """How to knock (method, URL and data for a role and a report) and who should get in.

    `expect(role, report)` answers OK, REFUSED or LOGIN. `per_report`: the door names a report (else it is knocked
    once per role). `code_door`: the URL carries the tracking code, so the code may appear in the answer.
    `changes`: for write doors, whether the report's state moved is what is checked, not only the status."""

    method: str
    url: Callable
    expect: Callable
    data: Callable | None = None
    per_report: bool = True
    code_door: bool = False
    changes: bool = False
    lands: Callable | None = None  # for doors that answer with a redirect: where it must lead for OK


def _everyone(role, report=None):
    return OK


def _public_report(role, report):
    return OK if report in PUBLICLY else REFUSED


def _visible(role, report):
    if role in ("anonymous", "citizen"):
        return LOGIN
    return OK if report in VISIBLE[role] else REFUSED


def _staff_api(role, report=None):
    return REFUSED if role in ("anonymous", "citizen") else OK


def _staff_visible_api(role, report):
    if role in ("anonymous", "citizen"):
        return REFUSED
    return OK if report in VISIBLE[role] else REFUSED


def _desk(*roles):
    def expect(role, report=None):
        if role in ("anonymous", "citizen"):
            return LOGIN
        return OK if role in roles else REFUSED

    return expect


def _acknowledge(role, report):
    return OK if (role, report) in ACKNOWLEDGE else REFUSED


def _code_holder(role, report):
    # Whoever holds the code reads the report's citizen page; a stranger guessing gets nothing.
    return REFUSED if role == "anonymous" else OK


def _citizen_close(role, report):
    # Only the citizen, only where a fix waits for an answer (the public report is resolved).
    return OK if role == "citizen" and report == "public" else REFUSED


def _code(world, role, report):
    # The citizen holds the code; staff type the one a citizen read out; a stranger guesses.
    if role == "anonymous":
        return tracking_code_display(tracking_code_new())
    return tracking_code_display(world.reports[report].tracking_code)


def _pk(world, report):
    return world.reports[report].pk


def _operator_token(world) -> int:
    from workflow.services.tokens import api_token_create

    token, _key = api_token_create(user=world.users["operator"], name="QGIS")
    return token.pk


DOORS: dict[str, Door] = {
    "i18n/setlang/": Door(
        "post", lambda w, r: "/i18n/setlang/", _everyone, data=lambda w, r: {"language": "en"}, per_report=False
    ),
    "api/schema/": Door("get", lambda w, r: "/api/schema/", _everyone, per_report=False),
    "api/docs/": Door("get", lambda w, r: "/api/docs/", _everyone, per_report=False),
    "api/redoc/": Door("get", lambda w, r: "/api/redoc/", _everyone, per_report=False),
    "api/reports/": Door("get", lambda w, r: "/api/reports/?limit=5000", _everyone, per_report=False),
    "api/reports/<int:pk>/": Door("get", lambda w, r: f"/api/reports/{_pk(w, r)}/", _public_report),
    "api/kecamatan/": Door("get", lambda w, r: "/api/kecamatan/", _everyone, per_report=False),
    "api/desa/": Door("get", lambda w, r: "/api/desa/?kecamatan=35.03.11", _everyone, per_report=False),
    "api/categories/": Door("get", lambda w, r: "/api/categories/", _everyone, per_report=False),
    "api/auth/token/": Door(
        "post",
        lambda w, r: "/api/auth/token/",
        lambda role, r=None: REFUSED,
        data=lambda w, r: {"username": "m-operator", "password": "wrong"},
        per_report=False,
    ),
    "api/staff/reports/": Door("get", lambda w, r: "/api/staff/reports/", _staff_api, per_report=False),
    # Exports: the public's for anyone, the staff's as the policy allows (the leak checks read every body).
    "api/exports/reports.csv": Door("get", lambda w, r: "/api/exports/reports.csv", _everyone, per_report=False),
    "api/exports/reports.gpkg": Door("get", lambda w, r: "/api/exports/reports.gpkg", _everyone, per_report=False),
    "api/staff/exports/reports.csv": Door(
        "get", lambda w, r: "/api/staff/exports/reports.csv", _staff_api, per_report=False
    ),
    "api/staff/exports/reports.gpkg": Door(
        "get", lambda w, r: "/api/staff/exports/reports.gpkg", _staff_api, per_report=False
    ),
    "api/staff/exports/figures/<str:table>.csv": Door(
        "get",
        lambda w, r: "/api/staff/exports/figures/opd.csv",
        lambda role, r=None: OK if role in ("pimpinan", "admin", "operator") else REFUSED,  # the dashboard's readers
        per_report=False,
    ),
    "api/staff/reports/<int:pk>/": Door("get", lambda w, r: f"/api/staff/reports/{_pk(w, r)}/", _staff_visible_api),
    "api/reports/<int:pk>/transitions/<str:name>/": Door(
        "post",
        lambda w, r: f"/api/reports/{_pk(w, r)}/transitions/acknowledge/",
        _acknowledge,
        changes=True,
        data=lambda w, r: {},
    ),
    "api/reports/<int:pk>/events/": Door("get", lambda w, r: f"/api/reports/{_pk(w, r)}/events/", _staff_visible_api),
    "api/track/<str:code>/": Door(
        "get",
        lambda w, r, role: f"/api/track/{_code(w, role, r)}/",
        _code_holder,
        code_door=True,
    ),
    "api/track/<str:code>/transitions/<str:name>/": Door(
        "post",
        lambda w, r, role: f"/api/track/{_code(w, role, r)}/transitions/close/",
        _citizen_close,
        data=lambda w, r: {},
        code_door=True,
        changes=True,
    ),
    "masuk/": Door("get", lambda w, r: "/masuk/", _everyone, per_report=False),
    "keluar/": Door("post", lambda w, r: "/keluar/", lambda role, r=None: LOGIN, per_report=False),
    "staf/": Door("get", lambda w, r: "/staf/", _desk(*STAFF), per_report=False),
    "staf/operator/": Door(
        "get", lambda w, r: "/staf/operator/", _desk("operator", "admin", "opd-inspektorat"), per_report=False
    ),
    "staf/opd/": Door(
        "get", lambda w, r: "/staf/opd/", _desk("opd-pupr", "opd-dlh", "opd-inspektorat"), per_report=False
    ),
    "staf/pimpinan/": Door(
        "get", lambda w, r: "/staf/pimpinan/", _desk("pimpinan", "admin", "operator"), per_report=False
    ),
    "staf/pimpinan/laporan-<int:year>-<int:month>.pdf": Door(
        "get",
        lambda w, r: "/staf/pimpinan/laporan-2026-10.pdf",
        _desk("pimpinan", "admin"),  # leadership and administrators only (PRODUCT.md)
        per_report=False,
    ),
    "staf/pimpinan/laporan-periode.pdf": Door(
        "get",
        lambda w, r: "/staf/pimpinan/laporan-periode.pdf?dari=2026-04-01&sampai=2026-09-30",
        _desk("pimpinan", "admin"),  # like the monthly PDF
        per_report=False,
    ),
    "staf/cari-kode/": Door(
        "post",
        lambda w, r, role: "/staf/cari-kode/",
        _visible,
        data=lambda w, r: {"kode": _code(w, "citizen", r)},
        lands=lambda w, r: f"/staf/laporan/{_pk(w, r)}/",
    ),
    "staf/laporan/<int:pk>/": Door("get", lambda w, r: f"/staf/laporan/{_pk(w, r)}/", _visible),
    # Every signed-in account sees its own API tokens; only the owner (the operator here) revokes one.
    "staf/token/": Door("get", lambda w, r: "/staf/token/", _desk(*STAFF), per_report=False),
    "staf/token/<int:pk>/cabut/": Door(
        "post",
        lambda w, r: f"/staf/token/{_operator_token(w)}/cabut/",
        _desk("operator"),
        data=lambda w, r: {},
        per_report=False,
    ),
    "staf/laporan/<int:pk>/tindak/": Door(
        "post",
        lambda w, r: f"/staf/laporan/{_pk(w, r)}/tindak/",
        lambda role, r: LOGIN if role in ("anonymous", "citizen") else _acknowledge(role, r),
        changes=True,
        data=lambda w, r: {"action": "acknowledge", "expected_status": w.reports[r].status},
    ),
    "": Door("get", lambda w, r: "/", _everyone, per_report=False),
    "lapor/": Door("get", lambda w, r: "/lapor/", _everyone, per_report=False),
    "laporan/<int:pk>/": Door("get", lambda w, r: f"/laporan/{_pk(w, r)}/", _public_report),
    "lacak/<str:code>/": Door(
        "get",
        lambda w, r, role: f"/lacak/{_code(w, role, r)}/",
        _code_holder,
        code_door=True,
    ),
    "lacak/<str:code>/jawab/": Door(
        "post",
        lambda w, r, role: f"/lacak/{_code(w, role, r)}/jawab/",
        _citizen_close,
        code_door=True,
        changes=True,
        data=lambda w, r: {"action": "close", "expected_status": w.reports[r].status},
    ),
    "tiles/reports/<int:z>/<int:x>/<int:y>.pbf": Door(
        "get", lambda w, r: "/tiles/reports/18/212900/126617.pbf", _everyone, per_report=False
    ),
    "tiles/reports.json": Door("get", lambda w, r: "/tiles/reports.json", _everyone, per_report=False),
    "tiles/reports-style.json": Door("get", lambda w, r: "/tiles/reports-style.json", _everyone, per_report=False),
    "ogc/": Door("get", lambda w, r: "/ogc/", _everyone, per_report=False),
    "ogc/conformance": Door("get", lambda w, r: "/ogc/conformance", _everyone, per_report=False),
    "ogc/api": Door("get", lambda w, r: "/ogc/api", _everyone, per_report=False),
    "ogc/collections": Door("get", lambda w, r: "/ogc/collections", _everyone, per_report=False),
    "ogc/collections/<str:cid>": Door("get", lambda w, r: "/ogc/collections/reports", _everyone, per_report=False),
    "ogc/collections/<str:cid>/queryables": Door(
        "get", lambda w, r: "/ogc/collections/staff-reports/queryables", _staff_api, per_report=False
    ),
    "ogc/collections/<str:cid>/items": Door(
        "get", lambda w, r: "/ogc/collections/reports/items?limit=5000", _everyone, per_report=False
    ),
    "ogc/collections/<str:cid>/items/<str:fid>": Door(
        "get", lambda w, r: f"/ogc/collections/staff-reports/items/{_pk(w, r)}", _staff_visible_api
    ),
    "kecamatan.geojson": Door("get", lambda w, r: "/kecamatan.geojson", _everyone, per_report=False),
    "manifest.webmanifest": Door("get", lambda w, r: "/manifest.webmanifest", _everyone, per_report=False),
    "sw.js": Door("get", lambda w, r: "/sw.js", _everyone, per_report=False),
    "qgis/plugins.xml": Door("get", lambda w, r: "/qgis/plugins.xml", _everyone, per_report=False),
    "qgis/<str:name>": Door("get", lambda w, r: f"/qgis/{plugin_info().zip_name}", _everyone, per_report=False),
    # Open311 GeoReport v2 (tests/open311/): the public reports for every role alike, by a session or not; a POST needs
    # an application's api_key (none here); the token door is the tracking code's.
    "open311/discovery.<str:fmt>": Door("get", lambda w, r: "/open311/discovery.json", _everyone, per_report=False),
    "open311/v2/discovery.<str:fmt>": Door(
        "get", lambda w, r: "/open311/v2/discovery.xml", _everyone, per_report=False
    ),
    "open311/v2/services.<str:fmt>": Door("get", lambda w, r: "/open311/v2/services.json", _everyone, per_report=False),
    "open311/v2/services/<str:code>.<str:fmt>": Door(
        "get", lambda w, r: "/open311/v2/services/jalan-rusak.xml", _everyone, per_report=False
    ),
    "open311/v2/requests.<str:fmt>": Door("get", lambda w, r: "/open311/v2/requests.json", _everyone, per_report=False),
    "open311/v2/requests/<str:pk>.<str:fmt>": Door(
        "get", lambda w, r: f"/open311/v2/requests/{_pk(w, r)}.json", _public_report
    ),
    "open311/v2/tokens/<str:token>.<str:fmt>": Door(
        "get", lambda w, r, role: f"/open311/v2/tokens/{_code(w, role, r)}.json", _code_holder, code_door=True
    ),
    "open311/v2/servicerequestupdates.<str:fmt>": Door(
        "get", lambda w, r: "/open311/v2/servicerequestupdates.xml", _everyone, per_report=False
    ),
    "open311/^(?P<rest>.*)$": Door(
        "get", lambda w, r: "/open311/v2/no-such-thing.json", lambda role, r=None: REFUSED, per_report=False
    ),
    # The citizen's photo (tests/workflow/test_files.py tries every file kind, signed links and bad paths).
    "^media/(?P<name>.*)$": Door(
        "get",
        lambda w, r: w.reports[r].photos.get(kind="report").thumbnail.url,
        lambda role, r: OK if r in PUBLICLY or r in VISIBLE[role] else REFUSED,
    ),
}


def _routes() -> list[tuple[str, str | None]]:
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern), p.name

    return list(walk(get_resolver().url_patterns))


def test_every_door_has_expectations():
    routes = {route for route, _name in _routes() if not route.startswith("admin/")}
    assert routes - set(DOORS) == set(), "new URL patterns without expectations in tests/test_access_matrix.py"
    assert set(DOORS) - routes == set(), "expectations for URL patterns that no longer exist"


# --- the admin: one rule for all its pages, administrators only -----------------------------------------------
def _admin_doors(world) -> list[tuple[str, str, str | None, Callable]]:
    """(route, url, report, expect) for every admin URL pattern: administrators only; and even for them, a report
    the policy hides (the confidential one) answers like a missing one."""
    from django.contrib import admin

    by_name = {
        f"{model._meta.app_label}_{model._meta.model_name}_{view}": (model, view)
        for model in admin.site._registry
        for view in ("changelist", "add", "history", "delete", "change")
    }

    doors = []
    for route, name in _routes():
        if not route.startswith("admin/"):
            continue
        match = by_name.get(name or "")
        if name == "auth_user_password_change":
            user = world.users["operator"].pk
            doors.append((route, f"/admin/auth/user/{user}/password/", None, _admin_only))
        elif match:
            model, view = match
            app_label, model_name = model._meta.app_label, model._meta.model_name
            base = f"/admin/{app_label}/{model_name}/"
            if view in ("changelist", "add"):
                url = base if view == "changelist" else f"{base}add/"
                doors.append((route, url, None, _admin_page(model, view)))
                continue
            for report in REPORTS if model_name in ("report", "reportevent") else [None]:
                pk = _admin_object_pk(world, model, report)
                suffix = {"change": "change/", "history": "history/", "delete": "delete/"}[view]
                expect = _admin_object(model, view, report) if pk is not None else _admin_refused
                doors.append((route, f"{base}{pk or MISSING_ID}/{suffix}", report, expect))
        elif name == "login":  # an administrator already signed in is sent on to the index
            doors.append((route, "/admin/login/", None, lambda role, r=None: REFUSED if role == "admin" else OK))
        elif name == "logout":  # POST only (Django 5): a GET is refused for everyone
            doors.append((route, "/admin/logout/", None, lambda role, r=None: REFUSED))
        elif name in ("password_change", "password_change_done", "jsi18n", "index"):
            url = {
                "password_change": "/admin/password_change/",
                "password_change_done": "/admin/password_change/done/",
                "jsi18n": "/admin/jsi18n/",
                "index": "/admin/",
            }[name]
            doors.append((route, url, None, _admin_only))
        elif name == "autocomplete":  # needs its parameters, even from the administrator
            doors.append((route, "/admin/autocomplete/", None, _admin_refused))
        elif name == "app_list":
            for app_label in ("geoportal", "workflow", "reports_pdf", "open311", "auth"):
                doors.append((route, f"/admin/{app_label}/", None, _admin_only))
        elif name == "view_on_site":
            doors.append((route, "/admin/r/1/1/", None, _admin_refused))
        else:  # the catch-all: unknown admin addresses
            doors.append((route, "/admin/no-such-page/", None, _admin_refused))
    return doors


def _admin_only(role, report=None):
    return OK if role == "admin" else LOGIN


def _admin_refused(role, report=None):
    return REFUSED if role == "admin" else LOGIN


def _admin_page(model, view):
    def expect(role, report=None):
        if role != "admin":
            return LOGIN
        if view == "add" and model._meta.model_name in ("report", "reportevent", "monthlyreport"):
            return REFUSED  # reports enter through the citizen's door; the audit trail is append-only
        if view == "add" and model._meta.app_label == "axes":
            return REFUSED  # sign-in failures and lockouts are recorded, never typed in
        return OK

    return expect


def _admin_object(model, view, report):
    def expect(role, r=None):
        if role != "admin":
            return LOGIN
        if report == "confidential":
            return REFUSED
        if view == "delete" and model._meta.model_name in ("report", "reportevent"):
            return REFUSED
        return OK

    return expect


def _admin_object_pk(world, model, report):
    if model is Report:
        return world.reports[report].pk
    if model._meta.model_name == "reportevent":
        return world.reports[report].events.order_by("id").first().pk
    obj = model.objects.order_by("pk").first()
    return obj.pk if obj else None  # no such object here: the admin answers as for a missing one


# --- knocking ---------------------------------------------------------------------------------------------------
def _client(world, role) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    if role in world.users:
        client.force_login(world.users[role])
    return client


def _outcome(response) -> str:
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    location = response.get("Location", "")
    if status in (301, 302, 303) and ("/masuk/" in location or "/admin/login/" in location):
        return LOGIN
    if status == 302 and location == "/admin/":
        return REFUSED  # the admin's answer for an object it does not find (or may not show)
    if status in (401, 403, 404, 405, 409, 400, 429):
        return REFUSED
    return OK


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("latin-1")
    return response.content.decode("utf-8", "replace")


def _leaks(world, role, door_is_code, body) -> list[str]:
    found = []
    for key in REPORTS:
        for secret in world.secrets[key]:
            if secret in body and (role, key) not in CONTACT:
                found.append(f"contact of the {key} report ({secret})")
        if world.markers[key] in body and key not in VISIBLE[role] and key not in PUBLICLY:
            found.append(f"the {key} report itself")
    if not door_is_code:
        found += [f"tracking code {code}" for code in world.codes if code in body]
    return found


def _knock(world, role, route, door, report):
    client = _client(world, role)
    args = (world, report, role) if door.url.__code__.co_argcount >= 3 else (world, report)
    url = door.url(*args)
    data = door.data(world, report) if door.data else None
    before = world.reports[report].status if report else None
    with transaction.atomic():
        response = getattr(client, door.method)(url, data) if data is not None else getattr(client, door.method)(url)
        moved = report is not None and Report.objects.get(pk=world.reports[report].pk).status != before
        body = _body(response)
        transaction.set_rollback(True)
    return response, url, body, moved


def test_the_access_matrix(world, settings):
    settings.DEBUG = False
    problems, cells = [], 0
    doors = [(route, door) for route, door in DOORS.items()]
    for route, door in doors:
        for role in ROLES:
            for report in REPORTS if door.per_report else [None]:
                expected = door.expect(role, report)
                response, url, body, moved = _knock(world, role, route, door, report)
                cells += 1
                got = _outcome(response)
                if door.lands and got == OK:
                    got = OK if response.get("Location") == door.lands(world, report) else REFUSED
                if door.changes and got != LOGIN:
                    got = OK if moved else REFUSED
                if got != expected:
                    problems.append(f"{role:16} {door.method.upper():4} {url} [{report}]: {got}, expected {expected}")
                for leak in _leaks(world, role, door.code_door, body):
                    problems.append(f"{role:16} {door.method.upper():4} {url} [{report}]: leaks {leak}")
    for route, url, report, expect in _admin_doors(world):
        for role in ROLES:
            response, _url, body, _moved = _knock(
                world, role, route, Door("get", lambda w, r, role, u=url: u, expect), report
            )
            cells += 1
            got, expected = _outcome(response), expect(role, report)
            if got != expected:
                problems.append(f"{role:16} GET  {url} [{report}]: {got}, expected {expected}")
            for leak in _leaks(world, role, False, body):
                problems.append(f"{role:16} GET  {url} [{report}]: leaks {leak}")
    print(f"access matrix: {cells} cells ({len(_routes())} URL patterns × {len(ROLES)} roles × reports)")
    assert not problems, f"{len(problems)} of {cells} cells wrong:\n" + "\n".join(problems)


def _id_blanked(body: bytes, pk: int) -> bytes:
    body = re.sub(rb'name="csrfmiddlewaretoken" value="\w+"', b"CSRF", body)  # masked anew in every answer
    return re.sub(rb"(?<![\w.#-])%d(?![\w.])" % pk, b"ID", body)


def test_a_hidden_report_answers_like_a_missing_one(world, settings):
    """Whoever may not see the confidential report gets, byte for byte, the answer for an id that does not exist."""
    settings.DEBUG = False
    hidden = world.reports["confidential"].pk
    for role in ["anonymous", "operator", "opd-pupr", "opd-dlh", "admin"]:
        client = _client(world, role)
        for template in (
            "/api/reports/{}/",
            "/laporan/{}/",
            "/api/staff/reports/{}/",
            "/api/reports/{}/events/",
            "/staf/laporan/{}/",
            "/ogc/collections/reports/items/{}",
            "/ogc/collections/staff-reports/items/{}",
        ):
            there, missing = client.get(template.format(hidden)), client.get(template.format(MISSING_ID))
            assert there.status_code == missing.status_code, (role, template)
            # The id as a word of its own (in the path, a message), not the same digits inside a colour or size
            # of the error page's style sheet; the page's CSRF token (the language menu) differs in every answer.
            assert _id_blanked(there.content, hidden) == _id_blanked(missing.content, MISSING_ID), (role, template)
