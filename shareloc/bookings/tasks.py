"""The bookings' scheduled work, as django-tasks: reminders, expiry, the managers' digest, anonymisation.

The management commands enqueue or run them, so cron only has to call `manage.py shareloc_send_reminders`
and friends. The e-mails themselves are in emails.py.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import emails
from .models import BookingRequest, DateStatus, RequestDate, RequestStatus
from .workflow import expire_overdue

REMINDER_DAYS = 2
ANONYMISE_AFTER_DAYS = 365
ANONYMISED = "anonymisé"


@task()
def send_reminders():
    """E-mail the association two days before each confirmed date (once per date). Returns how many."""
    now = timezone.now()
    due = RequestDate.objects.select_related("booking", "request__space__lycee", "request__association").filter(
        status=DateStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        booking__start__gt=now,
        booking__start__lte=now + timedelta(days=REMINDER_DAYS),
    )
    count = 0
    for request_date in due:
        with transaction.atomic():
            updated = RequestDate.objects.filter(pk=request_date.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if not updated:
                continue  # another worker sent it
            emails.send_reminder(request_date)
            count += 1
    return count


@task()
def expire_requests():
    return expire_overdue()


@task()
def send_digest():
    """Each manager with pending requests gets one e-mail listing them, oldest first. Returns how many."""
    User = get_user_model()
    pending = list(
        BookingRequest.objects.filter(status=RequestStatus.PENDING)
        .select_related("space__lycee", "association")
        .order_by("created_at")
    )
    by_lycee = {}
    for request in pending:
        by_lycee.setdefault(request.space.lycee_id, []).append(request)
    count = 0
    managers = User.objects.filter(managed_lycees__in=list(by_lycee), is_active=True).exclude(email="").distinct()
    for manager in managers:
        lycee_ids = set(manager.managed_lycees.values_list("pk", flat=True))
        emails.send_digest(manager, [r for r in pending if r.space.lycee_id in lycee_ids])
        count += 1
    return count


@task()
def anonymise_old_requests():
    """Blank the contact details of requests declined, cancelled or expired more than 12 months ago."""
    limit = timezone.now() - timedelta(days=ANONYMISE_AFTER_DAYS)
    return BookingRequest.objects.filter(
        status__in=[RequestStatus.DECLINED, RequestStatus.CANCELLED, RequestStatus.EXPIRED],
        updated_at__lt=limit,
        anonymised_at__isnull=True,
    ).update(contact_name=ANONYMISED, contact_email="", contact_phone="", anonymised_at=timezone.now())
