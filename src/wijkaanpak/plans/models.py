from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkaanpak.core.models import TimeStamped


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    ADOPTED = "adopted", _("vastgesteld")
    ARCHIVED = "archived", _("afgesloten")


class ActionPlan(TimeStamped):
    """A wijkactieplan: one shared vision for a district, with goals and signed commitments."""

    district = models.ForeignKey(
        "areas.Area",
        verbose_name=_("wijk"),
        on_delete=models.PROTECT,
        related_name="action_plans",
        limit_choices_to={"kind": "district"},
    )
    title = models.CharField(_("titel"), max_length=200)
    vision = models.TextField(
        _("streefbeeld"), help_text=_("Hoe ziet de wijk eruit als het plan klaar is?")
    )
    priorities = models.TextField(
        _("prioriteiten"), blank=True, help_text=_("Eén prioriteit per regel.")
    )
    start_year = models.PositiveSmallIntegerField(_("beginjaar"))
    end_year = models.PositiveSmallIntegerField(_("eindjaar"))
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    is_demo = models.BooleanField(_("voorbeeldgegevens"), default=False)

    class Meta:
        ordering = ["district__code", "-start_year"]
        verbose_name = _("wijkactieplan")
        verbose_name_plural = _("wijkactieplannen")

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])

    def __str__(self) -> str:
        return f"{self.title} ({self.start_year}–{self.end_year})"

    @property
    def priority_list(self) -> list[str]:
        return [p.strip("-• ").strip() for p in self.priorities.splitlines() if p.strip()]


class Goal(TimeStamped):
    """A goal that can be tested: indicator, baseline and target with their years, an owner."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals"
    )
    title = models.CharField(_("doel"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    indicator = models.ForeignKey(
        "monitor.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="goals",
    )
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("gemeten in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="goals",
        help_text=_("Leeg: de hele wijk van het plan."),
    )
    baseline_value = models.DecimalField(_("nulmeting"), max_digits=14, decimal_places=3)
    baseline_year = models.PositiveSmallIntegerField(_("jaar nulmeting"))
    target_value = models.DecimalField(_("streefwaarde"), max_digits=14, decimal_places=3)
    target_year = models.PositiveSmallIntegerField(_("doeljaar"))
    owner = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("eigenaar"),
        on_delete=models.PROTECT,
        related_name="owned_goals",
    )

    class Meta:
        ordering = ["plan", "id"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self) -> str:
        return self.title

    @property
    def measured_area(self):
        return self.area or self.plan.district


class Commitment(TimeStamped):
    """A prestatieafspraak: which partner contributes what to which goal, signed when."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="commitments"
    )
    partner = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("doel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
    )
    contribution = models.TextField(_("bijdrage"), help_text=_("Wat doet of levert deze partner?"))
    amount = models.DecimalField(
        _("bedrag (euro)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    hours_per_year = models.PositiveIntegerField(_("uren per jaar"), null=True, blank=True)
    signed_on = models.DateField(_("getekend op"), null=True, blank=True)
    signed_by = models.ForeignKey(
        "partners.Person",
        verbose_name=_("getekend door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    class Meta:
        ordering = ["plan", "partner__name"]
        verbose_name = _("prestatieafspraak")
        verbose_name_plural = _("prestatieafspraken")

    def __str__(self) -> str:
        return f"{self.partner}: {self.contribution[:60]}"


class PlanChange(models.Model):
    """Append-only history of a plan, its goals and commitments: who changed what, when."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="changes")
    changed_at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    action = models.CharField(_("actie"), max_length=10)  # created / updated / deleted
    object_type = models.CharField(_("onderdeel"), max_length=20)  # plan / goal / commitment
    object_id = models.PositiveBigIntegerField()
    object_label = models.CharField(_("omschrijving"), max_length=200)
    changes = models.JSONField(_("wijzigingen"), default=dict)
    # For references (indicator, owner, partner ...): {field: [old name, new name]} as they were
    # named when the change was made, so the history reads in words even after a rename.
    labels = models.JSONField(_("namen"), default=dict, blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("planwijziging")
        verbose_name_plural = _("planwijzigingen")

    def __str__(self) -> str:
        return f"{self.action} {self.object_type} {self.object_label}"
