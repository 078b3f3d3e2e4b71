"""Version 1 of the REST API, mounted at ``/api/v1/`` (namespace ``v1``).

Each app keeps its serializers and views in its own ``api.py``; this file only routes.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from wijkaanpak.api.views import ApiRootView
from wijkaanpak.areas import api as areas
from wijkaanpak.funding import api as funding
from wijkaanpak.monitor import api as monitor
from wijkaanpak.partners import api as partners
from wijkaanpak.plans import api as plans
from wijkaanpak.projects import api as projects

urlpatterns = [
    path("", ApiRootView.as_view(), name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # resident budgets (public resident routes and staff routes) first: voting is the busiest
    path("", include("wijkaanpak.budgets.api_urls")),
    # areas and the money of a district
    path("areas/", areas.AreaListView.as_view(), name="area-list"),
    path("areas/<str:code>/", areas.AreaDetailView.as_view(), name="area-detail"),
    path("districts/<str:code>/money/", funding.DistrictMoneyView.as_view(), name="district-money"),
    path(
        "districts/<str:code>/money.csv",
        funding.DistrictMoneyCsvView.as_view(),
        name="district-money-csv",
    ),
    # partners and the indicator catalogue
    path("organisations/", partners.OrganisationListView.as_view(), name="organisation-list"),
    path(
        "organisations/<int:pk>/",
        partners.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path("people/", partners.PersonListView.as_view(), name="person-list"),
    path("people/<int:pk>/", partners.PersonDetailView.as_view(), name="person-detail"),
    path("indicators/", monitor.IndicatorListView.as_view(), name="indicator-list"),
    path("indicators/<int:pk>/", monitor.IndicatorDetailView.as_view(), name="indicator-detail"),
    # action plans
    path("plans/", plans.PlanListView.as_view(), name="plan-list"),
    path("plans/<int:pk>/", plans.PlanDetailView.as_view(), name="plan-detail"),
    path("plans/<int:pk>/history/", plans.PlanHistoryView.as_view(), name="plan-history"),
    path("goals/", plans.GoalListView.as_view(), name="goal-list"),
    path("goals/<int:pk>/", plans.GoalDetailView.as_view(), name="goal-detail"),
    path("commitments/", plans.CommitmentListView.as_view(), name="commitment-list"),
    path("commitments/<int:pk>/", plans.CommitmentDetailView.as_view(), name="commitment-detail"),
    # projects, their outputs and money
    path("projects/", projects.ProjectListView.as_view(), name="project-list"),
    path("projects/<int:pk>/", projects.ProjectDetailView.as_view(), name="project-detail"),
    path("output-measures/", projects.OutputMeasureListView.as_view(), name="output-measure-list"),
    path(
        "output-measures/<int:pk>/",
        projects.OutputMeasureDetailView.as_view(),
        name="output-measure-detail",
    ),
    path("output-periods/", projects.OutputPeriodListView.as_view(), name="output-period-list"),
    path(
        "output-periods/<int:pk>/",
        projects.OutputPeriodDetailView.as_view(),
        name="output-period-detail",
    ),
    path("budget-lines/", funding.BudgetLineListView.as_view(), name="budget-line-list"),
    path(
        "budget-lines/<int:pk>/", funding.BudgetLineDetailView.as_view(), name="budget-line-detail"
    ),
    # social cost-benefit analyses, initiatives (vouchers, accounting, crowd support)
    path("", include("wijkaanpak.mkba.api_urls")),
    path("", include("wijkaanpak.initiatives.api_urls")),
    # the monitor: observations, index, goal progress, strengths
    path("", include("wijkaanpak.monitor.api_urls")),
]
