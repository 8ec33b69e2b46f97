"""Staff API (token or session) and the citizen's tracking-code API. Thin: the services decide."""

import json

from django.conf import settings
from django.contrib.auth import authenticate, get_user
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from apicommon.errors import ApiError
from apicommon.parsers import PARSERS
from apicommon.renderers import PassThroughJSONRenderer, PrebuiltJSON
from config.http import private_read
from geoportal.api.schema import ErrorSerializer
from geoportal.api.serializers import StaffReportFilterSerializer
from geoportal.api.views import FEATURE_COLLECTION_SCHEMA, FEATURE_SCHEMA, GEO_RENDERERS, feature_collection_response
from geoportal.models import Report
from geoportal.progress import citizen_status_name
from geoportal.selectors.reports import report_feature
from geoportal.services.rate_limits import RateLimited
from geoportal.services.reports import Upload
from workflow.api.serializers import (
    EventSerializer,
    PublicEventSerializer,
    TransitionInputSerializer,
)
from workflow.citizen_views import report_tracked
from workflow.models import ApiToken
from workflow.policies import (
    TRANSITIONS,
    Actor,
    audience_for,
    citizen_act_refusal,
    contact_visible,
    reports_visible_to,
    transitions_available,
)
from workflow.selectors import report_public_timeline
from workflow.services.tokens import api_token_create, api_token_revoke
from workflow.services.transitions import TransitionError, TransitionInput, report_transition

_ERROR_BODY = ErrorSerializer
TRANSITION_ERRORS = {
    400: OpenApiResponse(_ERROR_BODY, description=_("Missing or wrong input (note, reason, photo, OPD, original)")),
    403: OpenApiResponse(_ERROR_BODY, description=_("Your role may not do this, or not in the report's state")),
    404: OpenApiResponse(_ERROR_BODY, description=_("No such report that you can see")),
    409: OpenApiResponse(_ERROR_BODY, description=_("Someone else acted first; reload and look again")),
}


JSON_RENDERERS = [PassThroughJSONRenderer, BrowsableAPIRenderer]


class IsStaff(permissions.BasePermission):
    message = _("Sign in with a staff account (operator, OPD officer or leadership).")

    def has_permission(self, request, view) -> bool:
        request.actor = Actor.for_user(request.user)
        return request.actor is not None


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})
    name = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text=_("the device, e.g. QGIS (shown on the token page)")
    )


class TokenView(APIView):
    """Sign in a device: username and password for a token; send it after as `Authorization: Token <token>`.
    DELETE signs the device out (ends the token it is called with)."""

    permission_classes = [permissions.AllowAny]
    renderer_classes = JSON_RENDERERS

    @extend_schema(
        operation_id="auth_token",
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer(
                "TokenResponse",
                {
                    "token": serializers.CharField(),
                    "expires_at": serializers.DateTimeField(help_text=_("at the latest; sooner when unused")),
                    "idle_days": serializers.FloatField(help_text=_("it ends after this many days unused")),
                },
            ),
            400: OpenApiResponse(_ERROR_BODY, description=_("Wrong username or password")),
            429: OpenApiResponse(_ERROR_BODY, description=_("Too many failed sign-ins: locked for a while")),
        },
        tags=["staff"],
    )
    def post(self, request: Request) -> Response:
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        # With the Django request, so django-axes counts the failure and refuses a locked-out sign-in (its
        # middleware then answers 429 with workflow.logins.lockout_response).
        user = authenticate(request._request, username=values["username"], password=values["password"])
        if user is None:
            message = str(_("Cannot sign in: wrong username or password."))
            raise ApiError(message, errors={"non_field_errors": [message]})
        token, key = api_token_create(user=user, name=values.get("name") or "API")
        return Response({"token": key, "expires_at": token.expires_at, "idle_days": settings.API_TOKEN_IDLE_DAYS})

    @extend_schema(
        operation_id="auth_token_revoke",
        request=None,
        responses={204: OpenApiResponse(description=_("The token is ended")), 401: OpenApiResponse(_ERROR_BODY)},
        tags=["staff"],
    )
    def delete(self, request: Request) -> Response:
        if not isinstance(request.auth, ApiToken):
            raise ApiError(
                _("Send the token to end as `Authorization: Token <token>`."),
                status=401,
                headers={"WWW-Authenticate": "Token"},
            )
        api_token_revoke(user=request.user, token_id=request.auth.pk)
        return Response(status=204)


def _error(exc: TransitionError) -> ApiError:
    return ApiError(exc.message, errors=exc.field_errors, status=exc.status_code)


@method_decorator(private_read, name="dispatch")  # one officer's queue: no shared cache keeps it
class StaffReportListView(APIView):
    """The reports this staff member may see, as GeoJSON with their clocks (the QGIS plugin's source)."""

    permission_classes = [IsStaff]
    renderer_classes = GEO_RENDERERS

    @extend_schema(
        operation_id="staff_reports_list",
        parameters=[StaffReportFilterSerializer],
        responses={200: OpenApiResponse(FEATURE_COLLECTION_SCHEMA), 400: OpenApiResponse(), 403: OpenApiResponse()},
        tags=["staff"],
    )
    def get(self, request: Request) -> Response:
        params = StaffReportFilterSerializer(data=request.query_params)
        return feature_collection_response(request, params, audience_for(request.actor))


class StaffReportDetailView(APIView):
    """One report as a staff member sees it, with the actions they may take now."""

    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="staff_reports_retrieve", responses={200: OpenApiResponse(FEATURE_SCHEMA)}, tags=["staff"]
    )
    def get(self, request: Request, pk: int) -> Response:
        actor = request.actor
        report = reports_visible_to(actor).select_related("category", "opd").filter(pk=pk).first()
        if report is None:
            raise NotFound(_("There is no report with this number that you can see."))
        feature = json.loads(
            report_feature(
                report_id=pk, media_url=request.build_absolute_uri(settings.MEDIA_URL), audience=audience_for(actor)
            )
        )
        feature["properties"]["actions"] = [
            {"name": name, "label": str(TRANSITIONS[name].label), "needs": list(TRANSITIONS[name].needs)}
            for name in transitions_available(actor, report)
        ]
        feature["properties"]["photos"] = [
            {
                "kind": p.kind,
                "url": request.build_absolute_uri(p.image.url),
                "thumbnail": request.build_absolute_uri(p.thumbnail.url),
            }
            for p in report.photos.all()
        ]
        if contact_visible(actor, report) and (contact := getattr(report, "contact", None)):
            feature["properties"]["contact"] = {"name": contact.name, "phone": contact.phone, "email": contact.email}
        return Response(feature)


class TransitionView(APIView):
    """Run an action on a report: verify, reject, mark_duplicate, dispatch, redispatch, acknowledge, resolve,
    return_to_operator, reopen, close. Send `expected_status` to be told (409) when someone acted first."""

    permission_classes = [IsStaff]
    parser_classes = PARSERS
    renderer_classes = JSON_RENDERERS

    @extend_schema(
        operation_id="reports_transition",
        parameters=[
            OpenApiParameter("name", str, OpenApiParameter.PATH, enum=list(TRANSITIONS), description=_("the action")),
        ],
        request={"multipart/form-data": TransitionInputSerializer, "application/json": TransitionInputSerializer},
        responses={200: OpenApiResponse(FEATURE_SCHEMA), **TRANSITION_ERRORS},
        tags=["staff"],
    )
    def post(self, request: Request, pk: int, name: str) -> Response:
        return _run_transition(request, pk, name, request.actor, staff=True)


def _run_transition(request: Request, pk: int, name: str, actor: Actor, *, staff: bool) -> Response:
    data = TransitionInputSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    values = data.validated_data
    upload = values.get("photo")
    try:
        report = report_transition(
            report_id=pk,
            name=name,
            actor=actor,
            data=TransitionInput(
                note=values.get("note", ""),
                reason=values.get("reason", ""),
                opd=values.get("opd"),
                duplicate_of=values.get("duplicate_of"),
                photo=Upload(upload.read(), upload.name) if upload else None,
                expected_status=values.get("expected_status"),
            ),
        )
    except TransitionError as exc:
        raise _error(exc) from None
    audience = audience_for(actor) if staff else None
    if audience is None:
        return Response({"status": report.status, "status_label": citizen_status_name(report.status)})
    return Response(
        PrebuiltJSON(
            report_feature(
                report_id=report.pk, media_url=request.build_absolute_uri(settings.MEDIA_URL), audience=audience
            )
        )
    )


class EventListView(APIView):
    """A report's audit trail, oldest first: who, role, when, from, to, note, OPD."""

    permission_classes = [IsStaff]

    @extend_schema(operation_id="reports_events", responses={200: EventSerializer(many=True)}, tags=["staff"])
    def get(self, request: Request, pk: int) -> Response:
        report = reports_visible_to(request.actor).filter(pk=pk).first()
        if report is None:
            raise NotFound(_("There is no report with this number that you can see."))
        events = report.events.select_related("actor", "opd", "photo").order_by("created_at", "id")
        return Response(EventSerializer(events, many=True, context={"request": request}).data)


TOO_MANY_LOOKUPS = OpenApiResponse(
    _ERROR_BODY, description=_("Too many tracking-code look-ups from this address: wait Retry-After seconds")
)


def _tracked(request: Request, code: str) -> Report:
    try:
        return report_tracked(request._request, code)  # no such report: Http404, which DRF answers as its 404
    except RateLimited as limited:
        raise ApiError(limited.message, status=429, headers={"Retry-After": str(limited.retry_after)}) from None


class TrackView(APIView):
    """A report's public status and timeline, for whoever holds its tracking code."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        operation_id="track_retrieve",
        responses={
            200: inline_serializer(
                "Tracked",
                {
                    "status": serializers.CharField(),
                    "status_label": serializers.CharField(),
                    "category_name": serializers.CharField(),
                    "kecamatan": serializers.CharField(),
                    "desa": serializers.CharField(),
                    "created_at": serializers.DateTimeField(),
                    "can_reopen": serializers.BooleanField(),
                    "can_close": serializers.BooleanField(),
                    "timeline": PublicEventSerializer(many=True),
                },
            ),
            404: OpenApiResponse(description=_("Unknown tracking code")),
            429: TOO_MANY_LOOKUPS,
        },
        tags=["citizen"],
    )
    def get(self, request: Request, code: str) -> Response:
        report = _tracked(request, code)
        citizen = Actor.citizen()
        available = transitions_available(citizen, report)
        return Response(
            {
                "status": report.status,
                "status_label": citizen_status_name(report.status),
                "category_name": report.category.name,
                "kecamatan": report.kecamatan.nama,
                "desa": report.desa.nama,
                "created_at": report.created_at,
                "can_reopen": "reopen" in available,
                "can_close": "close" in available,
                "timeline": PublicEventSerializer(
                    report_public_timeline(report=report), many=True, context={"request": request, "report": report}
                ).data,
            }
        )


class CitizenTransitionView(APIView):
    """The citizen confirms the fix (`close`) or says it is not fixed (`reopen`, with a note). Refused to anyone
    signed in (a staff session or token): only the citizen acts as the citizen."""

    permission_classes = [permissions.AllowAny]
    # The configured token authentication, only to recognise (and refuse) staff; a staff session is read from the
    # session itself below, so DRF's session CSRF check does not answer first in its own English words.
    authentication_classes = [
        c for c in api_settings.DEFAULT_AUTHENTICATION_CLASSES if not issubclass(c, SessionAuthentication)
    ]
    parser_classes = PARSERS

    @extend_schema(
        operation_id="track_transition",
        request=TransitionInputSerializer,
        responses={
            200: inline_serializer(
                "TrackedStatus", {"status": serializers.CharField(), "status_label": serializers.CharField()}
            ),
            **TRANSITION_ERRORS,
            429: TOO_MANY_LOOKUPS,
        },
        tags=["citizen"],
    )
    def post(self, request: Request, code: str, name: str) -> Response:
        if refusal := citizen_act_refusal(request.user) or citizen_act_refusal(get_user(request._request)):
            raise ApiError(refusal, status=403)
        if name not in ("reopen", "close"):
            raise ApiError(_("A citizen can only confirm the fix or reopen the report."), status=403)
        return _run_transition(request, _tracked(request, code).pk, name, Actor.citizen(), staff=False)
