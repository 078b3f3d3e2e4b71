"""Resident budgets (bewonersbudget): processes, ideas, voting codes, secret ballots, results.

Secrecy is a property of the tables, not of the views (see the README, "Resident budget"):

- ``VotingCode`` holds only a keyed hash (HMAC) of each code, never the code itself.
- ``Ballot`` has no foreign key to a code, a user or a paper entry, no timestamp, and a random
  primary key: the ballot table alone cannot say who voted, nor when.
- Storage order is not the voting order once voting has closed: the close rewrites the
  process's code and ballot rows in random order in one transaction (``storage.py``).
- Results (``Result``/``ResultLine``) exist only after voting has closed.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkaanpak.core.models import TimeStamped

# --- process ---------------------------------------------------------------------------------


class Phase(models.TextChoices):
    DRAFT = "draft", _("in voorbereiding")
    IDEAS = "ideas", _("ideeën indienen")
    REVIEW = "review", _("toets door de gemeente")
    VOTING = "voting", _("stemmen")
    COUNTING = "counting", _("stemmen tellen")
    RESULTS = "results", _("uitslag")
    IMPLEMENTATION = "implementation", _("uitvoering")


#: The lifecycle of a process: from -> the phases it may go to (enforced by the service).
#: Only forward moves, except that the idea phase may be reopened from the review.
PHASE_TRANSITIONS: dict[str, frozenset[str]] = {
    Phase.DRAFT: frozenset({Phase.IDEAS}),
    Phase.IDEAS: frozenset({Phase.REVIEW}),
    Phase.REVIEW: frozenset({Phase.IDEAS, Phase.VOTING}),
    Phase.VOTING: frozenset({Phase.COUNTING}),
    Phase.COUNTING: frozenset({Phase.RESULTS}),
    Phase.RESULTS: frozenset({Phase.IMPLEMENTATION}),
    Phase.IMPLEMENTATION: frozenset(),
}

#: Phases in which the outcome may be shown (interim counts are never shown).
RESULT_PHASES = (Phase.RESULTS, Phase.IMPLEMENTATION)


class BallotType(models.TextChoices):
    APPROVAL = "approval", _("kiezen binnen het budget")
    K_APPROVAL = "k_approval", _("kiezen van hoogstens een aantal ideeën")
    RANKING = "ranking", _("ideeën op volgorde zetten")
    POINTS = "points", _("punten verdelen")


class CountingRule(models.TextChoices):
    """The names are the counting engine's rule names (``budgets.counting``)."""

    GREEDY = "greedy", _("meeste stemmen eerst")
    GREEDY_PER_EURO = "greedy-per-euro", _("meeste stemmen per euro eerst")
    MES = "mes-add1", _("gelijke delen (Method of Equal Shares, met aanvulling)")
    PHRAGMEN = "phragmen", _("sequentiële Phragmén")


class Process(TimeStamped):
    """One resident budget of a district: its money, phases, ballot and counting rule."""

    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("wijk"),
        on_delete=models.PROTECT,
        related_name="budget_processes",
        limit_choices_to={"kind": "district"},
    )
    title = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("uitleg"), blank=True)
    budget = models.DecimalField(_("budget (euro)"), max_digits=12, decimal_places=2)
    neighbourhoods = models.ManyToManyField(
        "areas.Area",
        verbose_name=_("buurten die meedoen"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "neighbourhood"},
        help_text=_("Leeg: alle buurten van de wijk."),
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimumleeftijd"),
        default=16,
        help_text=_("Vanaf deze leeftijd mag een bewoner stemmen."),
    )
    ballot_type = models.CharField(
        _("soort stembiljet"),
        max_length=12,
        choices=BallotType.choices,
        default=BallotType.APPROVAL,
    )
    max_choices = models.PositiveSmallIntegerField(
        _("hoogstens zoveel ideeën"),
        null=True,
        blank=True,
        help_text=_("Voor kiezen van een aantal ideeën en voor een volgorde."),
    )
    points_total = models.PositiveSmallIntegerField(
        _("punten per bewoner"), null=True, blank=True, help_text=_("Voor punten verdelen.")
    )
    rule = models.CharField(
        _("telregel"), max_length=20, choices=CountingRule.choices, default=CountingRule.MES
    )
    allow_revote = models.BooleanField(
        _("opnieuw stemmen mag"),
        default=False,
        help_text=_("Een bewoner mag zijn stem vervangen zolang het stemmen loopt."),
    )
    allow_login = models.BooleanField(
        _("stemmen met een gecontroleerd account"),
        default=False,
        help_text=_(
            "Naast stemcodes: bewoners met een account dat de gemeente heeft gecontroleerd."
        ),
    )
    phase = models.CharField(_("fase"), max_length=16, choices=Phase.choices, default=Phase.DRAFT)
    ideas_open_on = models.DateField(_("ideeën indienen vanaf"), null=True, blank=True)
    ideas_close_on = models.DateField(_("ideeën indienen tot en met"), null=True, blank=True)
    review_close_on = models.DateField(_("toets klaar op"), null=True, blank=True)
    voting_open_on = models.DateField(_("stemmen vanaf"), null=True, blank=True)
    voting_close_on = models.DateField(_("stemmen tot en met"), null=True, blank=True)
    results_on = models.DateField(_("uitslag op"), null=True, blank=True)
    implementation_until = models.DateField(_("uitvoering klaar op"), null=True, blank=True)
    is_demo = models.BooleanField(_("voorbeeldgegevens"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("bewonersbudget")
        verbose_name_plural = _("bewonersbudgetten")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budgets:detail", args=[self.pk])

    @property
    def results_visible(self) -> bool:
        return self.phase in RESULT_PHASES


# --- ideas -----------------------------------------------------------------------------------


class IdeaStatus(models.TextChoices):
    SUBMITTED = "submitted", _("ingediend")
    ACCEPTED = "accepted", _("haalbaar: op het stembiljet")
    REJECTED = "rejected", _("niet haalbaar")


#: The feasibility check: a submitted idea is accepted or rejected; the municipality may
#: change its mind while the review phase lasts (the service checks the phase).
IDEA_TRANSITIONS: dict[str, frozenset[str]] = {
    IdeaStatus.SUBMITTED: frozenset({IdeaStatus.ACCEPTED, IdeaStatus.REJECTED}),
    IdeaStatus.ACCEPTED: frozenset({IdeaStatus.REJECTED}),
    IdeaStatus.REJECTED: frozenset({IdeaStatus.ACCEPTED}),
}


def idea_photo_path(idea: Idea, filename: str) -> str:
    """A random name: the original file name may hold personal data."""
    extension = PurePosixPath(filename or "").suffix.lower().lstrip(".")
    extension = extension if extension in ("jpg", "jpeg", "png", "webp") else "jpg"
    return f"budgets/ideas/{uuid.uuid4().hex}.{extension}"


class Idea(TimeStamped):
    """A resident's idea. Accepted ideas are the projects on the ballot.

    ``is_funded`` is set when the results are published (the winners); the ``initiatives`` app
    gives funded ideas a voucher.
    """

    process = models.ForeignKey(
        Process, verbose_name=_("bewonersbudget"), on_delete=models.PROTECT, related_name="ideas"
    )
    title = models.CharField(_("titel"), max_length=120)
    description = models.TextField(_("omschrijving"))
    estimated_cost = models.DecimalField(
        _("geschatte kosten (euro)"), max_digits=12, decimal_places=2
    )
    neighbourhood = models.ForeignKey(
        "areas.Area",
        verbose_name=_("buurt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "neighbourhood"},
    )
    photo = models.ImageField(_("foto"), upload_to=idea_photo_path, blank=True)
    photo_alt = models.CharField(
        _("wat staat er op de foto?"),
        max_length=200,
        blank=True,
        help_text=_("Voor mensen die de foto niet kunnen zien."),
    )
    author_name = models.CharField(
        _("uw naam"),
        max_length=100,
        help_text=_("Deze naam staat bij het idee. Een voornaam is genoeg."),
    )
    author_email = models.EmailField(
        _("uw e-mailadres"),
        blank=True,
        help_text=_(
            "Alleen de gemeente ziet dit adres, om u te laten weten wat er met uw idee gebeurt."
        ),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=IdeaStatus.choices, default=IdeaStatus.SUBMITTED
    )
    # feasibility check by the municipality
    cost = models.DecimalField(
        _("kosten volgens de gemeente (euro)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Dit bedrag telt op het stembiljet."),
    )
    rejection_reason = models.TextField(_("reden van afwijzing"), blank=True)
    goals = models.ManyToManyField(
        "plans.Goal",
        verbose_name=_("doelen uit het wijkactieplan"),
        blank=True,
        related_name="budget_ideas",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("getoetst op"), null=True, blank=True)
    # moderation
    is_hidden = models.BooleanField(_("verborgen"), default=False)
    hidden_reason = models.CharField(_("reden van verbergen"), max_length=300, blank=True)
    # outcome
    is_funded = models.BooleanField(_("gekozen"), default=False)

    class Meta:
        ordering = ["process", "id"]
        verbose_name = _("idee")
        verbose_name_plural = _("ideeën")
        indexes = [models.Index(fields=["process", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budgets:idea", args=[self.pk])

    @property
    def ballot_cost(self):
        """What the idea costs on the ballot: the municipality's estimate."""
        return self.cost if self.cost is not None else self.estimated_cost

    @property
    def district(self):
        return self.process.area


class Comment(models.Model):
    idea = models.ForeignKey(
        Idea, verbose_name=_("idee"), on_delete=models.CASCADE, related_name="comments"
    )
    author_name = models.CharField(_("uw naam"), max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("reactie"), max_length=2000)
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)
    is_hidden = models.BooleanField(_("verborgen"), default=False)
    hidden_reason = models.CharField(_("reden van verbergen"), max_length=300, blank=True)

    class Meta:
        ordering = ["idea", "created_at", "id"]
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:40]}"


class ModerationAction(models.Model):
    """Append-only: who hid or showed which idea or comment, when and why."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="moderation")
    idea = models.ForeignKey(
        Idea, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    action = models.CharField(_("actie"), max_length=10)  # hide / show
    reason = models.CharField(_("reden"), max_length=300)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("moderatie")
        verbose_name_plural = _("moderaties")

    def __str__(self) -> str:
        return f"{self.action}: {self.reason[:40]}"


# --- eligibility -----------------------------------------------------------------------------


class CodeKind(models.TextChoices):
    LETTER = "letter", _("stemcode per brief")
    LOGIN = "login", _("gecontroleerd account")


class VotingCode(models.Model):
    """The right to vote once. Only a keyed hash of the code is kept (see ``secrecy.py``).

    ``used`` is set with a conditional UPDATE in the transaction that stores the ballot, so a
    code votes once even under concurrent requests. ``sealed_receipt`` is only used where the
    process allows re-voting: the voter's receipt, encrypted with a key derived from the code
    itself; without the code in clear nobody can open it (README, "Resident budget", "Re-voting");
    the seals are dropped when voting closes. No timestamp: when a code was used could be
    matched with the order of the ballots.
    """

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=6, choices=CodeKind.choices, default=CodeKind.LETTER)
    batch = models.PositiveIntegerField(_("reeks"), default=1)
    used = models.BooleanField(_("gebruikt"), default=False)
    sealed_receipt = models.CharField(max_length=96, blank=True, default="")

    class Meta:
        verbose_name = _("stemcode")
        verbose_name_plural = _("stemcodes")
        indexes = [models.Index(fields=["process", "used"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class CodeBatch(models.Model):
    """A record that codes were made (how many, by whom, when); never the codes themselves."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="code_batches")
    number = models.PositiveIntegerField(_("reeks"))
    kind = models.CharField(_("soort"), max_length=20)  # count / addresses / residents / login
    created = models.PositiveIntegerField(_("aantal codes"))
    skipped = models.PositiveIntegerField(_("overgeslagen regels"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["process", "number"]
        unique_together = [("process", "number")]
        verbose_name = _("reeks stemcodes")
        verbose_name_plural = _("reeksen stemcodes")

    def __str__(self) -> str:
        return f"{self.process} – {self.number}"


# --- ballots ---------------------------------------------------------------------------------


class BallotSource(models.TextChoices):
    ONLINE = "online", _("online")
    PAPER = "paper", _("papier")


class Ballot(models.Model):
    """A secret ballot: the process, the content and a hash of the receipt. Nothing else.

    ``choices`` is the list of idea ids (in order of preference for a ranking); ``points`` the
    points per chosen idea (points ballots only). ``paper_number`` is the number written on a
    paper ballot sheet (paper ballots are anonymous sheets; see ``PaperEntry``).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="ballots")
    choices = models.JSONField(default=list)
    points = models.JSONField(null=True, blank=True)
    receipt_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    source = models.CharField(
        max_length=6, choices=BallotSource.choices, default=BallotSource.ONLINE
    )
    paper_number = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("stembiljet")
        verbose_name_plural = _("stembiljetten")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "paper_number"], name="budgets_ballot_unique_paper_number"
            )
        ]

    def __str__(self) -> str:
        return str(_("stembiljet"))


class PaperSlip(models.Model):
    """Counts the voting letters handed in with a paper ballot (the code is then used).

    Like Dutch postal voting: the letter with the code and the closed ballot envelope are
    separated when the post is opened; the letter is registered here, the sheet is entered
    later by two officials (``PaperEntry``). Nothing links the two.
    """

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="paper_slips")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_on = models.DateField(_("ingenomen op"))

    class Meta:
        verbose_name = _("ingenomen stembrief")
        verbose_name_plural = _("ingenomen stembrieven")

    def __str__(self) -> str:
        return str(_("ingenomen stembrief"))


class PaperEntry(models.Model):
    """One official's reading of one numbered paper ballot. A sheet counts when two different
    officials entered the same content; otherwise it is listed for a third check."""

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="paper_entries")
    number = models.PositiveIntegerField(_("nummer van het stembiljet"))
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    choices = models.JSONField(default=list)
    points = models.JSONField(null=True, blank=True)
    is_blank_or_invalid = models.BooleanField(_("ongeldig of blanco"), default=False)
    entered_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)

    class Meta:
        ordering = ["process", "number", "id"]
        verbose_name = _("invoer papieren stembiljet")
        verbose_name_plural = _("invoer papieren stembiljetten")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "number", "official"], name="budgets_paper_entry_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}"


# --- results ---------------------------------------------------------------------------------


class Result(models.Model):
    """The outcome, counted once when the results are published."""

    process = models.OneToOneField(Process, on_delete=models.CASCADE, related_name="result")
    rule = models.CharField(_("telregel"), max_length=20, choices=CountingRule.choices)
    tie_break = models.CharField(_("bij gelijke stand"), max_length=200)
    ballots = models.PositiveIntegerField(_("stembiljetten"))
    online_ballots = models.PositiveIntegerField(_("online"))
    paper_ballots = models.PositiveIntegerField(_("op papier"))
    spent = models.DecimalField(_("besteed (euro)"), max_digits=12, decimal_places=2)
    summary = models.TextField(_("samenvatting"), blank=True)
    engine = models.JSONField(_("gegevens van de telling"), default=dict)
    counted_at = models.DateTimeField(_("geteld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("uitslag")
        verbose_name_plural = _("uitslagen")

    def __str__(self) -> str:
        return f"{self.process}"

    def summary_text(self) -> str:
        """``summary`` in the visitor's language (the stored text is the one of publication)."""
        from wijkaanpak.budgets.tally import summary_text

        winners = sum(1 for line in self.lines.all() if line.is_winner)
        return summary_text(self.ballots, winners, self.spent, self.process.budget)

    def tie_break_text(self) -> str:
        from wijkaanpak.budgets.tally import tie_break_text

        return tie_break_text()

    def equal_shares_steps(self) -> list[str]:
        """For Equal Shares: how the rule chose, with the completion step (else empty)."""
        from wijkaanpak.budgets.tally import equal_shares_steps

        return equal_shares_steps(self)


class ResultLine(models.Model):
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="lines")
    idea = models.ForeignKey(Idea, on_delete=models.PROTECT, related_name="result_lines")
    position = models.PositiveIntegerField(_("plaats"))
    votes = models.PositiveIntegerField(_("stemmen"))
    score = models.DecimalField(_("score"), max_digits=14, decimal_places=2)
    cost = models.DecimalField(_("kosten"), max_digits=12, decimal_places=2)
    is_winner = models.BooleanField(_("gekozen"))
    round = models.PositiveIntegerField(_("ronde"), null=True, blank=True)
    explanation = models.TextField(_("uitleg"))
    details = models.JSONField(default=dict)

    class Meta:
        ordering = ["result", "position"]
        verbose_name = _("regel van de uitslag")
        verbose_name_plural = _("regels van de uitslag")

    def __str__(self) -> str:
        return f"{self.position}. {self.idea}"

    def explanation_text(self) -> str:
        """``explanation`` in the visitor's language, rebuilt from the stored reason code."""
        from wijkaanpak.budgets.tally import line_explanation

        return line_explanation(self, self.result)
