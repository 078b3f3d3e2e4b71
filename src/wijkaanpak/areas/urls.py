from django.urls import path

from wijkaanpak.areas import views

app_name = "areas"
urlpatterns = [
    path("gebieden/import/", views.area_import, name="import"),
    path("gebied/<str:code>/", views.area_detail, name="detail"),
]
