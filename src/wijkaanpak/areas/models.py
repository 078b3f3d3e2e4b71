from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkaanpak.core.models import TimeStamped


class AreaKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("gemeente")
    DISTRICT = "district", _("wijk")
    NEIGHBOURHOOD = "neighbourhood", _("buurt")


#: The kind an area's parent must have.
PARENT_KIND = {
    AreaKind.MUNICIPALITY: None,
    AreaKind.DISTRICT: AreaKind.MUNICIPALITY,
    AreaKind.NEIGHBOURHOOD: AreaKind.DISTRICT,
}


class Area(TimeStamped):
    """A municipality, district or neighbourhood, identified by its CBS code."""

    code = models.CharField(_("CBS-code"), max_length=10, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=16, choices=AreaKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ligt in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # The latest known figures, each with its own year: a copy of ``AreaFigure`` kept by
    # ``areas.services`` (the one write path), so lists and the API need no extra query.
    inhabitants = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    inhabitants_year = models.PositiveSmallIntegerField(
        _("jaar van het inwonertal"), null=True, blank=True
    )
    homes = models.PositiveIntegerField(_("woningen"), null=True, blank=True)
    homes_year = models.PositiveSmallIntegerField(
        _("jaar van het aantal woningen"), null=True, blank=True
    )
    #: The newest year of the figures above (kept for the API; each figure has its own year).
    figures_year = models.PositiveSmallIntegerField(_("jaar van de cijfers"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        indexes = [models.Index(fields=["kind", "parent"])]

    def get_absolute_url(self) -> str:
        return reverse("areas:detail", args=[self.code])

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def municipality(self) -> Area | None:
        area: Area | None = self
        while area is not None and area.kind != AreaKind.MUNICIPALITY:
            area = area.parent
        return area


#: The figures an import keeps per year (``AreaFigure`` columns = ``Area`` columns).
FIGURE_FIELDS = ("inhabitants", "homes")


class AreaFigure(models.Model):
    """The figures of an area in one year, as imported. ``None`` is unknown in that year
    (CBS's "."): it never replaces what another year, or an earlier release, said."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="figures")
    year = models.PositiveSmallIntegerField(_("jaar"))
    inhabitants = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    homes = models.PositiveIntegerField(_("woningen"), null=True, blank=True)

    class Meta:
        ordering = ["area", "year"]
        verbose_name = _("cijfers van een gebied per jaar")
        verbose_name_plural = _("cijfers van gebieden per jaar")
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="areas_areafigure_unique")
        ]

    def __str__(self) -> str:
        return f"{self.area_id} {self.year}"


class AreaImport(models.Model):
    """A record of one completed import, so a manager sees what was loaded when."""

    filename = models.CharField(_("bestand"), max_length=255)
    file_format = models.CharField(_("formaat"), max_length=40)
    imported_at = models.DateTimeField(_("geïmporteerd op"), auto_now_add=True)
    imported_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.PositiveIntegerField(_("nieuw"), default=0)
    updated = models.PositiveIntegerField(_("bijgewerkt"), default=0)
    unchanged = models.PositiveIntegerField(_("ongewijzigd"), default=0)
    #: Per figure: how many were added, changed, unchanged, unknown but kept, unknown.
    figures = models.JSONField(_("cijfers"), default=dict, blank=True)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("gebiedsimport")
        verbose_name_plural = _("gebiedsimports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.imported_at:%Y-%m-%d %H:%M})"
