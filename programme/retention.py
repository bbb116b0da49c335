"""Retention: an application that was never selected is anonymised once the period the consent text
states has passed (settings.PROGRAMME_RETENTION_DAYS, two years by default, counted from submission).
What made it personal goes (name, e-mail, account, answers, attachments, reviewers' comments and the
reasons written about it); its stage and history stay, so the funnels still count it. An application
that was selected is kept with its project. Run daily: `manage.py anonymise_programme_applications`."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import (
    Application,
    ApplicationDraft,
    ApplicationEdit,
    ApplicationFile,
    Assignment,
    ConflictOfInterest,
    Review,
    SelectionDecision,
    StageChange,
)
from .workflow import Stage

# Stages that mean the application was selected at some point: kept with the project.
SELECTED_STAGES = (Stage.SELECTED, Stage.PRE_INCUBATION, Stage.JURY_DECISION)


def retention_days():
    return int(getattr(settings, "PROGRAMME_RETENTION_DAYS", 730))


def expired(now=None):
    """Applications never selected, submitted longer ago than the retention period, not yet anonymised."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=retention_days())
    ever_selected = StageChange.objects.filter(target__in=SELECTED_STAGES).values("application_id")
    return (
        Application.objects.filter(submitted_at__lt=limit, anonymised_at__isnull=True)
        .exclude(stage__in=SELECTED_STAGES)
        .exclude(pk__in=ever_selected)
    )


def anonymise(applications, now=None):
    """Anonymise `applications` (a queryset); returns how many were."""
    now = now or timezone.now()
    count = 0
    for application in applications.iterator():
        with transaction.atomic():
            for attachment in ApplicationFile.objects.filter(application=application):
                attachment.file.delete(save=False)
                attachment.delete()
            Review.objects.filter(application=application).update(comment="")
            ConflictOfInterest.objects.filter(application=application).update(reason="")
            # A removed assignment repeats the conflict's reason.
            Assignment.objects.filter(application=application).update(removed_reason="")
            StageChange.objects.filter(application=application).update(reason="")
            ApplicationEdit.objects.filter(application=application).update(changed=[])
            # The justification is required (a database constraint): it keeps a neutral sentence.
            SelectionDecision.objects.filter(application=application).update(
                justification="Décision anonymisée.", internal_note=""
            )
            Application.objects.filter(pk=application.pk).update(
                title=f"Candidature anonymisée {application.reference}",
                applicant=None,
                applicant_name="",
                applicant_email="",
                answers=[{**answer, "value": ""} for answer in application.answers],
                archive_reason="",
                anonymised_at=now,
            )
        count += 1
    return count


def delete_stale_drafts(now=None):
    """Drafts of calls that have closed can no longer be submitted: they go (returns how many)."""
    now = now or timezone.now()
    deleted, _rows = ApplicationDraft.objects.filter(call__closes_at__lte=now).delete()
    return deleted
