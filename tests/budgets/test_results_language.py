"""E23/E24: the results page speaks the visitor's language (explanations rebuilt per request
from the stored reason codes, money in the language's notation) and explains the completion
step of Equal Shares when voters pay more than their equal share."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories
from tests.budgets.test_budget_tally import RULES, cast, ideas, publish
from wijkaanpak.budgets import selectors

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("kind", ["approval", "ranking", "points"])
def test_explanations_rebuilt_from_codes_match_the_stored_dutch(district, manager, rule, kind):
    traits = {} if kind == "approval" else {kind: True}
    process = factories.BudgetProcessFactory(area=district, voting=True, rule=rule, **traits)
    a, b, c, d, e = ideas(process, "4000", "3000", "2500", "6000", "1500")
    ballots = [([a.pk, b.pk], [6, 4]), ([b.pk, c.pk], [5, 5]), ([a.pk], [10]), ([d.pk], [10])]
    for choices, points in ballots:
        cast(process, choices, points if kind == "points" else None)
    result = selectors.result_of(publish(process, manager))
    lines = list(result.lines.all())
    assert e.pk in {line.idea_id for line in lines}  # an idea without votes too
    with translation.override("nl"):
        assert [line.explanation_text() for line in lines] == [line.explanation for line in lines]
    with translation.override("en"):
        for line in lines:
            text = line.explanation_text()
            assert text.startswith("Chosen" if line.is_winner else "Not chosen"), text
            assert "Gekozen" not in text and "stemmen" not in text and " te weinig" not in text


def test_results_page_in_english_and_dutch(client, district, manager):
    process = factories.BudgetProcessFactory(area=district, voting=True, rule="greedy")
    big, small = ideas(process, "6000", "4000")
    cast(process, [big.pk])
    cast(process, [big.pk, small.pk])
    publish(process, manager)
    url = reverse("budgets:results", args=[process.pk])
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    assert "Chosen. This idea was" in english and "Gekozen" not in english
    assert "€ 6,000" in english and "€ 10,000" in english
    assert "€ 6.000" not in english and "€ 10.000" not in english
    dutch = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").text
    assert "Gekozen. Dit idee stond" in dutch
    assert "€ 6.000" in dutch and "€ 10.000" in dutch and "€ 6,000" not in dutch


def test_equal_shares_explains_the_completion_step(client, district, manager):
    """Budget € 10.000, 4 voters: an equal share is € 2.500. Two voters want A (€ 6.000, so
    € 3.000 each), everybody wants B (€ 2.000). Equal shares buys B only; the completion raises
    each share until A fits, so A's two supporters pay more than € 2.500."""
    process = factories.BudgetProcessFactory(area=district, voting=True, rule="mes-add1")
    a, b = ideas(process, "6000", "2000")
    for choices in ([a.pk, b.pk], [a.pk, b.pk], [b.pk], [b.pk]):
        cast(process, choices)
    result = selectors.result_of(publish(process, manager))
    lines = {line.idea_id: line for line in result.lines.all()}
    assert lines[a.pk].is_winner and lines[b.pk].is_winner
    assert (
        "betaalde tot € 3.000: meer dan een gelijk deel van het budget (€ 2.500 per stemmer)"
        in lines[a.pk].explanation
    )
    assert "gelijk deel van het budget (" not in lines[b.pk].explanation  # € 1.000 each
    url = reverse("budgets:results", args=[process.pk])
    dutch = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").text
    assert "Zo werkt tellen in gelijke delen" in dutch
    assert "€ 10.000 gedeeld door 4 stembiljetten is € 2.500 per stemmer" in dutch
    assert "Aanvullen: na die ronde was er nog geld over" in dutch
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    assert "How counting in equal shares works" in english
    assert "€ 10,000 divided by 4 ballots is € 2,500 per voter" in english
    assert "Completion: after that round there was money left" in english
    assert "paid up to € 3,000: more than an equal share of the budget (€ 2,500 per" in english


def test_no_equal_shares_steps_for_greedy(client, district, manager):
    process = factories.BudgetProcessFactory(area=district, voting=True, rule="greedy")
    (a,) = ideas(process, "6000")
    cast(process, [a.pk])
    publish(process, manager)
    page = client.get(reverse("budgets:results", args=[process.pk])).text
    assert "Zo werkt tellen in gelijke delen" not in page
