"""Routes of the monitor API. Included under ``/api/v1/`` by the project's API router.

The indicator catalogue (``indicators/``, ``indicators/<pk>/``) is already routed in
``wijkaanpak/api/urls.py`` to the views in ``monitor/api.py``; it is not repeated here.
"""

from django.urls import path

from wijkaanpak.monitor import api

urlpatterns = [
    path("indicators.csv", api.IndicatorCsvView.as_view(), name="indicator-csv"),
    path("observations/", api.ObservationListView.as_view(), name="observation-list"),
    path("observations.csv", api.ObservationCsvView.as_view(), name="observation-csv"),
    path("observations/import/", api.ObservationImportView.as_view(), name="observation-import"),
    path("areas/<str:code>/index/", api.AreaIndexView.as_view(), name="area-index"),
    path("areas/<str:code>/strengths/", api.AreaStrengthsView.as_view(), name="area-strengths"),
    path(
        "municipalities/<str:code>/index.csv",
        api.MunicipalityIndexCsvView.as_view(),
        name="municipality-index-csv",
    ),
    path("plans/<int:pk>/progress/", api.PlanProgressView.as_view(), name="plan-progress"),
    path(
        "plans/<int:pk>/progress.csv", api.PlanProgressCsvView.as_view(), name="plan-progress-csv"
    ),
    path("goals/<int:pk>/progress/", api.GoalProgressView.as_view(), name="goal-progress"),
]
