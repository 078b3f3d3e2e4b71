"""The resident budget's one write path: phases, ideas, codes, ballots, paper, results."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from wijkaanpak.budgets import secrecy, selectors, services
from wijkaanpak.budgets.models import (
    Ballot,
    CodeBatch,
    Idea,
    ModerationAction,
    PaperEntry,
    Phase,
    Process,
    VotingCode,
)

pytestmark = pytest.mark.django_db


def errors_of(exc: pytest.ExceptionInfo) -> dict[str, list[str]]:
    return exc.value.message_dict


@pytest.fixture
def hood(district):
    return factories.AreaFactory(neighbourhood=True, parent=district)


@pytest.fixture
def voting(district):
    """A voting process with three accepted ideas (4000, 5000, 3000), one rejected."""
    process = factories.BudgetProcessFactory(area=district, voting=True)
    a = factories.BudgetIdeaFactory(process=process, accepted=True, estimated_cost=Decimal("4000"))
    b = factories.BudgetIdeaFactory(process=process, accepted=True, estimated_cost=Decimal("5000"))
    c = factories.BudgetIdeaFactory(process=process, accepted=True, estimated_cost=Decimal("3000"))
    rejected = factories.BudgetIdeaFactory(process=process, rejected=True)
    process.ideas_abc = (a, b, c, rejected)
    return process


def code_for(process) -> str:
    return factories.VotingCodeFactory(process=process).code


# --- process lifecycle ------------------------------------------------------------------------


def test_process_create_checks_ballot_settings_and_dates(district, manager):
    with pytest.raises(ValidationError) as exc:
        services.process_create(
            by=manager,
            area=district,
            title="Budget",
            budget=Decimal("0"),
            ballot_type="k_approval",
            ideas_open_on="2025-03-01",
            ideas_close_on="2025-02-01",
        )
    errors = errors_of(exc)
    assert set(errors) >= {"budget", "max_choices", "ideas_close_on"}
    assert not Process.objects.exists()


def test_phases_follow_the_transition_table(district, manager):
    process = factories.BudgetProcessFactory(area=district)
    with pytest.raises(ValidationError) as exc:
        services.process_set_phase(process=process, by=manager, phase=Phase.VOTING)
    assert "phase" in errors_of(exc)
    services.process_set_phase(process=process, by=manager, phase=Phase.IDEAS)
    services.process_set_phase(process=process, by=manager, phase=Phase.REVIEW)
    factories.BudgetIdeaFactory(process=process)  # not reviewed yet
    with pytest.raises(ValidationError) as exc:
        services.process_set_phase(process=process, by=manager, phase=Phase.VOTING)
    messages = " ".join(errors_of(exc)["phase"])
    assert "getoetst" in messages and "stemcodes" in messages
    process.refresh_from_db()
    assert process.phase == Phase.REVIEW


def test_voting_settings_are_fixed_once_voting_started(voting, manager):
    with pytest.raises(ValidationError) as exc:
        services.process_update(process=voting, by=manager, budget=Decimal("99999"))
    assert "budget" in errors_of(exc)
    services.process_update(process=voting, by=manager, description="Nieuwe uitleg")


# --- ideas, review, moderation ----------------------------------------------------------------


def test_idea_submit_only_in_idea_phase_and_within_the_district(district, hood):
    process = factories.BudgetProcessFactory(area=district, ideas=True)
    other_hood = factories.AreaFactory(
        neighbourhood=True, parent=factories.AreaFactory(district=True, parent=district.parent)
    )
    data = dict(title="Bankjes", description="Bij de speeltuin", author_name="Sanne")
    with pytest.raises(ValidationError) as exc:
        services.idea_submit(
            process=process,
            by=None,
            estimated_cost=Decimal("20000"),
            neighbourhood=other_hood,
            **data,
        )
    assert set(errors_of(exc)) == {"estimated_cost", "neighbourhood"}
    idea = services.idea_submit(
        process=process, by=None, estimated_cost=Decimal("1500"), neighbourhood=hood, **data
    )
    assert idea.status == "submitted"
    process.phase = Phase.REVIEW
    process.save()
    with pytest.raises(ValidationError):
        services.idea_submit(process=process, by=None, estimated_cost=Decimal("1500"), **data)
    assert Idea.objects.count() == 1


def test_review_accepts_with_cost_or_rejects_with_reason(district, manager, goal):
    process = factories.BudgetProcessFactory(area=district, review=True)
    idea = factories.BudgetIdeaFactory(process=process)
    with pytest.raises(ValidationError) as exc:
        services.idea_review(idea=idea, by=manager, status="rejected")
    assert "rejection_reason" in errors_of(exc)
    idea = services.idea_review(
        idea=idea, by=manager, status="accepted", cost=Decimal("2750"), goals=[goal]
    )
    assert idea.status == "accepted" and idea.cost == Decimal("2750")
    assert list(idea.goals.all()) == [goal]
    idea = services.idea_review(
        idea=idea, by=manager, status="rejected", rejection_reason="Te duur"
    )
    assert idea.status == "rejected"


def test_moderation_hides_with_a_recorded_reason(district):
    moderator = factories.UserFactory(role="moderator")
    process = factories.BudgetProcessFactory(area=district, ideas=True)
    idea = factories.BudgetIdeaFactory(process=process)
    comment = services.comment_add(idea=idea, by=None, author_name="X", text="Onzin!!")
    with pytest.raises(ValidationError):
        services.comment_moderate(comment=comment, by=moderator, hide=True, reason="  ")
    services.comment_moderate(comment=comment, by=moderator, hide=True, reason="Scheldwoorden")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Scheldwoorden"
    action = ModerationAction.objects.get()
    assert action.by == moderator and action.reason == "Scheldwoorden"
    assert list(selectors.visible_comments(idea)) == []


# --- codes ------------------------------------------------------------------------------------


def test_codes_are_stored_only_as_keyed_hashes(district, manager):
    process = factories.BudgetProcessFactory(area=district)
    run = services.codes_generate(process=process, by=manager, count=25)
    codes = [row["code"] for row in run.rows]
    assert len(set(codes)) == 25 and all(secrecy.looks_like_code(c) for c in codes)
    stored = set(VotingCode.objects.values_list("code_hash", flat=True))
    assert len(stored) == 25
    for code in codes:
        assert code not in stored and code.replace("-", "") not in "".join(stored)
        assert secrecy.code_hash(process.pk, code) in stored
    assert CodeBatch.objects.get().created == 25


def test_codes_per_resident_skip_the_too_young_and_other_neighbourhoods(district, hood, manager):
    process = factories.BudgetProcessFactory(area=district, min_age=16)
    process.voting_open_on = "2025-06-01"
    process.save()
    text = (
        "name;address;birth_date;neighbourhood\n"
        f"Ann;Kerkstraat 1;2000-01-01;{hood.code}\n"
        f"Bob;Kerkstraat 1;2009-06-02;{hood.code}\n"  # 15 on the first voting day
        "Cem;Dorpsweg 2;1980-05-05;BU99999999\n"
        f"Dee;Dorpsweg 3;2009-06-01;{hood.code}\n"  # 16 exactly
    )
    run = services.codes_generate(process=process, by=manager, csv_text=text, per="resident")
    assert [row["name"] for row in run.rows] == ["Ann", "Dee"]
    assert [line for line, _reason in run.skipped] == [3, 4]
    assert "code" in run.csv_text().splitlines()[0]


def test_codes_per_address_deduplicate(district, manager):
    process = factories.BudgetProcessFactory(area=district)
    text = "address\nKerkstraat 1\nkerkstraat  1\nDorpsweg 2\n\n"
    run = services.codes_generate(process=process, by=manager, csv_text=text, per="address")
    assert len(run.rows) == 2 and len(run.skipped) == 1


# --- ballots ----------------------------------------------------------------------------------


def test_a_valid_ballot_is_stored_without_any_link_to_the_code(voting):
    a, b, c, _rejected = voting.ideas_abc
    code = code_for(voting)
    cast = services.ballot_cast(process=voting, code=code.lower(), choices=[a.pk, c.pk])
    ballot = Ballot.objects.get()
    assert ballot.choices == [a.pk, c.pk]
    assert ballot.receipt_hash == secrecy.receipt_hash(voting.pk, cast.receipt)
    field_names = {f.name for f in Ballot._meta.get_fields()}
    assert field_names == {
        "id",
        "process",
        "choices",
        "points",
        "receipt_hash",
        "source",
        "paper_number",
    }
    assert VotingCode.objects.get().used is True
    assert VotingCode.objects.get().sealed_receipt == ""  # no re-voting: nothing kept
    assert selectors.receipt_status(voting, cast.receipt) == selectors.RECEIPT_RECEIVED


@pytest.mark.parametrize(
    ("choices", "field", "fragment"),
    [
        ("over_budget", "choices", "meer dan het budget"),
        ("duplicate", "choices", "twee keer"),
        ("unknown", "choices", "bestaat niet"),
        ("rejected", "choices", "niet haalbaar"),
        ("empty", "choices", "minstens één"),
    ],
)
def test_invalid_ballots_are_refused_and_nothing_is_stored(voting, choices, field, fragment):
    a, b, c, rejected = voting.ideas_abc
    ballots = {
        "over_budget": [a.pk, b.pk, c.pk],  # 12000 > 10000
        "duplicate": [a.pk, a.pk],
        "unknown": [a.pk, 999999],
        "rejected": [rejected.pk],
        "empty": [],
    }
    code = code_for(voting)
    with pytest.raises(ValidationError) as exc:
        services.ballot_cast(process=voting, code=code, choices=ballots[choices])
    messages = errors_of(exc)[field]
    assert any(fragment in m for m in messages), messages
    assert not Ballot.objects.exists()
    assert VotingCode.objects.get().used is False


def test_wrong_phase_unknown_and_used_codes_are_refused(voting):
    a = voting.ideas_abc[0]
    code = code_for(voting)
    with pytest.raises(ValidationError) as exc:
        services.ballot_cast(process=voting, code="AAAA-AAAA-AAAA", choices=[a.pk])
    assert "klopt niet" in errors_of(exc)["code"][0]
    services.ballot_cast(process=voting, code=code, choices=[a.pk])
    with pytest.raises(ValidationError) as exc:
        services.ballot_cast(process=voting, code=code, choices=[a.pk])
    assert "al gestemd" in errors_of(exc)["code"][0]
    voting.phase = Phase.COUNTING
    voting.save()
    with pytest.raises(ValidationError) as exc:
        services.ballot_cast(process=voting, code=code_for(voting), choices=[a.pk])
    assert "__all__" in errors_of(exc)
    assert Ballot.objects.count() == 1


def test_a_code_of_another_process_does_not_vote(voting, district):
    other = factories.BudgetProcessFactory(area=district, voting=True)
    code = code_for(other)
    with pytest.raises(ValidationError):
        services.ballot_cast(process=voting, code=code, choices=[voting.ideas_abc[0].pk])


def test_k_approval_ranking_and_points_ballots(district):
    for trait, good, bad, bad_field in [
        ("k_approval", ([0, 1], None), ([0, 1, 2], None), "choices"),
        ("ranking", ([2, 0, 1], None), ([0, 1, 2, 3], None), "choices"),
        ("points", ([0, 2], [7, 3]), ([0, 2], [8, 3]), "points"),
    ]:
        process = factories.BudgetProcessFactory(area=district, voting=True, **{trait: True})
        ideas = [
            factories.BudgetIdeaFactory(process=process, accepted=True, estimated_cost=Decimal(c))
            for c in ("1000", "2000", "3000", "4000")
        ]

        def pick(idx, ideas=ideas):
            return [ideas[i].pk for i in idx]

        services.ballot_cast(
            process=process, code=code_for(process), choices=pick(good[0]), points=good[1]
        )
        with pytest.raises(ValidationError) as exc:
            services.ballot_cast(
                process=process, code=code_for(process), choices=pick(bad[0]), points=bad[1]
            )
        assert bad_field in errors_of(exc), (trait, errors_of(exc))
        stored = Ballot.objects.get(process=process)
        assert stored.choices == pick(good[0])
        assert stored.points == good[1]


def test_revote_replaces_the_earlier_ballot_only_where_allowed(district):
    process = factories.BudgetProcessFactory(area=district, voting=True, revote=True)
    a = factories.BudgetIdeaFactory(process=process, accepted=True)
    b = factories.BudgetIdeaFactory(process=process, accepted=True)
    code = code_for(process)
    first = services.ballot_cast(process=process, code=code, choices=[a.pk])
    row = VotingCode.objects.get()
    assert row.sealed_receipt and first.receipt not in row.sealed_receipt
    second = services.ballot_cast(process=process, code=code, choices=[b.pk])
    assert second.replaced
    assert list(Ballot.objects.values_list("choices", flat=True)) == [[b.pk]]
    assert selectors.receipt_status(process, first.receipt) == selectors.RECEIPT_UNKNOWN
    assert selectors.receipt_status(process, second.receipt) == selectors.RECEIPT_RECEIVED


def test_login_voting_for_verified_accounts(district, manager):
    process = factories.BudgetProcessFactory(area=district, voting=True, allow_login=True)
    a = factories.BudgetIdeaFactory(process=process, accepted=True)
    resident = factories.UserFactory()
    with pytest.raises(ValidationError):
        services.ballot_cast(process=process, by=resident, choices=[a.pk])
    services.login_voter_add(process=process, by=manager, user=resident)
    services.ballot_cast(process=process, by=resident, choices=[a.pk])
    with pytest.raises(ValidationError) as exc:
        services.ballot_cast(process=process, by=resident, choices=[a.pk])
    assert "al gestemd" in errors_of(exc)["code"][0]


# --- paper ballots ----------------------------------------------------------------------------


def test_paper_ballots_count_only_when_two_officials_agree(voting):
    a, b, c, _ = voting.ideas_abc
    one, two, three = (factories.UserFactory(role="official") for _ in range(3))
    code = code_for(voting)
    services.paper_slip_register(process=voting, by=one, code=code)
    with pytest.raises(ValidationError):  # the letter's code cannot vote online any more
        services.ballot_cast(process=voting, code=code, choices=[a.pk])
    for _letter in range(2):  # three letters in all, for sheets 1 to 3
        services.paper_slip_register(process=voting, by=one, code=code_for(voting))

    services.paper_entry_add(process=voting, by=one, number=1, choices=[a.pk, c.pk])
    with pytest.raises(ValidationError):  # the same official twice
        services.paper_entry_add(process=voting, by=one, number=1, choices=[a.pk, c.pk])
    assert not Ballot.objects.exists()
    services.paper_entry_add(process=voting, by=two, number=1, choices=[c.pk, a.pk])
    ballot = Ballot.objects.get()
    assert ballot.source == "paper" and ballot.paper_number == 1 and ballot.receipt_hash is None

    services.paper_entry_add(process=voting, by=one, number=2, choices=[a.pk])
    services.paper_entry_add(process=voting, by=two, number=2, choices=[b.pk])
    status = services.paper_status(voting)
    assert status.counted == [1] and list(status.conflicts) == [2]
    assert Ballot.objects.count() == 1
    services.paper_entry_add(process=voting, by=three, number=2, choices=[b.pk])
    assert Ballot.objects.count() == 2
    assert services.paper_status(voting).conflicts == {}

    with pytest.raises(ValidationError):  # invalid content is refused, not stored
        services.paper_entry_add(process=voting, by=one, number=3, choices=[a.pk, b.pk, c.pk])
    assert not PaperEntry.objects.filter(number=3).exists()


def test_results_wait_for_unresolved_paper_ballots(voting, manager):
    a = voting.ideas_abc[0]
    official = factories.UserFactory(role="official")
    services.paper_slip_register(process=voting, by=official, code=code_for(voting))
    services.paper_entry_add(process=voting, by=official, number=1, choices=[a.pk])
    services.process_set_phase(process=voting, by=manager, phase=Phase.COUNTING)
    with pytest.raises(ValidationError) as exc:
        services.process_set_phase(process=voting, by=manager, phase=Phase.RESULTS)
    assert "papieren" in errors_of(exc)["phase"][0]


# --- results ----------------------------------------------------------------------------------


def test_results_are_hidden_until_published_then_explain_every_idea(voting, manager):
    a, b, c, _ = voting.ideas_abc
    for choices in ([a.pk, c.pk], [a.pk], [b.pk], [a.pk, c.pk], [c.pk]):
        services.ballot_cast(process=voting, code=code_for(voting), choices=choices)
    assert selectors.result_of(voting) is None
    voting = services.process_set_phase(process=voting, by=manager, phase=Phase.COUNTING)
    assert selectors.result_of(voting) is None
    voting = services.process_set_phase(process=voting, by=manager, phase=Phase.RESULTS)
    result = selectors.result_of(voting)
    assert result.ballots == 5
    lines = {line.idea_id: line for line in result.lines.all()}
    assert set(lines) == {a.pk, b.pk, c.pk}
    assert lines[a.pk].votes == 3 and lines[c.pk].votes == 3 and lines[b.pk].votes == 1
    assert lines[a.pk].is_winner and lines[c.pk].is_winner
    assert all(line.explanation for line in lines.values())
    assert lines[a.pk].explanation.startswith("Gekozen")
    assert lines[b.pk].explanation.startswith("Niet gekozen")
    assert set(Idea.objects.filter(is_funded=True)) == {a, c}
    assert [w.idea for w in selectors.winning_ideas(voting)] == [a, c]


def test_idea_photo_must_be_a_real_image_with_a_description(district, settings, tmp_path):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    process = factories.BudgetProcessFactory(area=district, ideas=True)
    data = dict(
        title="Bankjes", description="x", author_name="Sanne", estimated_cost=Decimal("100")
    )
    fake = SimpleUploadedFile("foto.png", b"not an image at all", content_type="image/png")
    with pytest.raises(ValidationError) as exc:
        services.idea_submit(process=process, by=None, photo=fake, **data)
    assert set(errors_of(exc)) >= {"photo", "photo_alt"}
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, format="PNG")
    photo = SimpleUploadedFile("mijn-huis-kerkstraat-1.png", buffer.getvalue(), "image/png")
    idea = services.idea_submit(
        process=process, by=None, photo=photo, photo_alt="Een groen vlak", **data
    )
    assert idea.photo.name.startswith("budgets/ideas/") and "kerkstraat" not in idea.photo.name
