"""Paper ballots cannot be stuffed (issue 7, A4).

The attack: one voting letter is registered, then two officials each enter sheets 1 to 10
with the same choices. Before the fix all ten sheets counted (turnout: 1 code used, 11
ballots, 1 letter) and the results could be published. Now a sheet number that would make
more sheets than letters is refused at entry (field ``number``), publication is blocked while
the counted plus blank/invalid sheets differ from the letters, and the page and the API show
which officials entered which sheet. Service, page, API, and officials at the same moment.
"""

from __future__ import annotations

import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection
from django.urls import reverse
from rest_framework.test import APIClient

from tests import factories
from wijkaanpak.budgets import selectors, services
from wijkaanpak.budgets.models import Ballot, BallotSource, PaperEntry, Phase

API = "/api/v1"


@pytest.fixture
def process(district):
    process = factories.BudgetProcessFactory(area=district, voting=True)
    process.idea = factories.BudgetIdeaFactory(
        process=process, accepted=True, estimated_cost=Decimal("1000")
    )
    return process


def officials(n: int) -> list:
    return [factories.UserFactory(role="official") for _ in range(n)]


def register_letters(process, by, n: int) -> None:
    for _ in range(n):
        code = factories.VotingCodeFactory(process=process).code
        services.paper_slip_register(process=process, by=by, code=code)


# --- the service ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_one_letter_two_officials_ten_sheets_counts_one(process, manager):
    one, two = officials(2)
    register_letters(process, one, 1)
    refused = []
    for official in (one, two):
        for number in range(1, 11):
            try:
                services.paper_entry_add(
                    process=process, by=official, number=number, choices=[process.idea.pk]
                )
            except ValidationError as exc:
                refused.append((official.pk, number, exc.message_dict))
    # sheet 1 was entered by both; sheets 2-10 refused for both officials
    assert [(who, n) for who, n, _e in refused] == [
        (official.pk, n) for official in (one, two) for n in range(2, 11)
    ]
    message = refused[0][2]["number"][0]
    assert "1 brieven ingenomen" in message and "niet meer stembiljetten" in message
    assert Ballot.objects.filter(process=process).count() == 1
    assert set(PaperEntry.objects.values_list("number", flat=True)) == {1}
    turnout = selectors.turnout(process)
    assert (turnout.codes_used, turnout.ballots, turnout.paper_slips) == (1, 1, 1)

    services.process_set_phase(process=process, by=manager, phase=Phase.COUNTING)
    process = services.process_set_phase(process=process, by=manager, phase=Phase.RESULTS)
    assert selectors.result_of(process).paper_ballots == 1


@pytest.mark.django_db
def test_no_sheet_before_its_letter(process):
    (one,) = officials(1)
    with pytest.raises(ValidationError) as exc:
        services.paper_entry_add(process=process, by=one, number=1, choices=[process.idea.pk])
    assert "0 brieven ingenomen" in exc.value.message_dict["number"][0]
    assert not PaperEntry.objects.exists()


@pytest.mark.django_db
def test_a_sheet_waiting_for_its_second_entry_holds_its_place(process):
    one, two = officials(2)
    register_letters(process, one, 1)
    services.paper_entry_add(process=process, by=one, number=5, choices=[process.idea.pk])
    with pytest.raises(ValidationError):  # a second number for the one letter
        services.paper_entry_add(process=process, by=two, number=6, choices=[process.idea.pk])
    services.paper_entry_add(process=process, by=two, number=5, choices=[process.idea.pk])
    status = services.paper_status(process)
    assert status.counted == [5] and status.letters == 1 and status.settled == 1


@pytest.mark.django_db
def test_publication_waits_until_sheets_equal_letters(process, manager):
    one, two = officials(2)
    register_letters(process, one, 2)
    for official in (one, two):
        services.paper_entry_add(process=process, by=official, number=1, choices=[process.idea.pk])
    services.process_set_phase(process=process, by=manager, phase=Phase.COUNTING)
    with pytest.raises(ValidationError) as exc:
        services.process_set_phase(process=process, by=manager, phase=Phase.RESULTS)
    message = " ".join(exc.value.message_dict["phase"])
    assert "kloppen niet: 2 brieven ingenomen, maar 1 papieren stembiljetten" in message
    process.refresh_from_db()
    assert process.phase == Phase.COUNTING and selectors.result_of(process) is None

    # the second envelope turned out empty: two officials declare sheet 2 invalid
    for official in (one, two):
        services.paper_entry_add(process=process, by=official, number=2, invalid=True)
    process = services.process_set_phase(process=process, by=manager, phase=Phase.RESULTS)
    result = selectors.result_of(process)
    assert (result.ballots, result.paper_ballots) == (1, 1)


@pytest.mark.django_db
def test_publication_blocked_by_paper_ballots_that_no_agreed_entry_explains(process, manager):
    """A paper ballot written straight into the table (old data, or past the service) makes
    the stored count differ from the sheets counted: publication is refused."""
    one, two = officials(2)
    register_letters(process, one, 1)
    for official in (one, two):
        services.paper_entry_add(process=process, by=official, number=1, choices=[process.idea.pk])
    Ballot.objects.create(
        process=process, choices=[process.idea.pk], source=BallotSource.PAPER, paper_number=2
    )
    services.process_set_phase(process=process, by=manager, phase=Phase.COUNTING)
    with pytest.raises(ValidationError) as exc:
        services.process_set_phase(process=process, by=manager, phase=Phase.RESULTS)
    assert "1 brieven ingenomen, maar 2 papieren" in " ".join(exc.value.message_dict["phase"])


@pytest.mark.django_db
def test_status_records_who_entered_each_sheet(process):
    one, two, three = officials(3)
    register_letters(process, one, 3)
    other = factories.BudgetIdeaFactory(process=process, accepted=True)
    services.paper_entry_add(process=process, by=one, number=1, choices=[process.idea.pk])
    services.paper_entry_add(process=process, by=two, number=1, choices=[process.idea.pk])
    services.paper_entry_add(process=process, by=one, number=2, choices=[process.idea.pk])
    services.paper_entry_add(process=process, by=three, number=2, choices=[other.pk])
    services.paper_entry_add(process=process, by=two, number=3, invalid=True)
    sheets = {s.number: (s.state, s.officials) for s in services.paper_status(process).sheets}
    assert sheets == {
        1: ("counted", (one.username, two.username)),
        2: ("conflict", (one.username, three.username)),
        3: ("waiting", (two.username,)),
    }


@pytest.mark.django_db
def test_a_mistyped_sheet_number_is_withdrawn_by_its_official(process):
    """A wrong number holds a letter's place; its official takes it back, and the real sheet
    can then be entered. Counted sheets and other officials' entries cannot be taken back."""
    one, two = officials(2)
    register_letters(process, one, 1)
    services.paper_entry_add(process=process, by=one, number=40, choices=[process.idea.pk])
    with pytest.raises(ValidationError):
        services.paper_entry_add(process=process, by=two, number=4, choices=[process.idea.pk])
    with pytest.raises(ValidationError) as exc:  # not two's entry
        services.paper_entry_withdraw(process=process, by=two, number=40)
    assert "geen invoer" in exc.value.message_dict["number"][0]
    services.paper_entry_withdraw(process=process, by=one, number=40)
    assert not PaperEntry.objects.exists()
    for official in (one, two):
        services.paper_entry_add(process=process, by=official, number=4, choices=[process.idea.pk])
    with pytest.raises(ValidationError) as exc:  # counted: stays
        services.paper_entry_withdraw(process=process, by=one, number=4)
    assert "geteld" in exc.value.message_dict["number"][0]
    assert PaperEntry.objects.count() == 2 and Ballot.objects.count() == 1


# --- the page ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_paper_page_refuses_the_surplus_and_names_the_officials(client, process, manager):
    one, two = officials(2)
    register_letters(process, one, 1)
    url = reverse("budgets:paper", args=[process.pk])
    client.force_login(one)
    sheet = {"entry-choices": [process.idea.pk]}
    assert client.post(url, {**sheet, "entry-number": "1"}).status_code == 302
    refused = client.post(url, {**sheet, "entry-number": "2"})
    assert refused.status_code == 422
    assert (
        "niet meer stembiljetten zijn dan brieven"
        in refused.context["entry_form"].errors["number"][0]
    )
    client.force_login(two)
    assert client.post(url, {**sheet, "entry-number": "1"}).status_code == 302
    assert client.post(url, {**sheet, "entry-number": "3"}).status_code == 422
    assert Ballot.objects.count() == 1

    client.force_login(manager)  # the manager sees who entered which sheet, not the content
    html = client.get(url).content.decode()
    assert "Wie heeft welk stembiljet ingevoerd" in html
    assert f"{one.username}, {two.username}" in html
    assert "De aantallen kloppen" in html


@pytest.mark.django_db
def test_paper_page_warns_while_the_numbers_differ(client, process):
    one, _two = officials(2)
    register_letters(process, one, 2)
    client.force_login(one)
    url = reverse("budgets:paper", args=[process.pk])
    client.post(url, {"entry-number": "1", "entry-choices": [process.idea.pk]})
    html = client.get(url).content.decode()
    assert "Nog niet gelijk: 2 ingenomen brieven, 0 stembiljetten" in html


@pytest.mark.django_db
def test_paper_page_withdraws_an_own_entry(client, process):
    one, two = officials(2)
    register_letters(process, one, 1)
    services.paper_entry_add(process=process, by=one, number=40, choices=[process.idea.pk])
    url = reverse("budgets:paper", args=[process.pk])
    client.force_login(two)
    assert "Mijn invoer intrekken" not in client.get(url).content.decode()
    response = client.post(url, {"withdraw-number": "40"}, follow=True)
    assert "geen invoer van dit stembiljet" in response.content.decode()
    assert PaperEntry.objects.count() == 1
    client.force_login(one)
    assert "Mijn invoer intrekken" in client.get(url).content.decode()
    response = client.post(url, {"withdraw-number": "40"}, follow=True)
    assert "Uw invoer van stembiljet 40 is ingetrokken." in response.content.decode()
    assert not PaperEntry.objects.exists()


# --- the API ----------------------------------------------------------------------------------


def client_for(user) -> APIClient:
    client = APIClient(enforce_csrf_checks=True)
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
def test_api_refuses_the_surplus_and_lists_the_officials(process, manager):
    one, two = officials(2)
    register_letters(process, one, 1)
    url = f"{API}/staff/budgets/{process.pk}/paper-entries/"
    for official in (one, two):
        for number in range(1, 11):
            response = client_for(official).post(
                url, {"number": number, "choices": [process.idea.pk]}, format="json"
            )
            if number == 1:
                assert response.status_code == 201, response.content
            else:
                assert response.status_code == 400
                assert "niet meer stembiljetten" in response.json()["number"][0]
    assert Ballot.objects.count() == 1
    state = client_for(manager).get(url).json()
    assert state["letters"] == 1 and state["counted"] == [1]
    assert state["sheets"] == [
        {"number": 1, "state": "counted", "officials": [one.username, two.username]}
    ]
    turnout = client_for(manager).get(f"{API}/staff/budgets/{process.pk}/turnout/").json()
    assert (turnout["codes_used"], turnout["ballots"], turnout["paper_slips"]) == (1, 1, 1)


# --- at the same moment -----------------------------------------------------------------------

THREADS = 8


@pytest.mark.django_db(transaction=True)
def test_officials_entering_new_sheets_at_the_same_moment_get_one_place(process):
    """One letter; eight officials each enter a different new sheet number at once. The count
    happens under the process row lock: exactly one sheet is accepted."""
    people = officials(THREADS)
    register_letters(process, people[0], 1)
    barrier = threading.Barrier(THREADS)
    ok: list[int] = []
    refused: list[ValidationError] = []
    unexpected: list[Exception] = []

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            for attempt in range(200):
                try:
                    services.paper_entry_add(
                        process=process,
                        by=people[index],
                        number=index + 1,
                        choices=[process.idea.pk],
                    )
                    ok.append(index + 1)
                    return
                except OperationalError as exc:
                    # SQLite's test database answers "locked" at once instead of waiting:
                    # the whole (all-or-nothing) entry is retried.
                    if "locked" not in str(exc):
                        raise
                    time.sleep(min(0.05, 0.002 * (attempt + 1)))
            raise AssertionError("database stayed locked")
        except ValidationError as exc:
            refused.append(exc)
        except Exception as exc:  # noqa: BLE001 - reported below
            unexpected.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not unexpected, unexpected
    assert len(ok) == 1 and len(refused) == THREADS - 1
    assert all("number" in exc.message_dict for exc in refused)
    assert PaperEntry.objects.filter(process=process).count() == 1


@pytest.mark.django_db
def test_api_withdraws_an_own_entry(process, manager):
    one, two = officials(2)
    register_letters(process, one, 1)
    services.paper_entry_add(process=process, by=one, number=40, choices=[process.idea.pk])
    url = f"{API}/staff/budgets/{process.pk}/paper-entries/40/"
    assert client_for(manager).delete(url).status_code == 403
    refused = client_for(two).delete(url)
    assert refused.status_code == 400 and "number" in refused.json()
    done = client_for(one).delete(url)
    assert done.status_code == 200 and done.json()["sheets"] == []
    assert not PaperEntry.objects.exists()
