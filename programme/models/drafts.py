"""The applicant's side of an application before and after submitting: a draft (one per person and
call, never counted nor seen by the team) and the log of edits made to a submitted application."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .applications import Application


class ApplicationDraft(models.Model):
    """What an applicant typed into a call's form and kept for later. Not an Application: nothing that
    lists, counts or exports applications can see it."""

    call = models.ForeignKey(
        "programme.CallPage", on_delete=models.CASCADE, related_name="drafts", verbose_name=_("appel")
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="programme_drafts",
        verbose_name=_("personne candidate"),
    )
    values = models.JSONField(_("réponses en cours"), default=dict, blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    updated_at = models.DateTimeField(_("enregistré le"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [models.UniqueConstraint(fields=["call", "applicant"], name="programme_one_draft_per_call")]
        verbose_name = _("brouillon de candidature")
        verbose_name_plural = _("brouillons de candidature")

    def __str__(self):
        return f"{self.applicant} / {self.call_id}"


class ApplicationEdit(models.Model):
    """An edit the applicant made to their submitted application before the call closed."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="edits")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("par")
    )
    at = models.DateTimeField(_("le"), default=timezone.now)
    changed = models.JSONField(_("questions modifiées"), default=list, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("modification de candidature")
        verbose_name_plural = _("modifications de candidature")

    def __str__(self):
        return f"{self.application_id} ({self.at:%d/%m/%Y %H:%M})"
