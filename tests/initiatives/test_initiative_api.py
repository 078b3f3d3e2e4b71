"""The API: public reads and pledges, staff writes per role, the services' rules as 400s."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from tests import factories
from tests.initiatives.conftest import PDF, PNG
from wijkaanpak.initiatives.models import (
    Initiative,
    Milestone,
    Need,
    Pledge,
    SpendingEntry,
    Update,
    Voucher,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no_role", "partner", "other_manager", "coordinator", "manager", "admin"]
STAFF = {"manager", "admin"}
REPORTERS = STAFF | {"coordinator"}


def url(name: str, *args) -> str:
    return reverse(f"v1:{name}", args=args)


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def world(coordinated):
    initiative = coordinated
    initiative.contact_email = "initiatiefnemer@example.org"
    initiative.save(update_fields=["contact_email"])
    factories.VoucherFactory(initiative=initiative, amount=Decimal("1000"))
    entry = factories.SpendingEntryFactory(
        initiative=initiative, receipt=SimpleUploadedFile("bon.pdf", PDF)
    )
    top = factories.MilestoneFactory(initiative=initiative, budget=Decimal("300"))
    factories.MilestoneFactory(initiative=initiative, parent=top, progress=50)
    need = factories.NeedFactory(initiative=initiative)
    pledge = factories.PledgeFactory(need=need, name="Anja Geheim", email="anja@example.org")
    return {"initiative": initiative, "entry": entry, "need": need, "pledge": pledge, "top": top}


# --- public ----------------------------------------------------------------------------------


def test_public_list_and_detail_show_money_progress_and_no_private_data(api, world):
    initiative = world["initiative"]
    listing = api.get(url("initiative-list"), {"district": initiative.area.code.lower()})
    assert listing.status_code == 200
    assert [row["id"] for row in listing.json()["results"]] == [initiative.pk]
    detail = api.get(url("initiative-detail", initiative.pk))
    assert detail.status_code == 200
    body = detail.json()
    assert body["money"] == {
        "granted": "1000.00",
        "spent": "100.00",
        "remaining": "900.00",
        "percent_spent": "10.0",
        "overspent": False,
    }
    assert body["progress"] == "50.0"
    assert [m["rolled_up_progress"] for m in body["milestones"]] == ["50.0", "50.0"]
    assert body["spending"][0]["has_receipt"] is True
    assert body["needs"][0]["pledged"] == "2.00" and body["needs"][0]["pledge_count"] == 1
    assert body["crowd_support"]["tasks_total"] == 1
    text = detail.content.decode()
    for secret in ("initiatiefnemer@example.org", "Anja Geheim", "anja@example.org", "receipts/"):
        assert secret not in text


def test_public_list_filters(api, world, other_district):
    factories.InitiativeFactory(area=other_district, completed=True)
    assert api.get(url("initiative-list"), {"status": "completed"}).json()["count"] == 1
    assert api.get(url("initiative-list"), {"flagged": "true"}).json()["count"] == 0
    initiative = world["initiative"]
    initiative.goals.clear()
    flagged = api.get(url("initiative-list"), {"flagged": "true"}).json()
    assert [row["id"] for row in flagged["results"]] == [initiative.pk]
    assert flagged["results"][0]["flags"][0]["code"] == "no_goal"


def test_anonymous_pledge_and_closed_need(api, world):
    need = world["need"]
    response = api.post(
        url("initiative-pledge-create", need.pk), {"quantity": "3", "name": "Piet"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert "name" not in response.json() and response.json()["need"] == need.pk
    need.is_open = False
    need.save()
    response = api.post(url("initiative-pledge-create", need.pk), {"quantity": "3"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "need": ["Deze hulpvraag is gesloten. U kunt hier niet meer helpen."]
    }
    assert Pledge.objects.count() == 2


def test_pledge_negative_quantity(api, world):
    response = api.post(
        url("initiative-pledge-create", world["need"].pk), {"quantity": "-1"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"quantity": ["Vul een aantal groter dan nul in."]}
    assert Pledge.objects.count() == 1


# --- staff routes per role -------------------------------------------------------------------


def staff_requests(world):
    """(route name, args, method, body, allowed roles)."""
    i, need, pledge = world["initiative"], world["need"], world["pledge"]
    today = dt.date.today().isoformat()
    return [
        ("initiative-staff-detail", [i.pk], "get", None, REPORTERS),
        ("initiative-staff-detail", [i.pk], "patch", {"title": "Nieuwe naam"}, STAFF),
        ("initiative-voucher-create", [i.pk], "post", {"amount": "50"}, STAFF),
        (
            "initiative-spending-create",
            [i.pk],
            "post",
            {"spent_on": today, "amount": "5", "description": "Koffie"},
            REPORTERS,
        ),
        ("initiative-update-create", [i.pk], "post", {"text": "Het loopt."}, REPORTERS),
        ("initiative-milestone-create", [i.pk], "post", {"title": "Feest"}, REPORTERS),
        (
            "initiative-milestone-detail",
            [world["top"].pk],
            "patch",
            {"status": "done"},
            REPORTERS,
        ),
        (
            "initiative-need-create",
            [i.pk],
            "post",
            {"kind": "money", "title": "Ballen", "quantity": "100"},
            REPORTERS,
        ),
        ("initiative-need-detail", [need.pk], "patch", {"is_done": True}, REPORTERS),
        ("initiative-pledge-list", [i.pk], "get", None, REPORTERS),
        ("initiative-pledge-detail", [pledge.pk], "patch", {"is_fulfilled": True}, REPORTERS),
        ("initiative-receipt", [world["entry"].pk], "get", None, REPORTERS),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_staff_routes_per_role(users, world, role):
    client = client_for(users[role])
    for name, args, method, body, allowed in staff_requests(world):
        response = getattr(client, method)(url(name, *args), body, format="json")
        if role == "anonymous":
            expected = {401}
        elif role in allowed:
            expected = {200, 201}
        else:
            expected = {403}
        assert response.status_code in expected, (name, method, role, response.content[:300])


def test_create_initiative_needs_the_right_district(users, district, other_district, goal):
    body = {
        "area": district.code,
        "title": "Buurtkast",
        "description": "Boeken ruilen.",
        "initiator_name": "Jan",
        "goals": [goal.pk],
    }
    assert (
        client_for(users["other_manager"])
        .post(url("initiative-staff-create"), body, format="json")
        .status_code
        == 403
    )
    assert (
        client_for(None).post(url("initiative-staff-create"), body, format="json").status_code
        == 401
    )
    response = client_for(users["manager"]).post(
        url("initiative-staff-create"), body, format="json"
    )
    assert response.status_code == 201, response.content
    assert Initiative.objects.get().status == "planned"
    # moving it to a district the manager does not manage is refused
    response = client_for(users["manager"]).patch(
        url("initiative-staff-detail", response.json()["id"]),
        {"area": other_district.code},
        format="json",
    )
    assert response.status_code == 403


def test_receipt_upload_and_bad_input_store_nothing(users, world, settings):
    client = client_for(users["coordinator"])
    route = url("initiative-spending-create", world["initiative"].pk)
    today = dt.date.today().isoformat()
    ok = client.post(
        route,
        {
            "spent_on": today,
            "amount": "12.50",
            "description": "Bon",
            "receipt": SimpleUploadedFile("bon.png", PNG),
        },
        format="multipart",
    )
    assert ok.status_code == 201, ok.content
    assert ok.json()["has_receipt"] is True and "receipt" not in ok.json()
    for body, field in [
        ({"amount": "-3"}, "amount"),
        ({"receipt": SimpleUploadedFile("bon.html", b"<html>")}, "receipt"),
        (
            {"receipt": SimpleUploadedFile("bon.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024))},
            "receipt",
        ),
    ]:
        data = {"spent_on": today, "amount": "1", "description": "X", **body}
        response = client.post(route, data, format="multipart")
        assert response.status_code == 400 and list(response.json()) == [field], response.content
    assert SpendingEntry.objects.count() == 2


def test_voucher_negative_amount_is_a_field_error(users, world):
    response = client_for(users["manager"]).post(
        url("initiative-voucher-create", world["initiative"].pk), {"amount": "-50"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"amount": ["Het bedrag moet groter dan nul zijn."]}
    assert Voucher.objects.count() == 1


def test_status_transition_through_the_api(users, world):
    client = client_for(users["manager"])
    route = url("initiative-staff-detail", world["initiative"].pk)
    assert client.patch(route, {"status": "planned"}, format="json").status_code == 400
    assert client.patch(route, {"status": "completed"}, format="json").status_code == 200
    assert Initiative.objects.get().status == "completed"


def test_staff_pledge_list_shows_contacts_and_delete(users, world):
    client = client_for(users["coordinator"])
    rows = client.get(url("initiative-pledge-list", world["initiative"].pk)).json()["results"]
    assert rows[0]["name"] == "Anja Geheim" and rows[0]["email"] == "anja@example.org"
    assert client.delete(url("initiative-pledge-detail", world["pledge"].pk)).status_code == 204
    assert not Pledge.objects.exists()


def test_writes_changed_what_they_said(users, world):
    """One pass as the manager: every staff write went through its service."""
    client = client_for(users["manager"])
    for name, args, method, body, _allowed in staff_requests(world):
        getattr(client, method)(url(name, *args), body, format="json")
    assert Voucher.objects.count() == 2
    assert Update.objects.get().text == "Het loopt."
    assert Milestone.objects.get(pk=world["top"].pk).progress == 100
    assert Need.objects.get(title="Ballen").unit == "euro"
    assert Pledge.objects.get().is_fulfilled


def test_schema_of_the_initiatives_api_is_valid(tmp_path, settings):
    from django.core.management import call_command

    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--file", str(out), "--validate")
    text = out.read_text()
    assert "/api/v1/initiatives/{id}/" in text
    assert "/api/v1/staff/initiatives/{id}/vouchers/" in text
