from django import forms
from django.utils.translation import gettext_lazy as _

from wijkaanpak.partners.models import Organisation, Person
from wijkaanpak.plans.models import Goal
from wijkaanpak.projects.models import OutputMeasure, OutputPeriod, Project


class GoalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.plan.title})"


class ProjectForm(forms.ModelForm):
    goals = GoalChoiceField(
        label=_("Doelen"),
        queryset=Goal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,  # the service says why an empty choice is not allowed
        help_text=_("Aan welke doelen van het wijkactieplan draagt dit project bij?"),
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        queryset=Organisation.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "description",
            "lead",
            "partners",
            "goals",
            "domain",
            "start_date",
            "end_date",
            "status",
            "continuation",
            "continuation_note",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "continuation_note": forms.Textarea(attrs={"rows": 2}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = Goal.objects.filter(plan__district=district).select_related(
            "plan"
        )
        self.fields["lead"].queryset = Person.objects.select_related("organisation")


class BudgetLineForm(forms.Form):
    funder = forms.ModelChoiceField(label=_("Financier"), queryset=Organisation.objects.all())
    year = forms.IntegerField(label=_("Jaar"))
    amount = forms.DecimalField(label=_("Bedrag (euro)"), max_digits=14, decimal_places=2)
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=200)

    def __init__(self, *args, funders=None, **kwargs):
        """``funders``: the organisations this user may book money for
        (``accounts.permissions.funders_for``); a partner gets only its own."""
        super().__init__(*args, **kwargs)
        if funders is not None:
            self.fields["funder"].queryset = funders
            self.fields["funder"].error_messages["invalid_choice"] = _(
                "U kunt alleen geld vastleggen dat uw eigen organisatie betaalt."
            )
            only = list(funders[:2])
            if len(only) == 1:
                self.fields["funder"].initial = only[0].pk


class OutputMeasureForm(forms.ModelForm):
    class Meta:
        model = OutputMeasure
        fields = ["name", "unit"]


class OutputPeriodForm(forms.ModelForm):
    class Meta:
        model = OutputPeriod
        fields = ["period", "planned", "realised"]
        help_texts = {"period": _("Jaar (2025), kwartaal (2025-Q2) of maand (2025-04).")}
