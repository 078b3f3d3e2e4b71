"""API routes of the initiatives app, included under ``/api/v1/`` (namespace ``v1``).

Public routes (no account) are kept apart from the staff routes (``staff/...``).
"""

from django.urls import path

from wijkaanpak.initiatives import api

public_urlpatterns = [
    path("initiatives/", api.InitiativeListView.as_view(), name="initiative-list"),
    path("initiatives/<int:pk>/", api.InitiativeDetailView.as_view(), name="initiative-detail"),
    path(
        "initiative-needs/<int:pk>/pledges/",
        api.PledgeCreateView.as_view(),
        name="initiative-pledge-create",
    ),
]

staff_urlpatterns = [
    path(
        "staff/initiatives/",
        api.InitiativeStaffCreateView.as_view(),
        name="initiative-staff-create",
    ),
    path(
        "staff/initiatives/<int:pk>/",
        api.InitiativeStaffDetailView.as_view(),
        name="initiative-staff-detail",
    ),
    path(
        "staff/initiatives/<int:pk>/vouchers/",
        api.VoucherCreateView.as_view(),
        name="initiative-voucher-create",
    ),
    path(
        "staff/initiatives/<int:pk>/spending/",
        api.SpendingCreateView.as_view(),
        name="initiative-spending-create",
    ),
    path(
        "staff/initiatives/<int:pk>/updates/",
        api.UpdateCreateView.as_view(),
        name="initiative-update-create",
    ),
    path(
        "staff/initiatives/<int:pk>/milestones/",
        api.MilestoneCreateView.as_view(),
        name="initiative-milestone-create",
    ),
    path(
        "staff/initiatives/<int:pk>/needs/",
        api.NeedCreateView.as_view(),
        name="initiative-need-create",
    ),
    path(
        "staff/initiatives/<int:pk>/pledges/",
        api.PledgeStaffListView.as_view(),
        name="initiative-pledge-list",
    ),
    path(
        "staff/initiative-milestones/<int:pk>/",
        api.MilestoneStaffDetailView.as_view(),
        name="initiative-milestone-detail",
    ),
    path(
        "staff/initiative-needs/<int:pk>/",
        api.NeedStaffDetailView.as_view(),
        name="initiative-need-detail",
    ),
    path(
        "staff/initiative-pledges/<int:pk>/",
        api.PledgeStaffDetailView.as_view(),
        name="initiative-pledge-detail",
    ),
    path(
        "staff/initiative-spending/<int:pk>/receipt/",
        api.ReceiptView.as_view(),
        name="initiative-receipt",
    ),
]

urlpatterns = public_urlpatterns + staff_urlpatterns
