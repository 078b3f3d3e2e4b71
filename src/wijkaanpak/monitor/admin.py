from django import forms
from django.contrib import admin

from wijkaanpak.monitor import selectors
from wijkaanpak.monitor.models import (
    AreaYear,
    DataSource,
    IndexSettings,
    Indicator,
    Observation,
    ObservationImport,
    Strength,
)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "name_nl", "unit", "direction", "theme", "is_subjective", "source")
    list_filter = ("theme", "direction", "is_subjective")
    search_fields = ("code", "name_nl", "name_en")


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    """Millions of rows: no full count, filter by year and indicator, search by area code."""

    list_display = ("area", "indicator", "period", "value", "status", "source")
    list_filter = ("period", "status")
    search_fields = ("area__code", "indicator__code")
    raw_id_fields = ("area", "indicator", "source")
    list_select_related = ("area", "indicator", "source")
    show_full_result_count = False


@admin.register(DataSource)
class DataSourceAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(AreaYear)
class AreaYearAdmin(admin.ModelAdmin):
    list_display = ("area", "year", "boundary")
    list_filter = ("year", "boundary")
    raw_id_fields = ("area",)
    search_fields = ("area__code",)


@admin.register(ObservationImport)
class ObservationImportAdmin(admin.ModelAdmin):
    list_display = ("filename", "file_format", "periods", "imported_at", "created", "updated")
    readonly_fields = [f.name for f in ObservationImport._meta.fields]


@admin.register(Strength)
class StrengthAdmin(admin.ModelAdmin):
    list_display = ("title", "area", "kind", "status", "added_as", "created_at")
    list_filter = ("kind", "status")
    search_fields = ("title", "area__code", "area__name")
    raw_id_fields = ("area", "added_by", "moderated_by")


class IndexSettingsForm(forms.ModelForm):
    class Meta:
        model = IndexSettings
        fields = [
            "base_year",
            "scaling",
            "points_per_sd",
            "objective_weight",
            "theme_weights",
            "members",
        ]
        help_texts = {
            "members": 'Lijst van {"code": ..., "domain": "fysiek"|"veiligheid"|"sociaal", '
            '"theme": ..., "weight": 1}. Leeg: de standaardindeling.',
            "theme_weights": '{"werk": 2} telt het thema werk dubbel. Leeg: alle thema\'s 1.',
        }

    def clean(self):
        data = super().clean()
        row = IndexSettings(**{k: v for k, v in data.items() if k in self.Meta.fields})
        if not row.members:
            row.members = selectors.default_members()
        for field, messages in selectors.validate_index_settings(row).items():
            self.add_error(field if field in self.fields else None, messages)
        return data


@admin.register(IndexSettings)
class IndexSettingsAdmin(admin.ModelAdmin):
    form = IndexSettingsForm
    list_display = ("__str__", "base_year", "scaling", "objective_weight", "updated_at")

    def has_add_permission(self, request):
        return not IndexSettings.objects.exists()
