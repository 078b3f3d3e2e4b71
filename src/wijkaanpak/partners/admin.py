from django.contrib import admin

from wijkaanpak.partners.models import Organisation, Person


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "municipality", "is_demo")
    list_filter = ("kind", "is_demo")
    search_fields = ("name",)
    inlines = [PersonInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "job_title")
    search_fields = ("name", "organisation__name")
    raw_id_fields = ("user",)
