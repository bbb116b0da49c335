"""The bookings' data: associations and their members, booking requests (one slot or a weekly series),
the dates they ask for (each one a catalogue Booking, so the availability rule sees it), the equipment
they borrow, every change of state, and the secret tokens of the iCal feeds.

The states and their transitions are written once, as data, in shareloc/bookings/workflow.py.
"""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from core.dates import local
from core.storage import private_storage
from core.uploads import check_upload

from ..catalogue.models import Booking, LendableEquipment, Lycee, Space

INSURANCE_MAX_BYTES = 5 * 1024 * 1024
INSURANCE_EXTENSIONS = ("pdf", "jpg", "jpeg", "png")


def insurance_upload_to(instance, filename):
    # An unguessable name: the certificate is served only through a permission-checked view.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"shareloc/assurances/{uuid.uuid4().hex}.{extension}"


def validate_insurance_certificate(file):
    """A new upload goes through the site's one upload check (kind, size, first bytes). A stored
    certificate was checked when it came in: `_committed` is how Django's FileField tells them apart."""
    if not getattr(file, "_committed", True):
        check_upload(file, INSURANCE_EXTENSIONS, INSURANCE_MAX_BYTES)


class Association(models.Model):
    """An association that borrows spaces; its members share its requests."""

    name = models.CharField(_("nom"), max_length=255)
    rna = models.CharField(
        _("numéro RNA"),
        max_length=10,
        blank=True,
        help_text=_("W suivi de 9 chiffres (répertoire national des associations)."),
    )
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    contact_name = models.CharField(_("personne à contacter"), max_length=200)
    contact_email = models.EmailField(_("courriel de contact"))
    contact_phone = models.CharField(_("téléphone de contact"), max_length=30, blank=True)
    insurance_certificate = models.FileField(
        _("attestation d'assurance"),
        upload_to=insurance_upload_to,
        blank=True,
        storage=private_storage,
        validators=[validate_insurance_certificate],
        help_text=_("PDF, JPEG ou PNG, 5 Mo au plus."),
    )
    insurance_expires_on = models.DateField(_("assurance valable jusqu'au"), null=True, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    # A sign-up whose e-mail address is not confirmed yet holds no RNA or SIRET (associations.py).
    email_confirmed = models.BooleanField(_("inscription confirmée"), default=True)

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(rna="") | ~Q(siret=""), name="shareloc_association_rna_or_siret"),
            models.UniqueConstraint(
                fields=["rna"], condition=~Q(rna="") & Q(email_confirmed=True), name="shareloc_association_unique_rna"
            ),
            models.UniqueConstraint(
                fields=["siret"],
                condition=~Q(siret="") & Q(email_confirmed=True),
                name="shareloc_association_unique_siret",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def identifier(self):
        return self.rna or self.siret

    def insurance_problem(self, on_day):
        """None when the insurance is valid on `on_day`, otherwise a French sentence for the manager."""
        if not self.insurance_certificate:
            return _("L'association n'a pas déposé d'attestation d'assurance.")
        if self.insurance_expires_on is None:
            return _("La date de fin de validité de l'assurance n'est pas renseignée.")
        if self.insurance_expires_on < on_day:
            return _("L'attestation d'assurance a expiré le %(day)s.") % {
                "day": self.insurance_expires_on.strftime("%d/%m/%Y")
            }
        return None


class AssociationMember(models.Model):
    """A person who acts for an association (one association per account)."""

    association = models.ForeignKey(
        Association, verbose_name=_("association"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("compte"), on_delete=models.CASCADE, related_name="shareloc_membership"
    )
    joined_at = models.DateTimeField(_("membre depuis"), auto_now_add=True)

    class Meta:
        verbose_name = _("membre d'une association")
        verbose_name_plural = _("membres d'associations")

    def __str__(self):
        return f"{self.user} – {self.association}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("en attente")
    APPROVED = "approved", _("acceptée")
    DECLINED = "declined", _("refusée")
    CANCELLED = "cancelled", _("annulée")
    EXPIRED = "expired", _("expirée")


class DateStatus(models.TextChoices):
    PENDING = "pending", _("en attente")
    CONFIRMED = "confirmed", _("confirmée")
    DECLINED = "declined", _("refusée")
    CANCELLED = "cancelled", _("annulée")
    EXPIRED = "expired", _("expirée")


class BookingRequestQuerySet(models.QuerySet):
    def with_details(self):
        """With everything a request's page or the API shows: space, lycée, association, dates with their
        bookings, equipment and history, in a constant number of queries."""
        return self.select_related("space__lycee", "association", "replaces__booking__space").prefetch_related(
            Prefetch("dates", queryset=RequestDate.objects.select_related("booking").order_by("booking__start")),
            "equipment_lines__equipment",
            Prefetch("history", queryset=StatusChange.objects.select_related("actor", "request_date__booking")),
        )


class BookingRequest(models.Model):
    """An association's request for one slot, or the same slot every week between two dates."""

    association = models.ForeignKey(
        Association, verbose_name=_("association"), on_delete=models.PROTECT, related_name="requests"
    )
    space = models.ForeignKey(Space, verbose_name=_("espace"), on_delete=models.PROTECT, related_name="requests")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandée par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="shareloc_requests",
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING, db_index=True
    )
    attendees = models.PositiveIntegerField(_("nombre de personnes"), validators=[MinValueValidator(1)])
    purpose = models.TextField(_("objet"))
    repeat_weekly_until = models.DateField(_("chaque semaine jusqu'au"), null=True, blank=True)
    first_start = models.DateTimeField(_("première date"), db_index=True)
    # Copied at submission, so that a decision names who asked; anonymised 12 months after a refusal.
    contact_name = models.CharField(_("contact"), max_length=200, blank=True)
    contact_email = models.EmailField(_("courriel du contact"), blank=True)
    contact_phone = models.CharField(_("téléphone du contact"), max_length=30, blank=True)
    anonymised_at = models.DateTimeField(_("anonymisée le"), null=True, blank=True)
    idempotency_key = models.CharField(_("clé d'idempotence"), max_length=64, blank=True, editable=False)
    decline_reason = models.TextField(_("motif du refus"), blank=True)
    # A change of a confirmed date (time or space): once this request is approved, that date is
    # cancelled and this one confirmed, in one transaction (workflow.request_change, workflow.approve).
    replaces = models.ForeignKey(
        "RequestDate",
        verbose_name=_("remplace la date"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replacements",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = BookingRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("demande de réservation")
        verbose_name_plural = _("demandes de réservation")
        ordering = ["created_at"]
        constraints = [
            # The same form sent twice (double click, retry) finds the first request.
            models.UniqueConstraint(
                fields=["association", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="shareloc_request_unique_idempotency_key",
            ),
            models.CheckConstraint(condition=Q(attendees__gte=1), name="shareloc_request_attendees_positive"),
        ]
        permissions = [("view_shareloc_dashboard", _("Voir le tableau de bord Shareloc de la Région"))]

    def __str__(self):
        return f"{self.association} – {self.space} ({self.get_status_display()})"


class RequestDate(models.Model):
    """One date of a request. Its Booking (the catalogue's model) is pending, confirmed or cancelled with it,
    so the availability rule and the no-overlap constraint see confirmed dates like any booking."""

    request = models.ForeignKey(
        BookingRequest, verbose_name=_("demande"), on_delete=models.CASCADE, related_name="dates"
    )
    booking = models.OneToOneField(
        Booking, verbose_name=_("réservation"), on_delete=models.CASCADE, related_name="request_date"
    )
    status = models.CharField(_("statut"), max_length=10, choices=DateStatus.choices, default=DateStatus.PENDING)
    # Why the date was not available when asked for (a shareloc.catalogue.availability.Reason), empty when it was.
    unavailable_reason = models.CharField(_("indisponibilité à la demande"), max_length=20, blank=True)
    reminder_sent_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("date demandée")
        verbose_name_plural = _("dates demandées")
        ordering = ["booking__start"]

    def __str__(self):
        return f"{local(self.booking.start):%d/%m/%Y %H:%M} ({self.get_status_display()})"


class RequestEquipment(models.Model):
    """Lendable equipment asked for with a request, for each of its dates."""

    request = models.ForeignKey(
        BookingRequest, verbose_name=_("demande"), on_delete=models.CASCADE, related_name="equipment_lines"
    )
    equipment = models.ForeignKey(
        LendableEquipment, verbose_name=_("matériel"), on_delete=models.PROTECT, related_name="request_lines"
    )
    quantity = models.PositiveIntegerField(_("quantité"), validators=[MinValueValidator(1)])
    # The manager approved the space without this equipment (it was not available): it is not lent,
    # and does not count against the stock.
    left_out = models.BooleanField(_("non prêté"), default=False)

    class Meta:
        verbose_name = _("matériel demandé")
        verbose_name_plural = _("matériels demandés")
        constraints = [
            models.UniqueConstraint(fields=["request", "equipment"], name="shareloc_request_equipment_once"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="shareloc_request_equipment_positive"),
        ]

    def __str__(self):
        return f"{self.equipment.name} ×{self.quantity}"


class StatusChange(models.Model):
    """Who changed what, when, from which state to which, and why: shown to both sides."""

    request = models.ForeignKey(
        BookingRequest, verbose_name=_("demande"), on_delete=models.CASCADE, related_name="history"
    )
    request_date = models.ForeignKey(
        RequestDate, verbose_name=_("date"), null=True, blank=True, on_delete=models.CASCADE, related_name="history"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("le"), auto_now_add=True)
    from_status = models.CharField(_("de"), max_length=10, blank=True)
    to_status = models.CharField(_("à"), max_length=10)
    reason = models.TextField(_("motif"), blank=True)

    class Meta:
        verbose_name = _("changement d'état")
        verbose_name_plural = _("changements d'état")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{local(self.at):%d/%m/%Y %H:%M} {self.from_label} → {self.to_label}"

    @staticmethod
    def label(status):
        labels = dict(DateStatus.choices) | dict(RequestStatus.choices)
        return labels.get(status, status) if status else "—"

    @property
    def from_label(self):
        return self.label(self.from_status)

    @property
    def to_label(self):
        return self.label(self.to_status)


class IcalFeedKind(models.TextChoices):
    ASSOCIATION = "association", _("association")
    LYCEE = "lycee", _("lycée")
    SPACE = "space", _("espace")


def new_ical_token():
    return secrets.token_urlsafe(32)


class IcalToken(models.Model):
    """The secret in an iCal feed's address; revoking it closes the feed at once."""

    token = models.CharField(_("jeton"), max_length=64, unique=True, default=new_ical_token, editable=False)
    kind = models.CharField(_("flux"), max_length=12, choices=IcalFeedKind.choices)
    association = models.ForeignKey(
        Association,
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="ical_tokens",
    )
    lycee = models.ForeignKey(
        Lycee, verbose_name=_("lycée"), null=True, blank=True, on_delete=models.CASCADE, related_name="ical_tokens"
    )
    space = models.ForeignKey(
        Space, verbose_name=_("espace"), null=True, blank=True, on_delete=models.CASCADE, related_name="ical_tokens"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("créé par"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    class Meta:
        verbose_name = _("jeton de calendrier iCal")
        verbose_name_plural = _("jetons de calendrier iCal")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="association", association__isnull=False, lycee__isnull=True, space__isnull=True)
                    | Q(kind="lycee", lycee__isnull=False, association__isnull=True, space__isnull=True)
                    | Q(kind="space", space__isnull=False, association__isnull=True, lycee__isnull=True)
                ),
                name="shareloc_ical_token_one_target",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} : {self.association or self.lycee or self.space}"

    @property
    def target(self):
        return self.association or self.lycee or self.space


def invitation_token():
    return secrets.token_urlsafe(32)


class AssociationInvitation(models.Model):
    """A member's invitation to another person to join the association (shareloc/bookings/members.py):
    a secret link sent by e-mail, valid until `expires_at`, used once."""

    association = models.ForeignKey(
        Association, verbose_name=_("association"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("adresse invitée"))
    token = models.CharField(_("jeton"), max_length=64, unique=True, default=invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invitée par"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valable jusqu'au"))
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acceptée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation à rejoindre une association")
        verbose_name_plural = _("invitations à rejoindre une association")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.association}"
