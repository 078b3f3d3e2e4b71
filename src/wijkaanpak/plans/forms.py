from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkaanpak.areas.models import Area
from wijkaanpak.partners.models import Person
from wijkaanpak.plans.models import ActionPlan, Commitment, Goal


class PlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["title", "vision", "priorities", "start_year", "end_year", "status"]
        widgets = {
            "vision": forms.Textarea(attrs={"rows": 4}),
            "priorities": forms.Textarea(attrs={"rows": 4}),
        }


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = [
            "title",
            "description",
            "indicator",
            "area",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "owner",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan: ActionPlan, **kwargs):
        super().__init__(*args, **kwargs)
        district = plan.district
        self.fields["area"].queryset = Area.objects.filter(
            Q(id=district.id) | Q(parent=district)
        ).order_by("kind", "name")
        self.fields["area"].empty_label = _("de hele wijk")


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = [
            "partner",
            "goal",
            "contribution",
            "amount",
            "hours_per_year",
            "signed_on",
            "signed_by",
        ]
        widgets = {
            "contribution": forms.Textarea(attrs={"rows": 3}),
            "signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, plan: ActionPlan, partner_locked=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = plan.goals.all()
        self.fields["goal"].empty_label = _("het plan als geheel")
        self.fields["signed_by"].queryset = Person.objects.select_related("organisation")
        if partner_locked is not None:
            # A partner signs for their own organisation only.
            self.fields["partner"].queryset = self.fields["partner"].queryset.filter(
                id=partner_locked.id
            )
            self.fields["partner"].initial = partner_locked
