"""The money matrix of a district: funder × domain × year, open to residents."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from wijkaanpak.core import csvexport
from wijkaanpak.core.models import Domain
from wijkaanpak.funding.models import BudgetLine


@dataclass
class MoneyMatrix:
    years: list[int]
    domains: list[tuple[str, str]]
    funders: list[str]
    #: (funder, domain, year) -> amount
    cells: dict[tuple[str, str, int], Decimal] = field(default_factory=dict)

    def amount(self, funder: str, domain: str, year: int) -> Decimal:
        return self.cells.get((funder, domain, year), Decimal(0))

    def funder_total(self, funder: str) -> Decimal:
        return sum((v for (f, _d, _y), v in self.cells.items() if f == funder), Decimal(0))

    def domain_total(self, domain: str) -> Decimal:
        return sum((v for (_f, d, _y), v in self.cells.items() if d == domain), Decimal(0))

    def year_total(self, year: int) -> Decimal:
        return sum((v for (_f, _d, y), v in self.cells.items() if y == year), Decimal(0))

    @property
    def year_totals(self) -> list[tuple[int, Decimal]]:
        return [(y, self.year_total(y)) for y in self.years]

    @property
    def domain_totals(self) -> list[tuple[str, Decimal]]:
        return [
            (label, self.domain_total(code))
            for code, label in self.domains
            if self.domain_total(code)
        ]

    @property
    def funder_totals(self) -> list[tuple[str, Decimal]]:
        return [(f, self.funder_total(f)) for f in self.funders]

    @property
    def total(self) -> Decimal:
        """All years of the matrix together: show it only with ``total_label``/``period``."""
        return sum(self.cells.values(), Decimal(0))

    @property
    def period(self) -> str:
        """The years the total covers, "2007–2028" (or one year): part of every label of it."""
        return _period(self.years)

    @property
    def total_label(self) -> str:
        """The one label of the district's money total, on the page and in the report."""
        if not self.years:
            return _("Geld in de wijk")
        return _("Geld in de wijk %(period)s") % {"period": self.period}

    def rows(self):
        """One row per funder and domain with an amount per year: what the page and CSV show."""
        for funder in self.funders:
            for code, label in self.domains:
                amounts = [self.amount(funder, code, y) for y in self.years]
                if any(amounts):
                    yield funder, label, amounts, sum(amounts, Decimal(0))

    def parts(self, years_per_part: int) -> list[MatrixPart]:
        """The matrix cut into tables of at most ``years_per_part`` years, for print: every
        year and every total fits on the page. Each part has the same rows; the last one
        also carries the total over all years."""
        rows = list(self.rows())
        chunks = [
            self.years[i : i + years_per_part] for i in range(0, len(self.years), years_per_part)
        ]
        parts = []
        for n, years in enumerate(chunks):
            offset = n * years_per_part
            parts.append(
                MatrixPart(
                    years=years,
                    period=_period(years),
                    rows=[
                        (
                            f,
                            d,
                            a[offset : offset + len(years)],
                            sum(a[offset : offset + len(years)], Decimal(0)),
                            t,
                        )
                        for f, d, a, t in rows
                    ],
                    year_totals=[self.year_total(y) for y in years],
                    total=sum((self.year_total(y) for y in years), Decimal(0)),
                    last=n == len(chunks) - 1,
                    several=len(chunks) > 1,
                )
            )
        return parts


@dataclass
class MatrixPart:
    """A slice of the money matrix by years (see ``MoneyMatrix.parts``)."""

    years: list[int]
    period: str
    #: (funder, domain label, amounts of these years, total of these years, total of all years)
    rows: list[tuple[str, str, list[Decimal], Decimal, Decimal]]
    year_totals: list[Decimal]
    total: Decimal
    last: bool
    several: bool


def _period(years: list[int]) -> str:
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def money_matrix(district) -> MoneyMatrix:
    rows = (
        BudgetLine.objects.filter(project__district=district)
        .values("funder__name", "domain", "year")
        .annotate(total=Sum("amount"))
        .order_by("funder__name", "domain", "year")
    )
    cells: dict[tuple[str, str, int], Decimal] = {}
    for row in rows:
        cells[(row["funder__name"], row["domain"], row["year"])] = Decimal(row["total"])
    years = sorted({y for _f, _d, y in cells})
    funders = sorted({f for f, _d, _y in cells})
    return MoneyMatrix(years=years, domains=list(Domain.choices), funders=funders, cells=cells)


def money_matrix_csv(matrix: MoneyMatrix) -> str:
    """Long format, one row per funder × domain × year: easy to pivot in a spreadsheet."""
    out = io.StringIO()
    writer = csvexport.writer(out, delimiter=";")
    writer.writerow(["financier", "domein", "jaar", "bedrag_euro"])
    labels = dict(matrix.domains)
    for (funder, domain, year), amount in sorted(matrix.cells.items()):
        writer.writerow([funder, labels.get(domain, domain), year, f"{amount:.2f}"])
    return out.getvalue()
