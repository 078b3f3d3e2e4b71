"""API routes for MKBA, included under ``/api/v1/`` (names in the ``v1`` namespace)."""

from django.urls import path

from wijkaanpak.mkba import api

urlpatterns = [
    path("mkba/analyses/", api.AnalysisListView.as_view(), name="mkba-analysis-list"),
    path("mkba/analyses/<int:pk>/", api.AnalysisDetailView.as_view(), name="mkba-analysis-detail"),
    path(
        "mkba/analyses/<int:pk>/results/",
        api.AnalysisResultView.as_view(),
        name="mkba-analysis-results",
    ),
    path(
        "mkba/analyses/<int:pk>/flows/",
        api.AnalysisFlowListView.as_view(),
        name="mkba-analysis-flows",
    ),
    path("mkba/flows/<int:pk>/", api.FlowDetailView.as_view(), name="mkba-flow-detail"),
]
