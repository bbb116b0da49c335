"""The six-month review calendar: reminders to project owners, and the next review once one is held."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
    from .tasks import send_review_reminder

    count = 0
    for review in due_for_reminder(today, days_before):
        with transaction.atomic():
            # Marking and enqueuing in one transaction: a rerun never reminds twice.
            updated = ProjectReview.objects.filter(pk=review.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=timezone.now()
            )
            if updated:
                transaction.on_commit(lambda pk=review.pk: send_review_reminder.enqueue(pk))
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


def reminder_text(review):
    return _(
        "Bonjour,\n\nLa revue semestrielle du projet « %(project)s » est prévue le %(date)s. "
        "Préparez l'état des indicateurs d'impact et des prochaines étapes.\n\nL'équipe du programme"
    ) % {"project": review.project.title, "date": review.due_on.strftime("%d/%m/%Y")}
