"""Factories with traits named after states (``district=True``, ``adopted=True``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from wijkaanpak.accounts.models import Profile
from wijkaanpak.areas.models import Area, AreaKind
from wijkaanpak.core.models import Domain
from wijkaanpak.funding.models import BudgetLine
from wijkaanpak.monitor.models import Direction, Indicator, Theme
from wijkaanpak.partners.models import Organisation, OrganisationKind, Person
from wijkaanpak.plans.models import ActionPlan, Commitment, Goal, PlanStatus
from wijkaanpak.projects.models import Continuation, OutputMeasure, Project, ProjectStatus

PASSWORD = "correct-horse-battery-staple"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"GM{9000 + n:04d}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    kind = AreaKind.MUNICIPALITY
    inhabitants = 20_000
    homes = 9_000

    class Params:
        municipality = factory.Trait(kind=AreaKind.MUNICIPALITY)
        district = factory.Trait(
            kind=AreaKind.DISTRICT,
            code=factory.LazyAttributeSequence(lambda o, n: f"WK{o.parent.code[2:6]}{n % 100:02d}"),
            name=factory.Sequence(lambda n: f"Wijk {n}"),
        )
        neighbourhood = factory.Trait(
            kind=AreaKind.NEIGHBOURHOOD,
            code=factory.LazyAttributeSequence(lambda o, n: f"BU{o.parent.code[2:8]}{n % 100:02d}"),
            name=factory.Sequence(lambda n: f"Buurt {n}"),
            inhabitants=3_000,
            homes=1_400,
        )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.HOUSING


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Persoon {n}")
    job_title = "projectleider"


class UserFactory(factory.django.DjangoModelFactory):
    """``UserFactory(role="district_manager", districts=[d])``; every user has ``PASSWORD``."""

    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")

    @classmethod
    def _create(cls, model_class, *args, role=None, districts=(), organisation=None, **kwargs):
        user = model_class.objects.create_user(*args, password=PASSWORD, **kwargs)
        if role:
            profile = Profile.objects.create(user=user, role=role, organisation=organisation)
            profile.districts.set(districts)
        return user


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"ind_{n}")
    name_nl = factory.Sequence(lambda n: f"Indicator {n}")
    name_en = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "%"
    direction = Direction.HIGHER_IS_BETTER
    theme = Theme.HEALTH
    source = "test"


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    district = factory.SubFactory(
        AreaFactory, district=True, parent=factory.SubFactory(AreaFactory)
    )
    title = factory.Sequence(lambda n: f"Wijkactieplan {n}")
    vision = "Een wijk waar iedereen meedoet."
    priorities = "Gezondheid\nWerk"
    start_year = 2024
    end_year = 2028

    class Params:
        adopted = factory.Trait(status=PlanStatus.ADOPTED)


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(ActionPlanFactory)
    title = factory.Sequence(lambda n: f"Doel {n}")
    indicator = factory.SubFactory(IndicatorFactory)
    baseline_value = Decimal("54")
    baseline_year = 2024
    target_value = Decimal("65")
    target_year = 2028
    owner = factory.SubFactory(OrganisationFactory)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    plan = factory.SubFactory(ActionPlanFactory)
    partner = factory.SubFactory(OrganisationFactory)
    contribution = "Twee opbouwwerkers"

    class Params:
        signed = factory.Trait(signed_on=dt.date(2024, 3, 1))


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    district = factory.SubFactory(
        AreaFactory, district=True, parent=factory.SubFactory(AreaFactory)
    )
    title = factory.Sequence(lambda n: f"Project {n}")
    lead = factory.SubFactory(PersonFactory)
    domain = Domain.SOCIAL
    start_date = dt.date(2024, 1, 1)
    end_date = dt.date(2030, 12, 31)
    status = ProjectStatus.RUNNING
    continuation = Continuation.REGULAR_BUDGET

    class Params:
        ending_soon = factory.Trait(
            end_date=factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=90))
        )

    @factory.post_generation
    def goals(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.goals.set(extracted)

    @factory.post_generation
    def partners(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.partners.set(extracted)


class OutputMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutputMeasure

    project = factory.SubFactory(ProjectFactory)
    name = "Bereikte bewoners"
    unit = "personen"


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    project = factory.SubFactory(ProjectFactory)
    funder = factory.SubFactory(OrganisationFactory)
    year = 2025
    amount = Decimal("10000.00")
    domain = Domain.SOCIAL


# --- initiatives (vouchers, accountability, crowd support) ----------------------------------


class InitiativeFactory(factory.django.DjangoModelFactory):
    """``InitiativeFactory(running=True)``; ``goals=[goal]`` links plan goals."""

    class Meta:
        model = "initiatives.Initiative"
        skip_postgeneration_save = True

    area = factory.SubFactory(AreaFactory, district=True, parent=factory.SubFactory(AreaFactory))
    title = factory.Sequence(lambda n: f"Initiatief {n}")
    description = "Buren helpen buren."
    initiator_name = "Fatima"
    status = "planned"

    class Params:
        running = factory.Trait(status="running")
        completed = factory.Trait(status="completed")
        stopped = factory.Trait(status="stopped")

    @factory.post_generation
    def goals(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.goals.set(extracted)


class VoucherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.Voucher"

    initiative = factory.SubFactory(InitiativeFactory, running=True)
    code = factory.Sequence(lambda n: f"V-TEST-{n:04d}")
    amount = Decimal("1000.00")
    issued_on = factory.LazyFunction(dt.date.today)


class SpendingEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.SpendingEntry"

    initiative = factory.SubFactory(InitiativeFactory, running=True)
    spent_on = factory.LazyFunction(dt.date.today)
    amount = Decimal("100.00")
    description = "Koffie en thee"


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.Milestone"

    initiative = factory.SubFactory(InitiativeFactory, running=True)
    title = factory.Sequence(lambda n: f"Onderdeel {n}")
    status = "running"
    progress = 0

    class Params:
        done = factory.Trait(status="done", progress=100)
        stopped = factory.Trait(status="stopped")


class InitiativeUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.Update"

    initiative = factory.SubFactory(InitiativeFactory, running=True)
    published_on = factory.LazyFunction(dt.date.today)
    text = "Het gaat goed."


class NeedFactory(factory.django.DjangoModelFactory):
    """``NeedFactory(closed=True)``, ``NeedFactory(done=True)``, ``NeedFactory(money=True)``."""

    class Meta:
        model = "initiatives.Need"

    initiative = factory.SubFactory(InitiativeFactory, running=True)
    kind = "time"
    title = factory.Sequence(lambda n: f"Hulpvraag {n}")
    quantity = Decimal("20")
    unit = "uur"

    class Params:
        closed = factory.Trait(is_open=False)
        done = factory.Trait(is_done=True, is_open=False)
        money = factory.Trait(kind="money", unit="euro", quantity=Decimal("500"))


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "initiatives.Pledge"

    need = factory.SubFactory(NeedFactory)
    quantity = Decimal("2")
    name = "Anja"

    class Params:
        fulfilled = factory.Trait(is_fulfilled=True)


# --- budgets (resident budget: processes, ideas, voting codes) --------------------------------


class BudgetProcessFactory(factory.django.DjangoModelFactory):
    """``BudgetProcessFactory(voting=True)``: a resident budget of a district in one phase."""

    class Meta:
        model = "budgets.Process"

    area = factory.SubFactory(AreaFactory, district=True, parent=factory.SubFactory(AreaFactory))
    title = factory.Sequence(lambda n: f"Bewonersbudget {n}")
    budget = Decimal("10000.00")
    ballot_type = "approval"
    rule = "mes-add1"
    phase = "draft"

    class Params:
        ideas = factory.Trait(phase="ideas")
        review = factory.Trait(phase="review")
        voting = factory.Trait(phase="voting")
        counting = factory.Trait(phase="counting")
        results = factory.Trait(phase="results")
        k_approval = factory.Trait(ballot_type="k_approval", max_choices=2)
        ranking = factory.Trait(ballot_type="ranking", max_choices=3)
        points = factory.Trait(ballot_type="points", points_total=10)
        revote = factory.Trait(allow_revote=True)


class BudgetIdeaFactory(factory.django.DjangoModelFactory):
    """``BudgetIdeaFactory(process=p, accepted=True, cost=Decimal("2500"))``."""

    class Meta:
        model = "budgets.Idea"

    process = factory.SubFactory(BudgetProcessFactory)
    title = factory.Sequence(lambda n: f"Idee {n}")
    description = "Meer groen in de straat."
    estimated_cost = Decimal("2000.00")
    author_name = "Sanne"
    status = "submitted"

    class Params:
        accepted = factory.Trait(status="accepted", cost=factory.SelfAttribute("estimated_cost"))
        rejected = factory.Trait(status="rejected", rejection_reason="Niet op gemeentegrond.")
        hidden = factory.Trait(is_hidden=True, hidden_reason="Scheldwoorden")


class VotingCodeFactory(factory.django.DjangoModelFactory):
    """A voting code; the clear code is on ``obj.code`` (the table keeps only its hash)."""

    class Meta:
        model = "budgets.VotingCode"

    process = factory.SubFactory(BudgetProcessFactory)

    class Params:
        used_code = factory.Trait(used=True)

    @classmethod
    def _create(cls, model_class, *args, code=None, **kwargs):
        from wijkaanpak.budgets import secrecy

        code = code or secrecy.new_code()
        obj = model_class.objects.create(
            *args, code_hash=secrecy.code_hash(kwargs["process"].pk, code), **kwargs
        )
        obj.code = code
        return obj
