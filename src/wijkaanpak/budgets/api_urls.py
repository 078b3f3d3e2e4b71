"""Routes of the resident budget API, to be included under ``/api/v1/``.

Public (resident) routes and staff routes are separate lists: the public ones need no account
(voting needs a code), the staff ones always need a signed-in user with the right role.
"""

from django.urls import path

from wijkaanpak.budgets import api

public_urlpatterns = [
    path("budgets/", api.ProcessListView.as_view(), name="budget-list"),
    path("budgets/<int:pk>/", api.ProcessDetailView.as_view(), name="budget-detail"),
    path("budgets/<int:pk>/ideas/", api.IdeaListView.as_view(), name="budget-idea-list"),
    path("budgets/<int:pk>/vote/", api.VoteView.as_view(), name="budget-vote"),
    path("budgets/<int:pk>/receipt/", api.ReceiptView.as_view(), name="budget-receipt"),
    path("budgets/<int:pk>/results/", api.ResultView.as_view(), name="budget-results"),
    path("budgets/<int:pk>/results.csv", api.ResultCsvView.as_view(), name="budget-results-csv"),
    path("budgets/<int:pk>/results.pb", api.ResultPabulibView.as_view(), name="budget-results-pb"),
    path("budget-ideas/<int:pk>/", api.IdeaDetailView.as_view(), name="budget-idea-detail"),
    path(
        "budget-ideas/<int:pk>/comments/",
        api.CommentListView.as_view(),
        name="budget-comment-list",
    ),
]

staff_urlpatterns = [
    path("staff/budgets/", api.StaffProcessCreateView.as_view(), name="budget-staff-create"),
    path(
        "staff/budgets/<int:pk>/", api.StaffProcessDetailView.as_view(), name="budget-staff-detail"
    ),
    path("staff/budgets/<int:pk>/phase/", api.StaffPhaseView.as_view(), name="budget-staff-phase"),
    path("staff/budgets/<int:pk>/codes/", api.StaffCodesView.as_view(), name="budget-staff-codes"),
    path(
        "staff/budgets/<int:pk>/verified-voters/",
        api.StaffVerifiedVoterView.as_view(),
        name="budget-staff-verified-voters",
    ),
    path(
        "staff/budgets/<int:pk>/turnout/",
        api.StaffTurnoutView.as_view(),
        name="budget-staff-turnout",
    ),
    path(
        "staff/budgets/<int:pk>/paper-slips/",
        api.StaffPaperSlipView.as_view(),
        name="budget-staff-paper-slips",
    ),
    path(
        "staff/budgets/<int:pk>/paper-entries/",
        api.StaffPaperEntryView.as_view(),
        name="budget-staff-paper-entries",
    ),
    path(
        "staff/budgets/<int:pk>/paper-entries/<int:number>/",
        api.StaffPaperEntryWithdrawView.as_view(),
        name="budget-staff-paper-entry-withdraw",
    ),
    path(
        "staff/budget-ideas/<int:pk>/review/",
        api.StaffIdeaReviewView.as_view(),
        name="budget-staff-idea-review",
    ),
    path(
        "staff/budget-ideas/<int:pk>/moderation/",
        api.StaffIdeaModerationView.as_view(),
        name="budget-staff-idea-moderation",
    ),
    path(
        "staff/budget-comments/<int:pk>/moderation/",
        api.StaffCommentModerationView.as_view(),
        name="budget-staff-comment-moderation",
    ),
]

urlpatterns = public_urlpatterns + staff_urlpatterns
