from django.contrib import admin

from wijkaanpak.areas.models import Area, AreaImport


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "kind",
        "parent",
        "inhabitants",
        "inhabitants_year",
        "homes",
        "homes_year",
    )
    list_filter = ("kind",)
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)


@admin.register(AreaImport)
class AreaImportAdmin(admin.ModelAdmin):
    list_display = ("filename", "file_format", "imported_at", "created", "updated", "unchanged")
    readonly_fields = [f.name for f in AreaImport._meta.fields]
