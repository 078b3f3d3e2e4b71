"""The counting command and bad numbers (issue 7, C12): a cost of ``1e400`` crashed
``wijk budget count`` with a traceback under every rule; ``num_votes;999`` with 4 votes
passed silently. Now: one error line naming the line, exit code 1; a warning for META
counts that do not match."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from wijkaanpak.budgets.counting import loads_pabulib
from wijkaanpak.budgets.counting.cli import main
from wijkaanpak.budgets.counting.pabulib import PabulibError
from wijkaanpak.budgets.counting.rules import Rule

RULES = [rule.value for rule in Rule]


def pb(cost: str = "100", *, budget: str = "1000", meta: str = "", points: str = "") -> str:
    vote_type = "cumulative" if points else "approval"
    votes = "voter_id;vote;points\n1;1,2;1,1\n2;1;1\n" if points else "voter_id;vote\n1;1,2\n2;1\n"
    if points:
        votes = votes.replace("1;1,2;1,1", f"1;1,2;{points},1")
    return (
        "META\nkey;value\ndescription;test\n"
        f"budget;{budget}\nvote_type;{vote_type}\n{meta}"
        "PROJECTS\nproject_id;cost;name\n"
        f"1;{cost};Bankje\n2;200;Boom\n"
        f"VOTES\n{votes}"
    )


def run(tmp_path, text: str, *args: str) -> tuple[int, str, str]:
    path = tmp_path / "e.pb"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    code = main(["count", str(path), *args], out=out)
    return code, out.getvalue(), str(path)


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize(
    ("cost", "reason"),
    [
        ("1e400", "out of range"),
        ("1e999999999", "out of range"),  # would compute 10**999999999 first
        ("1000000000000001", "out of range"),
        ("nan", "not a number"),
        ("inf", "not a number"),
        ("-5", "negative cost"),
    ],
)
def test_a_bad_cost_is_one_error_line_for_every_rule(tmp_path, capsys, rule, cost, reason):
    code, out, path = run(tmp_path, pb(cost), "--rule", rule)
    err = capsys.readouterr().err
    assert code == 1 and out == ""
    assert err.startswith(f"error: {path}:line 8: ") and reason in err, err
    assert "Traceback" not in err and err.count("\n") == 1


@pytest.mark.parametrize("budget", ["1e400", "nan", "-1"])
def test_a_bad_budget_names_its_line(budget):
    with pytest.raises(PabulibError) as exc:
        loads_pabulib(pb(budget=budget))
    assert exc.value.line == 4


def test_bad_points_name_their_line():
    with pytest.raises(PabulibError) as exc:
        loads_pabulib(pb(points="1e400"))
    assert exc.value.line == 12 and "out of range" in str(exc.value)


def test_meta_counts_that_do_not_match_are_a_warning(tmp_path, capsys):
    text = pb(meta="num_projects;2\nnum_votes;999\n")
    code, out, path = run(tmp_path, text, "--rule", "greedy", "--json")
    err = capsys.readouterr().err
    assert code == 0 and '"winners"' in out  # still counted
    assert err == f"warning: {path}:line 7: META says num_votes 999, but the file has 2 votes\n"


def test_num_projects_likewise_and_a_non_number(tmp_path):
    election = loads_pabulib(pb(meta="num_projects;7\nnum_votes;veel\n"))
    assert election.warnings == [
        (6, "META says num_projects 7, but the file has 2 projects"),
        (7, "META num_votes 'veel' is not a whole number"),
    ]
    assert loads_pabulib(pb(meta="num_projects;2\nnum_votes;2\n")).warnings == []


def test_wijk_budget_count_prints_no_traceback(tmp_path, capsys):
    path = tmp_path / "e.pb"
    path.write_text(pb("1e400"), encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("budget", "count", str(path), "--rule", "mes-add1")
    assert exc.value.returncode == 1
    err = capsys.readouterr().err
    assert "line 8" in err and "Traceback" not in err
