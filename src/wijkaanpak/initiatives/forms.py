"""Forms: shapes and widgets only; the rules live in ``services``."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wijkaanpak.areas.models import Area
from wijkaanpak.initiatives.models import (
    RECEIPT_TYPES,
    Initiative,
    InitiativeStatus,
    Milestone,
    Need,
)
from wijkaanpak.plans.models import Goal

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GoalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.plan.title})"


class CoordinatorField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class InitiativeForm(forms.ModelForm):
    goals = GoalChoiceField(
        label=_("Doelen"),
        queryset=Goal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Aan welke doelen van het wijkactieplan draagt dit initiatief bij?"),
    )
    coordinator = CoordinatorField(
        label=_("Account van de trekker"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Dit account mag uitgaven, berichten, onderdelen en hulpvragen bijhouden."),
    )

    class Meta:
        model = Initiative
        fields = [
            "title",
            "description",
            "area",
            "initiator_name",
            "contact_email",
            "goals",
            "coordinator",
            "status",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, district: Area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(
            Q(pk=district.pk) | Q(parent=district)
        ).order_by("kind", "name")
        self.fields["area"].initial = self.fields["area"].initial or district.pk
        self.fields["goals"].queryset = Goal.objects.filter(plan__district=district).select_related(
            "plan"
        )
        self.fields["coordinator"].queryset = get_user_model().objects.filter(is_active=True)
        if self.instance.pk is None:
            self.fields["status"].choices = [
                c for c in InitiativeStatus.choices if c[0] in ("planned", "running")
            ]


class VoucherForm(forms.Form):
    amount = forms.DecimalField(label=_("Bedrag (euro)"), max_digits=12, decimal_places=2)
    issued_on = forms.DateField(label=_("Uitgegeven op"), widget=DATE)
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=200)


class SpendingForm(forms.Form):
    spent_on = forms.DateField(label=_("Datum"), widget=DATE)
    amount = forms.DecimalField(label=_("Bedrag (euro)"), max_digits=12, decimal_places=2)
    description = forms.CharField(label=_("Waaraan"), max_length=200)
    receipt = forms.FileField(
        label=_("Bon of factuur"),
        required=False,
        help_text=_("PDF, JPG of PNG, hoogstens 5 MB. Alleen medewerkers zien de bon."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in RECEIPT_TYPES)}
        ),
    )


class UpdateForm(forms.Form):
    published_on = forms.DateField(label=_("Datum"), widget=DATE)
    text = forms.CharField(
        label=_("Bericht"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat is er gebeurd? Dit bericht is openbaar."),
    )


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "parent", "status", "progress", "budget", "due_on"]
        widgets = {"due_on": DATE}

    def __init__(self, *args, initiative: Initiative, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Milestone.objects.filter(initiative=initiative)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents.order_by("id")
        self.fields["parent"].required = False


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["kind", "title", "description", "quantity", "unit", "is_open", "is_done"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PledgeForm(forms.Form):
    quantity = forms.DecimalField(label=_("Hoeveel?"), max_digits=10, decimal_places=2)
    name = forms.CharField(
        label=_("Uw naam"),
        required=False,
        max_length=100,
        help_text=_("Mag leeg blijven. Alleen de trekker en de gemeente zien uw naam."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Uw e-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_(
            "Mag leeg blijven. Alleen de trekker en de gemeente zien dit, om u te bedanken "
            "of af te spreken."
        ),
    )

    def __init__(self, *args, need: Need, **kwargs):
        super().__init__(*args, **kwargs)
        # The unit is typed by the initiative (Dutch): translated when common, else marked Dutch.
        self.fields["quantity"].label = mark_safe(  # noqa: S308 - the message is escaped, the unit is safe HTML
            escape(_("Hoeveel? (in %(unit)s)")) % {"unit": need.unit_html}
        )
        self.fields["quantity"].widget.attrs.update({"inputmode": "decimal", "min": "0"})
