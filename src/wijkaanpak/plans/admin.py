from django.contrib import admin

from wijkaanpak.plans.models import ActionPlan, PlanChange


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    """Read-only here: plans change through the app so that every change is kept in history."""

    list_display = ("title", "district", "start_year", "end_year", "status", "is_demo")
    list_filter = ("status",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(PlanChange)
class PlanChangeAdmin(admin.ModelAdmin):
    list_display = ("plan", "changed_at", "changed_by", "action", "object_type", "object_label")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
