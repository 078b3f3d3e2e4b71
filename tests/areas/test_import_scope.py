"""Imports by a district manager touch only their own districts and neighbourhoods (issue 7, B6).

Reproduced before the fix: as manager of West only, uploading
``WK034403;Overvecht gewijzigd;wijk;GM0344`` to ``/gebieden/import/`` renamed Overvecht, and
``POST /api/v1/observations/import/`` with a row for WK034403 answered 201. The rule is
``accounts.permissions.import_scope``; the import services enforce it, so the pages, the API
and the command line follow it: a row outside the scope is a problem naming its line and
code, and nothing of the file is stored.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from tests import factories
from wijkaanpak.accounts.permissions import EVERY_AREA, import_scope
from wijkaanpak.areas.models import Area, AreaImport
from wijkaanpak.areas.services import AreaImportFailed, areas_import
from wijkaanpak.monitor import services as monitor_services
from wijkaanpak.monitor.models import Observation, ObservationImport

pytestmark = pytest.mark.django_db

AREAS_HEADER = "code;naam;soort;ouder;inwoners;woningen\n"
FIGURES_HEADER = "gebiedscode;indicator;jaar;waarde\n"


@pytest.fixture
def utrecht(db):
    gm = factories.AreaFactory(municipality=True, code="GM0344", name="Utrecht")
    west = factories.AreaFactory(district=True, parent=gm, code="WK034401", name="West")
    overvecht = factories.AreaFactory(district=True, parent=gm, code="WK034403", name="Overvecht")
    factories.AreaFactory(neighbourhood=True, parent=west, code="BU03440101", name="Oog in Al")
    factories.AreaFactory(
        neighbourhood=True, parent=overvecht, code="BU03440301", name="Taag- en Rubicondreef"
    )
    factories.IndicatorFactory(code="onveilig")
    return {"gm": gm, "west": west, "overvecht": overvecht}


@pytest.fixture
def west_manager(utrecht):
    return factories.UserFactory(role="district_manager", districts=[utrecht["west"]])


def areas_file(*rows: str) -> bytes:
    return (AREAS_HEADER + "\n".join(rows) + "\n").encode()


def figures_file(*rows: str) -> bytes:
    return (FIGURES_HEADER + "\n".join(rows) + "\n").encode()


def name_of(code: str) -> str:
    return Area.objects.get(code=code).name


# --- the rule ---------------------------------------------------------------------------------


def test_import_scope_per_role(utrecht, west_manager, partner_user):
    assert import_scope(factories.UserFactory(role="admin")) == EVERY_AREA
    assert import_scope(None) == EVERY_AREA  # the command line runs as admin
    scope = import_scope(west_manager)
    assert dict(scope.districts) == {"WK034401": "GM0344"}
    assert scope.neighbourhoods == {"BU03440101"}
    assert scope.allows(code="WK034401", kind="district", parent_code="GM0344", stored=True)
    assert scope.allows(code="BU03440101", kind=None, parent_code=None, stored=True)
    assert scope.allows(
        code="BU03440199", kind="neighbourhood", parent_code="WK034401", stored=False
    )
    assert not scope.allows(code="WK034403", kind="district", parent_code="GM0344", stored=True)
    assert not scope.allows(code="WK034403", kind=None, parent_code=None, stored=True)
    assert not scope.allows(code="GM0344", kind="municipality", parent_code=None, stored=True)
    assert not scope.allows(
        code="BU03440301", kind="neighbourhood", parent_code="WK034401", stored=True
    )  # Overvecht's neighbourhood cannot be moved into West
    assert not scope.allows(
        code="BU03440101", kind="neighbourhood", parent_code="WK034403", stored=True
    )  # nor West's into Overvecht
    assert not scope.allows(code="WK034401", kind="district", parent_code="GM0999", stored=True)
    assert not scope.allows(code="WK034499", kind="district", parent_code="GM0344", stored=False)
    nobody = import_scope(partner_user)
    assert not nobody.everything
    assert not nobody.allows(code="WK034401", kind=None, parent_code=None, stored=True)


# --- areas: the page --------------------------------------------------------------------------


def upload_areas(client, content: bytes):
    return client.post(
        reverse("areas:import"), {"file": SimpleUploadedFile("gebieden.csv", content)}
    )


def test_manager_of_west_cannot_rename_overvecht_on_the_page(client, utrecht, west_manager):
    client.force_login(west_manager)
    response = upload_areas(client, areas_file("WK034403;Overvecht gewijzigd;wijk;GM0344;;"))
    assert response.status_code == 200
    problems = response.context["problems"]
    assert len(problems) == 1
    assert "Regel 2" in problems[0] and "WK034403" in problems[0]
    assert "Er is niets opgeslagen" in response.content.decode()
    assert name_of("WK034403") == "Overvecht"
    assert not AreaImport.objects.exists()


def test_one_foreign_row_stores_nothing_of_the_file(client, utrecht, west_manager):
    client.force_login(west_manager)
    response = upload_areas(
        client,
        areas_file(
            "WK034401;West nieuw;wijk;GM0344;;",
            "BU03440101;Oog in Al nieuw;buurt;WK034401;;",
            "GM0344;Utrecht gewijzigd;gemeente;;;",
            "BU03440301;Taag gewijzigd;buurt;WK034403;;",
        ),
    )
    problems = response.context["problems"]
    assert [p.split(":")[0] for p in problems] == ["Regel 4", "Regel 5"]
    assert "GM0344" in problems[0] and "BU03440301" in problems[1]
    assert (name_of("WK034401"), name_of("BU03440101"), name_of("GM0344")) == (
        "West",
        "Oog in Al",
        "Utrecht",
    )
    assert name_of("BU03440301") == "Taag- en Rubicondreef"


def test_manager_imports_own_district_and_a_new_neighbourhood(client, utrecht, west_manager):
    client.force_login(west_manager)
    for page in ("areas:import", "monitor:import"):
        html = client.get(reverse(page)).content.decode()
        assert "uw eigen wijken en de buurten daarin: West." in html
    response = upload_areas(
        client,
        areas_file(
            "WK034401;West nieuw;wijk;GM0344;40000;19000",
            "BU03440102;Nieuwe buurt;buurt;WK034401;1200;500",
        ),
    )
    assert response.status_code == 302
    assert name_of("WK034401") == "West nieuw"
    assert Area.objects.get(code="BU03440102").parent == utrecht["west"]
    assert AreaImport.objects.get().imported_by == west_manager


def test_admin_still_imports_any_area(client, utrecht):
    client.force_login(factories.UserFactory(role="admin"))
    assert "uw eigen wijken" not in client.get(reverse("areas:import")).content.decode()
    response = upload_areas(client, areas_file("WK034403;Overvecht gewijzigd;wijk;GM0344;;"))
    assert response.status_code == 302
    assert name_of("WK034403") == "Overvecht gewijzigd"


def test_area_service_takes_the_scope_of_its_user(utrecht, west_manager):
    with pytest.raises(AreaImportFailed) as exc:
        areas_import(
            content=areas_file("WK034403;Overvecht gewijzigd;wijk;GM0344;;"),
            filename="g.csv",
            by=west_manager,
        )
    assert "Regel 2" in exc.value.problems[0] and "WK034403" in exc.value.problems[0]
    assert name_of("WK034403") == "Overvecht"


def test_many_foreign_rows_are_listed_then_counted(utrecht, west_manager):
    rows = [f"BU034403{n:02d};Buurt {n};buurt;WK034403;;" for n in range(2, 42)]
    with pytest.raises(AreaImportFailed) as exc:
        areas_import(content=areas_file(*rows), filename="g.csv", by=west_manager)
    assert len(exc.value.problems) == 26
    assert "Nog 15 andere regels" in exc.value.problems[-1]
    assert Area.objects.filter(parent=utrecht["overvecht"]).count() == 1


def test_command_line_imports_as_admin(utrecht, tmp_path):
    path = tmp_path / "gebieden.csv"
    path.write_bytes(areas_file("WK034403;Overvecht gewijzigd;wijk;GM0344;;"))
    call_command("areas", "import", str(path))
    assert name_of("WK034403") == "Overvecht gewijzigd"


# --- figures: the API, the page, the command line ---------------------------------------------


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def post_figures(client, content: bytes):
    return client.post(
        reverse("v1:observation-import"),
        {"file": SimpleUploadedFile("cijfers.csv", content)},
        format="multipart",
    )


def test_manager_of_west_cannot_post_figures_for_overvecht(utrecht, west_manager):
    response = post_figures(api_for(west_manager), figures_file("WK034403;onveilig;2023;31"))
    assert response.status_code == 400
    problem = response.json()["problems"][0]
    assert "regel 2" in problem and "WK034403" in problem
    assert not Observation.objects.exists() and not ObservationImport.objects.exists()


def test_figures_for_own_areas_pass_and_a_mixed_file_stores_nothing(utrecht, west_manager):
    api = api_for(west_manager)
    mixed = post_figures(
        api,
        figures_file(
            "WK034401;onveilig;2023;20",
            "BU03440101;onveilig;2023;22",
            "GM0344;onveilig;2023;25",
            "NL00;onveilig;2023;19",
        ),
    )
    assert mixed.status_code == 400
    problems = mixed.json()["problems"]
    assert any("regel 5" in p and "Nederland" in p for p in problems)
    assert any("regel 4" in p and "GM0344" in p for p in problems)
    assert len(problems) == 2
    assert not Observation.objects.exists()
    own = post_figures(
        api, figures_file("WK034401;onveilig;2023;20", "BU03440101;onveilig;2023;22")
    )
    assert own.status_code == 201 and own.json()["created"] == 2


def test_admin_still_posts_figures_for_any_area(utrecht):
    admin = factories.UserFactory(role="admin")
    response = post_figures(
        api_for(admin), figures_file("WK034403;onveilig;2023;31", "NL00;onveilig;2023;19")
    )
    assert response.status_code == 201
    assert Observation.objects.get(area=utrecht["overvecht"]).value == 31


def test_figures_page_refuses_foreign_rows(client, utrecht, west_manager):
    client.force_login(west_manager)
    response = client.post(
        reverse("monitor:import"),
        {"file": SimpleUploadedFile("c.csv", figures_file("WK034403;onveilig;2023;31"))},
    )
    assert response.status_code == 200
    assert any("WK034403" in p for p in response.context["problems"])
    assert not Observation.objects.exists()


def test_figures_service_and_command_line(utrecht, west_manager, tmp_path):
    with pytest.raises(monitor_services.ObservationImportFailed):
        monitor_services.observations_import(
            content=figures_file("WK034403;onveilig;2023;31"), filename="c.csv", by=west_manager
        )
    path = tmp_path / "cijfers.csv"
    path.write_bytes(figures_file("WK034403;onveilig;2023;31"))
    call_command("monitor", "import-observations", str(path))
    assert Observation.objects.get().area == utrecht["overvecht"]
