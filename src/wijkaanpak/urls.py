from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    # The API first: its paths are fixed prefixes, and the busiest request of all (a vote)
    # should not be tried against every page pattern before it.
    path("api/v1/", include(("wijkaanpak.api.urls", "v1"), namespace="v1")),
    path("", include("wijkaanpak.core.urls")),
    path("", include("wijkaanpak.areas.urls")),
    path("", include("wijkaanpak.plans.urls")),
    path("", include("wijkaanpak.projects.urls")),
    path("", include("wijkaanpak.funding.urls")),
    path("", include("wijkaanpak.partners.urls")),
    path("", include("wijkaanpak.monitor.urls")),
    path("", include("wijkaanpak.mkba.urls")),
    path("", include("wijkaanpak.budgets.urls")),
    path("", include("wijkaanpak.initiatives.urls")),
    path("inloggen/", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]

# A database that is down is a 503, also when it fails outside a view (issue 7, C13).
handler500 = "wijkaanpak.core.unavailable.server_error"
