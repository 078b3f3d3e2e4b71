"""The services: the rules, field-level errors, and nothing stored when a rule says no."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories
from tests.initiatives.conftest import PDF, PNG
from wijkaanpak.initiatives import selectors, services
from wijkaanpak.initiatives.models import (
    RECEIPT_MAX_BYTES,
    Initiative,
    Milestone,
    Need,
    Pledge,
    SpendingEntry,
    Update,
    Voucher,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def errors_of(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# --- initiatives ------------------------------------------------------------------------------


def test_create_with_goal_of_own_district_in_a_neighbourhood(district, goal, manager):
    neighbourhood = factories.AreaFactory(neighbourhood=True, parent=district)
    initiative = services.initiative_create(
        by=manager,
        goals=[goal],
        area=neighbourhood,
        title="Moestuin",
        description="Samen groenten kweken.",
        initiator_name="Henk",
        status="planned",
    )
    assert initiative.district == district
    assert list(initiative.goals.all()) == [goal]


def test_create_refuses_goal_of_another_district_and_a_municipality(
    municipality, other_district, goal, manager
):
    with pytest.raises(ValidationError) as excinfo:
        services.initiative_create(
            by=manager,
            goals=[goal],
            area=other_district,
            title="Moestuin",
            description="x",
            initiator_name="Henk",
        )
    assert errors_of(excinfo) == {"goals": ["Kies alleen doelen uit een plan van deze wijk."]}
    with pytest.raises(ValidationError) as excinfo:
        services.initiative_create(
            by=manager, area=municipality, title="Moestuin", description="x", initiator_name="H"
        )
    assert "area" in errors_of(excinfo)
    assert not Initiative.objects.exists()


def test_new_initiative_cannot_start_completed(district, manager):
    with pytest.raises(ValidationError) as excinfo:
        services.initiative_create(
            by=manager,
            area=district,
            title="Moestuin",
            description="x",
            initiator_name="H",
            status="completed",
        )
    assert list(errors_of(excinfo)) == ["status"]


@pytest.mark.parametrize(
    "old,new,allowed",
    [
        ("planned", "running", True),
        ("running", "completed", True),
        ("completed", "running", True),
        ("running", "planned", False),
        ("stopped", "running", False),
        ("planned", "completed", False),
    ],
)
def test_status_transitions_follow_the_table(district, manager, old, new, allowed):
    initiative = factories.InitiativeFactory(area=district, status=old)
    if allowed:
        services.initiative_update(initiative=initiative, by=manager, status=new)
        initiative.refresh_from_db()
        assert initiative.status == new
    else:
        with pytest.raises(ValidationError) as excinfo:
            services.initiative_update(initiative=initiative, by=manager, status=new)
        assert list(errors_of(excinfo)) == ["status"]
        initiative.refresh_from_db()
        assert initiative.status == old


# --- vouchers ---------------------------------------------------------------------------------


def test_voucher_gets_a_readable_unique_code(initiative, manager):
    first = services.voucher_issue(initiative=initiative, by=manager, amount=Decimal("750"))
    second = services.voucher_issue(initiative=initiative, by=manager, amount=Decimal("250"))
    assert first.code != second.code
    assert first.code.startswith("V-") and len(first.code) == 11
    assert first.issued_on == TODAY
    assert selectors.money_of(initiative).granted == Decimal("1000.00")


@pytest.mark.parametrize("amount", [Decimal("-5"), Decimal("0")])
def test_voucher_amount_must_be_positive(initiative, manager, amount):
    with pytest.raises(ValidationError) as excinfo:
        services.voucher_issue(initiative=initiative, by=manager, amount=amount)
    assert errors_of(excinfo) == {"amount": ["Het bedrag moet groter dan nul zijn."]}
    assert not Voucher.objects.exists()


def test_stopped_initiative_gets_no_voucher(district, manager):
    initiative = factories.InitiativeFactory(area=district, stopped=True)
    with pytest.raises(ValidationError) as excinfo:
        services.voucher_issue(initiative=initiative, by=manager, amount=Decimal("10"))
    assert NON_FIELD_ERRORS in errors_of(excinfo)
    assert not Voucher.objects.exists()


# --- spending and receipts --------------------------------------------------------------------


@pytest.fixture
def funded(initiative):
    factories.VoucherFactory(initiative=initiative, amount=Decimal("500.00"))
    return initiative


def spend(initiative, by, **overrides):
    data = {"spent_on": TODAY, "amount": Decimal("120.50"), "description": "Verf"}
    data.update(overrides)
    return services.spending_add(initiative=initiative, by=by, **data)


def test_spending_with_pdf_receipt_is_stored_under_a_random_name(funded, manager, settings):
    entry = spend(funded, manager, receipt=SimpleUploadedFile("bon jan-jansen.pdf", PDF))
    assert entry.receipt.name.startswith("initiatives/receipts/")
    assert "jansen" not in entry.receipt.name and entry.receipt.name.endswith(".pdf")
    assert [p.name for p in media_files(settings)] == [Path(entry.receipt.name).name]
    assert str(Path(settings.MEDIA_ROOT)) in entry.receipt.path
    assert entry.recorded_by == manager


@pytest.mark.parametrize("amount", [Decimal("-10"), Decimal("0")])
def test_spending_amount_must_be_positive(funded, manager, settings, amount):
    with pytest.raises(ValidationError) as excinfo:
        spend(funded, manager, amount=amount, receipt=SimpleUploadedFile("b.png", PNG))
    assert errors_of(excinfo) == {"amount": ["Het bedrag moet groter dan nul zijn."]}
    assert not SpendingEntry.objects.exists()
    assert media_files(settings) == []


def test_spending_in_the_future_is_refused(funded, manager):
    with pytest.raises(ValidationError) as excinfo:
        spend(funded, manager, spent_on=TODAY + dt.timedelta(days=3))
    assert errors_of(excinfo) == {"spent_on": ["Deze datum ligt in de toekomst."]}
    assert not SpendingEntry.objects.exists()


def test_spending_needs_a_voucher_first(initiative, manager):
    with pytest.raises(ValidationError) as excinfo:
        spend(initiative, manager)
    assert errors_of(excinfo) == {
        NON_FIELD_ERRORS: ["Dit initiatief heeft nog geen voucher. Geef eerst een voucher uit."]
    }


@pytest.mark.parametrize(
    "upload,message",
    [
        (
            SimpleUploadedFile("bon.pdf", b"%PDF-" + b"x" * RECEIPT_MAX_BYTES),
            "De bon is te groot. Het mag hoogstens 5 MB zijn.",
        ),
        (SimpleUploadedFile("bon.exe", b"MZ\x90\x00"), "Kies een bon als PDF, JPG of PNG."),
        (SimpleUploadedFile("bon.txt", b"hello"), "Kies een bon als PDF, JPG of PNG."),
        (SimpleUploadedFile("bon", PDF), "Kies een bon als PDF, JPG of PNG."),
        (
            SimpleUploadedFile("bon.pdf", b"<html><script>alert(1)</script>"),
            "Dit bestand is geen echte PDF, JPG of PNG.",
        ),
        (SimpleUploadedFile("bon.jpg", PNG), "Dit bestand is geen echte PDF, JPG of PNG."),
        (SimpleUploadedFile("bon.png", b""), "Het bestand is leeg."),
    ],
    ids=["too-big", "exe", "txt", "no-extension", "html-as-pdf", "png-as-jpg", "empty"],
)
def test_bad_receipts_are_refused_and_nothing_is_stored(funded, manager, settings, upload, message):
    with pytest.raises(ValidationError) as excinfo:
        spend(funded, manager, receipt=upload)
    assert errors_of(excinfo) == {"receipt": [message]}
    assert not SpendingEntry.objects.exists()
    assert media_files(settings) == []


def test_overspending_is_recorded_and_flagged(funded, manager):
    spend(funded, manager, amount=Decimal("450"))
    assert selectors.accountability_flags(Initiative.objects.get(pk=funded.pk)) == []
    spend(funded, manager, amount=Decimal("80"))
    money = selectors.money_of(Initiative.objects.get(pk=funded.pk))
    assert (money.granted, money.spent, money.remaining) == (
        Decimal("500.00"),
        Decimal("530.00"),
        Decimal("-30.00"),
    )
    assert money.overspent and money.percent_spent == Decimal("106.0")
    flags = selectors.accountability_flags(Initiative.objects.get(pk=funded.pk))
    assert [f.code for f in flags] == ["overspent"]
    assert "30,00" in flags[0].message


# --- flags ------------------------------------------------------------------------------------


def test_months_before_handles_short_months():
    assert selectors.months_before(dt.date(2025, 5, 31), 3) == dt.date(2025, 2, 28)
    assert selectors.months_before(dt.date(2025, 1, 15), 3) == dt.date(2024, 10, 15)
    assert selectors.months_before(dt.date(2024, 5, 31), 3) == dt.date(2024, 2, 29)


def test_no_update_flag_counts_from_last_update_or_first_voucher(district, goal):
    today = dt.date(2025, 6, 1)
    initiative = factories.InitiativeFactory(area=district, running=True, goals=[goal])
    factories.VoucherFactory(initiative=initiative, issued_on=dt.date(2025, 1, 10))

    def codes():
        return [f.code for f in selectors.accountability_flags(initiative_fresh(), today)]

    def initiative_fresh():
        return Initiative.objects.get(pk=initiative.pk)

    assert codes() == []  # nothing spent yet: no update needed
    factories.SpendingEntryFactory(initiative=initiative, spent_on=dt.date(2025, 2, 1))
    assert codes() == ["no_update"]  # voucher on 10 Jan, silent since: more than 3 months
    factories.InitiativeUpdateFactory(initiative=initiative, published_on=dt.date(2025, 3, 2))
    assert codes() == []  # 1 June - 3 months = 1 March: the update of 2 March is recent enough
    assert [
        f.code for f in selectors.accountability_flags(initiative_fresh(), dt.date(2025, 6, 3))
    ] == ["no_update"]


def test_no_update_interval_comes_from_settings(district, goal, settings):
    settings.INITIATIVES_UPDATE_INTERVAL_MONTHS = 6
    initiative = factories.InitiativeFactory(area=district, running=True, goals=[goal])
    factories.VoucherFactory(initiative=initiative, issued_on=dt.date(2025, 1, 10))
    factories.SpendingEntryFactory(initiative=initiative, spent_on=dt.date(2025, 2, 1))
    assert selectors.accountability_flags(initiative, dt.date(2025, 6, 1)) == []


def test_completed_initiative_needs_no_more_updates_but_overspend_stays(district, goal):
    initiative = factories.InitiativeFactory(area=district, completed=True)
    factories.VoucherFactory(initiative=initiative, issued_on=dt.date(2024, 1, 1), amount=10)
    factories.SpendingEntryFactory(initiative=initiative, spent_on=dt.date(2024, 1, 2), amount=20)
    assert [f.code for f in selectors.accountability_flags(initiative)] == ["overspent"]


def test_voucher_without_goal_is_flagged(district):
    initiative = factories.InitiativeFactory(area=district, running=True)
    assert selectors.accountability_flags(initiative) == []  # no public money: no flag
    factories.VoucherFactory(initiative=initiative)
    fresh = Initiative.objects.get(pk=initiative.pk)
    assert [f.code for f in selectors.accountability_flags(fresh)] == ["no_goal"]


# --- parts and updates ------------------------------------------------------------------------


def test_done_part_is_at_100_and_progress_rolls_up(initiative, manager):
    build = services.milestone_create(initiative=initiative, by=manager, title="Bouwen")
    services.milestone_create(
        initiative=initiative, by=manager, title="Hout", parent=build, budget=Decimal("300")
    )
    paint = services.milestone_create(
        initiative=initiative,
        by=manager,
        title="Verf",
        parent=build,
        budget=Decimal("100"),
        status="running",
        progress=40,
    )
    services.milestone_create(initiative=initiative, by=manager, title="Feest", status="done")
    progress = selectors.progress_of(initiative)
    by_title = {n.milestone.title: n.progress for n in progress.flat()}
    assert by_title == {
        "Bouwen": Decimal("10.0"),  # (0*300 + 40*100) / 400
        "Hout": Decimal("0.0"),
        "Verf": Decimal("40.0"),
        "Feest": Decimal("100.0"),
    }
    assert progress.overall == Decimal("55.0")
    assert [n.depth for n in progress.flat()] == [0, 1, 1, 0]
    services.milestone_update(milestone=paint, by=manager, status="done")
    paint.refresh_from_db()
    assert paint.progress == 100


def test_part_rules(initiative, manager):
    top = services.milestone_create(initiative=initiative, by=manager, title="Top")
    child = services.milestone_create(initiative=initiative, by=manager, title="Kind", parent=top)
    with pytest.raises(ValidationError) as excinfo:
        services.milestone_update(milestone=top, by=manager, parent=child)
    assert errors_of(excinfo) == {"parent": ["Een onderdeel kan niet onder zichzelf hangen."]}
    foreign = factories.MilestoneFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.milestone_create(initiative=initiative, by=manager, title="X", parent=foreign)
    assert errors_of(excinfo) == {"parent": ["Kies een onderdeel van hetzelfde initiatief."]}
    with pytest.raises(ValidationError) as excinfo:
        services.milestone_create(
            initiative=initiative, by=manager, title="X", progress=101, budget=Decimal("-1")
        )
    assert set(errors_of(excinfo)) == {"progress", "budget"}
    assert Milestone.objects.filter(initiative=initiative).count() == 2


def test_completed_without_parts_counts_as_done(district):
    initiative = factories.InitiativeFactory(area=district, completed=True)
    assert selectors.progress_of(initiative).overall == Decimal("100.0")
    assert selectors.progress_of(factories.InitiativeFactory()).overall is None


def test_updates_are_dated_and_not_empty(initiative, manager):
    update = services.update_post(initiative=initiative, by=manager, text="  Gestart!  ")
    assert (update.published_on, update.text) == (TODAY, "Gestart!")
    with pytest.raises(ValidationError) as excinfo:
        services.update_post(
            initiative=initiative, by=manager, text=" ", published_on=TODAY + dt.timedelta(1)
        )
    assert set(errors_of(excinfo)) == {"text", "published_on"}
    assert Update.objects.count() == 1


# --- crowd support ----------------------------------------------------------------------------


def test_need_rules(initiative, manager):
    money = services.need_create(
        initiative=initiative, by=manager, kind="money", title="Ballen", quantity=Decimal("300")
    )
    assert money.unit == "euro"
    with pytest.raises(ValidationError) as excinfo:
        services.need_create(
            initiative=initiative, by=manager, kind="time", title="Hulp", quantity=Decimal("0")
        )
    assert set(errors_of(excinfo)) == {"quantity", "unit"}
    assert Need.objects.count() == 1


def test_pledge_with_and_without_account(initiative, coordinator):
    need = factories.NeedFactory(initiative=initiative)
    anonymous = services.pledge_create(need=need, by=None, quantity=Decimal("3"))
    assert (anonymous.user, anonymous.name, anonymous.email) == (None, "", "")
    mine = services.pledge_create(
        need=need, by=coordinator, quantity=Decimal("2"), name=" Anja ", email="anja@example.org"
    )
    assert (mine.user, mine.name) == (coordinator, "Anja")


@pytest.mark.parametrize(
    "state",
    [{"closed": True}, {"done": True}],
    ids=["closed", "done"],
)
def test_pledge_on_a_closed_need_is_refused(initiative, state):
    need = factories.NeedFactory(initiative=initiative, **state)
    with pytest.raises(ValidationError) as excinfo:
        services.pledge_create(need=need, by=None, quantity=Decimal("1"), name="Piet")
    assert errors_of(excinfo) == {
        "need": ["Deze hulpvraag is gesloten. U kunt hier niet meer helpen."]
    }
    assert not Pledge.objects.exists()


def test_pledge_on_a_completed_initiative_is_refused(district):
    need = factories.NeedFactory(
        initiative=factories.InitiativeFactory(area=district, completed=True)
    )
    with pytest.raises(ValidationError) as excinfo:
        services.pledge_create(need=need, by=None, quantity=Decimal("1"))
    assert "need" in errors_of(excinfo)
    assert not Pledge.objects.exists()


@pytest.mark.parametrize(
    "quantity,email",
    [
        (Decimal("-2"), ""),
        (Decimal("0"), ""),
        (Decimal("1000000"), ""),
        (Decimal("1"), "geen-mail"),
    ],
)
def test_pledge_bad_input(initiative, quantity, email):
    need = factories.NeedFactory(initiative=initiative)
    with pytest.raises(ValidationError) as excinfo:
        services.pledge_create(need=need, by=None, quantity=quantity, email=email)
    assert set(errors_of(excinfo)) == ({"email"} if email else {"quantity"})
    assert not Pledge.objects.exists()


def test_crowd_support_math(initiative, manager):
    hours = factories.NeedFactory(initiative=initiative, quantity=Decimal("20"), unit="uur")
    money = factories.NeedFactory(initiative=initiative, money=True)  # 500 euro
    chairs = factories.NeedFactory(
        initiative=initiative, kind="materials", quantity=Decimal("10"), unit="stoelen", done=True
    )
    factories.PledgeFactory(need=hours, quantity=Decimal("5"), fulfilled=True)
    factories.PledgeFactory(need=hours, quantity=Decimal("10"))
    factories.PledgeFactory(need=money, quantity=Decimal("100"))
    factories.PledgeFactory(need=chairs, quantity=Decimal("15"))  # more than asked
    crowd = selectors.crowd_support_of(initiative)
    rows = {r.need.pk: r for r in crowd.rows}
    assert (rows[hours.pk].pledged, rows[hours.pk].fulfilled, rows[hours.pk].pledge_count) == (
        Decimal("15"),
        Decimal("5"),
        2,
    )
    assert rows[hours.pk].percent == Decimal("75.0")
    assert rows[chairs.pk].percent == Decimal("150.0") and rows[chairs.pk].bar_percent == 100
    assert (crowd.tasks_total, crowd.tasks_done) == (3, 1)
    assert (crowd.money_asked, crowd.money_pledged, crowd.money_percent) == (
        Decimal("500"),
        Decimal("100"),
        Decimal("20.0"),
    )
    assert crowd.percent == Decimal("65.0")  # (75 + 20 + 100 capped) / 3


def test_pledge_fulfilled_and_delete(initiative, manager):
    pledge = factories.PledgeFactory(need=factories.NeedFactory(initiative=initiative))
    services.pledge_set_fulfilled(pledge=pledge, by=manager, fulfilled=True)
    pledge.refresh_from_db()
    assert pledge.is_fulfilled
    services.pledge_delete(pledge=pledge, by=manager)
    assert not Pledge.objects.exists()
