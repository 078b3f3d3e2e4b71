from django import forms
from django.utils.translation import gettext_lazy as _

from wijkaanpak.partners.models import Organisation, Person


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name", "kind", "municipality", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "job_title", "email"]
