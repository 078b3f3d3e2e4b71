from django.urls import path

from wijkaanpak.projects import views

app_name = "projects"
urlpatterns = [
    path("wijk/<str:code>/project/nieuw/", views.project_create, name="create"),
    path("project/<int:pk>/", views.project_detail, name="detail"),
    path("project/<int:pk>/bewerken/", views.project_edit, name="edit"),
    path("project/<int:pk>/geld/", views.budget_line_add, name="budget_line_add"),
    path(
        "begrotingsregel/<int:pk>/verwijderen/", views.budget_line_delete, name="budget_line_delete"
    ),
    path("project/<int:pk>/prestatie/", views.output_add, name="output_add"),
    path("prestatie/<int:pk>/bewerken/", views.output_edit, name="output_edit"),
    path("prestatie/<int:pk>/periode/", views.output_period, name="output_period"),
]
