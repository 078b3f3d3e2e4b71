"""Admin: read and correct. Everyday writing goes through the app (``services``)."""

from django.contrib import admin

from wijkaanpak.initiatives.models import (
    Initiative,
    Milestone,
    Need,
    Pledge,
    SpendingEntry,
    Update,
    Voucher,
)


class VoucherInline(admin.TabularInline):
    model = Voucher
    extra = 0
    readonly_fields = ("code",)


class SpendingInline(admin.TabularInline):
    model = SpendingEntry
    extra = 0
    raw_id_fields = ("recorded_by",)
    # receipts come in through the app, which strips photo metadata (core/images.py)
    readonly_fields = ("receipt",)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fk_name = "initiative"


class NeedInline(admin.TabularInline):
    model = Need
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ("title", "area", "status", "initiator_name", "is_demo")
    list_filter = ("status", "is_demo")
    search_fields = ("title", "initiator_name")
    raw_id_fields = ("idea", "coordinator", "area")
    filter_horizontal = ("goals",)
    inlines = [VoucherInline, SpendingInline, MilestoneInline, NeedInline]


@admin.register(Update)
class UpdateAdmin(admin.ModelAdmin):
    """Updates are append-only public messages: readable here, not editable."""

    list_display = ("initiative", "published_on", "created_by")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ("need", "quantity", "name", "is_fulfilled", "created_at")
    list_filter = ("is_fulfilled",)
    raw_id_fields = ("need", "user")
