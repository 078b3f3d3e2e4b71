"""DRF permission classes for the API. They decide nothing themselves: every rule is a call
to ``wijkaanpak.accounts.permissions``, the one place that says who may do what.

Reads of public data are open. A write by an anonymous client is refused with 401 before
anything else; a signed-in user the rule refuses gets 403. Rules that depend on the
request body (the district of a new plan, the partner of a new commitment) are checked in
the view with ``deny_unless`` once the body has been parsed.
"""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

from wijkaanpak.accounts.permissions import (
    can_edit_budget_line,
    can_edit_commitment,
    can_edit_outputs,
    can_edit_plan,
    can_edit_project,
    is_staff_member,
)


def deny_unless(view, allowed: bool, message: str | None = None) -> None:
    """Refuse the request (401 anonymous, 403 signed in) unless ``allowed``."""
    if not allowed:
        view.permission_denied(view.request, message=message)


class PublicReadSignedInWrite(BasePermission):
    """Anyone reads; only signed-in users write. The view checks the write rule itself."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or bool(
            request.user and request.user.is_authenticated
        )


class StaffMembersOnly(BasePermission):
    """Signed-in users with a working role (``is_staff_member``): contacts and history."""

    def has_permission(self, request, view) -> bool:
        return is_staff_member(request.user)


class _ObjectRule(PublicReadSignedInWrite):
    """Anyone reads the object; a write needs ``allows(user, obj)``."""

    def has_object_permission(self, request, view, obj) -> bool:
        return request.method in SAFE_METHODS or self.allows(request.user, obj)

    def allows(self, user, obj) -> bool:
        raise NotImplementedError


class EditPlan(_ObjectRule):
    """Object: an action plan; ``can_edit_plan``."""

    def allows(self, user, obj) -> bool:
        return can_edit_plan(user, obj)


class EditGoal(_ObjectRule):
    """Object: a goal; ``can_edit_plan`` of its plan."""

    def allows(self, user, obj) -> bool:
        return can_edit_plan(user, obj.plan)


class EditCommitment(_ObjectRule):
    """Object: a commitment; ``can_edit_commitment``."""

    def allows(self, user, obj) -> bool:
        return can_edit_commitment(user, obj)


class EditProject(_ObjectRule):
    """Object: a project; ``can_edit_project``."""

    def allows(self, user, obj) -> bool:
        return can_edit_project(user, obj)


class EditBudgetLine(_ObjectRule):
    """Object: a budget line; ``can_edit_budget_line``."""

    def allows(self, user, obj) -> bool:
        return can_edit_budget_line(user, obj)


class EditOutputs(_ObjectRule):
    """Object: an output measure or one of its periods; ``can_edit_outputs`` of the project."""

    def allows(self, user, obj) -> bool:
        measure = getattr(obj, "measure", obj)
        return can_edit_outputs(user, measure.project)
