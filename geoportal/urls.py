from django.urls import path

from geoportal import views

urlpatterns = [
    path("", views.home, name="home"),
]
