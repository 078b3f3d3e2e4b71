from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from wijkaanpak.funding import services
from wijkaanpak.funding.models import BudgetLine
from wijkaanpak.funding.selectors import money_matrix, money_matrix_csv


def test_negative_amount_is_refused_and_nothing_stored(project, manager):
    with pytest.raises(ValidationError) as exc:
        services.budget_line_create(
            project=project,
            by=manager,
            funder=factories.OrganisationFactory(),
            year=2025,
            amount=Decimal("-1"),
        )
    assert "amount" in exc.value.message_dict
    assert not BudgetLine.objects.exists()


def test_domain_defaults_to_the_project_domain(project, manager):
    line = services.budget_line_create(
        project=project,
        by=manager,
        funder=factories.OrganisationFactory(),
        year=2025,
        amount=Decimal("10"),
    )
    assert line.domain == project.domain


def test_matrix_sums_per_funder_domain_and_year(district):
    city = factories.OrganisationFactory(name="Gemeente")
    corporation = factories.OrganisationFactory(name="Corporatie")
    p1 = factories.ProjectFactory(district=district, domain="social")
    p2 = factories.ProjectFactory(district=district, domain="physical")
    elsewhere = factories.ProjectFactory()
    factories.BudgetLineFactory(
        project=p1, funder=city, year=2025, amount=Decimal("100"), domain="social"
    )
    factories.BudgetLineFactory(
        project=p2, funder=city, year=2025, amount=Decimal("50"), domain="social"
    )
    factories.BudgetLineFactory(
        project=p2, funder=corporation, year=2026, amount=Decimal("300"), domain="physical"
    )
    factories.BudgetLineFactory(project=elsewhere, funder=city, year=2025, amount=Decimal("999"))

    matrix = money_matrix(district)
    assert matrix.years == [2025, 2026]
    assert matrix.amount("Gemeente", "social", 2025) == Decimal("150")
    assert matrix.amount("Corporatie", "physical", 2026) == Decimal("300")
    assert matrix.total == Decimal("450")
    assert matrix.year_totals == [(2025, Decimal("150")), (2026, Decimal("300"))]
    assert dict(matrix.funder_totals) == {"Corporatie": Decimal("300"), "Gemeente": Decimal("150")}

    lines = money_matrix_csv(matrix).splitlines()
    assert lines[0] == "financier;domein;jaar;bedrag_euro"
    assert "Gemeente;sociaal;2025;150.00" in lines
    assert len(lines) == 3
