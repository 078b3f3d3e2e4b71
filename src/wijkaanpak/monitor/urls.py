from django.urls import path

from wijkaanpak.monitor import views

app_name = "monitor"
urlpatterns = [
    path("monitor/", views.home, name="home"),
    path("monitor/inlezen/", views.import_figures, name="import"),
    path("monitor/indicatoren/", views.indicator_list, name="indicators"),
    path("monitor/gemeente/<str:code>/", views.dashboard, name="dashboard"),
    path("monitor/gemeente/<str:code>/index.csv", views.dashboard_csv, name="dashboard_csv"),
    path("gebied/<str:code>/profiel/", views.profile, name="profile"),
    path("gebied/<str:code>/profiel/cijfers.csv", views.profile_csv, name="profile_csv"),
    path("gebied/<str:code>/sterkte/nieuw/", views.strength_add, name="strength_add"),
    path("sterkte/<int:pk>/beoordelen/", views.strength_moderate, name="strength_moderate"),
    path("plan/<int:pk>/voortgang/", views.plan_progress, name="plan_progress"),
    path("plan/<int:pk>/voortgang.csv", views.plan_progress_csv, name="plan_progress_csv"),
    path("wijk/<str:code>/rapport/", views.district_report, name="report"),
    path("wijk/<str:code>/rapport.pdf", views.district_report_pdf, name="report_pdf"),
]
