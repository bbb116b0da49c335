"""The six-month review calendar: reminders to project owners, and the next review once one is held."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from core.email import send_template_email_after_commit

from .models import ProjectReview

REVIEW_INTERVAL = relativedelta(months=6)
REMIND_DAYS_BEFORE = 14


def due_for_reminder(today=None, days_before=REMIND_DAYS_BEFORE):
    today = today or timezone.localdate()
    return ProjectReview.objects.filter(
        held_on__isnull=True, reminder_sent_at__isnull=True, due_on__lte=today + datetime.timedelta(days=days_before)
    ).select_related("project", "owner")


def send_reminders(today=None, days_before=REMIND_DAYS_BEFORE):
    """E-mail the owner of each review due within `days_before` days, once. Returns the count."""
    count = 0
    for review in due_for_reminder(today, days_before):
        with transaction.atomic():
            # Marking and enqueuing in one transaction: a rerun never reminds twice.
            updated = ProjectReview.objects.filter(pk=review.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=timezone.now()
            )
            if updated:
                send_template_email_after_commit(
                    "programme/emails/review_reminder", {"review": review}, [review.owner.email]
                )
                count += 1
    return count


def hold_review(review, held_on, notes=""):
    """Record a review as held and schedule the next one six months later."""
    with transaction.atomic():
        review.held_on = held_on
        review.notes = notes
        review.save(update_fields=["held_on", "notes"])
        following, _created = ProjectReview.objects.get_or_create(
            project=review.project,
            due_on=held_on + REVIEW_INTERVAL,
            defaults={"owner": review.owner, "decision": review.decision},
        )
    return following
