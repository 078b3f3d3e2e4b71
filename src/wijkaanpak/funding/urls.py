from django.urls import path

from wijkaanpak.funding import views

app_name = "funding"
urlpatterns = [
    path(
        "wijk/<str:code>/buurtbegroting/", views.neighbourhood_budget, name="neighbourhood_budget"
    ),
    path(
        "wijk/<str:code>/buurtbegroting.csv",
        views.neighbourhood_budget_csv,
        name="neighbourhood_budget_csv",
    ),
]
