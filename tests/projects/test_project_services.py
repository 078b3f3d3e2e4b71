import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from wijkaanpak.projects import services
from wijkaanpak.projects.models import Continuation, OutputPeriod, Project
from wijkaanpak.projects.selectors import carousel_flags, district_projects


def project_data(district, **overrides):
    data = {
        "district": district,
        "title": "Beweegcoach",
        "lead": factories.PersonFactory(),
        "domain": "social",
        "start_date": dt.date(2025, 1, 1),
        "end_date": dt.date(2027, 12, 31),
        "status": "running",
        "continuation": "regular_budget",
    }
    data.update(overrides)
    return data


def test_project_needs_a_goal(district, manager):
    with pytest.raises(ValidationError) as exc:
        services.project_create(by=manager, goals=[], **project_data(district))
    assert "goals" in exc.value.message_dict
    assert not Project.objects.exists()


def test_project_goals_must_come_from_the_same_district(district, manager):
    foreign_goal = factories.GoalFactory()
    with pytest.raises(ValidationError) as exc:
        services.project_create(by=manager, goals=[foreign_goal], **project_data(district))
    assert "goals" in exc.value.message_dict


def test_project_end_before_start(goal, manager):
    with pytest.raises(ValidationError) as exc:
        services.project_create(
            by=manager,
            goals=[goal],
            **project_data(goal.plan.district, end_date=dt.date(2024, 1, 1)),
        )
    assert "end_date" in exc.value.message_dict


def test_project_create_sets_goals_and_partners(goal, manager):
    partner = factories.OrganisationFactory()
    project = services.project_create(
        by=manager, goals=[goal], partners=[partner], **project_data(goal.plan.district)
    )
    assert list(project.goals.all()) == [goal]
    assert list(project.partners.all()) == [partner]


def test_output_period_is_replaced_not_duplicated(project, manager):
    measure = services.output_measure_create(
        project=project, by=manager, name="Deelnemers", unit="personen"
    )
    services.output_period_save(
        measure=measure, by=manager, period="2025", planned=100, realised=None
    )
    services.output_period_save(
        measure=measure, by=manager, period="2025", planned=100, realised=80
    )
    row = OutputPeriod.objects.get(measure=measure)
    assert (row.planned, row.realised) == (100, 80)


@pytest.mark.parametrize("period", ["2025-Q5", "25", "2025-13", "Q1-2025"])
def test_output_period_format_is_checked(project, manager, period):
    measure = factories.OutputMeasureFactory(project=project)
    with pytest.raises(ValidationError) as exc:
        services.output_period_save(measure=measure, by=manager, period=period, planned=1)
    assert "period" in exc.value.message_dict


def test_negative_output_is_refused(project, manager):
    measure = factories.OutputMeasureFactory(project=project)
    with pytest.raises(ValidationError) as exc:
        services.output_period_save(measure=measure, by=manager, period="2025", planned=-1)
    assert "planned" in exc.value.message_dict


class TestCarouselFlags:
    def test_healthy_project_has_no_flags(self, project):
        factories.OutputMeasureFactory(project=project)
        assert carousel_flags(project, today=dt.date(2025, 1, 1)) == []

    def test_no_output_measure(self, project):
        assert [f.code for f in carousel_flags(project, today=dt.date(2025, 1, 1))] == ["no_output"]

    def test_no_goal(self, district):
        project = factories.ProjectFactory(district=district)
        factories.OutputMeasureFactory(project=project)
        assert [f.code for f in carousel_flags(project, today=dt.date(2025, 1, 1))] == ["no_goal"]

    @pytest.mark.parametrize("continuation", [Continuation.UNKNOWN, Continuation.NONE])
    def test_ending_within_a_year_without_continuation(self, project, continuation):
        factories.OutputMeasureFactory(project=project)
        project.continuation = continuation
        near_end = project.end_date - dt.timedelta(days=200)
        far_from_end = project.end_date - dt.timedelta(days=400)
        assert [f.code for f in carousel_flags(project, today=near_end)] == ["no_continuation"]
        assert carousel_flags(project, today=far_from_end) == []

    def test_finished_projects_are_not_flagged(self, district):
        project = factories.ProjectFactory(district=district, status="completed")
        assert carousel_flags(project) == []

    def test_annotated_counts_are_used(self, project):
        annotated = district_projects(project.district).get()
        assert (annotated.goal_count, annotated.output_count) == (1, 0)
