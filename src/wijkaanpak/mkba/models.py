"""Social cost-benefit analyses (MKBA): an analysis, its stakeholders and its cash flows.

The numbers are computed by the framework-free :mod:`wijkaanpak.mkba.calc`; these tables
only hold the input. Amounts are euros in constant prices of the base year; the sign comes
from ``kind`` (cost or benefit), never from the amount.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkaanpak.core.models import TimeStamped
from wijkaanpak.mkba import calc

#: Limits the forms, the API and the services share.
MIN_BASE_YEAR = 1990
MAX_BASE_YEAR = 2100
MAX_HORIZON = 100
#: Discount rates outside -1 % .. 10 % are almost certainly a typing error (2.25 vs 0.0225).
MIN_DISCOUNT_RATE = Decimal("-0.01")
MAX_DISCOUNT_RATE = Decimal("0.10")
MIN_RUNS = 100
MAX_RUNS = 50_000
DEFAULT_RUNS = 10_000
DEFAULT_SEED = 2021


def default_discount_rate() -> Decimal:
    """``settings.MKBA_DISCOUNT_RATE`` when set, else the Dutch standard 2.25 % (calc)."""
    rate = getattr(settings, "MKBA_DISCOUNT_RATE", calc.DEFAULT_DISCOUNT_RATE)
    return Decimal(str(rate)).quantize(Decimal("0.000001"))


class FlowKind(models.TextChoices):
    COST = calc.FlowKind.COST.value, _("kosten")
    BENEFIT = calc.FlowKind.BENEFIT.value, _("baten")


class Distribution(models.TextChoices):
    TRIANGULAR = calc.Distribution.TRIANGULAR.value, _("driehoek (meestal rond het bedrag)")
    UNIFORM = calc.Distribution.UNIFORM.value, _("gelijkmatig (alles tussen laag en hoog)")


class Analysis(TimeStamped):
    """One MKBA of one intervention, optionally linked to the project that carries it out."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        # The analysis is part of the public account: it stays when a project goes.
        on_delete=models.SET_NULL,
        related_name="analyses",
    )
    title = models.CharField(_("naam"), max_length=200)
    description = models.TextField(
        _("omschrijving"),
        blank=True,
        help_text=_("Wat is de aanpak, en waar komen de bedragen vandaan?"),
    )
    base_year = models.PositiveSmallIntegerField(
        _("beginjaar"),
        validators=[MinValueValidator(MIN_BASE_YEAR), MaxValueValidator(MAX_BASE_YEAR)],
        help_text=_("Het eerste jaar. Bedragen in dit jaar tellen volledig mee."),
    )
    horizon = models.PositiveSmallIntegerField(
        _("looptijd in jaren"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HORIZON)],
        help_text=_("Hoeveel jaar rekenen we mee, het beginjaar inbegrepen?"),
    )
    discount_rate = models.DecimalField(
        _("discontovoet"),
        max_digits=8,
        decimal_places=6,
        default=default_discount_rate,
        # The range (MIN/MAX_DISCOUNT_RATE) is checked by the service, with a message in percent.
        help_text=_("Als fractie: 0,0225 is 2,25% per jaar."),
    )
    mc_seed = models.PositiveIntegerField(
        _("startgetal van de simulatie"),
        default=DEFAULT_SEED,
        validators=[MaxValueValidator(2**31 - 1)],
        help_text=_("Met hetzelfde startgetal komt steeds dezelfde uitkomst."),
    )
    mc_runs = models.PositiveIntegerField(
        _("aantal berekeningen in de simulatie"),
        default=DEFAULT_RUNS,
        validators=[MinValueValidator(MIN_RUNS), MaxValueValidator(MAX_RUNS)],
    )
    mc_distribution = models.CharField(
        _("verdeling in de simulatie"),
        max_length=12,
        choices=Distribution.choices,
        default=Distribution.TRIANGULAR,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemaakt door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("voorbeeldgegevens"), default=False)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("MKBA")
        verbose_name_plural = _("MKBA's")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("mkba:detail", args=[self.pk])

    @property
    def end_year(self) -> int:
        """The last year of the horizon (inclusive)."""
        return self.base_year + self.horizon - 1


class Stakeholder(models.Model):
    """A party that pays or benefits: an organisation, or a group such as "bewoners"."""

    analysis = models.ForeignKey(
        Analysis, verbose_name=_("MKBA"), on_delete=models.CASCADE, related_name="stakeholders"
    )
    name = models.CharField(_("partij"), max_length=200)
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mkba_stakeholders",
    )

    class Meta:
        ordering = ["analysis", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["analysis", "name"], name="mkba_one_stakeholder_per_name"
            )
        ]
        verbose_name = _("partij")
        verbose_name_plural = _("partijen")

    def __str__(self) -> str:
        return self.name


class CashFlow(models.Model):
    """One cost or benefit of one stakeholder in one year, with an optional low-high range."""

    analysis = models.ForeignKey(
        Analysis, verbose_name=_("MKBA"), on_delete=models.CASCADE, related_name="flows"
    )
    stakeholder = models.ForeignKey(
        Stakeholder, verbose_name=_("partij"), on_delete=models.PROTECT, related_name="flows"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    kind = models.CharField(_("soort"), max_length=10, choices=FlowKind.choices)
    amount = models.DecimalField(_("bedrag (euro)"), max_digits=14, decimal_places=2)
    low = models.DecimalField(
        _("laagste schatting (euro)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    high = models.DecimalField(
        _("hoogste schatting (euro)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    description = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["analysis", "year", "stakeholder_id", "kind", "id"]
        verbose_name = _("bedrag")
        verbose_name_plural = _("bedragen")

    def __str__(self) -> str:
        return f"{self.stakeholder} {self.year} {self.get_kind_display()} {self.amount}"

    @property
    def range_low(self) -> Decimal:
        return self.amount if self.low is None else self.low

    @property
    def range_high(self) -> Decimal:
        return self.amount if self.high is None else self.high
