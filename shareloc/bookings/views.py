"""The association's pages (sign-up, profile, requests), the printable agreement and the iCal feeds.

Every view checks, on the server and per object, that the person may see or change what it shows."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.dates import local
from core.pagination import MAX_ID, BadParameter, parse_positive_int
from core.ratelimit import allow, allow_value
from core.storage import private_file_response

from ..catalogue.models import LendableEquipment, Lycee, Space
from . import associations, workflow
from .agreement import agreement_context
from .forms import AssociationProfileForm, CancelForm, ChangeForm, InviteForm, RequestForm, SignUpForm
from .ical import render_feed
from .members import pending_invitations
from .models import Association, BookingRequest, IcalFeedKind, IcalToken
from .permissions import (
    acts_for_association,
    can_revoke,
    can_see_association,
    manages_lycee,
    membership,
    visible_requests,
)

SIGN_UPS_PER_CLIENT_HOUR = 5
SIGN_UPS_PER_ADDRESS_DAY = 3


def sign_up_view(request):
    if request.user.is_authenticated and membership(request.user):
        return redirect("shareloc:association_profile")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Each sign-up mails a verification link: counted per client and per address, valid ones only.
        if not allow(request, "shareloc_sign_up", SIGN_UPS_PER_CLIENT_HOUR, 3600) or not allow_value(
            "shareloc_sign_up", data["email"], SIGN_UPS_PER_ADDRESS_DAY, 86400
        ):
            form.add_error(None, _("Trop d'inscriptions en peu de temps. Merci de réessayer plus tard."))
            return render(request, "shareloc/booking/sign_up.html", {"form": form}, status=429)
        associations.sign_up(
            username=data["username"],
            email=data["email"],
            password=data["password"],
            name=data["name"],
            contact_name=data["contact_name"],
            rna=data["rna"],
            siret=data["siret"],
            contact_phone=data["contact_phone"],
        )
        return render(request, "shareloc/booking/sign_up_done.html", {"email": data["email"]})
    status = 400 if request.method == "POST" else 200
    return render(request, "shareloc/booking/sign_up.html", {"form": form}, status=status)


def verify_view(request, uidb64, token):
    try:
        user = associations.verify(uidb64, token)
    except ValidationError as error:
        context = {"verified_user": None, "error": " ".join(error.messages)}
        return render(request, "shareloc/booking/verified.html", context, status=409)
    return render(request, "shareloc/booking/verified.html", {"verified_user": user}, status=200 if user else 400)


def _member_or_403(user):
    member = membership(user)
    if member is None:
        raise PermissionDenied(_("Cette page est réservée aux membres d'une association inscrite."))
    return member


@login_required
def request_form_view(request, uai, code):
    member = _member_or_403(request.user)
    space = get_object_or_404(Space.objects.select_related("lycee"), lycee__uai=uai, code=code)
    equipment = LendableEquipment.objects.filter(lycee_id=space.lycee_id).order_by("name")
    form = RequestForm(request.POST or None, space=space, equipment=equipment)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            start, end = form.slot()
            submission = workflow.Submission(
                space=space,
                start=start,
                end=end,
                attendees=form.cleaned_data["attendees"],
                purpose=form.cleaned_data["purpose"],
                repeat_weekly_until=form.cleaned_data["repeat_weekly_until"],
                equipment=form.equipment_lines(),
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
            try:
                created, _is_new = workflow.submit(request.user, submission)
            except workflow.BookingError as error:
                for field, field_messages in error.errors.items():
                    target = {
                        "start": "day",
                        "end": "end",
                        "repeat_weekly_until": "repeat_weekly_until",
                        "attendees": "attendees",
                        "purpose": "purpose",
                    }.get(field)
                    for message in field_messages:
                        form.add_error(target, message)
            else:
                summary = workflow.availability_summary(created)
                messages.success(request, _("Demande envoyée au lycée : %(text)s.") % {"text": summary["text"]})
                return redirect("shareloc:my_request", pk=created.pk)
    return render(
        request,
        "shareloc/booking/request_form.html",
        {"form": form, "space": space, "association": member.association},
        status=status,
    )


@login_required
def my_requests_view(request):
    member = _member_or_403(request.user)
    requests = (
        BookingRequest.objects.filter(association=member.association)
        .select_related("space__lycee", "replaces")
        .order_by("-created_at")
    )
    return render(
        request, "shareloc/booking/my_requests.html", {"association": member.association, "requests": requests}
    )


def _visible_request_or_404(user, pk):
    found = BookingRequest.objects.with_details().filter(pk=pk).first()
    if found is None:
        raise Http404
    if not visible_requests(user).filter(pk=pk).exists():
        raise PermissionDenied
    return found


@login_required
def change_view(request, pk):
    """Ask to move one of a request's confirmed future dates (time, day or space of the same lycée): a new
    request that replaces the date once the lycée approves it (workflow.request_change)."""
    found = _visible_request_or_404(request.user, pk)
    now = timezone.now()
    movable = [rd for rd in found.dates.all() if rd.status == "confirmed" and rd.booking.start > now]
    dates = [(rd.pk, f"{local(rd.booking.start):%d/%m/%Y %H:%M}–{local(rd.booking.end):%H:%M}") for rd in movable]
    spaces = [(space.pk, space.name) for space in found.space.lycee.spaces.order_by("name")]
    wanted = request.GET.get("date")
    initial = {"space": found.space_id}
    for rd in movable:
        if local(rd.booking.start).date().isoformat() == wanted:
            start, end = local(rd.booking.start), local(rd.booking.end)
            initial.update(original=rd.pk, day=start.date(), start=f"{start:%H:%M}", end=f"{end:%H:%M}")
    form = ChangeForm(request.POST or None, dates=dates, spaces=spaces, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            space = Space.objects.select_related("lycee").get(pk=form.cleaned_data["space"])
            try:
                created = workflow.request_change(
                    request.user,
                    form.cleaned_data["original"],
                    form.cleaned_data["start_at"],
                    form.cleaned_data["end_at"],
                    space=space,
                )
            except workflow.BookingError as error:
                status = error.http_status
                for field, field_messages in error.errors.items():
                    for message in field_messages:
                        form.add_error({"start": "day", "attendees": "space"}.get(field), message)
            else:
                messages.success(request, _("Demande de modification envoyée au lycée."))
                return redirect("shareloc:my_request", pk=created.pk)
    return render(
        request,
        "shareloc/booking/change_form.html",
        {"booking_request": found, "form": form, "movable": movable},
        status=status,
    )


@login_required
def my_request_view(request, pk):
    found = _visible_request_or_404(request.user, pk)
    is_member = membership(request.user) is not None and membership(request.user).association_id == found.association_id
    summary = workflow.availability_summary(found)
    now = timezone.now()
    cancellable = [rd for rd in found.dates.all() if rd.status in ("pending", "confirmed") and rd.booking.start > now]
    return render(
        request,
        "shareloc/booking/request_detail.html",
        {
            "booking_request": found,
            "summary": summary,
            "is_member": is_member,
            "cancellable": cancellable if is_member and found.status in ("pending", "approved") else [],
            "movable_days": {
                local(rd.booking.start).date().isoformat()
                for rd in found.dates.all()
                if is_member and rd.status == "confirmed" and rd.booking.start > now
            },
            "history": found.history.all(),
            "cancel_form": CancelForm(),
        },
    )


@login_required
@require_POST
def cancel_view(request, pk):
    """Cancel the ticked dates ("selected", the default), or every future date ("all") once the member
    has confirmed it on a second page: nothing ticked never means everything."""
    form = CancelForm(request.POST)
    if not form.is_valid():
        _visible_request_or_404(request.user, pk)
        messages.error(request, " ".join(form.errors["reason"]) + " " + _("Rien n'a été annulé."))
        return redirect("shareloc:my_request", pk=pk)
    reason = form.cleaned_data["reason"]
    if request.POST.get("action") == "all":
        if request.POST.get("confirm") != "1":
            return _confirm_cancel_all(request, pk, reason)
        dates = None
    else:
        dates = request.POST.getlist("dates")
        if not dates:
            found = _visible_request_or_404(request.user, pk)
            if not acts_for_association(request.user, found.association_id):
                raise PermissionDenied
            messages.error(
                request,
                _(
                    "Cochez au moins une date à annuler, ou choisissez « Annuler toute la demande ». "
                    "Rien n'a été annulé."
                ),
            )
            return redirect("shareloc:my_request", pk=pk)
    try:
        workflow.cancel(request.user, pk, dates=dates, reason=reason)
    except workflow.NotAllowed as error:
        raise PermissionDenied(str(error)) from None
    except workflow.BookingError as error:
        messages.error(request, str(error))
        return redirect("shareloc:my_request", pk=pk)
    messages.success(request, _("Annulation enregistrée."))
    return redirect("shareloc:my_request", pk=pk)


def _confirm_cancel_all(request, pk, reason):
    found = _visible_request_or_404(request.user, pk)
    if not acts_for_association(request.user, found.association_id):
        raise PermissionDenied
    now = timezone.now()
    dates = [rd for rd in found.dates.all() if rd.status in ("pending", "confirmed") and rd.booking.start > now]
    return render(
        request,
        "shareloc/booking/cancel_confirm.html",
        {"booking_request": found, "dates": dates, "cancel_form": CancelForm(initial={"reason": reason})},
    )


@login_required
def agreement_view(request, pk):
    found = _visible_request_or_404(request.user, pk)
    context = agreement_context(found)
    if context is None:
        raise Http404(_("Une convention n'existe que pour une demande acceptée."))
    return render(request, "shareloc/booking/agreement.html", context)


@login_required
def association_profile_view(request):
    member = _member_or_403(request.user)
    association = member.association
    form = AssociationProfileForm(request.POST or None, request.FILES or None, instance=association)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Profil de l'association enregistré."))
            return redirect("shareloc:association_profile")
        status = 400
    tokens = association.ical_tokens.filter(revoked_at__isnull=True)
    return render(
        request,
        "shareloc/booking/association_profile.html",
        {
            "association": association,
            "form": form,
            "tokens": tokens,
            "insurance_problem": association.insurance_problem(timezone.localdate()),
            "members": association.members.select_related("user"),
            "invitations": pending_invitations(association),
            "invite_form": InviteForm(),
        },
        status=status,
    )


@login_required
def insurance_file_view(request, pk):
    association = get_object_or_404(Association, pk=pk)
    if not can_see_association(request.user, association):
        raise PermissionDenied
    if not association.insurance_certificate:
        raise Http404
    return private_file_response(
        association.insurance_certificate.open("rb"),
        association.insurance_certificate.name.rsplit("/", 1)[-1],
        as_attachment=False,
    )


@login_required
@require_POST
def token_create_view(request):
    kind = request.POST.get("kind")
    try:
        target_id = parse_positive_int(request.POST.get("target"), maximum=MAX_ID)
    except BadParameter:
        target_id = 0
    target = {}
    if kind == IcalFeedKind.ASSOCIATION:
        target["association"] = _member_or_403(request.user).association
    elif kind == IcalFeedKind.LYCEE:
        lycee = get_object_or_404(Lycee, pk=target_id)
        if not manages_lycee(request.user, lycee.pk):
            raise PermissionDenied
        target["lycee"] = lycee
    elif kind == IcalFeedKind.SPACE:
        space = get_object_or_404(Space, pk=target_id)
        if not manages_lycee(request.user, space.lycee_id):
            raise PermissionDenied
        target["space"] = space
    else:
        return HttpResponse(_("Type de flux inconnu."), status=400, content_type="text/plain; charset=utf-8")
    IcalToken.objects.create(kind=kind, created_by=request.user, **target)
    messages.success(request, _("Nouvelle adresse de calendrier créée."))
    return redirect(request.POST.get("next") if _safe_next(request) else "shareloc:association_profile")


def _safe_next(request):
    target = request.POST.get("next")
    return bool(target) and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})


@login_required
@require_POST
def token_revoke_view(request, pk):
    token = get_object_or_404(IcalToken.objects.select_related("association", "lycee", "space"), pk=pk)
    if not can_revoke(request.user, token):
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    messages.success(request, _("Adresse de calendrier révoquée : elle ne fonctionne plus."))
    return redirect(request.POST.get("next") if _safe_next(request) else "shareloc:association_profile")


def ical_feed_view(request, token):
    found = (
        IcalToken.objects.select_related("association", "lycee", "space")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )
    if found is None:
        raise Http404
    response = HttpResponse(render_feed(found), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="shareloc.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
