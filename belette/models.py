"""La Belette's data: the organisation chart, the staff, the schemes and who handles them, the synonym
sets that the search expands, the history of changes and the corrections that staff propose."""

import uuid

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.links import validate_link


class TrackedFieldsMixin:
    """Keeps the values loaded from the database, so that an edit can be written to the history as
    a field-by-field difference (see belette/history.py)."""

    tracked_fields = ()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_values = {name: getattr(instance, name) for name in cls.tracked_fields if name in field_names}
        return instance

    def tracked_snapshot(self):
        return {name: _plain(getattr(self, name)) for name in self.tracked_fields}


def _plain(value):
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, (list, tuple)):
        return list(value)
    return value


class Unit(TrackedFieldsMixin, models.Model):
    class Kind(models.TextChoices):
        DGS = "dgs", _("Direction générale")
        POLE = "pole", _("Pôle")
        DIRECTION = "direction", _("Direction")
        SERVICE = "service", _("Service")
        UNIT = "unit", _("Unité")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("nom"), max_length=255)
    acronym = models.CharField(_("sigle"), max_length=40, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("rattachement"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    email = models.EmailField(_("boîte partagée"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    site = models.CharField(_("site"), max_length=120, blank=True)
    head = models.ForeignKey(
        "Agent",
        verbose_name=_("responsable"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("La personne à la tête de l'unité (organigramme)."),
    )
    referents = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("référents de l'unité"),
        blank=True,
        related_name="belette_units",
        help_text=_(
            "Les personnes qui tiennent à jour les fiches de l'unité, et des unités rattachées qui n'ont pas "
            "de référent : elles reçoivent chaque mois la liste des fiches non mises à jour depuis 12 mois."
        ),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True, db_index=True)

    tracked_fields = ("name", "acronym", "parent_id", "kind", "email", "phone", "site", "head_id")

    class Meta:
        verbose_name = _("unité")
        verbose_name_plural = _("unités")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("belette:unit", args=[self.code])

    @property
    def search_kind(self):
        return "unit"

    @property
    def key(self):
        return self.code


class Agent(TrackedFieldsMixin, models.Model):
    hr_id = models.CharField(_("matricule"), max_length=40, unique=True)
    first_name = models.CharField(_("prénom"), max_length=120)
    last_name = models.CharField(_("nom"), max_length=120)
    title = models.CharField(_("fonction"), max_length=255, blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("unité"), on_delete=models.PROTECT, related_name="agents")
    email = models.EmailField(_("courriel"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    site = models.CharField(_("site"), max_length=120, blank=True)
    topics = models.JSONField(
        _("sujets"), default=list, blank=True, help_text=_("Mots-clés des sujets que l'agent traite.")
    )
    backup = models.ForeignKey(
        "self",
        verbose_name=_("suppléant·e"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="backed_up",
    )
    active = models.BooleanField(_("en poste"), default=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True, db_index=True)
    confirmation_requested_at = models.DateTimeField(
        _("confirmation demandée le"), null=True, blank=True, editable=False
    )

    tracked_fields = (
        "first_name",
        "last_name",
        "title",
        "unit_id",
        "email",
        "phone",
        "site",
        "topics",
        "backup_id",
        "active",
    )

    class Meta:
        verbose_name = _("agent")
        verbose_name_plural = _("agents")
        ordering = ["last_name", "first_name"]
        permissions = [
            ("view_directory", _("Consulter l'annuaire La Belette")),
            ("review_proposals", _("Traiter les signalements d'erreur de La Belette")),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("belette:agent", args=[self.hr_id])

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def search_kind(self):
        return "agent"

    @property
    def key(self):
        return self.hr_id


class Dispositif(TrackedFieldsMixin, models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("nom"), max_length=255)
    aliases = models.JSONField(_("autres noms et sigles"), default=list, blank=True)
    summary = models.TextField(_("résumé"), blank=True)
    audience = models.JSONField(_("public"), default=list, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unité responsable"), on_delete=models.PROTECT, related_name="dispositifs"
    )
    contacts = models.ManyToManyField(Agent, verbose_name=_("contacts"), blank=True, related_name="dispositifs")
    portal_url = models.URLField(_("page publique"), max_length=500, blank=True, validators=[validate_link])
    # A plain reference to the portal's aid page (home app), when there is one: no import of home's models.
    portal_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page du portail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True, db_index=True)

    tracked_fields = ("name", "aliases", "summary", "audience", "unit_id", "portal_url", "portal_page_id")

    class Meta:
        verbose_name = _("dispositif")
        verbose_name_plural = _("dispositifs")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("belette:dispositif", args=[self.code])

    @property
    def search_kind(self):
        return "dispositif"

    @property
    def key(self):
        return self.code


class ChangeRecord(models.Model):
    """Who changed what, when, on a unit, an agent or a dispositif."""

    class Action(models.TextChoices):
        CREATED = "created", _("création")
        UPDATED = "updated", _("modification")
        DEACTIVATED = "deactivated", _("désactivation")
        CONFIRMED = "confirmed", _("fiche confirmée")
        DELETED = "deleted", _("suppression")

    class Source(models.TextChoices):
        IMPORT = "import", _("import CSV")
        ADMIN = "admin", _("administration")
        PROPOSAL = "proposal", _("signalement accepté")
        SELF = "self", _("l'agent lui-même")

    target_kind = models.CharField(_("type d'entrée"), max_length=20)
    target_key = models.CharField(_("identifiant"), max_length=40)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    changes = models.JSONField(_("changements"), default=dict, blank=True)
    source = models.CharField(_("origine"), max_length=20, choices=Source.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("le"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("changement")
        verbose_name_plural = _("historique des changements")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_kind", "target_key"])]

    def __str__(self):
        return f"{self.get_action_display()} {self.target_kind} {self.target_key}"

    def labelled_changes(self):
        """[(French label, old, new)] of the changes: the field's verbose name, never its code name."""
        model = {"agent": Agent, "unit": Unit, "dispositif": Dispositif}.get(self.target_kind)
        rows = []
        for name, values in (self.changes or {}).items():
            label = name
            if model is not None:
                try:
                    label = str(model._meta.get_field(name.removesuffix("_id")).verbose_name)
                except FieldDoesNotExist:
                    pass
            old, new = (list(values) + [None, None])[:2] if isinstance(values, (list, tuple)) else (None, values)
            rows.append((label, _shown(old), _shown(new)))
        return rows


def _shown(value):
    if value is None or value == "" or value == []:
        return "—"
    if value is True:
        return "oui"
    if value is False:
        return "non"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


class CorrectionProposal(models.Model):
    """An error that a staff member reports on an entry; a Belette référent accepts or rejects it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("à traiter")
        ACCEPTED = "accepted", _("corrigé")
        REJECTED = "rejected", _("refusé")

    target_kind = models.CharField(_("type d'entrée"), max_length=20)
    target_key = models.CharField(_("identifiant"), max_length=40)
    target_label = models.CharField(_("entrée"), max_length=255)
    message = models.TextField(_("correction proposée"))
    proposed_values = models.JSONField(
        _("valeurs proposées"), default=dict, blank=True, help_text=_("Champ → nouvelle valeur, proposée par l'auteur.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposé par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="belette_proposals",
    )
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("traité par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_note = models.TextField(_("réponse"), blank=True)
    created_at = models.DateTimeField(_("proposé le"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("traité le"), null=True, blank=True)

    class Meta:
        verbose_name = _("signalement d'erreur")
        verbose_name_plural = _("signalements d'erreur")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.target_label} – {self.get_status_display()}"


class ReferentReminder(models.Model):
    """A unit's référent was sent the list of the unit's entries not updated for 12 months: who, when,
    how many entries (shown in the 12-month report)."""

    unit = models.ForeignKey(Unit, verbose_name=_("unité"), on_delete=models.CASCADE, related_name="reminders")
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("référent"), on_delete=models.CASCADE, related_name="+"
    )
    entries = models.PositiveIntegerField(_("fiches à revoir"))
    sent_at = models.DateTimeField(_("relancé le"), db_index=True)

    class Meta:
        verbose_name = _("relance d'un référent d'unité")
        verbose_name_plural = _("relances des référents d'unité")
        ordering = ["-sent_at", "pk"]

    def __str__(self):
        return f"{self.unit} – {self.referent} – {self.sent_at:%d/%m/%Y}"


class IndexState(models.Model):
    """A token that changes whenever the directory changes: each process compares it with the token of
    its in-memory search index and rebuilds that index when they differ (one indexed read per search)."""

    name = models.CharField(max_length=40, unique=True)
    token = models.CharField(max_length=32, default="")

    class Meta:
        verbose_name = _("état de l'index")
        verbose_name_plural = _("états de l'index")

    def __str__(self):
        return f"{self.name}: {self.token}"

    @classmethod
    def bump(cls, name="directory"):
        token = uuid.uuid4().hex
        updated = cls.objects.filter(name=name).update(token=token)
        if not updated:
            cls.objects.get_or_create(name=name, defaults={"token": token})
        return token

    @classmethod
    def current(cls, name="directory"):
        return cls.objects.filter(name=name).values_list("token", flat=True).first() or ""
