"""Web pages: each role per page, private data kept private, bad input on the forms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from tests.initiatives.conftest import PDF, PNG
from wijkaanpak.initiatives.models import Initiative, Pledge, SpendingEntry, Voucher

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(coordinated, district):
    initiative = coordinated
    initiative.contact_email = "initiatiefnemer@example.org"
    initiative.save(update_fields=["contact_email"])
    voucher = factories.VoucherFactory(initiative=initiative, amount=Decimal("1000"))
    entry = factories.SpendingEntryFactory(
        initiative=initiative,
        receipt=SimpleUploadedFile("bon.pdf", PDF),
        description="Verf en kwasten",
    )
    milestone = factories.MilestoneFactory(initiative=initiative)
    need = factories.NeedFactory(initiative=initiative)
    pledge = factories.PledgeFactory(need=need, name="Anja Geheim", email="anja@example.org")
    return {
        "initiative": initiative,
        "voucher": voucher,
        "entry": entry,
        "milestone": milestone,
        "need": need,
        "pledge": pledge,
        "district": district,
    }


def url_of(name: str, w) -> str:
    i = w["initiative"]
    return {
        "list": reverse("initiatives:list"),
        "list_csv": reverse("initiatives:list_csv"),
        "detail": i.get_absolute_url(),
        "pledge": reverse("initiatives:pledge", args=[w["need"].pk]),
        "create": reverse("initiatives:create", args=[w["district"].code]),
        "edit": reverse("initiatives:edit", args=[i.pk]),
        "voucher_issue": reverse("initiatives:voucher_issue", args=[i.pk]),
        "spending_add": reverse("initiatives:spending_add", args=[i.pk]),
        "receipt": reverse("initiatives:receipt", args=[w["entry"].pk]),
        "update_post": reverse("initiatives:update_post", args=[i.pk]),
        "milestone_create": reverse("initiatives:milestone_create", args=[i.pk]),
        "milestone_edit": reverse("initiatives:milestone_edit", args=[w["milestone"].pk]),
        "need_create": reverse("initiatives:need_create", args=[i.pk]),
        "need_edit": reverse("initiatives:need_edit", args=[w["need"].pk]),
        "pledges": reverse("initiatives:pledges", args=[i.pk]),
    }[name]


PUBLIC = ["list", "list_csv", "detail", "pledge"]
STAFF = {"manager", "admin"}
REPORTERS = STAFF | {"coordinator"}
RESTRICTED = {
    "create": STAFF,
    "edit": STAFF,
    "voucher_issue": STAFF,
    "spending_add": REPORTERS,
    "receipt": REPORTERS,
    "update_post": REPORTERS,
    "milestone_create": REPORTERS,
    "milestone_edit": REPORTERS,
    "need_create": REPORTERS,
    "need_edit": REPORTERS,
    "pledges": REPORTERS,
}
ROLES = ["anonymous", "no_role", "partner", "other_manager", "coordinator", "manager", "admin"]


def get_as(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize("page", PUBLIC)
@pytest.mark.parametrize("role", ROLES)
def test_public_pages_for_everybody(client, users, world, page, role):
    assert get_as(client, users[role], url_of(page, world)).status_code == 200


@pytest.mark.parametrize("page", sorted(RESTRICTED))
@pytest.mark.parametrize("role", ROLES)
def test_restricted_pages_per_role(client, users, world, page, role):
    response = get_as(client, users[role], url_of(page, world))
    if role == "anonymous":
        assert response.status_code == 302 and "/inloggen/" in response["Location"]
    elif role in RESTRICTED[page]:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_post_endpoints_refuse_outsiders(client, users, world, role):
    """The POST-only pledge actions: only staff and the coordinator."""
    fulfilled = reverse("initiatives:pledge_fulfilled", args=[world["pledge"].pk])
    client.logout()
    if users[role] is not None:
        client.force_login(users[role])
    response = client.post(fulfilled, {"fulfilled": "1"})
    world["pledge"].refresh_from_db()
    if role in REPORTERS:
        assert response.status_code == 302 and world["pledge"].is_fulfilled
    else:
        assert response.status_code in (302, 403) and not world["pledge"].is_fulfilled
        if role != "anonymous":
            assert response.status_code == 403


def test_public_page_hides_private_data(client, world):
    html = client.get(url_of("detail", world)).content.decode()
    assert "Verf en kwasten" in html and "1.000,00" in html  # amounts are public
    assert "initiatiefnemer@example.org" not in html
    assert "Anja Geheim" not in html and "anja@example.org" not in html
    assert url_of("receipt", world) not in html
    assert world["entry"].receipt.name not in html


def test_staff_page_shows_receipts_and_contacts(client, world, manager):
    client.force_login(manager)
    html = client.get(url_of("detail", world)).content.decode()
    assert url_of("receipt", world) in html
    assert "initiatiefnemer@example.org" in html
    pledges = client.get(url_of("pledges", world)).content.decode()
    assert "Anja Geheim" in pledges and "anja@example.org" in pledges


def test_receipt_download_is_an_attachment_and_not_cached(client, world, coordinator):
    client.force_login(coordinator)
    response = client.get(url_of("receipt", world))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF


# --- forms ------------------------------------------------------------------------------------


def test_spending_form_stores_entry_with_receipt_and_warns_on_overspend(
    client, world, coordinator, settings
):
    client.force_login(coordinator)
    response = client.post(
        url_of("spending_add", world),
        {
            "spent_on": dt.date.today().isoformat(),
            "amount": "950",
            "description": "Zaal huren",
            "receipt": SimpleUploadedFile("zaal.png", PNG),
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == world["initiative"].get_absolute_url()
    entry = SpendingEntry.objects.get(description="Zaal huren")
    stored = Path(entry.receipt.path).read_bytes()  # re-encoded (no metadata), same pixels
    assert stored.startswith(PNG[:8]) and same_pixels(stored, PNG)
    html = response.content.decode()
    assert "meer uitgegeven dan de voucher" in html  # the warning message
    assert "gaf € 50,00 meer uit dan de voucher" in html  # the flag


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"amount": "-5"}, "amount", "Het bedrag moet groter dan nul zijn."),
        (
            {"receipt": SimpleUploadedFile("bon.gif", b"GIF89a")},
            "receipt",
            "Kies een bon als PDF, JPG of PNG.",
        ),
        (
            {"receipt": SimpleUploadedFile("bon.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024))},
            "receipt",
            "De bon is te groot. Het mag hoogstens 5 MB zijn.",
        ),
    ],
    ids=["negative", "gif", "too-big"],
)
def test_spending_form_bad_input(client, world, manager, settings, data, field, message):
    client.force_login(manager)
    before = {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}
    body = {"spent_on": dt.date.today().isoformat(), "amount": "10", "description": "Iets"}
    body.update(data)
    response = client.post(url_of("spending_add", world), body)
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert message in response.content.decode()
    assert SpendingEntry.objects.count() == 1  # only the one of the fixture
    assert {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()} == before


def test_voucher_form(client, world, manager):
    client.force_login(manager)
    url = url_of("voucher_issue", world)
    response = client.post(url, {"amount": "-1", "issued_on": "2025-01-01"})
    assert response.context["form"].errors == {"amount": ["Het bedrag moet groter dan nul zijn."]}
    assert Voucher.objects.count() == 1
    response = client.post(url, {"amount": "250", "issued_on": "2025-01-01"})
    assert response.status_code == 302 and Voucher.objects.count() == 2


def test_pledge_form_anonymous(client, world):
    url = url_of("pledge", world)
    response = client.post(url, {"quantity": "-3"})
    assert response.status_code == 422
    assert response.context["form"].errors == {"quantity": ["Vul een aantal groter dan nul in."]}
    response = client.post(url, {"quantity": "4", "name": "", "email": ""})
    assert response.status_code == 302
    pledge = Pledge.objects.latest("id")
    assert (pledge.quantity, pledge.name, pledge.user) == (Decimal("4"), "", None)


def test_pledge_form_on_a_closed_need(client, world):
    need = world["need"]
    need.is_open = False
    need.save()
    response = client.post(url_of("pledge", world), {"quantity": "2"})
    assert response.status_code == 422
    assert response.context["form"].non_field_errors() == [
        "Deze hulpvraag is gesloten. U kunt hier niet meer helpen."
    ]
    assert Pledge.objects.count() == 1


def test_pledge_form_needs_csrf(world):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(url_of("pledge", world), {"quantity": "2"})
    assert response.status_code == 403
    assert Pledge.objects.count() == 1


def test_initiative_create_and_status_change(client, district, goal, manager):
    client.force_login(manager)
    response = client.post(
        reverse("initiatives:create", args=[district.code]),
        {
            "title": "Buurtkast",
            "description": "Een kast met boeken.",
            "area": district.pk,
            "initiator_name": "Jan",
            "contact_email": "",
            "goals": [goal.pk],
            "status": "planned",
        },
    )
    initiative = Initiative.objects.get(title="Buurtkast")
    assert response.status_code == 302
    edit = reverse("initiatives:edit", args=[initiative.pk])
    body = {
        "title": "Buurtkast",
        "description": "Een kast met boeken.",
        "area": district.pk,
        "initiator_name": "Jan",
        "goals": [goal.pk],
        "status": "completed",  # planned -> completed is not allowed
    }
    response = client.post(edit, body)
    assert list(response.context["form"].errors) == ["status"]
    initiative.refresh_from_db()
    assert initiative.status == "planned"


def test_list_filters_by_district(client, world, other_district):
    factories.InitiativeFactory(area=other_district, title="Elders")
    html = client.get(reverse("initiatives:list") + f"?wijk={world['district'].code}").content
    assert world["initiative"].title.encode() in html and b"Elders" not in html


def same_pixels(a: bytes, b: bytes) -> bool:
    import io

    from PIL import Image

    with Image.open(io.BytesIO(a)) as one, Image.open(io.BytesIO(b)) as other:
        return one.convert("RGB").tobytes() == other.convert("RGB").tobytes()
