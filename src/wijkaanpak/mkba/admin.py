"""Admin: look at analyses; change their numbers on the site, where the services check them.

The amounts, years and horizon are read-only here, because the admin would save them around
``mkba.services`` (a year outside the horizon, a low above the high).
"""

from django.contrib import admin

from wijkaanpak.mkba.models import Analysis, CashFlow, Stakeholder


class CashFlowInline(admin.TabularInline):
    model = CashFlow
    extra = 0
    can_delete = False
    fields = ["stakeholder", "year", "kind", "amount", "low", "high", "description"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class StakeholderInline(admin.TabularInline):
    model = Stakeholder
    extra = 0
    can_delete = False
    fields = ["name", "organisation"]
    readonly_fields = ["name"]
    autocomplete_fields = []

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Analysis)
class AnalysisAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "base_year", "horizon", "discount_rate", "is_demo"]
    list_filter = ["is_demo"]
    search_fields = ["title", "description", "project__title"]
    raw_id_fields = ["project"]
    readonly_fields = [
        "base_year",
        "horizon",
        "discount_rate",
        "mc_seed",
        "mc_runs",
        "mc_distribution",
        "created_by",
        "created_at",
        "updated_at",
    ]
    inlines = [StakeholderInline, CashFlowInline]

    def has_add_permission(self, request):
        return False
