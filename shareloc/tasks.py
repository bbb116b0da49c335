"""Shareloc's e-mails and scheduled work, through django-tasks.

Every e-mail goes out with core.email.send_email_after_commit: a rolled-back decision mails nobody.
The scheduled jobs (reminders, expiry, digest, anonymisation) are tasks that the management commands
enqueue or run, so cron only has to call `manage.py shareloc_send_reminders` and friends.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from core.email import send_email_after_commit

from .availability import local
from .models_booking import BookingRequest, DateStatus, RequestDate, RequestStatus

REMINDER_DAYS = 2
ANONYMISE_AFTER_DAYS = 365
ANONYMISED = "anonymisé"


def _base_url():
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def admin_url(request):
    return f"{_base_url()}/admin/shareloc/demandes/{request.pk}/"


def public_url(request):
    return f"{_base_url()}/shareloc/mes-demandes/{request.pk}/"


def _manager_emails(request):
    return list(request.space.lycee.managers.exclude(email="").values_list("email", flat=True))


def _association_emails(request):
    emails = {request.contact_email} if request.contact_email else set()
    emails.update(request.association.members.exclude(user__email="").values_list("user__email", flat=True))
    return sorted(emails)


def _dates_text(request):
    return "\n".join(
        f"- {local(rd.booking.start):%d/%m/%Y %H:%M}–{local(rd.booking.end):%H:%M} : {rd.get_status_display()}"
        for rd in request.dates.select_related("booking").order_by("booking__start")
    )


def notify_new_request(request):
    subject = _("Shareloc : nouvelle demande de %(association)s pour %(space)s") % {
        "association": request.association.name,
        "space": request.space.name,
    }
    body = _(
        "%(association)s demande %(space)s (%(lycee)s) pour %(n)d personne(s).\nObjet : %(purpose)s\n\n"
        "Dates :\n%(dates)s\n\nRépondre : %(url)s\n"
    ) % {
        "association": request.association.name,
        "space": request.space.name,
        "lycee": request.space.lycee.name,
        "n": request.attendees,
        "purpose": request.purpose,
        "dates": _dates_text(request),
        "url": admin_url(request),
    }
    send_email_after_commit(subject, body, _manager_emails(request))


DECISION_SUBJECTS = {
    "approve": "Shareloc : votre demande pour %(space)s est acceptée",
    "decline": "Shareloc : votre demande pour %(space)s est refusée",
    "cancel": "Shareloc : annulation enregistrée pour %(space)s",
}


def notify_decision(request, action):
    subject = _(DECISION_SUBJECTS[action]) % {"space": request.space.name}
    lines = [_("Demande n° %(id)d : %(status)s.") % {"id": request.pk, "status": request.get_status_display()}]
    if action == "decline":
        lines.append(_("Motif : %(reason)s") % {"reason": request.decline_reason})
    lines += [
        "",
        _("Dates :"),
        _dates_text(request),
        "",
        _("Suivre la demande : %(url)s") % {"url": public_url(request)},
    ]
    send_email_after_commit(subject, "\n".join(lines), _association_emails(request))
    if action == "cancel":
        send_email_after_commit(
            subject.replace(_("votre demande"), _("la demande")), "\n".join(lines), _manager_emails(request)
        )


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
        request = request_date.request
        with transaction.atomic():
            updated = RequestDate.objects.filter(pk=request_date.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if not updated:
                continue  # another worker sent it
            start = local(request_date.booking.start)
            subject = _("Shareloc : rappel, %(space)s le %(day)s") % {
                "space": request.space.name,
                "day": f"{start:%d/%m/%Y}",
            }
            body = _("Rappel : %(space)s (%(lycee)s) vous attend le %(day)s de %(start)s à %(end)s.\n%(url)s\n") % {
                "space": request.space.name,
                "lycee": request.space.lycee.name,
                "day": f"{start:%d/%m/%Y}",
                "start": f"{start:%H:%M}",
                "end": f"{local(request_date.booking.end):%H:%M}",
                "url": public_url(request),
            }
            send_email_after_commit(subject, body, _association_emails(request))
            count += 1
    return count


@task()
def expire_requests():
    from .booking import expire_overdue

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
        mine = [r for r in pending if r.space.lycee_id in lycee_ids]
        body = "\n".join(
            f"- {r.created_at:%d/%m/%Y} {r.association.name} : {r.space.name} ({r.space.lycee.name}) {admin_url(r)}"
            for r in mine
        )
        send_email_after_commit(_("Shareloc : %(n)d demande(s) en attente") % {"n": len(mine)}, body, [manager.email])
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
