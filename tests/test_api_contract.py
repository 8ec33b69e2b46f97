"""The API keeps its own OpenAPI contract (schemathesis): every operation in /api/schema/, anonymous and with each
staff role's token, stateless (generated requests, valid and invalid) and stateful (following the schema's links),
against the WSGI app on real PostGIS with seeded reports. Every answer must be one the schema declares, in the
declared media type and shape, never a server error.

The budget is small so `make test` stays quick (SCHEMATHESIS_EXAMPLES, default 6 per operation and role);
`make fuzz` runs the same tests with a long budget and prints schemathesis's summary."""

import json
import os

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.wsgi import application
from geoportal.models import Category, Opd
from geoportal.states import ReportStatus as S
from tests.factories import ReportFactory
from workflow.models import Role
from workflow.services.accounts import staff_account_ensure
from workflow.services.tokens import api_token_create

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", 6))
STEPS = int(os.environ.get("SCHEMATHESIS_STEPS", 8))
BUDGET = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("SCHEMATHESIS_RANDOM"),
    suppress_health_check=list(HealthCheck),
    database=None,
)
# Not checked: that every schema-valid request is accepted. Whether a sign-in, a photo, a place or a tile is
# acceptable depends on data no schema can state (a real password, a decodable image, a point inside the regency,
# x and y within the zoom's range); those refusals are still checked for a declared status and the error shape.
EXCLUDED = [positive_data_acceptance]
# The WSGI test client does not undo gzip (the report list compresses): ask for the plain body.
PLAIN = {"Accept-Encoding": "identity"}
ROLES = ["anonymous", "operator", "opd", "covert", "leadership", "admin"]
STAFF = {
    "operator": (Role.OPERATOR, None),
    "opd": (Role.OPD_OFFICER, "PUPR"),
    "covert": (Role.OPD_OFFICER, "INSPEKTORAT"),
    "leadership": (Role.LEADERSHIP, None),
    "admin": (Role.ADMINISTRATOR, None),
}


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI app closes the database connection after each request; Django's test client does not (the test's
    transaction lives on it), so neither do these requests."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


@pytest.fixture
def seeded(db, settings):
    """Reports in every state, public and confidential, so that generated ids and codes sometimes hit one."""
    settings.TRACKING_LOOKUPS_PER_MINUTE = settings.TRACKING_LOOKUPS_PER_HOUR = 10_000
    covert = Category.objects.filter(confidential=True).first()
    reports = [ReportFactory(status=status) for status in S.values]
    reports += [ReportFactory(status=S.DISPATCHED, category=covert, opd=Opd.objects.get(code="INSPEKTORAT"))]
    reports += [ReportFactory(status=S.DISPATCHED, opd=Opd.objects.get(code="PUPR"))]
    return reports


@pytest.fixture
def role_headers(who, seeded) -> dict:
    if who == "anonymous":
        return dict(PLAIN)
    role, opd = STAFF[who]
    username = f"contract-{who}"
    staff_account_ensure(
        username=username, role=role, password="x-pass-123", opd=Opd.objects.get(code=opd) if opd else None
    )
    _token, key = api_token_create(user=get_user_model().objects.get(username=username), name="schemathesis")
    return {**PLAIN, "Authorization": f"Token {key}"}


def _served_schema() -> dict:
    """The schema /api/schema/ serves (made here, at collection, without a request or the database)."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document, renderer_context={}))


schema = schemathesis.openapi.from_dict(_served_schema())
schema.app = application
# `make test`: generated requests (valid and invalid) only; `make fuzz` adds the coverage phase (every boundary
# and every kind of wrong value for each parameter, deterministically: thousands of requests).
schema.config.phases.coverage.enabled = bool(os.environ.get("SCHEMATHESIS_COVERAGE"))


@pytest.fixture
def api_schema():
    return schema


def _aim(case, pick: int, seeded) -> None:
    """A third of the valid requests are aimed at a seeded report's id or tracking code."""
    meta = case._meta
    if pick < len(seeded) and (meta is None or meta.generation.mode == GenerationMode.POSITIVE):
        if "id" in (case.path_parameters or {}):
            case.path_parameters["id"] = seeded[pick].pk
        if "code" in (case.path_parameters or {}):
            case.path_parameters["code"] = seeded[pick].tracking_code


@pytest.mark.parametrize("who", ["anonymous", "operator"])
@schema.parametrize()
@schema.given(pick=st.integers(min_value=0, max_value=30))
@BUDGET
def test_every_operation_keeps_the_contract(case, pick, who, role_headers, seeded):
    _aim(case, pick, seeded)
    case.call_and_validate(headers=role_headers, excluded_checks=EXCLUDED)


# The read-only public doors (boundaries, labels, tiles, the plugin repository) answer every role alike; a token
# there is only authenticated, which the test above does with the operator's. Each role tries everything else.
ROLE_DEPENDENT = schema.exclude(path_regex=r"^/(api/(desa|kecamatan|categories)/|qgis/|tiles/)")


@pytest.mark.parametrize("who", ["opd", "covert", "leadership", "admin"])
@ROLE_DEPENDENT.parametrize()
@ROLE_DEPENDENT.given(pick=st.integers(min_value=0, max_value=30))
@BUDGET
def test_every_role_keeps_the_contract(case, pick, who, role_headers, seeded):
    _aim(case, pick, seeded)
    case.call_and_validate(headers=role_headers, excluded_checks=EXCLUDED)


def machine_links(api_schema) -> int:
    return sum(
        len(response.get("links", {}))
        for item in api_schema.raw_schema["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict)
        for response in operation.get("responses", {}).values()
    )


@pytest.mark.parametrize("who", ROLES)
def test_the_links_keep_the_contract(api_schema, who, role_headers, seeded):
    """Stateful: the schema's links (a new report to its page, its staff view, its events, its transitions, its
    tracking page), walked in generated orders."""
    assert machine_links(api_schema) >= 10
    machine = api_schema.as_state_machine()

    class Walk(machine):
        def setup(self):
            super().setup()
            self.aimed = 0

        def before_call(self, case):
            # Generated ids rarely name a report: aim the first steps of each walk at seeded ones, so that the
            # links from a report the role can see (its trail, its actions) are walked, not only refused.
            if "id" in (case.path_parameters or {}) and self.aimed < len(seeded):
                case.path_parameters["id"] = seeded[self.aimed].pk
                self.aimed += 1
            # The role's token on the case itself, not in the transport's keyword arguments: schemathesis's check
            # that a request without valid authentication is refused replays the case without it, but would replay
            # transport arguments as they were (with the token: a 200 it then reports as "accepts invalid auth").
            case.headers = {**(case.headers or {}), **role_headers}
            # ...and marked as the configured credentials (what schemathesis's auth providers do): otherwise it counts
            # a token it did not generate as "generated, likely invalid" and reports the 200 as ignored auth. Marked,
            # it replays the case without the token and with an invalid one and expects 401/403 (our API gives 401).
            case._has_explicit_auth = "Authorization" in role_headers

        def after_call(self, response, case):
            super().after_call(response, case)
            answered.add((case.operation.label, response.status_code))

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, excluded_checks=EXCLUDED, transport_kwargs=kwargs or None)

    answered: set[tuple[str, int]] = set()
    Walk.run(settings=settings(BUDGET, max_examples=max(EXAMPLES // 2, 3), stateful_step_count=STEPS))
    print(who, sorted(answered))
    assert len({label for label, _status in answered}) >= 3, answered
