from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def validate_import_size(upload) -> None:
    """An import file is read into memory: refuse one beyond ``IMPORT_MAX_UPLOAD_MB`` (C8)."""
    limit = settings.IMPORT_MAX_UPLOAD_MB * 1024 * 1024
    size = getattr(upload, "size", 0) or 0
    if size > limit:
        raise ValidationError(
            gettext("Het bestand is te groot: %(size)s MB. Hoogstens %(limit)s MB.")
            % {"size": -(-size // (1024 * 1024)), "limit": settings.IMPORT_MAX_UPLOAD_MB},
            code="file_too_large",
        )


class AreaImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        validators=[validate_import_size],
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
