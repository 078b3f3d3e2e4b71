from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("beheerder")
    DISTRICT_MANAGER = "district_manager", _("wijkmanager")
    PARTNER = "partner", _("partner")
    MODERATOR = "moderator", _("moderator bewonersbudget")
    OFFICIAL = "official", _("medewerker stembureau")


class Profile(models.Model):
    """What a signed-in user may do; no profile means: reads public pages only."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    districts = models.ManyToManyField(
        "areas.Area",
        verbose_name=_("wijken"),
        blank=True,
        related_name="managers",
        limit_choices_to={"kind": "district"},
        help_text=_("De wijken die een wijkmanager mag bewerken."),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accounts",
        help_text=_("De organisatie namens wie een partner werkt."),
    )

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"
