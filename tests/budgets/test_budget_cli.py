"""``wijk budget ...`` for resident budgets, and the small pure helpers of secrecy."""

from __future__ import annotations

import stat
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from tests import factories
from wijkaanpak.budgets import secrecy, selectors, services
from wijkaanpak.budgets.counting import read_pabulib
from wijkaanpak.budgets.models import Ballot, Phase, VotingCode

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("budget", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_codes_phase_turnout_and_results_from_the_command_line(district, tmp_path):
    process = factories.BudgetProcessFactory(area=district, review=True)
    idea = factories.BudgetIdeaFactory(process=process, accepted=True, title="Bomen")
    letters = tmp_path / "letters.csv"
    assert "3 codes" in run("codes", str(process.pk), "--count", "3", "--out", str(letters))
    assert stat.S_IMODE(letters.stat().st_mode) == 0o600
    codes = letters.read_text().split()[1:]
    assert len(codes) == 3 and VotingCode.objects.count() == 3
    with pytest.raises(CommandError, match="No results yet"):
        run("results", str(process.pk))
    assert "voting" in run("phase", str(process.pk), "voting")
    process.refresh_from_db()
    services.ballot_cast(process=process, code=codes[0], choices=[idea.pk])
    assert "used 1, ballots 1" in run("turnout", str(process.pk))
    run("phase", str(process.pk), "counting")
    run("phase", str(process.pk), "results")
    pb, csv = tmp_path / "out.pb", tmp_path / "out.csv"
    output = run("results", str(process.pk), "--pb", str(pb), "--csv", str(csv))
    assert "Bomen" in output and "Gekozen" in output
    assert read_pabulib(pb).num_voters == 1
    assert "Bomen" in csv.read_text()
    assert str(process.pk) in run("list")


def test_command_line_errors_are_field_messages(district):
    process = factories.BudgetProcessFactory(area=district)
    with pytest.raises(CommandError, match="phase"):
        run("phase", str(process.pk), "results")
    with pytest.raises(CommandError, match="No resident budget"):
        run("turnout", "999999")


def test_count_still_reaches_the_engine(tmp_path, capsys):
    pb = tmp_path / "tiny.pb"
    pb.write_text(
        "META\nkey;value\nbudget;10\nvote_type;approval\n"
        "PROJECTS\nproject_id;cost\n1;6\n2;5\n"
        "VOTES\nvoter_id;vote\n1;1\n2;1,2\n"
    )
    run("count", str(pb), "--rule", "greedy", "--json")  # the engine prints to sys.stdout
    assert '"winners": ["1"]' in capsys.readouterr().out


def test_codes_normalise_and_hash_per_process():
    code = secrecy.new_code()
    assert secrecy.looks_like_code(code)
    assert secrecy.normalise(code.lower().replace("-", " ")) == code
    assert secrecy.code_hash(1, code) == secrecy.code_hash(1, code.lower())
    assert secrecy.code_hash(1, code) != secrecy.code_hash(2, code)
    assert not secrecy.looks_like_code("0000-1111-IIII")  # look-alikes are not in the alphabet


def test_seal_opens_only_with_the_code():
    code, receipt = secrecy.new_code(), secrecy.new_receipt()
    sealed = secrecy.seal(code, receipt)
    assert receipt not in sealed and secrecy.seal(code, receipt) != sealed  # fresh nonce
    assert secrecy.unseal(code, sealed) == receipt
    assert secrecy.unseal(secrecy.new_code(), sealed) != receipt


def test_a_process_held_in_memory_never_lets_a_vote_in_after_closing(district, manager):
    process = factories.BudgetProcessFactory(area=district, voting=True)
    idea = factories.BudgetIdeaFactory(process=process, accepted=True)
    in_memory = selectors.process_for_voting(process.pk)
    assert in_memory.phase == Phase.VOTING
    assert selectors.process_for_voting(process.pk) is in_memory
    services.process_set_phase(process=process, by=manager, phase=Phase.COUNTING)
    # a server process still holding the voting copy: the store itself checks the phase
    code = factories.VotingCodeFactory(process=process).code
    with pytest.raises(ValidationError) as exc:
        services.ballot_cast(process=in_memory, code=code, choices=[idea.pk])
    assert "niet open" in exc.value.message_dict["__all__"][0]
    assert not Ballot.objects.exists() and not VotingCode.objects.get().used
    assert selectors.process_for_voting(process.pk).phase == Phase.COUNTING
    assert selectors.process_for_voting(999999) is None
