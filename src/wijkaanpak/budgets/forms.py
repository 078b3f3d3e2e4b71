"""Forms: shapes and field-level input checks. The rules live in ``services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from wijkaanpak.areas.models import Area, AreaKind
from wijkaanpak.budgets.ballots import euro
from wijkaanpak.budgets.models import (
    PHASE_TRANSITIONS,
    BallotType,
    Idea,
    IdeaStatus,
    Phase,
    Process,
)
from wijkaanpak.plans.models import Goal

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProcessForm(forms.ModelForm):
    class Meta:
        model = Process
        fields = [
            "title",
            "description",
            "budget",
            "neighbourhoods",
            "min_age",
            "ballot_type",
            "max_choices",
            "points_total",
            "rule",
            "allow_revote",
            "allow_login",
            "ideas_open_on",
            "ideas_close_on",
            "review_close_on",
            "voting_open_on",
            "voting_close_on",
            "results_on",
            "implementation_until",
        ]
        widgets = {
            "neighbourhoods": forms.CheckboxSelectMultiple,
            "ballot_type": forms.RadioSelect,
            "rule": forms.RadioSelect,
            **{
                name: DATE
                for name in (
                    "ideas_open_on",
                    "ideas_close_on",
                    "review_close_on",
                    "voting_open_on",
                    "voting_close_on",
                    "results_on",
                    "implementation_until",
                )
            },
        }

    def __init__(self, *args, district: Area, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["neighbourhoods"].queryset = Area.objects.filter(
            parent=district, kind=AreaKind.NEIGHBOURHOOD
        ).order_by("name")


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Naar de fase"), widget=forms.RadioSelect)

    def __init__(self, *args, process: Process, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        allowed = PHASE_TRANSITIONS.get(process.phase, frozenset())
        order = list(Phase)
        here = order.index(Phase(process.phase))
        # Forward in the order of the process first (the natural next phase preselected), then
        # the ways back (reopening the ideas), so "Fase wijzigen" works without a choice.
        forward = [p for p in order[here + 1 :] if p in allowed]
        back = [p for p in reversed(order[:here]) if p in allowed]
        choices = [(p.value, p.label) for p in forward]
        choices += [(p.value, _("terug naar: %(phase)s") % {"phase": p.label}) for p in back]
        self.fields["phase"].choices = choices
        if forward or len(choices) == 1:
            self.fields["phase"].initial = choices[0][0]


class IdeaForm(forms.ModelForm):
    class Meta:
        model = Idea
        fields = [
            "title",
            "description",
            "estimated_cost",
            "neighbourhood",
            "photo",
            "photo_alt",
            "author_name",
            "author_email",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            # The resident's own name and address: browsers may fill them in (WCAG 1.3.5).
            "author_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "author_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {
            "title": _("Kort en duidelijk, bijvoorbeeld: Bankjes bij de speeltuin."),
            "estimated_cost": _("Een schatting is goed. De gemeente rekent het na."),
        }

    def __init__(self, *args, process: Process, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        hoods = process.neighbourhoods.all()
        if not hoods.exists():
            hoods = Area.objects.filter(parent=process.area, kind=AreaKind.NEIGHBOURHOOD)
        self.fields["neighbourhood"].queryset = hoods.order_by("name")
        self.fields["neighbourhood"].empty_label = _("De hele wijk")
        self.fields["photo"].widget.attrs["accept"] = "image/jpeg,image/png"
        self.fields["estimated_cost"].widget.attrs.update({"inputmode": "decimal", "min": "1"})


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Is dit idee haalbaar?"),
        choices=[
            (IdeaStatus.ACCEPTED.value, _("Ja, haalbaar: het komt op het stembiljet")),
            (IdeaStatus.REJECTED.value, _("Nee, niet haalbaar")),
        ],
        widget=forms.RadioSelect,
    )
    cost = forms.DecimalField(
        label=_("Kosten volgens de gemeente (euro)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text=_("Dit bedrag staat op het stembiljet. Leeg: de schatting van de bewoner."),
    )
    rejection_reason = forms.CharField(
        label=_("Reden als het niet haalbaar is"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De bewoner en iedereen die het idee bekijkt, leest deze reden."),
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Doelen uit het wijkactieplan (niet verplicht)"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, idea: Idea, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = Goal.objects.filter(
            plan__district=idea.process.area
        ).select_related("plan")


class ModerateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=300,
        help_text=_("Waarom verbergt u dit? De reden wordt bewaard."),
    )


class CommentForm(forms.Form):
    author_name = forms.CharField(
        label=_("Uw naam"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    text = forms.CharField(
        label=_("Uw reactie"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label=_("Uw bewijscode"),
        max_length=40,
        help_text=_("U kreeg deze code na het stemmen, bijvoorbeeld RKQ2-9XMD-4TPA."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class CodesForm(forms.Form):
    count = forms.IntegerField(
        label=_("Aantal codes zonder adres"),
        required=False,
        min_value=1,
        help_text=_("Of kies hieronder een bestand met adressen."),
    )
    file = forms.FileField(
        label=_("Bestand met adressen of bewoners (CSV)"),
        required=False,
        help_text=_(
            "Kolommen: address, en naar keuze name, birth_date (jjjj-mm-dd) en "
            "neighbourhood (CBS-code van de buurt)."
        ),
    )
    per = forms.ChoiceField(
        label=_("Eén code per"),
        choices=[("address", _("adres")), ("resident", _("bewoner (met geboortedatum)"))],
        initial="address",
        widget=forms.RadioSelect,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("count") and not data.get("file"):
            raise forms.ValidationError(_("Vul een aantal in of kies een bestand."))
        return data


class LoginVoterForm(forms.Form):
    username = forms.CharField(
        label=_("Gebruikersnaam van de bewoner"),
        max_length=150,
        help_text=_(
            "Alleen na controle van identiteit, adres en leeftijd. Het account mag dan één keer "
            "stemmen."
        ),
    )

    def clean_username(self):
        name = self.cleaned_data["username"]
        user = get_user_model().objects.filter(username=name).first()
        if user is None:
            raise forms.ValidationError(_("Er is geen account met deze naam."))
        return user


class PaperSlipForm(forms.Form):
    code = forms.CharField(
        label=_("Stemcode op de brief"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


# --- ballots ----------------------------------------------------------------------------------


def idea_label(idea: Idea) -> str:
    return f"{idea.title} ({euro(idea.ballot_cost)})"


class BallotFieldsMixin:
    """The ballot part of a form, built from the ideas on the ballot and the ballot type.

    ``cleaned_data`` gets ``choices`` (idea ids, in order of preference for a ranking) and
    ``points`` (points ballots only), exactly what ``services.ballot_cast`` takes.
    """

    def add_ballot_fields(self, process: Process, ideas: list[Idea]) -> None:
        self.process = process
        self.ideas = ideas
        kind = process.ballot_type
        if kind in (BallotType.APPROVAL, BallotType.K_APPROVAL):
            self.fields["choices"] = forms.TypedMultipleChoiceField(
                label=_("Uw keuze"),
                choices=[(idea.pk, idea_label(idea)) for idea in ideas],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        elif kind == BallotType.RANKING:
            places = [("", _("geen plaats"))] + [(str(i), str(i)) for i in range(1, len(ideas) + 1)]
            limit = process.max_choices or len(ideas)
            places = places[: limit + 1]
            for idea in ideas:
                self.fields[f"rank_{idea.pk}"] = forms.TypedChoiceField(
                    label=_("Plaats voor %(idea)s") % {"idea": idea_label(idea)},
                    choices=places,
                    coerce=int,
                    empty_value=None,
                    required=False,
                )
        else:
            for idea in ideas:
                self.fields[f"points_{idea.pk}"] = forms.IntegerField(
                    label=_("Punten voor %(idea)s") % {"idea": idea_label(idea)},
                    required=False,
                    min_value=0,
                    max_value=process.points_total or None,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                )

    def ballot_rows(self) -> list[tuple[Idea, Any]]:
        """(idea, bound field) pairs for ranking and points ballots (template helper)."""
        prefix = "rank_" if self.process.ballot_type == BallotType.RANKING else "points_"
        return [(idea, self[f"{prefix}{idea.pk}"]) for idea in self.ideas]

    def clean_ballot(self, data: dict[str, Any]) -> None:
        kind = self.process.ballot_type
        if kind in (BallotType.APPROVAL, BallotType.K_APPROVAL):
            data["choices"] = list(data.get("choices") or [])
            data["points"] = None
        elif kind == BallotType.RANKING:
            ranked: dict[int, int] = {}
            for idea in self.ideas:
                place = data.pop(f"rank_{idea.pk}", None)
                if place is None:
                    continue
                if place in ranked:
                    self.add_error(
                        f"rank_{idea.pk}",
                        _("Twee ideeën hebben plaats %(place)d. Geef elk idee een eigen plaats.")
                        % {"place": place},
                    )
                ranked[place] = idea.pk
            data["choices"] = [ranked[p] for p in sorted(ranked)]
            data["points"] = None
        else:
            chosen, points = [], []
            for idea in self.ideas:
                value = data.pop(f"points_{idea.pk}", None)
                if value:
                    chosen.append(idea.pk)
                    points.append(value)
            data["choices"], data["points"] = chosen, points


class VoteForm(BallotFieldsMixin, forms.Form):
    code = forms.CharField(
        label=_("Stemcode"),
        max_length=20,
        help_text=_("Deze code staat in de brief die u kreeg, bijvoorbeeld 7KQ2-9XMD-4TPA."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, process: Process, ideas: list[Idea], login_vote: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if login_vote:
            del self.fields["code"]
        self.add_ballot_fields(process, ideas)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.clean_ballot(data)
        return data


class PaperEntryForm(BallotFieldsMixin, forms.Form):
    number = forms.IntegerField(label=_("Nummer van het stembiljet"), min_value=1)
    invalid = forms.BooleanField(
        label=_("Dit stembiljet is blanco of ongeldig"),
        required=False,
        help_text=_("Bijvoorbeeld: onleesbaar, of meer gekozen dan mag."),
    )

    def __init__(self, *args, process: Process, ideas: list[Idea], **kwargs):
        super().__init__(*args, **kwargs)
        self.add_ballot_fields(process, ideas)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        self.clean_ballot(data)
        return data
