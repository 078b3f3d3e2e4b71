from django import forms
from django.utils.translation import gettext_lazy as _


class AreaImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "Een CBS-bestand 'Kerncijfers wijken en buurten' (kwb-JJJJ.xlsx of .csv), "
            "een StatLine-CSV of een eigen CSV met code, naam, soort, ouder, inwoners en woningen."
        ),
    )
    year = forms.IntegerField(
        label=_("Jaar van de cijfers"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_("Leeg laten: het jaar uit de bestandsnaam."),
    )
