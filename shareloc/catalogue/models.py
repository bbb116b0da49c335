"""The catalogue's data: communes, lycées, the spaces and equipment they lend, when they lend them
(opening windows, closures, the school and public holiday calendars) and what is already booked.
The catalogue page (the public pages' Wagtail page type) is in pages.py.

Names and codes follow data/FORMATS.md (a contract): the CSV codes are stored as they are.
"""

import re

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable
from wagtail.search import index

from core.cache import bump_version, current_version
from core.dates import local
from core.text import fold

DEPARTMENTS = (
    ("02", _("Aisne (02)")),
    ("59", _("Nord (59)")),
    ("60", _("Oise (60)")),
    ("62", _("Pas-de-Calais (62)")),
    ("80", _("Somme (80)")),
)

UAI_CHECK_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def uai_check_letter(digits):
    return UAI_CHECK_LETTERS[int(digits) % 23]


def validate_uai(value):
    """A UAI is 7 digits and the check letter of FORMATS.md."""
    value = value or ""
    if len(value) != 8 or not value[:7].isdigit() or not value[7].isalpha():
        raise ValidationError(
            _("« %(value)s » n'est pas un UAI : 7 chiffres suivis d'une lettre attendus."),
            code="uai_format",
            params={"value": value},
        )
    if value[7].upper() != uai_check_letter(value[:7]):
        raise ValidationError(
            _("« %(value)s » n'est pas un UAI valide : la lettre de contrôle devrait être %(letter)s."),
            code="uai_check_letter",
            params={"value": value, "letter": uai_check_letter(value[:7])},
        )


class SpaceKind(models.TextChoices):
    CLASSROOM = "classroom", _("salle de classe")
    LECTURE_HALL = "lecture_hall", _("amphithéâtre")
    GYMNASIUM = "gymnasium", _("gymnase")
    SPORTS_FIELD = "sports_field", _("terrain de sport")
    MULTIPURPOSE_ROOM = "multipurpose_room", _("salle polyvalente")
    LIBRARY = "library", _("CDI / bibliothèque")
    LABORATORY = "laboratory", _("laboratoire")
    WORKSHOP = "workshop", _("atelier")
    KITCHEN = "kitchen", _("cuisine")
    MEETING_ROOM = "meeting_room", _("salle de réunion")
    AUDITORIUM = "auditorium", _("auditorium")
    BOARDING = "boarding", _("internat")
    PARKING = "parking", _("parking")
    OTHER = "other", _("autre")


# The order is part of the stored bit mask (Space.equipment_mask): append, never reorder.
EQUIPMENT_CHOICES = (
    ("projector", _("vidéoprojecteur")),
    ("screen", _("écran")),
    ("sound_system", _("sonorisation")),
    ("whiteboard", _("tableau blanc")),
    ("wifi", _("wifi")),
    ("computers", _("ordinateurs")),
    ("kitchen_equipment", _("équipement de cuisine")),
    ("changing_rooms", _("vestiaires")),
    ("showers", _("douches")),
    ("stage", _("scène")),
    ("piano", _("piano")),
    ("tables", _("tables")),
    ("chairs", _("chaises")),
    ("scoreboard", _("tableau d'affichage des scores")),
    ("parking", _("parking")),
)
EQUIPMENT_CODES = tuple(code for code, _label in EQUIPMENT_CHOICES)
EQUIPMENT_LABELS = dict(EQUIPMENT_CHOICES)
EQUIPMENT_BITS = {code: 1 << position for position, code in enumerate(EQUIPMENT_CODES)}


def equipment_mask(codes):
    """The bit mask of a list of equipment codes: "has all of X" is then one integer AND in SQL."""
    mask = 0
    for code in codes:
        mask |= EQUIPMENT_BITS[code]
    return mask


def validate_equipment(value):
    if not isinstance(value, list | tuple):
        raise ValidationError(_("La liste d'équipements doit être une liste de codes."), code="equipment_type")
    unknown = [code for code in value if code not in EQUIPMENT_BITS]
    if unknown:
        raise ValidationError(
            _("Équipement inconnu : %(codes)s."),
            code="equipment_unknown",
            params={"codes": ", ".join(map(str, unknown))},
        )


WEEKDAY_CHOICES = (
    ("mon", _("lundi")),
    ("tue", _("mardi")),
    ("wed", _("mercredi")),
    ("thu", _("jeudi")),
    ("fri", _("vendredi")),
    ("sat", _("samedi")),
    ("sun", _("dimanche")),
)
WEEKDAY_CODES = tuple(code for code, _label in WEEKDAY_CHOICES)  # index = date.weekday()


def weekday_mask(codes):
    """Bit i set when weekday i (Monday = 0) is in the list: "open on a Wednesday" is one AND in SQL."""
    mask = 0
    for code in codes:
        mask |= 1 << WEEKDAY_CODES.index(code)
    return mask


def validate_weekdays(value):
    if not isinstance(value, list | tuple) or not value:
        raise ValidationError(_("Indiquez au moins un jour de la semaine."), code="weekdays_empty")
    unknown = [code for code in value if code not in WEEKDAY_CODES]
    if unknown:
        raise ValidationError(
            _("Jour inconnu : %(codes)s."), code="weekdays_unknown", params={"codes": ", ".join(map(str, unknown))}
        )


class Commune(models.Model):
    """A commune of the five départements (communes_hdf.csv); its point serves the `near` filter."""

    code_insee = models.CharField(_("code INSEE"), max_length=5, primary_key=True)
    name = models.CharField(_("nom"), max_length=120)
    department = models.CharField(_("département"), max_length=3, db_index=True)
    postal_codes = models.CharField(_("codes postaux"), max_length=200, blank=True, help_text=_("Séparés par « | »."))
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    # The name as `near` compares it (commune_key): kept in step on save and by the importer.
    search_name = models.CharField(_("nom pour la recherche"), max_length=120, blank=True, editable=False)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name"]
        indexes = [models.Index(fields=["search_name"], name="shareloc_commune_search_name")]

    def __str__(self):
        return f"{self.name} ({self.code_insee})"

    def save(self, *args, **kwargs):
        self.search_name = commune_key(self.name)
        super().save(*args, **kwargs)


def commune_key(name):
    """A commune's name without accents, case, hyphens or apostrophes: « Saint-Quentin », « saint quentin »
    and « SAINT QUENTIN » are one key, « Étaples » and « etaples » another."""
    return " ".join(re.sub(r"[-'’_.]", " ", fold(name or "")).split())[:120]


class Lycee(index.Indexed, models.Model):
    """A public lycée of the Région (lycees_hdf.csv), and the people who manage its spaces."""

    uai = models.CharField(_("UAI"), max_length=8, unique=True, validators=[validate_uai])
    name = models.CharField(_("nom"), max_length=255)
    type = models.CharField(_("type"), max_length=20, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=5, blank=True)
    commune_name = models.CharField(_("commune"), max_length=120)
    code_insee = models.CharField(_("code INSEE de la commune"), max_length=5, blank=True)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune (référentiel)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lycees",
        db_constraint=False,
    )
    department = models.CharField(_("département"), max_length=3, choices=DEPARTMENTS, db_index=True)
    academie = models.CharField(_("académie"), max_length=60, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("gestionnaires"), blank=True, related_name="managed_lycees"
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("commune_name"),
        index.FilterField("department"),
        index.FilterField("uai"),
    ]

    class Meta:
        verbose_name = _("lycée")
        verbose_name_plural = _("lycées")
        ordering = ["name"]
        permissions = [("manage_all_lycees", _("Gérer les espaces de tous les lycées (équipe Shareloc de la Région)"))]

    def __str__(self):
        return f"{self.name} – {self.commune_name} ({self.uai})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Keep the copy that the spaces' search index filters on.
        self.spaces.exclude(department=self.department).update(department=self.department)

    def get_absolute_url(self):
        return f"{catalogue_path()}{self.uai}/"


class Space(index.Indexed, ClusterableModel):
    """A room or ground that a lycée lends (spaces.csv). Key: (lycée, code)."""

    lycee = models.ForeignKey(Lycee, verbose_name=_("lycée"), on_delete=models.CASCADE, related_name="spaces")
    code = models.CharField(_("code"), max_length=30, help_text=_("Unique dans le lycée : GYM1, AMPHI, S101…"))
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type d'espace"), max_length=30, choices=SpaceKind.choices, db_index=True)
    capacity = models.PositiveIntegerField(_("capacité (personnes)"), validators=[MinValueValidator(1)])
    area_m2 = models.PositiveIntegerField(_("surface (m²)"), null=True, blank=True)
    accessible = models.BooleanField(_("accessible aux personnes à mobilité réduite"), default=False)
    equipment = models.JSONField(_("équipements"), default=list, blank=True, validators=[validate_equipment])
    # Derived from `equipment` on save (and by the importer): the "all of" filter is one integer AND.
    equipment_mask = models.PositiveBigIntegerField(default=0, editable=False, db_index=True)
    hourly_rate_eur = models.DecimalField(
        _("tarif horaire (€)"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("0 : gratuit."),
    )
    description = models.TextField(_("description et conditions d'accès"), blank=True)
    # Booking rules set by the lycée's manager, applied to every request (shareloc/bookings/rules.py).
    auto_confirm = models.BooleanField(
        _("confirmer automatiquement si libre"),
        default=False,
        help_text=_("Une demande dont les dates sont libres devient une réservation confirmée, sans décision."),
    )
    min_notice_days = models.PositiveSmallIntegerField(
        _("délai minimal (jours)"),
        default=0,
        help_text=_("Nombre de jours au moins entre la demande et la première date ; 0 : aucun délai."),
    )
    horizon_days = models.PositiveSmallIntegerField(
        _("ouverture des réservations (jours à l'avance)"),
        null=True,
        blank=True,
        help_text=_("Une date ne peut être demandée que dans ce nombre de jours ; vide : sans limite."),
    )
    max_hours_per_month = models.PositiveSmallIntegerField(
        _("heures au plus par association et par mois"),
        null=True,
        blank=True,
        help_text=_("Demandes en attente et dates confirmées comptées ; vide : sans limite."),
    )
    # Copied from the lycée (see Lycee.save and the importer): a search FilterField must be a column here.
    department = models.CharField(_("département"), max_length=3, editable=False, db_index=True, default="")

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.RelatedFields("lycee", [index.SearchField("name"), index.SearchField("commune_name")]),
        index.FilterField("kind"),
        index.FilterField("department"),
        index.FilterField("accessible"),
        index.FilterField("capacity"),
    ]

    class Meta:
        verbose_name = _("espace")
        verbose_name_plural = _("espaces")
        ordering = ["lycee__name", "code"]
        constraints = [
            models.UniqueConstraint(fields=["lycee", "code"], name="shareloc_space_unique_code_per_lycee"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="shareloc_space_capacity_positive"),
            models.CheckConstraint(condition=Q(hourly_rate_eur__gte=0), name="shareloc_space_rate_not_negative"),
        ]
        indexes = [
            # The catalogue's usual query: a département and a kind, in catalogue order, LIMIT 20.
            models.Index(fields=["department", "kind", "lycee", "code"], name="shareloc_space_catalogue"),
        ]

    def __str__(self):
        return f"{self.name} – {self.lycee.name if self.lycee_id else '?'}"

    @property
    def public_id(self):
        """The id of FORMATS.md's API: "<uai>/<code>"."""
        return f"{self.lycee.uai}/{self.code}"

    @property
    def is_free_of_charge(self):
        return self.hourly_rate_eur == 0

    def equipment_labels(self):
        return [EQUIPMENT_LABELS.get(code, code) for code in self.equipment]

    def get_absolute_url(self):
        return f"{catalogue_path()}{self.lycee.uai}/{self.code}/"

    def save(self, *args, **kwargs):
        self.equipment_mask = equipment_mask(code for code in self.equipment if code in EQUIPMENT_BITS)
        if self.lycee_id:
            self.department = self.lycee.department
        super().save(*args, **kwargs)


class SpacePhoto(Orderable):
    """A photo of a space, from Wagtail's image library."""

    space = ParentalKey(Space, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("légende"), max_length=250, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("photo d'un espace")
        verbose_name_plural = _("photos d'espaces")

    def __str__(self):
        return self.caption or str(self.image)


class LendableEquipment(models.Model):
    """Items a lycée lends, not rooms (equipment.csv). Key: (lycée, code)."""

    lycee = models.ForeignKey(
        Lycee, verbose_name=_("lycée"), on_delete=models.CASCADE, related_name="lendable_equipment"
    )
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("nom"), max_length=200)
    category = models.CharField(_("catégorie"), max_length=60, blank=True)
    quantity = models.PositiveIntegerField(_("quantité en stock"), validators=[MinValueValidator(1)])
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("matériel prêté")
        verbose_name_plural = _("matériels prêtés")
        ordering = ["lycee__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["lycee", "code"], name="shareloc_equipment_unique_code_per_lycee"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="shareloc_equipment_quantity_positive"),
        ]

    def __str__(self):
        return f"{self.name} ×{self.quantity} – {self.lycee.uai if self.lycee_id else '?'}"


class WindowPeriod(models.TextChoices):
    ALWAYS = "always", _("toute l'année")
    TERM = "term", _("hors vacances scolaires")
    HOLIDAYS = "holidays", _("pendant les vacances scolaires")


class OpeningWindow(models.Model):
    """When a space may be lent (windows.csv): some weekdays, a time span within a day, a period."""

    space = models.ForeignKey(Space, verbose_name=_("espace"), on_delete=models.CASCADE, related_name="windows")
    weekdays = models.JSONField(
        _("jours"), validators=[validate_weekdays], help_text=_("Codes : mon, tue, wed, thu, fri, sat, sun.")
    )
    # Derived from `weekdays` on save (and by the importer), for the availability filter in SQL.
    weekday_mask = models.PositiveSmallIntegerField(default=0, editable=False)
    start = models.TimeField(_("début"))
    end = models.TimeField(_("fin"))
    period = models.CharField(_("période"), max_length=10, choices=WindowPeriod.choices, default=WindowPeriod.ALWAYS)

    class Meta:
        verbose_name = _("créneau d'ouverture")
        verbose_name_plural = _("créneaux d'ouverture")
        ordering = ["space", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="shareloc_window_start_before_end"),
        ]
        indexes = [
            # Covering for the catalogue's "open on that day and time" sub-query.
            models.Index(fields=["space", "period", "start", "end", "weekday_mask"], name="shareloc_window_lookup"),
        ]

    def __str__(self):
        days = ", ".join(str(dict(WEEKDAY_CHOICES).get(code, code)) for code in self.weekdays or [])
        return f"{days} {self.start:%H:%M}–{self.end:%H:%M} ({self.get_period_display()})"

    def save(self, *args, **kwargs):
        self.weekday_mask = weekday_mask(code for code in self.weekdays or [] if code in WEEKDAY_CODES)
        super().save(*args, **kwargs)

    def clean(self):
        if self.start and self.end and self.start >= self.end:
            raise ValidationError({"end": _("La fin doit être après le début, le même jour.")})


class Closure(models.Model):
    """Dates when nothing can be lent (closures.csv): one space, or the whole lycée when space is empty."""

    lycee = models.ForeignKey(Lycee, verbose_name=_("lycée"), on_delete=models.CASCADE, related_name="closures")
    space = models.ForeignKey(
        Space,
        verbose_name=_("espace"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="closures",
        help_text=_("Vide : tout le lycée est fermé."),
    )
    start_date = models.DateField(_("premier jour"))
    end_date = models.DateField(_("dernier jour"))
    reason = models.CharField(_("motif"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("fermeture")
        verbose_name_plural = _("fermetures")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(start_date__lte=F("end_date")), name="shareloc_closure_dates_in_order"),
            models.UniqueConstraint(
                fields=["space", "start_date", "end_date"],
                condition=Q(space__isnull=False),
                name="shareloc_closure_unique_space_dates",
            ),
            models.UniqueConstraint(
                fields=["lycee", "start_date", "end_date"],
                condition=Q(space__isnull=True),
                name="shareloc_closure_unique_lycee_dates",
            ),
        ]

    def __str__(self):
        target = self.space.name if self.space_id else _("tout le lycée")
        return f"{target} : {self.start_date:%d/%m/%Y} – {self.end_date:%d/%m/%Y}"

    def space_code(self):
        """The space's code, empty for a closure of the whole lycée (the admin's export column)."""
        return self.space.code if self.space_id else ""

    space_code.short_description = _("code de l'espace")

    def clean(self):
        if self.start_date and self.end_date and self.start_date > self.end_date:
            raise ValidationError({"end_date": _("Le dernier jour ne peut pas précéder le premier.")})
        if self.space_id and self.lycee_id and self.space.lycee_id != self.lycee_id:
            raise ValidationError({"space": _("Cet espace n'appartient pas à ce lycée.")})


class SchoolHolidayDay(models.Model):
    """A school-holiday day of the configured zone (CalendarSettings, zone B by default), loaded from
    vacances-scolaires-france and correctable by an administrator."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("vacances"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("jour de vacances scolaires")
        verbose_name_plural = _("jours de vacances scolaires")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}".strip()


@register_setting(icon="date")
class CalendarSettings(BaseGenericSetting):
    """Which school-holiday zone the lycées follow (sync_calendars copies that zone's days)."""

    ZONES = [("A", _("zone A")), ("B", _("zone B")), ("C", _("zone C"))]

    school_zone = models.CharField(
        _("zone de vacances scolaires"),
        max_length=1,
        choices=ZONES,
        default="B",
        help_text=_(
            "La zone des académies de la collectivité (zone B : Lille et Amiens). Après un changement, "
            "supprimez les jours de vacances scolaires déjà copiés puis lancez « manage.py sync_calendars »."
        ),
    )

    class Meta:
        verbose_name = _("calendriers Shareloc")
        verbose_name_plural = _("calendriers Shareloc")

    def __str__(self):
        return str(self._meta.verbose_name)


class PublicHoliday(models.Model):
    """A public holiday of metropolitan France, loaded from holidays.France() and correctable."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("nom"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("jour férié")
        verbose_name_plural = _("jours fériés")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}".strip()


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmée")
    PENDING = "pending", _("en attente")
    CANCELLED = "cancelled", _("annulée")


class BookingSource(models.TextChoices):
    IMPORT = "import", _("import (bookings.csv)")
    ADMIN = "admin", _("saisie par un gestionnaire")
    REQUEST = "request", _("demande de réservation")


class Booking(models.Model):
    """One occupation [start, end) of a space. Only confirmed ones make a space unavailable.

    A booking request (shareloc/bookings) creates one Booking per requested date (source="request", linked
    from its RequestDate); on PostgreSQL an exclusion constraint over (space, tstzrange(start, end))
    where status='confirmed' guarantees no double booking.
    """

    # PROTECT: deleting a space never takes its bookings with it (admin_views.KeepsBookingsDeleteMixin).
    space = models.ForeignKey(Space, verbose_name=_("espace"), on_delete=models.PROTECT, related_name="bookings")
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    organisation = models.CharField(_("organisation"), max_length=255)
    status = models.CharField(_("statut"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.PENDING)
    source = models.CharField(_("origine"), max_length=10, choices=BookingSource.choices, default=BookingSource.ADMIN)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("réservation")
        verbose_name_plural = _("réservations")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="shareloc_booking_start_before_end"),
        ]
        indexes = [
            # Covering: "is this space booked over that slot" is answered from the index alone.
            models.Index(fields=["space", "status", "start", "end"], name="shareloc_booking_space_slot"),
            models.Index(fields=["status", "start", "end"], name="shareloc_booking_status_time"),
        ]

    def __str__(self):
        # Paris time, as people read it (stored in UTC): an 18:00 booking reads 18:00, never 17:00.
        start, end = local(self.start), local(self.end)
        return f"{self.organisation} – {start:%d/%m/%Y %H:%M}–{end:%H:%M} ({self.get_status_display()})"

    def clean(self):
        if self.start and self.end and self.start >= self.end:
            raise ValidationError({"end": _("La fin doit être après le début.")})
        if self.status == BookingStatus.CONFIRMED and self.space_id and self.start and self.end:
            # A clear message for a person; the database's own guarantee is migration 0004's constraint.
            clash = (
                Booking.objects.filter(
                    space_id=self.space_id, status=BookingStatus.CONFIRMED, start__lt=self.end, end__gt=self.start
                )
                .exclude(pk=self.pk)
                .first()
            )
            if clash is not None:
                raise ValidationError(
                    _("Ce créneau chevauche une réservation confirmée de cet espace : %(other)s.") % {"other": clash}
                )


DEFAULT_CATALOGUE_PATH = "/shareloc/"
CATALOGUE_PATH_VERSION_KEY = "shareloc:catalogue-path:version"
CATALOGUE_PATH_TTL = 3600


def catalogue_path():
    """The catalogue page's path ("/shareloc/"), kept in Django's shared cache under a version that
    `forget_catalogue_path` bumps (apps.py connects it to a catalogue page published, moved or deleted):
    a change made by any process (a worker, the shell, cron) is seen by every other at its next request.

    The page type is reached through the app registry: its module (pages.py) imports the public views,
    which import this module."""
    version = current_version(CATALOGUE_PATH_VERSION_KEY)
    key = f"shareloc:catalogue-path:{version}"
    path = cache.get(key)
    if path is None:
        page_model = apps.get_model("shareloc", "SharelocCataloguePage")
        page = page_model.objects.live().order_by("path").first()
        url = page.get_url() if page is not None else None
        path = url if url and url.startswith("/") else DEFAULT_CATALOGUE_PATH
        cache.set(key, path, CATALOGUE_PATH_TTL)
    return path


def forget_catalogue_path(**kwargs):
    bump_version(CATALOGUE_PATH_VERSION_KEY)
