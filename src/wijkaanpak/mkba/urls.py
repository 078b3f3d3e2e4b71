from django.urls import path

from wijkaanpak.mkba import views

app_name = "mkba"
urlpatterns = [
    path("mkba/", views.analysis_list, name="list"),
    path("mkba/nieuw/", views.analysis_create, name="create"),
    path("mkba/<int:pk>/", views.analysis_detail, name="detail"),
    path("mkba/<int:pk>/bewerken/", views.analysis_edit, name="edit"),
    path("mkba/<int:pk>/verwijderen/", views.analysis_delete, name="delete"),
    path("mkba/<int:pk>/bedrag/", views.flow_add, name="flow_add"),
    path("mkba/<int:pk>/bedragen.csv", views.flows_csv, name="flows_csv"),
    path("mkba/<int:pk>/uitkomsten.csv", views.results_csv, name="results_csv"),
    path("mkba/bedrag/<int:pk>/bewerken/", views.flow_edit, name="flow_edit"),
    path("mkba/bedrag/<int:pk>/verwijderen/", views.flow_delete, name="flow_delete"),
]
