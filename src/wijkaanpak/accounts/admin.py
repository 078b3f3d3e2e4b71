from django.contrib import admin

from wijkaanpak.accounts.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "organisation")
    list_filter = ("role",)
    filter_horizontal = ("districts",)
    raw_id_fields = ("user",)
