"""Pabulib reading/writing: real instances, round trips and error line numbers.

The small instances are copies in ``tests/data/pabulib``; the tests on the large ones are
marked ``external_data`` and read ``WIJKAANPAK_PABULIB_DIR`` (README, "Data").
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from tests.external import PABULIB, PABULIB_DIR_ENV, external_dir, pabulib_file
from wijkaanpak.budgets.counting import (
    BallotKind,
    PabulibError,
    dumps_pabulib,
    loads_pabulib,
    read_pabulib,
    write_pabulib,
)

FILES = sorted(PABULIB.glob("*.pb"))

SMALL = """META
key;value
description;Tiny test
budget;100.5
vote_type;approval
max_length;2
PROJECTS
project_id;cost;name;selected
1;50;"Park ""green"" corner";1
2;40.25;Bench;0
10;30;"Two; fields";1
VOTES
voter_id;vote;age
a;1,2;30
b;10;
c;;44
"""


def check_parses(paths: list[Path]) -> None:
    for path in paths:
        election = read_pabulib(path)
        assert election.projects and election.voters
        assert int(election.meta["num_votes"]) == len(election.voters)
        assert int(election.meta["num_projects"]) == len(election.projects)


def test_the_repositorys_instances_parse() -> None:
    assert len(FILES) == 8, "expected the 8 small Pabulib instances of tests/data/pabulib"
    check_parses(FILES)


@pytest.mark.external_data
def test_all_external_instances_parse() -> None:
    files = sorted(external_dir(PABULIB_DIR_ENV).glob("*.pb"))
    assert len(files) == 30, "expected the 30 Pabulib instances of the reference fixture"
    check_parses(files)


def test_kinds() -> None:
    toulouse = read_pabulib(pabulib_file("France_Toulouse_2019.pb"))
    assert toulouse.kind is BallotKind.CUMULATIVE
    assert toulouse.voters[0].points == (2, 2, 2, 1)
    assert toulouse.rules.max_points == 3 and toulouse.rules.max_sum_points == 7
    assert read_pabulib(pabulib_file("Switzerland_Zurich_S5R.pb")).kind is BallotKind.ORDINAL


@pytest.mark.external_data
def test_decimal_budget_and_rules_of_large_instances() -> None:
    podgorze = read_pabulib(pabulib_file("Poland_Krakow_2024_Podgorze.pb"))
    assert podgorze.budget == Fraction("2572946.76")
    assert podgorze.kind is BallotKind.ORDINAL
    assert podgorze.rules.min_length == 3 and podgorze.rules.max_length == 3
    ams = read_pabulib(pabulib_file("Netherlands_Amsterdam_252.pb"))
    assert ams.rules.max_sum_cost == 500000
    assert read_pabulib(pabulib_file("Poland_Poznan_2023.pb")).rules.max_length == 1


def test_quoted_fields_selected_and_extra_columns() -> None:
    election = loads_pabulib(SMALL)
    assert election.budget == Fraction(201, 2)
    assert election.projects["1"].name == 'Park "green" corner'
    assert election.projects["10"].name == "Two; fields"
    assert election.projects["2"].cost == Fraction("40.25")
    assert election.projects["1"].selected is True
    assert election.projects["2"].selected is False
    assert election.official_selection() == ["1", "10"]
    assert election.voters[0].ballot == ("1", "2")
    assert election.voters[0].fields == {"age": "30"}
    assert election.voters[2].ballot == ()


@pytest.mark.external_data
def test_quoted_project_name_of_lodz() -> None:
    lodz = read_pabulib(pabulib_file("Poland_Lodz_2022.pb"))
    assert lodz.projects["L026"].name.startswith('"Przywracamy "Parad')


def test_bom_blank_lines_and_crlf() -> None:
    text = "\ufeff" + SMALL.replace("\n", "\r\n").replace("PROJECTS", "\r\nPROJECTS")
    assert loads_pabulib(text) == loads_pabulib(SMALL)


@pytest.mark.parametrize(
    "name",
    [
        "Netherlands_Assen_2024.pb",
        "France_Toulouse_2019.pb",
        pytest.param("Poland_Krakow_2024_Podgorze.pb", marks=pytest.mark.external_data),
        "Switzerland_Zurich_D10.pb",
        "Switzerland_Zurich_S5R.pb",
        "Worldwide_Mechanical_Turk_Utilities_8.pb",
        pytest.param("Poland_Lodz_2022.pb", marks=pytest.mark.external_data),
    ],
)
def test_round_trip_real(name: str, tmp_path: Path) -> None:
    election = read_pabulib(pabulib_file(name))
    target = tmp_path / name
    write_pabulib(election, target)
    assert read_pabulib(target) == election


def test_round_trip_small_and_text_stable() -> None:
    election = loads_pabulib(SMALL)
    text = dumps_pabulib(election)
    again = loads_pabulib(text)
    assert again == election
    assert dumps_pabulib(again) == text


def _error(text: str) -> PabulibError:
    with pytest.raises(PabulibError) as info:
        loads_pabulib(text)
    return info.value


def test_error_unknown_project_line() -> None:
    err = _error(SMALL.replace("b;10;", "b;11;"))
    assert err.line == 15
    assert "unknown project '11'" in str(err)
    assert str(err).startswith("line 15:")


def test_error_bad_cost_line() -> None:
    err = _error(SMALL.replace("2;40.25;", "2;forty;"))
    assert err.line == 10 and "invalid cost" in err.message


def test_error_wrong_field_count_and_duplicates() -> None:
    assert _error(SMALL.replace("a;1,2;30", "a;1,2;30;x;y")).line == 14
    assert _error(SMALL.replace("a;1,2;30", "a;1,1;30")).line == 14
    assert _error(SMALL.replace("10;30;", "2;30;")).line == 11
    assert _error(SMALL.replace("c;;44", "a;;44")).line == 16


def test_error_multiline_quote_keeps_line_numbers() -> None:
    text = SMALL.replace('"Park ""green"" corner"', '"Park\nover two lines"')
    election = loads_pabulib(text)
    assert election.projects["1"].name == "Park\nover two lines"
    err = _error(text.replace("b;10;", "b;11;"))
    assert err.line == 16


def test_error_sections_and_meta() -> None:
    assert _error("key;value\nbudget;1\n").line == 1
    assert "missing VOTES" in _error(SMALL.split("VOTES")[0]).message
    assert _error(SMALL.replace("vote_type;approval", "vote_type;quadratic")).line == 5
    assert _error(SMALL.replace("budget;100.5", "budget;lots")).line == 4
    assert _error(SMALL.replace("project_id;cost;name", "id;cost;name")).line == 8
    cumulative = SMALL.replace("vote_type;approval", "vote_type;cumulative")
    assert "points" in _error(cumulative).message
    pts = cumulative.replace("voter_id;vote;age", "voter_id;vote;points")
    pts = pts.replace("a;1,2;30", "a;1,2;3").replace("b;10;", "b;10;1").replace("c;;44", "c;;")
    assert _error(pts).line == 14  # two projects, one points value
    ok = pts.replace("a;1,2;3", "a;1,2;3,1")
    assert loads_pabulib(ok).voters[0].points == (3, 1)


def test_read_missing_file_reports_path(tmp_path: Path) -> None:
    with pytest.raises(PabulibError) as info:
        read_pabulib(tmp_path / "nope.pb")
    assert "nope.pb" in str(info.value)
    bad = tmp_path / "bad.pb"
    bad.write_text(SMALL.replace("b;10;", "b;11;"), encoding="utf-8")
    with pytest.raises(PabulibError) as info:
        read_pabulib(bad)
    assert info.value.line == 15 and str(bad) in str(info.value)
