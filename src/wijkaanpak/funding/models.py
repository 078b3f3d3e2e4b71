from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wijkaanpak.core.models import Domain, TimeStamped


class BudgetLine(TimeStamped):
    """Money one funding partner puts into one project in one year, in one domain."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    funder = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("financier"),
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    amount = models.DecimalField(
        _("bedrag (euro)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    domain = models.CharField(_("domein"), max_length=10, choices=Domain.choices)
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        ordering = ["project", "year", "funder__name"]
        verbose_name = _("begrotingsregel")
        verbose_name_plural = _("begrotingsregels")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="budget_line_amount_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.funder} {self.year}: € {self.amount}"
