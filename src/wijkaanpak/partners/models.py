from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkaanpak.core.models import TimeStamped


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("gemeente (afdeling)")
    HOUSING = "housing", _("woningcorporatie")
    WELFARE = "welfare", _("welzijn")
    CARE = "care", _("zorg")
    SCHOOL = "school", _("school / onderwijs")
    POLICE = "police", _("politie")
    RESIDENTS = "residents", _("bewonersorganisatie")
    COMPANY = "company", _("bedrijf")
    OTHER = "other", _("anders")


class Organisation(TimeStamped):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)
    municipality = models.ForeignKey(
        "areas.Area",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        limit_choices_to={"kind": "municipality"},
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    is_demo = models.BooleanField(_("voorbeeldgegevens"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


class Person(TimeStamped):
    """A professional contact at a partner organisation (not a resident)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.PROTECT, related_name="people"
    )
    name = models.CharField(_("naam"), max_length=200)
    job_title = models.CharField(_("functie"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    is_demo = models.BooleanField(_("voorbeeldgegevens"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"
