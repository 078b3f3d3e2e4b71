from django.urls import path

from wijkaanpak.budgets import views

app_name = "budgets"
urlpatterns = [
    path("bewonersbudget/", views.process_list, name="list"),
    path("wijk/<str:code>/bewonersbudget/nieuw/", views.process_create, name="create"),
    path("bewonersbudget/<int:pk>/", views.process_detail, name="detail"),
    path("bewonersbudget/<int:pk>/bewerken/", views.process_edit, name="edit"),
    path("bewonersbudget/<int:pk>/fase/", views.process_phase, name="phase"),
    path("bewonersbudget/<int:pk>/idee/nieuw/", views.idea_submit, name="idea_submit"),
    path("bewonersbudget/<int:pk>/stemmen/", views.vote, name="vote"),
    path("bewonersbudget/<int:pk>/uitslag/", views.results, name="results"),
    path("bewonersbudget/<int:pk>/uitslag.csv", views.results_csv, name="results_csv"),
    path("bewonersbudget/<int:pk>/uitslag.pb", views.results_pb, name="results_pb"),
    path("bewonersbudget/<int:pk>/stemcodes/", views.codes, name="codes"),
    path("bewonersbudget/<int:pk>/accounts/", views.login_voter, name="login_voter"),
    path("bewonersbudget/<int:pk>/papier/", views.paper, name="paper"),
    path("bewonersbudget/idee/<int:pk>/", views.idea_detail, name="idea"),
    path("bewonersbudget/idee/<int:pk>/reageren/", views.comment_add, name="comment_add"),
    path("bewonersbudget/idee/<int:pk>/toetsen/", views.idea_review, name="idea_review"),
    path("bewonersbudget/idee/<int:pk>/verbergen/", views.idea_moderate, name="idea_moderate"),
    path(
        "bewonersbudget/reactie/<int:pk>/verbergen/",
        views.comment_moderate,
        name="comment_moderate",
    ),
]
