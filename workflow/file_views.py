"""The door to stored photos and videos: thin, the file policy (workflow.files) decides."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import Http404
from django.views.decorators.http import require_safe
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.settings import api_settings

from workflow.files import SIGNATURE_PARAM, Answer, stored_file_answer, stored_file_find
from workflow.policies import Actor
from workflow.sendfile import file_response


@require_safe
def media_file(request, name: str):
    """A report's photo, thumbnail, video or poster. A missing file and a refused one get the same 404."""
    stored = stored_file_find(name=name)
    answer = stored and stored_file_answer(
        file=stored, signature=request.GET.get(SIGNATURE_PARAM), actor=lambda: request_actor(request)
    )
    if not answer:
        raise Http404
    return file_response(
        storage=default_storage,
        name=stored.name,
        accel_prefix=settings.MEDIA_ACCEL_REDIRECT_PREFIX,
        public=answer is Answer.PUBLIC,
    )


def request_actor(request) -> Actor | None:
    """Who asks: signed in by session or by the API token the QGIS plugin sends, authenticated exactly as the API
    authenticates (REST_FRAMEWORK's DEFAULT_AUTHENTICATION_CLASSES). A bad or expired token is nobody."""
    drf_request = Request(request, authenticators=[auth() for auth in api_settings.DEFAULT_AUTHENTICATION_CLASSES])
    try:
        user = drf_request.user
    except APIException:
        return None
    return Actor.for_user(user)
