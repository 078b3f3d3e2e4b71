from django.urls import path

from wijkaanpak.plans import views

app_name = "plans"
urlpatterns = [
    path("wijk/<str:code>/plan/nieuw/", views.plan_create, name="create"),
    path("plan/<int:pk>/", views.plan_detail, name="detail"),
    path("plan/<int:pk>/bewerken/", views.plan_edit, name="edit"),
    path("plan/<int:pk>/geschiedenis/", views.plan_history, name="history"),
    path("plan/<int:pk>/doel/nieuw/", views.goal_create, name="goal_create"),
    path("doel/<int:pk>/bewerken/", views.goal_edit, name="goal_edit"),
    path("doel/<int:pk>/verwijderen/", views.goal_delete, name="goal_delete"),
    path("plan/<int:pk>/afspraak/nieuw/", views.commitment_create, name="commitment_create"),
    path("afspraak/<int:pk>/bewerken/", views.commitment_edit, name="commitment_edit"),
]
