"""Initiatives of residents: vouchers and public accountability, and crowd support.

An initiative comes from an idea that won a resident budget (it then gets a voucher) or
stands alone and asks for support (money, time, space, materials). Everything here is
public except the contact e-mail of the initiator, the names and e-mail addresses of the
people who pledge, and the receipts: those are for staff only (``accounts.permissions``).
"""

from __future__ import annotations

import secrets
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from wijkaanpak.areas.models import AreaKind
from wijkaanpak.core.models import TimeStamped

# --- receipts --------------------------------------------------------------------------------

#: A receipt may be at most this large (bytes).
RECEIPT_MAX_BYTES = 5 * 1024 * 1024

#: Allowed receipt types: extension -> (content type, the bytes the file must start with).
RECEIPT_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}


def receipt_extension(name: str) -> str:
    return PurePosixPath(name or "").suffix.lower().lstrip(".")


def validate_receipt(file) -> None:
    """PDF, JPG or PNG, at most 5 MB, and the content must match the extension."""
    extension = receipt_extension(getattr(file, "name", ""))
    if extension not in RECEIPT_TYPES:
        raise ValidationError(
            _("Kies een bon als PDF, JPG of PNG."), code="receipt_type", params={"ext": extension}
        )
    size = getattr(file, "size", None)
    if size is not None and size > RECEIPT_MAX_BYTES:
        raise ValidationError(
            _("De bon is te groot. Het mag hoogstens 5 MB zijn."), code="receipt_size"
        )
    if size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="receipt_empty")
    # Only new uploads are read; a stored file was checked when it came in.
    if getattr(file, "_committed", True) is False:
        position = file.tell() if hasattr(file, "tell") else 0
        file.seek(0)
        head = file.read(16)
        file.seek(position)
        if not any(head.startswith(magic) for magic in RECEIPT_TYPES[extension][1]):
            raise ValidationError(
                _("Dit bestand is geen echte PDF, JPG of PNG."), code="receipt_content"
            )


def receipt_path(entry: SpendingEntry, filename: str) -> str:
    """A random name: the original file name may hold personal data and must not be guessable."""
    extension = receipt_extension(filename)
    return f"initiatives/receipts/{uuid.uuid4().hex}.{extension}"


# --- initiatives ------------------------------------------------------------------------------


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("in voorbereiding")
    RUNNING = "running", _("loopt")
    COMPLETED = "completed", _("afgerond")
    STOPPED = "stopped", _("gestopt")


#: The lifecycle of an initiative: from -> the statuses it may go to (enforced by the service).
INITIATIVE_TRANSITIONS: dict[str, frozenset[str]] = {
    InitiativeStatus.PLANNED: frozenset({InitiativeStatus.RUNNING, InitiativeStatus.STOPPED}),
    InitiativeStatus.RUNNING: frozenset({InitiativeStatus.COMPLETED, InitiativeStatus.STOPPED}),
    # A completed initiative can be reopened (something turned out unfinished).
    InitiativeStatus.COMPLETED: frozenset({InitiativeStatus.RUNNING}),
    InitiativeStatus.STOPPED: frozenset(),
}

#: Initiatives in these statuses are still expected to report and may receive pledges.
ACTIVE_STATUSES = (InitiativeStatus.PLANNED, InitiativeStatus.RUNNING)


class Initiative(TimeStamped):
    """A residents' initiative in a district or neighbourhood."""

    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("wijk of buurt"),
        on_delete=models.PROTECT,
        related_name="initiatives",
        limit_choices_to={"kind__in": [AreaKind.DISTRICT, AreaKind.NEIGHBOURHOOD]},
    )
    title = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"))
    initiator_name = models.CharField(
        _("naam van de initiatiefnemer"),
        max_length=100,
        help_text=_("Een naam die op de openbare pagina mag staan, bijvoorbeeld een voornaam."),
    )
    contact_email = models.EmailField(
        _("e-mail voor contact"),
        blank=True,
        help_text=_("Alleen medewerkers van de gemeente zien dit adres."),
    )
    goals = models.ManyToManyField(
        "plans.Goal",
        verbose_name=_("doelen"),
        blank=True,
        related_name="initiatives",
        help_text=_("Aan welke doelen van het wijkactieplan draagt dit initiatief bij?"),
    )
    idea = models.OneToOneField(
        "budgets.Idea",
        verbose_name=_("idee uit het bewonersbudget"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiative",
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account van de trekker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_initiatives",
        help_text=_("Dit account mag uitgaven, berichten, onderdelen en taken bijhouden."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.PLANNED,
    )
    is_demo = models.BooleanField(_("voorbeeldgegevens"), default=False)

    class Meta:
        ordering = ["area__code", "title"]
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", args=[self.pk])

    def __str__(self) -> str:
        return self.title

    @property
    def district(self):
        """The district whose manager answers for this initiative."""
        if self.area.kind == AreaKind.NEIGHBOURHOOD:
            return self.area.parent
        return self.area

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


def new_voucher_code() -> str:
    """A reference number such as ``V-7KQ2-9XMD`` (no 0/O or 1/I to misread)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(8))
    return f"V-{raw[:4]}-{raw[4:]}"


class Voucher(TimeStamped):
    """Money granted to an initiative (for a funded idea: its cost)."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiatief"), on_delete=models.PROTECT, related_name="vouchers"
    )
    code = models.CharField(_("vouchernummer"), max_length=20, unique=True, editable=False)
    amount = models.DecimalField(_("bedrag (euro)"), max_digits=12, decimal_places=2)
    issued_on = models.DateField(_("uitgegeven op"))
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        ordering = ["initiative", "issued_on", "id"]
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")

    def __str__(self) -> str:
        return f"{self.code} (€ {self.amount})"


class SpendingEntry(TimeStamped):
    """Money spent by an initiative. Date, amount and description are public; the receipt
    is for staff only (served through a checked view, never as a public media file)."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiatief"), on_delete=models.PROTECT, related_name="spending"
    )
    spent_on = models.DateField(_("datum"))
    amount = models.DecimalField(_("bedrag (euro)"), max_digits=12, decimal_places=2)
    description = models.CharField(_("waaraan"), max_length=200)
    receipt = models.FileField(
        _("bon of factuur"),
        upload_to=receipt_path,
        blank=True,
        validators=[validate_receipt],
        help_text=_("PDF, JPG of PNG, hoogstens 5 MB. Alleen medewerkers zien de bon."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["initiative", "spent_on", "id"]
        verbose_name = _("uitgave")
        verbose_name_plural = _("uitgaven")

    def __str__(self) -> str:
        return f"{self.spent_on}: {self.description} (€ {self.amount})"


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("gepland")
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    STOPPED = "stopped", _("gestopt")


MILESTONE_TRANSITIONS: dict[str, frozenset[str]] = {
    MilestoneStatus.PLANNED: frozenset(
        {MilestoneStatus.RUNNING, MilestoneStatus.DONE, MilestoneStatus.STOPPED}
    ),
    MilestoneStatus.RUNNING: frozenset(
        {MilestoneStatus.PLANNED, MilestoneStatus.DONE, MilestoneStatus.STOPPED}
    ),
    MilestoneStatus.DONE: frozenset({MilestoneStatus.RUNNING}),
    MilestoneStatus.STOPPED: frozenset({MilestoneStatus.PLANNED}),
}


class Milestone(TimeStamped):
    """A part of an initiative (and parts of parts), with a status and a progress.

    A part with sub-parts shows the progress rolled up from them (``progress.rollup``).
    """

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiatief"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("hoort bij"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    title = models.CharField(_("onderdeel"), max_length=200)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.PLANNED,
    )
    progress = models.PositiveSmallIntegerField(
        _("voortgang (%)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("0 tot 100. Heeft dit onderdeel eigen onderdelen, dan telt hun voortgang."),
    )
    budget = models.DecimalField(
        _("budget (euro)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Als alle onderdelen een budget hebben, weegt de voortgang naar budget."),
    )
    due_on = models.DateField(_("klaar op (gepland)"), null=True, blank=True)

    class Meta:
        ordering = ["initiative", "id"]
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")

    def __str__(self) -> str:
        return self.title


class Update(models.Model):
    """A dated public message about how the initiative is doing. Append-only."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiatief"), on_delete=models.CASCADE, related_name="updates"
    )
    published_on = models.DateField(_("datum"))
    text = models.TextField(_("bericht"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["initiative", "-published_on", "-id"]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")

    def __str__(self) -> str:
        return f"{self.published_on}: {self.text[:60]}"


# --- crowd support ----------------------------------------------------------------------------


class NeedKind(models.TextChoices):
    MONEY = "money", _("geld")
    TIME = "time", _("tijd")
    SPACE = "space", _("ruimte")
    MATERIALS = "materials", _("spullen")


#: The unit of a money need is always euro.
MONEY_UNIT = "euro"

#: Units that initiatives often type, translated on pages in another language. Any other unit
#: is shown as typed and marked as Dutch (``lang="nl"``), so "in uur" is never read as English.
COMMON_UNITS = {
    "euro": pgettext_lazy("unit", "euro"),
    "uur": pgettext_lazy("unit", "uur"),
    "uren": pgettext_lazy("unit", "uren"),
    "avond": pgettext_lazy("unit", "avond"),
    "avonden": pgettext_lazy("unit", "avonden"),
    "dag": pgettext_lazy("unit", "dag"),
    "dagen": pgettext_lazy("unit", "dagen"),
    "keer": pgettext_lazy("unit", "keer"),
    "stuks": pgettext_lazy("unit", "stuks"),
    "liter": pgettext_lazy("unit", "liter"),
    "stoelen": pgettext_lazy("unit", "stoelen"),
    "personen": pgettext_lazy("unit", "personen"),
    "mensen": pgettext_lazy("unit", "mensen"),
    "ruimte": pgettext_lazy("unit", "ruimte"),
}


def unit_html(unit: str):
    """A need's unit for a page in the visitor's language (safe HTML)."""
    known = COMMON_UNITS.get(unit.strip().lower())
    if known is not None:
        return format_html("{}", known)
    if (get_language() or settings.LANGUAGE_CODE).split("-")[0] == settings.LANGUAGE_CODE:
        return format_html("{}", unit)
    return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, unit)


class Need(TimeStamped):
    """What an initiative asks for (Voor je Buurt): money, time, space or materials."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiatief"), on_delete=models.CASCADE, related_name="needs"
    )
    kind = models.CharField(_("soort hulp"), max_length=10, choices=NeedKind.choices)
    title = models.CharField(_("wat is er nodig?"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    quantity = models.DecimalField(
        _("hoeveel is er nodig?"),
        max_digits=10,
        decimal_places=2,
        help_text=_("Bijvoorbeeld 500 (euro), 20 (uur) of 1 (ruimte)."),
    )
    unit = models.CharField(
        _("eenheid"),
        max_length=30,
        blank=True,
        help_text=_("Bijvoorbeeld: uur, avond, stoelen. Bij geld: euro."),
    )
    is_open = models.BooleanField(
        _("open voor hulp"), default=True, help_text=_("Zet uit als er genoeg hulp is.")
    )
    is_done = models.BooleanField(_("klaar"), default=False)

    class Meta:
        ordering = ["initiative", "id"]
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")

    def __str__(self) -> str:
        return self.title

    @property
    def unit_html(self):
        return unit_html(self.unit)

    @property
    def accepts_pledges(self) -> bool:
        return self.is_open and not self.is_done and self.initiative.is_active


class Pledge(models.Model):
    """A resident's offer of help. Name and e-mail are optional and for staff only."""

    need = models.ForeignKey(
        Need, verbose_name=_("hulpvraag"), on_delete=models.CASCADE, related_name="pledges"
    )
    quantity = models.DecimalField(_("hoeveel?"), max_digits=10, decimal_places=2)
    name = models.CharField(_("uw naam"), max_length=100, blank=True)
    email = models.EmailField(_("uw e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiative_pledges",
    )
    is_fulfilled = models.BooleanField(_("nagekomen"), default=False)
    created_at = models.DateTimeField(_("toegezegd op"), auto_now_add=True)

    class Meta:
        ordering = ["need", "created_at", "id"]
        verbose_name = _("toezegging")
        verbose_name_plural = _("toezeggingen")

    def __str__(self) -> str:
        return f"{self.quantity} {self.need.unit} – {self.need.title}"
