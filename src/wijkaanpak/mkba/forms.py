from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkaanpak.mkba.models import (
    MAX_BASE_YEAR,
    MIN_BASE_YEAR,
    Analysis,
    FlowKind,
    default_discount_rate,
)

HUNDRED = Decimal(100)


class ProjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.district.name})"


class AnalysisForm(forms.ModelForm):
    """The analysis itself. The discount rate is typed in percent (2,25), stored as 0.0225."""

    project = ProjectChoiceField(
        label=_("Project"),
        queryset=None,
        required=False,
        help_text=_("Bij welk project hoort deze MKBA? Zo kan de focusbespreking haar gebruiken."),
    )
    discount_rate = forms.DecimalField(
        label=_("Discontovoet (procent per jaar)"),
        max_digits=8,
        decimal_places=4,
        help_text=_(
            "Geld dat later komt, telt iets minder mee. Sinds 2021 is de standaard voor een MKBA "
            "2,25% per jaar: -1% zonder risico plus 3,25% voor het normale risico. Verander dit "
            "alleen als u weet waarom."
        ),
    )

    class Meta:
        model = Analysis
        fields = [
            "project",
            "title",
            "description",
            "base_year",
            "horizon",
            "discount_rate",
            "mc_runs",
            "mc_seed",
            "mc_distribution",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "mc_runs": _(
                "Voor de gevoeligheid rekenen we vaak opnieuw met bedragen tussen laag en hoog."
            ),
        }

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        rate = self.instance.discount_rate if self.instance.pk else default_discount_rate()
        self.initial["discount_rate"] = (Decimal(rate) * HUNDRED).normalize()
        self.fields["base_year"].widget.attrs.update(min=MIN_BASE_YEAR, max=MAX_BASE_YEAR)

    def clean_discount_rate(self):
        percent = self.cleaned_data["discount_rate"]
        return None if percent is None else percent / HUNDRED


class FlowForm(forms.Form):
    """One amount; on a new amount optionally repeated every year up to ``until_year``."""

    stakeholder = forms.CharField(
        label=_("Partij"),
        max_length=200,
        help_text=_("Wie betaalt dit, of wie krijgt dit? Bijvoorbeeld gemeente of bewoners."),
        widget=forms.TextInput(attrs={"list": "stakeholder-options", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=FlowKind.choices)
    year = forms.IntegerField(label=_("Jaar"))
    until_year = forms.IntegerField(
        label=_("Elk jaar tot en met (niet verplicht)"),
        required=False,
        help_text=_("Vul dit in als hetzelfde bedrag elk jaar terugkomt."),
    )
    amount = forms.DecimalField(
        label=_("Bedrag (euro)"),
        max_digits=14,
        decimal_places=2,
        help_text=_("Altijd positief. Bij ‘soort’ kiest u of het kosten of baten zijn."),
    )
    low = forms.DecimalField(
        label=_("Laagste schatting (euro, niet verplicht)"),
        max_digits=14,
        decimal_places=2,
        required=False,
    )
    high = forms.DecimalField(
        label=_("Hoogste schatting (euro, niet verplicht)"),
        max_digits=14,
        decimal_places=2,
        required=False,
    )
    description = forms.CharField(label=_("Toelichting"), max_length=300, required=False)

    def __init__(self, *args, with_series: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_series:
            del self.fields["until_year"]


def flow_initial(flow) -> dict:
    return {
        "stakeholder": flow.stakeholder.name,
        "kind": flow.kind,
        "year": flow.year,
        "amount": flow.amount,
        "low": flow.low,
        "high": flow.high,
        "description": flow.description,
    }
