from django.urls import path

from wijkaanpak.partners import views

app_name = "partners"
urlpatterns = [
    path("partners/", views.organisation_list, name="list"),
    path("partners/nieuw/", views.organisation_create, name="create"),
    path("partners/<int:pk>/", views.organisation_detail, name="detail"),
    path("partners/<int:pk>/persoon/nieuw/", views.person_create, name="person_create"),
]
