"""Jury sessions, their decisions on projects, and the dated project reviews the decisions open."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from .editions import Edition


class Track(models.TextChoices):
    """A decision jury's follow-up for a project."""

    TERRITORY_STARTUP = "territory_startup", _("Startup de territoire")
    INTERNAL_STARTUP = "internal_startup", _("Startup interne")
    INTERNAL_INCUBATOR = "internal_incubator", _("Incubateur interne")
    EXTENDED_INVESTIGATION = "extended_investigation", _("Investigation prolongée")
    CLASSIC_PROJECT = "classic_project", _("Mode projet classique")
    STOP = "stop", _("Arrêt")


class JurySession(models.Model):
    class Kind(models.TextChoices):
        SELECTION = "selection", _("Jury de sélection")
        DECISION = "decision", _("Jury de décision")

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="jury_sessions", verbose_name=_("édition")
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.DECISION)
    date = models.DateField(_("date"))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="programme_juries", verbose_name=_("membres")
    )
    quorum = models.PositiveSmallIntegerField(
        _("quorum"), default=3, help_text=_("Nombre de membres présents nécessaire pour publier.")
    )
    present = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="programme_juries_attended",
        verbose_name=_("membres présents"),
        help_text=_("Cochés par l'équipe dans l'espace du programme, le jour du jury."),
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("publiée par"),
    )

    panels = [
        FieldPanel("edition"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("members"),
        FieldPanel("quorum"),
    ]

    class Meta:
        ordering = ["-date"]
        verbose_name = _("session de jury")
        verbose_name_plural = _("sessions de jury")

    def __str__(self):
        return f"{self.get_kind_display()} du {self.date:%d/%m/%Y}"

    def save(self, *args, **kwargs):
        # A published session is the record of what was decided: nothing about it changes any more.
        if self.pk and JurySession.objects.filter(pk=self.pk, published_at__isnull=False).exists():
            raise ValidationError(_("Cette session est publiée : elle ne se modifie plus."))
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.published_at is not None

    def refuse_if_published(self):
        """Read from the database: a session published since this object was loaded is frozen too."""
        if JurySession.objects.filter(pk=self.pk, published_at__isnull=False).exists():
            raise ValidationError(_("Cette session est publiée : ses décisions ne changent plus."))


class JuryDecisionQuerySet(models.QuerySet):
    def active(self):
        """Not withdrawn (a withdrawn decision stays in the database as a trace)."""
        return self.filter(withdrawn_at__isnull=True)

    def published(self):
        return self.active().filter(session__published_at__isnull=False)

    def current(self):
        """Published and not replaced by a published correction."""
        return self.published().exclude(
            corrections__session__published_at__isnull=False, corrections__withdrawn_at__isnull=True
        )


class Decision(models.Model):
    """What every jury decision has (on a project or on an application): who recorded it and when, the
    published decision it corrects, and its withdrawal before publication, kept as a trace. Subclasses
    add the decision itself and a `justification`."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("saisie par")
    )
    recorded_at = models.DateTimeField(_("saisie le"), default=timezone.now)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("remplace la décision"),
    )
    withdrawn_at = models.DateTimeField(_("retirée le"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("retirée par"),
    )
    withdrawal_reason = models.CharField(_("motif du retrait"), max_length=255, blank=True)

    objects = JuryDecisionQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        if not (self.justification or "").strip():
            raise ValidationError({"justification": _("Une décision doit être justifiée par écrit.")})

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    def withdraw(self, user, reason):
        """Withdraw the decision before publication. It stays in the database, marked withdrawn, with
        who, when and why; a published decision is only corrected by a new one."""
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(_("Indiquez pourquoi la décision est retirée."))
        with transaction.atomic():
            decision = type(self).objects.select_for_update().get(pk=self.pk)
            decision.session.refuse_if_published()
            if decision.is_withdrawn:
                raise ValidationError(_("Cette décision est déjà retirée."))
            decision.withdrawn_at = timezone.now()
            decision.withdrawn_by = user
            decision.withdrawal_reason = reason[:255]
            decision.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
        return decision


class JuryDecision(Decision):
    """A jury's decision on a project, recorded beforehand and made public with its whole session."""

    session = models.ForeignKey(
        JurySession, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("session")
    )
    project = models.ForeignKey(
        "programme.ProjectPage", on_delete=models.PROTECT, related_name="decisions", verbose_name=_("projet")
    )
    track = models.CharField(_("suite donnée"), max_length=30, choices=Track.choices)
    justification = models.TextField(_("justification"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="programme_decisions",
        verbose_name=_("responsable du suivi"),
    )
    next_review_on = models.DateField(_("prochaine revue"))

    class Meta:
        ordering = ["session__date", "project__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "project"],
                condition=Q(withdrawn_at__isnull=True),
                name="programme_one_decision_per_session",
            ),
            models.CheckConstraint(condition=~Q(justification=""), name="programme_decision_justified"),
        ]
        verbose_name = _("décision du jury")
        verbose_name_plural = _("décisions du jury")

    def __str__(self):
        return f"{self.project.title} : {self.get_track_display()}"


class ProjectReview(models.Model):
    """A dated review of a project (every six months after a decision), with its reminder."""

    project = models.ForeignKey(
        "programme.ProjectPage", on_delete=models.CASCADE, related_name="reviews", verbose_name=_("projet")
    )
    decision = models.ForeignKey(
        JuryDecision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("décision"),
    )
    due_on = models.DateField(_("date prévue"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="programme_reviews",
        verbose_name=_("responsable"),
    )
    reminder_sent_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    held_on = models.DateField(_("tenue le"), null=True, blank=True)
    notes = models.TextField(_("compte rendu"), blank=True)

    panels = [
        FieldPanel("project"),
        FieldPanel("due_on"),
        FieldPanel("owner"),
        FieldPanel("held_on"),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["due_on"]
        constraints = [models.UniqueConstraint(fields=["project", "due_on"], name="programme_one_review_per_day")]
        verbose_name = _("revue de projet")
        verbose_name_plural = _("revues de projet")

    def __str__(self):
        return f"{self.project.title} – {self.due_on:%d/%m/%Y}"
