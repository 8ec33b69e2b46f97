from django.urls import path, re_path

from open311 import views

app_name = "open311"

FMT = "<str:fmt>"
urlpatterns = [
    path(f"discovery.{FMT}", views.discovery, name="discovery-root"),
    path(f"v2/discovery.{FMT}", views.discovery, name="discovery"),
    path(f"v2/services.{FMT}", views.service_list, name="services"),
    path(f"v2/services/<str:code>.{FMT}", views.service_definition, name="service"),
    path(f"v2/requests.{FMT}", views.requests, name="requests"),
    path(f"v2/requests/<str:pk>.{FMT}", views.request_detail, name="request"),
    path(f"v2/tokens/<str:token>.{FMT}", views.token_detail, name="token"),
    path(f"v2/servicerequestupdates.{FMT}", views.request_updates, name="updates"),
    re_path(r"^(?P<rest>.*)$", views.not_found, name="not-found"),
]
