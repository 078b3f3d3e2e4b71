from django.urls import path

from wijkaanpak.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.start, name="start"),
    path("api-sleutel/", views.api_token, name="api_token"),
]
