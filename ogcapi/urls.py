from django.urls import path

from ogcapi import views

# Without trailing slashes (OGC API paths are /collections, /conformance, ...); the landing page is /ogc/.
urlpatterns = [
    path("", views.landing, name="ogc-landing"),
    path("conformance", views.conformance, name="ogc-conformance"),
    path("api", views.openapi, name="ogc-openapi"),
    path("collections", views.collections, name="ogc-collections"),
    path("collections/<str:cid>", views.collection, name="ogc-collection"),
    path("collections/<str:cid>/queryables", views.queryables, name="ogc-queryables"),
    path("collections/<str:cid>/items", views.items, name="ogc-items"),
    path("collections/<str:cid>/items/<str:fid>", views.item, name="ogc-item"),
]
