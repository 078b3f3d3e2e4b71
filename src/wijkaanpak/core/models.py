from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True


class Domain(models.TextChoices):
    """The four domains of the wijkenaanpak money flows (004 §2.5)."""

    PHYSICAL = "physical", _("fysiek")
    SOCIAL = "social", _("sociaal")
    ECONOMIC = "economic", _("economisch")
    SAFETY = "safety", _("veiligheid")
