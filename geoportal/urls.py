from django.urls import path

from geoportal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("lacak/<str:code>/", views.track, name="track"),
    path("lacak/<str:code>/jawab/", views.track_answer, name="track-answer"),
]
