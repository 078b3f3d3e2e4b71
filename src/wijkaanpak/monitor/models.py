"""The monitor's tables: indicator catalogue, observations, area strengths, index settings.

Observations are the bulk of the data (every CBS area x indicator x year): one narrow row
each, unique per (area, indicator, period); a national figure has no area.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wijkaanpak.core.models import TimeStamped


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher", _("hoger is beter")
    LOWER_IS_BETTER = "lower", _("lager is beter")
    NEUTRAL = "neutral", _("geen richting (beschrijvend cijfer)")


class Theme(models.TextChoices):
    """The seven themes of the wijkenaanpak (wonen, werken, leren, ... )."""

    HOUSING = "housing", _("wonen")
    WORK = "work", _("werken")
    LEARNING = "learning", _("leren en opgroeien")
    INTEGRATION = "integration", _("integreren")
    SAFETY = "safety", _("veiligheid")
    HEALTH = "health", _("gezondheid")
    LIVEABILITY = "liveability", _("leefbaarheid")
    POPULATION = "population", _("bevolking")


class Indicator(TimeStamped):
    """An entry of the indicator catalogue: what is measured, in which unit, which way is good."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name_nl = models.CharField(_("naam (Nederlands)"), max_length=200)
    name_en = models.CharField(_("naam (Engels)"), max_length=200, blank=True)
    unit = models.CharField(_("eenheid"), max_length=40)
    direction = models.CharField(_("richting"), max_length=8, choices=Direction.choices)
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices)
    source = models.CharField(_("bron"), max_length=200, blank=True)
    is_subjective = models.BooleanField(
        _("subjectief (enquête)"),
        default=False,
        help_text=_("Aan: gemeten met een enquête. Uit: geregistreerd (objectief)."),
    )
    numerator = models.CharField(
        _("teller (CBS-variabelen)"),
        max_length=200,
        blank=True,
        help_text=_(
            "Alleen voor een berekend cijfer, bijvoorbeeld a_soz_wb. "
            "Meer variabelen? Zet er + tussen."
        ),
    )
    denominator = models.CharField(
        _("noemer (CBS-variabelen)"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld a_inw. Leeg: de indicator is zelf een kolom in het bestand."),
    )
    factor = models.FloatField(
        _("vermenigvuldig met"), default=1, help_text=_("Bijvoorbeeld 1000 voor 'per 1.000'.")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    @property
    def name(self) -> str:
        if (get_language() or "nl").startswith("en") and self.name_en:
            return self.name_en
        return self.name_nl


class ValueStatus(models.TextChoices):
    """What a CBS cell said besides its number (StatLine's "verklaring van tekens")."""

    KNOWN = "ok", _("bekend")
    UNKNOWN = "unknown", _("onbekend, onbetrouwbaar of geheim")  # "."
    NOT_APPLICABLE = "n/a", _("kan niet voorkomen")  # blank
    SECRET = "secret", _("geheim")  # "x"
    PROVISIONAL = "provisional", _("voorlopig")  # "*"
    REVISED = "revised", _("nader voorlopig")  # "**"


class DataSource(models.Model):
    """Where figures come from, e.g. "CBS Kerncijfers wijken en buurten 2023"."""

    name = models.CharField(_("naam"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")

    def __str__(self) -> str:
        return self.name


class Observation(models.Model):
    """One figure: an indicator for an area (or the whole country) in a year."""

    # No separate indexes on the foreign keys: the unique (area, indicator, period) and the
    # (indicator, period) index cover every lookup, and each extra index slows a national
    # import down (measured: 2x with three more). No database foreign key constraints either
    # (db_constraint=False): checking three references per row cost a national year 1.6 s on
    # SQLite and ~12 s on PostgreSQL (deferred triggers at commit). The one write path,
    # ``services.observations_import``, locks and checks the referenced rows in bulk instead,
    # and deletes go through the ORM, which cascades in Python as before.
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("gebied"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="observations",
        help_text=_("Leeg: heel Nederland."),
        db_index=False,
        db_constraint=False,
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    period = models.PositiveSmallIntegerField(_("jaar"))
    value = models.FloatField(_("waarde"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ValueStatus.choices, default=ValueStatus.KNOWN
    )
    source = models.ForeignKey(
        DataSource,
        verbose_name=_("bron"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # a handful of sources; deleting one is rare and may scan
        db_constraint=False,
    )

    class Meta:
        verbose_name = _("waarneming")
        verbose_name_plural = _("waarnemingen")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "indicator", "period"], name="monitor_observation_unique"
            ),
            models.UniqueConstraint(
                fields=["indicator", "period"],
                condition=Q(area__isnull=True),
                name="monitor_observation_national_unique",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "period"], name="monitor_obs_ind_period")]

    def __str__(self) -> str:
        return f"{self.area_id or 'NL'} {self.indicator_id} {self.period}: {self.value}"


class AreaYear(models.Model):
    """CBS's ``ind_wbi`` of an area in a year: 1 same code and boundary as the year before,
    2 code changed, 3 boundary changed (not comparable with the year before)."""

    BOUNDARY_CHANGED = 3

    area = models.ForeignKey(
        "areas.Area", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    boundary = models.PositiveSmallIntegerField(_("indelingswijziging (ind_wbi)"), null=True)

    class Meta:
        verbose_name = _("gebied per jaar")
        verbose_name_plural = _("gebieden per jaar")
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="monitor_areayear_unique")
        ]

    def __str__(self) -> str:
        return f"{self.area_id} {self.year}: {self.boundary}"


class ObservationImport(models.Model):
    """A record of one completed import of figures."""

    filename = models.CharField(_("bestand"), max_length=255)
    file_format = models.CharField(_("formaat"), max_length=40)
    periods = models.CharField(_("jaren"), max_length=200, blank=True)
    source = models.ForeignKey(
        DataSource, verbose_name=_("bron"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(_("ingelezen op"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.PositiveIntegerField(_("nieuw"), default=0)
    updated = models.PositiveIntegerField(_("bijgewerkt"), default=0)
    unchanged = models.PositiveIntegerField(_("ongewijzigd"), default=0)
    areas_created = models.PositiveIntegerField(_("nieuwe gebieden"), default=0)
    indicators_created = models.PositiveIntegerField(_("nieuwe indicatoren"), default=0)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("import van cijfers")
        verbose_name_plural = _("imports van cijfers")

    def __str__(self) -> str:
        return f"{self.filename} ({self.imported_at:%Y-%m-%d %H:%M})"


class StrengthKind(models.TextChoices):
    """The six kinds of assets of Asset Based Community Development (ABCD)."""

    TALENT = "talent", _("talenten van bewoners")
    GROUP = "group", _("groepen en verenigingen")
    PLACE = "place", _("ontmoetingsplekken")
    TRADE = "trade", _("ondernemers en handel")
    INSTITUTION = "institution", _("instellingen")
    STORY = "story", _("verhalen")


class StrengthStatus(models.TextChoices):
    PUBLISHED = "published", _("zichtbaar")
    HIDDEN = "hidden", _("verborgen")


class Strength(TimeStamped):
    """A strength of an area (ABCD), added by a resident or a professional.

    Published at once (the author is signed in, so known); a district manager can hide it
    again with a reason: moderation afterwards, kept in ``status``/``moderated_*``.
    """

    area = models.ForeignKey(
        "areas.Area", verbose_name=_("gebied"), on_delete=models.CASCADE, related_name="strengths"
    )
    kind = models.CharField(_("soort"), max_length=12, choices=StrengthKind.choices)
    title = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("beschrijving"), max_length=1000, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegevoegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_as = models.CharField(_("toegevoegd als"), max_length=20, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StrengthStatus.choices,
        default=StrengthStatus.PUBLISHED,
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    moderation_note = models.CharField(_("reden"), max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("sterkte van de buurt")
        verbose_name_plural = _("sterkten van de buurt")
        indexes = [models.Index(fields=["area", "status"], name="monitor_strength_area")]

    def __str__(self) -> str:
        return self.title


class Scaling(models.TextChoices):
    Z_SCORE = "zscore", _("z-score: 10 punten per standaardafwijking")
    RATIO = "ratio", _("verhouding tot het stadsgemiddelde")


class IndexSettings(models.Model):
    """The configuration of the composite index (one row; see ``monitor/index.py``).

    ``members`` lists the indicators in the index:
    ``[{"code": "p_arb_pp", "domain": "sociaal", "theme": "werk", "weight": 1}, ...]``.
    Direction and objective/subjective come from the indicator itself.
    """

    base_year = models.PositiveSmallIntegerField(
        _("basisjaar"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_(
            "In dit jaar is het stadsgemiddelde 100. Leeg: het jaar met de meeste cijfers."
        ),
    )
    scaling = models.CharField(
        _("schaal"), max_length=10, choices=Scaling.choices, default=Scaling.Z_SCORE
    )
    points_per_sd = models.FloatField(
        _("punten per standaardafwijking"), default=10, validators=[MinValueValidator(0.1)]
    )
    objective_weight = models.FloatField(
        _("gewicht van de objectieve cijfers in een thema"),
        default=0.5,
        validators=[MinValueValidator(0.01), MaxValueValidator(0.99)],
        help_text=_("0,5: objectieve en subjectieve cijfers tellen even zwaar."),
    )
    theme_weights = models.JSONField(_("gewicht per thema"), default=dict, blank=True)
    members = models.JSONField(_("indicatoren in de index"), default=list, blank=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("instellingen van de index")
        verbose_name_plural = _("instellingen van de index")

    def __str__(self) -> str:
        return str(_("Instellingen van de index"))
