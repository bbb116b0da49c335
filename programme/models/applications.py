"""Applications to a call and their review: the snapshot of the form, attachments in private storage,
the log of stage changes, conflicts of interest, reviews and scores."""

from uuid import uuid4

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import storage

from ..workflow import Stage
from .editions import Criterion, Edition


class PrivateStorage(storage.PrivateStorage):
    """Applications' attachments live outside MEDIA_ROOT: only the team's download view serves them."""

    setting_name = "PROGRAMME_FILES_ROOT"


def private_storage():
    return PrivateStorage()


class ApplicationQuerySet(models.QuerySet):
    def counted(self):
        """Every application but those archived as spam or duplicates (kept, never counted)."""
        return self.filter(archived_at__isnull=True)


class Application(models.Model):
    """One submission to a call, with the form as it was when submitted (labels and answers)."""

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="applications", verbose_name=_("édition")
    )
    call = models.ForeignKey(
        "programme.CallPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("appel"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_applications",
        verbose_name=_("compte du candidat"),
    )
    title = models.CharField(_("titre du projet"), max_length=255)
    applicant_name = models.CharField(_("candidat·e"), max_length=200, blank=True)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    answers = models.JSONField(
        _("réponses"), default=list, blank=True, help_text=_("Liste de {name, label, type, value} telle qu'envoyée.")
    )
    stage = models.CharField(_("étape"), max_length=20, choices=Stage.choices, default=Stage.SUBMITTED, db_index=True)
    consent_given_at = models.DateTimeField(_("consentement RGPD donné le"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("déposée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    # Spam and duplicates are archived, never deleted: kept for the record, left out of every count.
    archived_at = models.DateTimeField(_("archivée le"), null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("archivée par"),
    )
    archive_reason = models.CharField(_("motif de l'archivage"), max_length=255, blank=True)
    anonymised_at = models.DateTimeField(_("anonymisée le"), null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        permissions = [("apply_staff_call", "Candidater aux appels réservés aux agents de la Région")]

    def __str__(self):
        return f"{self.reference} – {self.title}"

    @property
    def reference(self):
        return f"{self.edition.year}-{self.pk:04d}" if self.pk else "—"


def attachment_path(instance, filename):
    return f"{instance.application.edition.year}/{uuid4().hex}/{filename}"


class ApplicationFile(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    field_name = models.CharField(_("champ"), max_length=255)
    label = models.CharField(_("libellé"), max_length=255)
    file = models.FileField(_("fichier"), upload_to=attachment_path, storage=private_storage, max_length=300)
    original_name = models.CharField(_("nom d'origine"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("taille (octets)"))

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")

    def __str__(self):
        return self.original_name


class StageChange(models.Model):
    """The log of the pipeline: who moved an application, when, from where to where, and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="stage_changes")
    source = models.CharField(_("de"), max_length=20, choices=Stage.choices)
    target = models.CharField(_("vers"), max_length=20, choices=Stage.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("par")
    )
    at = models.DateTimeField(_("le"), default=timezone.now)
    reason = models.TextField(_("raison"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("changement d'étape")
        verbose_name_plural = _("changements d'étape")

    def __str__(self):
        return f"{self.application_id}: {self.get_source_display()} → {self.get_target_display()}"


class ConflictOfInterest(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("évaluateur")
    )
    reason = models.CharField(_("nature du lien"), max_length=255)
    declared_at = models.DateTimeField(_("déclaré le"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="programme_one_conflict")]
        verbose_name = _("conflit d'intérêts")
        verbose_name_plural = _("conflits d'intérêts")

    def __str__(self):
        return f"{self.reviewer} / {self.application_id}"


class Review(models.Model):
    """One reviewer's scores on one application in one review round (each round keeps its own)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    review_round = models.ForeignKey(
        "programme.ReviewRound", on_delete=models.CASCADE, related_name="reviews", verbose_name=_("tour")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("évaluateur")
    )
    comment = models.TextField(_("commentaire"), blank=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer", "review_round"], name="programme_one_review_per_round"
            )
        ]
        verbose_name = _("évaluation")
        verbose_name_plural = _("évaluations")

    def __str__(self):
        return f"{self.reviewer} / {self.application_id}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    # None means "not applicable": left out of the weighted average, not counted as zero.
    value = models.PositiveSmallIntegerField(_("note"), null=True, blank=True, validators=[MaxValueValidator(5)])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="programme_one_score_per_criterion"),
            models.CheckConstraint(condition=Q(value__isnull=True) | Q(value__lte=5), name="programme_score_0_5"),
        ]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self):
        return f"{self.criterion.name}: {'N/A' if self.value is None else self.value}"


class ApplicantMessage(models.Model):
    """The e-mail the applicant receives when their application reaches a stage, as the team writes it.
    Without one for a stage, the default text (programme/templates/programme/emails/stage_change*) goes."""

    stage = models.CharField(_("étape atteinte"), max_length=20, choices=Stage.choices, unique=True)
    subject = models.CharField(_("objet"), max_length=200)
    body = models.TextField(
        _("message"),
        help_text=_(
            "Repères remplacés à l'envoi : {titre}, {reference}, {statut}, {lien} (vers « Mes candidatures »), {nom}, "
            "{justification} (la justification publique du jury, vide sans décision de jury)."
        ),
    )

    class Meta:
        ordering = ["stage"]
        verbose_name = _("message aux candidats")
        verbose_name_plural = _("messages aux candidats")

    def __str__(self):
        return f"{self.get_stage_display()} : {self.subject}"
