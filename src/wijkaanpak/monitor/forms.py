from django import forms
from django.utils.translation import gettext_lazy as _

from wijkaanpak.areas.forms import validate_import_size
from wijkaanpak.monitor.models import Strength, StrengthKind


class ObservationImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        validators=[validate_import_size],
        help_text=_(
            "Een CBS-bestand 'Kerncijfers wijken en buurten' (kwb-JJJJ.xlsx of .csv), een "
            "StatLine-CSV, of een eigen CSV met de kolommen gebiedscode, indicator, jaar en "
            "waarde (en eventueel bron)."
        ),
    )
    year = forms.IntegerField(
        label=_("Jaar van de cijfers"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_("Leeg laten: het jaar uit de bestandsnaam (alleen voor CBS-bestanden)."),
    )
    source = forms.CharField(
        label=_("Bron"),
        required=False,
        max_length=200,
        help_text=_("Leeg laten: de bron uit het bestand, of de naam van het bestand."),
    )


class StrengthForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=StrengthKind.choices,
        widget=forms.RadioSelect,
        help_text=_("Wat voor sterkte is het?"),
    )

    class Meta:
        model = Strength
        fields = ["kind", "title", "description"]
        labels = {"title": _("Naam"), "description": _("Beschrijving")}
        help_texts = {
            "title": _("Bijvoorbeeld: Buurttuin De Klimop, of: Naailes door mevrouw Aydin."),
            "description": _(
                "Wat is het, en wat betekent het voor de buurt? Zet hier geen telefoonnummers "
                "of adressen van mensen."
            ),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class ModerationForm(forms.Form):
    note = forms.CharField(label=_("Reden"), required=False, max_length=200)
