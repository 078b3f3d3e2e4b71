"""E21: the phase form offers the allowed next phases in the order of the process, with the
natural next phase (or the only option) preselected, so "Fase wijzigen" works at once."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests import factories
from wijkaanpak.budgets.forms import PhaseForm


def test_review_offers_voting_first_and_preselected(district):
    process = factories.BudgetProcessFactory(area=district, review=True)
    form = PhaseForm(process=process)
    assert [value for value, _label in form.fields["phase"].choices] == ["voting", "ideas"]
    assert form.fields["phase"].initial == "voting"
    assert "terug naar" in str(form.fields["phase"].choices[1][1])


@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        ("draft", "ideas"),
        ("ideas", "review"),
        ("voting", "counting"),
        ("results", "implementation"),
    ],
)
def test_a_single_option_is_preselected(district, phase, expected):
    process = factories.BudgetProcessFactory(area=district, phase=phase)
    form = PhaseForm(process=process)
    assert [value for value, _label in form.fields["phase"].choices] == [expected]
    assert form.fields["phase"].initial == expected


def test_page_shows_the_preselected_radio_in_process_order(client, district, manager):
    process = factories.BudgetProcessFactory(area=district, review=True)
    client.force_login(manager)
    html = client.get(reverse("budgets:phase", args=[process.pk])).content.decode()
    inputs = re.findall(r'<input type="radio" name="phase" value="(\w+)"([^>]*)>', html)
    assert [value for value, _rest in inputs] == ["voting", "ideas"]
    assert "checked" in inputs[0][1] and "checked" not in inputs[1][1]
