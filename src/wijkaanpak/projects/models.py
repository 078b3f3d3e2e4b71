import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkaanpak.core.models import Domain, TimeStamped


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("gepland")
    RUNNING = "running", _("loopt")
    COMPLETED = "completed", _("afgerond")
    EMBEDDED = "embedded", _("ingebed in regulier werk")
    STOPPED = "stopped", _("gestopt")


class Continuation(models.TextChoices):
    """What happens when the temporary money ends (the carousel question, 004 §2.2)."""

    UNKNOWN = "", _("nog niet bekend")
    NONE = "none", _("geen: het project stopt")
    REGULAR_BUDGET = "regular_budget", _("reguliere begroting")
    EARNING_MODEL = "earning_model", _("verdienmodel")
    OTHER_PARTNER = "other_partner", _("andere partner neemt over")


class Project(TimeStamped):
    district = models.ForeignKey(
        "areas.Area",
        verbose_name=_("wijk"),
        on_delete=models.PROTECT,
        related_name="projects",
        limit_choices_to={"kind": "district"},
    )
    title = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    lead = models.ForeignKey(
        "partners.Person",
        verbose_name=_("trekker"),
        on_delete=models.PROTECT,
        related_name="led_projects",
        help_text=_("De 'beste persoon': wie trekt dit project?"),
    )
    partners = models.ManyToManyField(
        "partners.Organisation", verbose_name=_("partners"), blank=True, related_name="projects"
    )
    goals = models.ManyToManyField("plans.Goal", verbose_name=_("doelen"), related_name="projects")
    domain = models.CharField(_("domein"), max_length=10, choices=Domain.choices)
    start_date = models.DateField(_("begindatum"))
    end_date = models.DateField(_("einddatum"))
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    continuation = models.CharField(
        _("vervolg na de looptijd"),
        max_length=20,
        choices=Continuation.choices,
        blank=True,
        default="",
    )
    continuation_note = models.TextField(_("toelichting vervolg"), blank=True)
    is_demo = models.BooleanField(_("voorbeeldgegevens"), default=False)

    class Meta:
        ordering = ["district__code", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projecten")

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])

    def __str__(self) -> str:
        return self.title

    @property
    def lead_organisation(self):
        return self.lead.organisation


PERIOD_RE = re.compile(r"^(?P<year>\d{4})(-(Q(?P<quarter>[1-4])|(?P<month>0[1-9]|1[0-2])))?$")


def validate_period(value: str) -> None:
    if not PERIOD_RE.match(value or ""):
        raise ValidationError(
            _("Schrijf de periode als jaar (2025), kwartaal (2025-Q2) of maand (2025-04)."),
            code="invalid_period",
        )


class OutputMeasure(TimeStamped):
    """Something a project delivers that can be counted (homes renovated, people reached)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="outputs"
    )
    name = models.CharField(_("prestatie"), max_length=200)
    unit = models.CharField(_("eenheid"), max_length=40)

    class Meta:
        ordering = ["project", "id"]
        verbose_name = _("prestatie")
        verbose_name_plural = _("prestaties")

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"


class OutputPeriod(models.Model):
    measure = models.ForeignKey(OutputMeasure, on_delete=models.CASCADE, related_name="periods")
    period = models.CharField(_("periode"), max_length=7, validators=[validate_period])
    planned = models.DecimalField(_("gepland"), max_digits=12, decimal_places=2)
    realised = models.DecimalField(
        _("gerealiseerd"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["measure", "period"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period"], name="one_output_row_per_period")
        ]
        verbose_name = _("prestatie per periode")
        verbose_name_plural = _("prestaties per periode")

    def __str__(self) -> str:
        return f"{self.measure.name} {self.period}"
