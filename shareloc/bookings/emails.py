"""The bookings' e-mails, rendered from templates/shareloc/emails/ and sent once the transaction commits
(core.email): a rolled-back decision mails nobody. Links come from reverse(), made absolute."""

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.dates import local
from core.email import absolute_url, send_template_email_after_commit

TEMPLATES = "shareloc/emails"


def _send(name, context, to):
    send_template_email_after_commit(f"{TEMPLATES}/{name}", context, to)


def admin_url(request):
    return absolute_url(reverse("shareloc_admin_request", args=[request.pk]))


def public_url(request):
    return absolute_url(reverse("shareloc:my_request", args=[request.pk]))


def manager_emails(request):
    return list(request.space.lycee.managers.exclude(email="").values_list("email", flat=True))


def association_emails(request):
    emails = {request.contact_email} if request.contact_email else set()
    emails.update(request.association.members.exclude(user__email="").values_list("user__email", flat=True))
    return sorted(emails)


def _line(rd):
    return f"{local(rd.booking.start):%d/%m/%Y %H:%M}–{local(rd.booking.end):%H:%M} : {rd.get_status_display()}"


def date_lines(request):
    """One line per date of the request, in Paris time: "02/03/2027 18:30–20:30 : confirmée"."""
    return [_line(rd) for rd in request.dates.select_related("booking").order_by("booking__start")]


def replaced_line(request):
    """The confirmed date a change request replaces, in Paris time, with its space; "" for another request."""
    if not request.replaces_id:
        return ""
    booking = request.replaces.booking
    start, end = local(booking.start), local(booking.end)
    return f"{start:%d/%m/%Y %H:%M}–{end:%H:%M}, {booking.space.name} (n° {request.replaces.request_id})"


def notify_new_request(request):
    """The lycée's managers learn of a new request (or of a change asked for a confirmed date)."""
    context = {
        "replaces": replaced_line(request),
        "association": request.association.name,
        "space": request.space.name,
        "lycee": request.space.lycee.name,
        "attendees": request.attendees,
        "purpose": request.purpose,
        "dates": date_lines(request),
        "url": admin_url(request),
    }
    _send("new_request", context, manager_emails(request))


def notify_decision(request, action, reason=None, dates=None):
    """The association learns of an approval, a refusal, its own cancellation (which the managers learn
    too) or of dates the lycée withdrew (`dates`, with `reason`: the space is closed then)."""
    context = {
        "action": action,
        "space": request.space.name,
        "request_id": request.pk,
        "status": request.get_status_display(),
        "reason": request.decline_reason if reason is None else reason,
        "dates": date_lines(request),
        "withdrawn": [_line(request_date) for request_date in dates or ()],
        "left_out": [
            f"{line.equipment.name} × {line.quantity}"
            for line in request.equipment_lines.select_related("equipment")
            if line.left_out
        ],
        "replaces": replaced_line(request) if action == "approve" else "",
        "url": public_url(request),
    }
    _send("decision", context, association_emails(request))
    if action == "cancel":
        _send("decision", context, manager_emails(request))


def send_reminder(request_date):
    """The association is reminded of a confirmed date."""
    request = request_date.request
    start = local(request_date.booking.start)
    context = {
        "space": request.space.name,
        "lycee": request.space.lycee.name,
        "day": f"{start:%d/%m/%Y}",
        "start": f"{start:%H:%M}",
        "end": f"{local(request_date.booking.end):%H:%M}",
        "url": public_url(request),
    }
    _send("reminder", context, association_emails(request))


def send_digest(manager, requests):
    """One manager's pending requests, oldest first."""
    lines = [
        f"{local(r.created_at):%d/%m/%Y} {r.association.name} : {r.space.name} ({r.space.lycee.name}) {admin_url(r)}"
        for r in requests
    ]
    _send("digest", {"count": len(requests), "lines": lines}, [manager.email])


def send_verification(user):
    """The link that activates a new account (see associations.verify)."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    _send("verification", {"url": absolute_url(reverse("shareloc:verify", args=[uidb64, token]))}, [user.email])


def send_invitation(invitation):
    """The secret link that lets the invited person join the association (see members.py)."""
    context = {
        "association": invitation.association.name,
        "inviter": invitation.invited_by.get_full_name() or invitation.invited_by.get_username(),
        "expires": f"{local(invitation.expires_at):%d/%m/%Y}",
        "url": absolute_url(reverse("shareloc:invitation", args=[invitation.token])),
    }
    _send("invitation", context, [invitation.email])
