"""Booking requests: submit, approve, decline, cancel, expire.

Each action is one transaction. The states and who may move a request between them are data (the
TRANSITIONS table below); the functions only check the table, lock, re-check availability with the
catalogue's rule (shareloc/catalogue/availability.py) and write.

Never a double booking:
- on every database, an approval locks the space's row first (select_for_update; on SQLite the
  "IMMEDIATE" transaction mode takes the write lock at BEGIN) and re-checks each date with the rule;
- on PostgreSQL, an exclusion constraint over (space, tstzrange(start, end)) on confirmed bookings
  (migration 0004) refuses what any other path might still write; its violation becomes a Conflict too.
Equipment stock is checked under a row lock on the equipment.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from core.dates import AmbiguousLocalTime, NonexistentLocalTime, local, wall_clock

from ..catalogue.availability import Reason, load_calendars, unavailability_reason
from ..catalogue.models import Booking, BookingSource, BookingStatus, LendableEquipment, Space
from .emails import notify_decision, notify_new_request
from .models import BookingRequest, DateStatus, RequestDate, RequestEquipment, RequestStatus, StatusChange
from .permissions import acts_for_association, manages_lycee, membership
from .rules import rule_errors

logger = logging.getLogger(__name__)

MAX_DATES = 53  # a weekly series over one year at most
MAX_PURPOSE = 2000
MANAGER, ASSOCIATION, SYSTEM = "manager", "association", "system"


@dataclass(frozen=True)
class Transition:
    """An action: the request states it starts from, the state it leads to, what it does to the
    dates it touches, and who may take it."""

    sources: tuple
    target: str
    date_sources: tuple
    date_target: str
    actor: str


TRANSITIONS = {
    "approve": Transition(
        (RequestStatus.PENDING,), RequestStatus.APPROVED, (DateStatus.PENDING,), DateStatus.CONFIRMED, MANAGER
    ),
    "decline": Transition(
        (RequestStatus.PENDING,), RequestStatus.DECLINED, (DateStatus.PENDING,), DateStatus.DECLINED, MANAGER
    ),
    "cancel": Transition(
        (RequestStatus.PENDING, RequestStatus.APPROVED),
        RequestStatus.CANCELLED,
        (DateStatus.PENDING, DateStatus.CONFIRMED),
        DateStatus.CANCELLED,
        ASSOCIATION,
    ),
    "expire": Transition(
        (RequestStatus.PENDING,), RequestStatus.EXPIRED, (DateStatus.PENDING,), DateStatus.EXPIRED, SYSTEM
    ),
    # The lycée closes the space (a closure, a change of opening windows) over confirmed dates.
    "withdraw": Transition(
        (RequestStatus.APPROVED,), RequestStatus.CANCELLED, (DateStatus.CONFIRMED,), DateStatus.CANCELLED, MANAGER
    ),
}

# A date's state, seen by the catalogue's Booking (only "confirmed" makes a space unavailable).
BOOKING_STATUS = {
    DateStatus.PENDING: BookingStatus.PENDING,
    DateStatus.CONFIRMED: BookingStatus.CONFIRMED,
    DateStatus.DECLINED: BookingStatus.CANCELLED,
    DateStatus.CANCELLED: BookingStatus.CANCELLED,
    DateStatus.EXPIRED: BookingStatus.CANCELLED,
}


class BookingError(Exception):
    """An error a person caused; `errors` maps a field (or "detail") to French messages."""

    http_status = 400

    def __init__(self, errors):
        if not isinstance(errors, dict):
            errors = {"detail": errors}
        self.errors = {
            key: [str(m) for m in (value if isinstance(value, list) else [value])] for key, value in errors.items()
        }
        super().__init__("; ".join(m for messages in self.errors.values() for m in messages))


class InvalidRequest(BookingError):
    http_status = 400


class NotAllowed(BookingError):
    http_status = 403


class Conflict(BookingError):
    """The action cannot happen as asked: nothing was changed. `dates` names the dates in the way."""

    http_status = 409

    def __init__(self, message, dates=()):
        self.dates = [{"date": day.isoformat(), "reason": str(reason)} for day, reason in dates]
        errors = {"detail": message}
        if self.dates:
            errors["dates"] = [f"{day['date']} : {day['reason']}" for day in self.dates]
        super().__init__(errors)


def _check_actor(transition, user, request):
    if transition.actor == SYSTEM:
        return
    if transition.actor == MANAGER and manages_lycee(user, request.space.lycee_id):
        return
    if transition.actor == ASSOCIATION and acts_for_association(user, request.association_id):
        return
    if transition.actor == MANAGER:
        raise NotAllowed(_("Seuls les gestionnaires du lycée de cet espace peuvent décider de cette demande."))
    raise NotAllowed(_("Seuls les membres de l'association qui a fait la demande peuvent l'annuler."))


def _check_source(transition, request):
    if request.status not in transition.sources:
        raise Conflict(
            _("Cette demande est « %(status)s » : cette action n'est plus possible.")
            % {"status": request.get_status_display()}
        )


# --- submission ---


@dataclass
class Slot:
    start: datetime
    end: datetime


def series(start, end, repeat_weekly_until=None):
    """The slots of a request: [start, end) once, or every week on the same local times until the
    given day (inclusive). Wall-clock times are kept across the clock changes; a date on which the
    start or end time does not exist in Paris (spring change) or exists twice (autumn change) is
    refused with its reason, never moved nor picked silently (core.dates.wall_clock)."""
    start, end = local(start), local(end)
    slots, errors, day = [], [], start.date()
    last_day = repeat_weekly_until or day
    while day <= last_day:
        try:
            slots.append(Slot(wall_clock(day, start.time()), wall_clock(day, end.time())))
        except NonexistentLocalTime as error:
            errors.append(_clock_change_message(day, error, _("n'existe pas à Paris (passage à l'heure d'été)")))
        except AmbiguousLocalTime as error:
            errors.append(_clock_change_message(day, error, _("existe deux fois à Paris (passage à l'heure d'hiver)")))
        day += timedelta(days=7)
    if errors:
        raise InvalidRequest({"repeat_weekly_until" if repeat_weekly_until else "start": errors})
    return slots


def _clock_change_message(day, error, why):
    return _("Le %(day)s, %(time)s %(why)s : choisissez un autre horaire ou une autre fin de série.") % {
        "day": f"{day:%d/%m/%Y}",
        "time": str(error)[-5:],
        "why": why,
    }


@dataclass
class Submission:
    space: Space
    start: datetime
    end: datetime
    attendees: int
    purpose: str
    repeat_weekly_until: date | None = None
    equipment: tuple = ()  # ((code, quantity), ...)
    idempotency_key: str = ""


def _validate(submission, now):
    errors = {}
    start, end = local(submission.start), local(submission.end)
    if start.date() != end.date() or start >= end:
        errors["end"] = _("Le créneau doit finir après son début, le même jour.")
    elif start <= now:
        errors["start"] = _("Le créneau doit commencer dans le futur.")
    until = submission.repeat_weekly_until
    if until is not None and "end" not in errors:
        if until < start.date():
            errors["repeat_weekly_until"] = _("La date de fin de la série précède la première date.")
        elif (until - start.date()).days // 7 + 1 > MAX_DATES:
            errors["repeat_weekly_until"] = _("Une série compte au plus %(n)d semaines.") % {"n": MAX_DATES}
    capacity = submission.space.capacity
    if not isinstance(submission.attendees, int) or submission.attendees < 1:
        errors["attendees"] = _("Indiquez un nombre de personnes d'au moins 1.")
    elif submission.attendees > capacity:
        errors["attendees"] = _("Cet espace accueille au plus %(n)d personnes.") % {"n": capacity}
    purpose = (submission.purpose or "").strip()
    if not purpose:
        errors["purpose"] = _("Indiquez l'objet de l'occupation.")
    elif len(purpose) > MAX_PURPOSE:
        errors["purpose"] = _("L'objet tient en %(n)d caractères au plus.") % {"n": MAX_PURPOSE}
    lines = []
    if submission.equipment:
        stock = {item.code: item for item in LendableEquipment.objects.filter(lycee_id=submission.space.lycee_id)}
        messages, seen = [], set()
        for code, quantity in submission.equipment:
            item = stock.get(code)
            if item is None:
                messages.append(_("Ce lycée ne prête pas de matériel « %(code)s ».") % {"code": code})
            elif code in seen:
                messages.append(_("Le matériel « %(code)s » est demandé deux fois.") % {"code": code})
            elif not isinstance(quantity, int) or quantity < 1:
                messages.append(_("Quantité invalide pour « %(code)s ».") % {"code": code})
            elif quantity > item.quantity:
                messages.append(
                    _("Le lycée ne possède que %(n)d « %(name)s ».") % {"n": item.quantity, "name": item.name}
                )
            else:
                lines.append((item, quantity))
            seen.add(code)
        if messages:
            errors["equipment"] = messages
    if errors:
        raise InvalidRequest(errors)
    return lines


def date_availability(space, slots):
    """[(slot, Reason or None)] for each slot, by the catalogue's rule, in a constant number of queries."""
    first_day, last_day = local(slots[0].start).date(), local(slots[-1].start).date()
    calendars, dates = load_calendars([space], first_day, last_day)
    calendar = calendars[space.pk]
    return [(slot, unavailability_reason(slot.start, slot.end, calendar, dates)) for slot in slots]


def submit(user, submission, now=None):
    """Create a request for `user`'s association. Returns (request, created): the same idempotency key
    sent again returns the first request instead of a second one."""
    now = now or timezone.now()
    member = membership(user)
    if member is None:
        raise NotAllowed(_("Seuls les membres d'une association inscrite peuvent demander un espace."))
    association = member.association
    key = (submission.idempotency_key or "")[:64]
    if key:
        existing = BookingRequest.objects.filter(association=association, idempotency_key=key).first()
        if existing is not None:
            return existing, False
    lines = _validate(submission, now)
    slots = series(submission.start, submission.end, submission.repeat_weekly_until)
    checked = date_availability(submission.space, slots)
    broken = rule_errors(submission.space, association, checked, now)
    if broken:
        raise InvalidRequest(broken)
    if all(reason is not None for _slot, reason in checked):
        raise InvalidRequest(
            {
                "start": [_("Aucune des dates demandées n'est disponible.")]
                + [f"{local(slot.start):%d/%m/%Y} : {reason.label}" for slot, reason in checked]
            }
        )
    try:
        with transaction.atomic():
            if submission.space.auto_confirm:
                request = _create_confirmed(user, association, submission, key, lines, slots, now)
            else:
                request = _create(user, association, submission, key, lines, checked)
    except IntegrityError:
        # Two copies of the same form raced: the other one won, and it is the same request. Or, on
        # PostgreSQL, an auto-confirmation lost the race for the slot (the exclusion constraint).
        existing = BookingRequest.objects.filter(association=association, idempotency_key=key).first() if key else None
        if existing is None:
            if submission.space.auto_confirm:
                raise Conflict(_("Ce créneau vient d'être réservé : rien n'a été enregistré.")) from None
            raise
        return existing, False
    if request.status == RequestStatus.APPROVED:
        notify_decision(request, "approve")
    else:
        notify_new_request(request)
    return request, True


def request_change(user, request_date_id, start, end, space=None, now=None):
    """Ask to move a confirmed future date to another time and/or space (`space` None: the same one).
    The association's members may ask, and the managers of the date's lycée (towards one of their own
    lycées' spaces). The change is a new pending request that `replaces` the date: approving it cancels
    the date and confirms the new slot in one transaction (approve); declining it leaves the date as it
    is. The attendees, purpose and lent equipment (within the same lycée) are the original's."""
    now = now or timezone.now()
    original = (
        RequestDate.objects.select_related("booking", "request__association", "request__space__lycee")
        .filter(pk=request_date_id)
        .first()
    )
    if original is None:
        raise NotAllowed(_("Date introuvable."))
    old_request = original.request
    is_member = acts_for_association(user, old_request.association_id)
    if not is_member and not manages_lycee(user, old_request.space.lycee_id):
        raise NotAllowed(_("Seuls l'association et les gestionnaires du lycée peuvent modifier cette réservation."))
    space = space or old_request.space
    if not is_member and not manages_lycee(user, space.lycee_id):
        raise NotAllowed(_("Vous ne pouvez déplacer cette réservation que vers un espace de vos lycées."))
    if original.status != DateStatus.CONFIRMED or original.booking.start <= now:
        raise Conflict(_("Seule une date confirmée à venir peut être modifiée."))
    if original.replacements.filter(status=RequestStatus.PENDING).exists():
        raise Conflict(_("Une demande de modification de cette date attend déjà la décision du lycée."))
    if space.pk == original.booking.space_id and (start, end) == (original.booking.start, original.booking.end):
        raise InvalidRequest({"start": [_("Le nouveau créneau est celui de la réservation : rien à modifier.")]})
    equipment = ()
    if space.lycee_id == old_request.space.lycee_id:
        equipment = tuple(
            (line.equipment.code, line.quantity)
            for line in old_request.equipment_lines.select_related("equipment")
            if not line.left_out
        )
    submission = Submission(
        space=space,
        start=start,
        end=end,
        attendees=old_request.attendees,
        purpose=old_request.purpose,
        equipment=equipment,
    )
    lines = _validate(submission, now)
    slots = series(start, end)
    checked = date_availability(space, slots)
    reason = checked[0][1]
    if reason == Reason.BOOKED:
        # The date being moved does not stand in its own way (a slot moved by half an hour).
        others = Booking.objects.filter(
            space=space, status=BookingStatus.CONFIRMED, start__lt=slots[0].end, end__gt=slots[0].start
        ).exclude(pk=original.booking_id)
        if not others.exists():
            checked, reason = [(slots[0], None)], None
    if reason is not None:
        raise InvalidRequest(
            {"start": [_("Ce créneau n'est pas disponible : %(reason)s.") % {"reason": Reason(reason).label}]}
        )
    broken = rule_errors(space, old_request.association, checked, now, excluding=original.pk)
    if broken:
        raise InvalidRequest(broken)
    with transaction.atomic():
        request = _create(user, old_request.association, submission, "", lines, checked)
        request.replaces = original
        request.save(update_fields=["replaces", "updated_at"])
        StatusChange.objects.create(
            request=old_request,
            request_date=original,
            actor=user,
            from_status=DateStatus.CONFIRMED,
            to_status=DateStatus.CONFIRMED,
            reason=_gettext("Modification demandée : demande n° %(id)d ; la date reste confirmée d'ici la décision.")
            % {"id": request.pk},
        )
    notify_new_request(request)
    return request


def _create_confirmed(user, association, submission, key, lines, slots, now):
    """A space with auto-confirmation: under the approval's lock on the space, the dates still free
    become confirmed at once (the others are declined with their reason); when none is, nothing is
    written (Conflict). The same guarantees as approve(): the lock, the rule re-checked, and on
    PostgreSQL the exclusion constraint."""
    Space.objects.select_for_update().filter(pk=submission.space.pk).first()
    checked = date_availability(submission.space, slots)
    if all(reason is not None for _slot, reason in checked):
        raise Conflict(
            _("Aucune des dates demandées n'est plus disponible : rien n'a été enregistré."),
            [(local(slot.start).date(), reason.label) for slot, reason in checked],
        )
    request = _create(user, association, submission, key, lines, checked)
    dates = list(request.dates.select_related("booking").order_by("booking__start"))
    targets = [rd for rd in dates if not rd.unavailable_reason]
    others = [rd for rd in dates if rd.unavailable_reason]
    conflicts = _equipment_conflicts(request, targets)
    if conflicts:
        raise Conflict(_("Le matériel demandé n'est plus disponible : rien n'a été enregistré."), sorted(conflicts))
    with transaction.atomic():  # a savepoint: the constraint's refusal rolls back the whole submission
        _set_dates(targets, DateStatus.CONFIRMED)
    _set_dates(others, DateStatus.DECLINED)
    request.status = RequestStatus.APPROVED
    request.save(update_fields=["status", "updated_at"])
    reason = _gettext("Confirmée automatiquement : l'espace était libre.")
    StatusChange.objects.create(
        request=request, actor=None, from_status=RequestStatus.PENDING, to_status=RequestStatus.APPROVED, reason=reason
    )
    StatusChange.objects.bulk_create(
        [
            StatusChange(
                request=request,
                request_date=rd,
                from_status=DateStatus.PENDING,
                to_status=rd.status,
                reason=reason if rd.status == DateStatus.CONFIRMED else str(Reason(rd.unavailable_reason).label),
            )
            for rd in dates
        ]
    )
    return request


def _create(user, association, submission, key, lines, checked):
    request = BookingRequest.objects.create(
        association=association,
        space=submission.space,
        created_by=user,
        attendees=submission.attendees,
        purpose=submission.purpose.strip(),
        repeat_weekly_until=submission.repeat_weekly_until,
        first_start=checked[0][0].start,
        idempotency_key=key,
        contact_name=association.contact_name or user.get_full_name() or user.get_username(),
        contact_email=association.contact_email or user.email,
        contact_phone=association.contact_phone,
    )
    bookings = Booking.objects.bulk_create(
        [
            Booking(
                space=submission.space,
                start=slot.start,
                end=slot.end,
                organisation=association.name[:255],
                status=BookingStatus.PENDING,
                source=BookingSource.REQUEST,
            )
            for slot, _reason in checked
        ]
    )
    RequestDate.objects.bulk_create(
        [
            RequestDate(request=request, booking=booking, unavailable_reason=reason or "")
            for booking, (_slot, reason) in zip(bookings, checked, strict=True)
        ]
    )
    RequestEquipment.objects.bulk_create(
        [RequestEquipment(request=request, equipment=item, quantity=quantity) for item, quantity in lines]
    )
    StatusChange.objects.create(request=request, actor=user, from_status="", to_status=RequestStatus.PENDING)
    return request


def availability_summary(request):
    """{"free": n, "total": m, "text": "31 dates libres sur 34", "dates": [...]} as found at submission."""
    rows = []
    for request_date in request.dates.all():
        start, end = local(request_date.booking.start), local(request_date.booking.end)
        reason = request_date.unavailable_reason
        rows.append(
            {
                "date": start.date().isoformat(),
                "day": start.date(),  # for pages (French format); the API keeps the ISO "date"
                "start": start.strftime("%H:%M"),
                "end": end.strftime("%H:%M"),
                "available": not reason,
                "reason": reason or None,
                "reason_label": str(Reason(reason).label) if reason else None,
                "status": request_date.status,
                "status_label": str(request_date.get_status_display()),
            }
        )
    free = sum(1 for row in rows if row["available"])
    return {"free": free, "total": len(rows), "text": availability_text(free, len(rows)), "dates": rows}


def availability_text(free, total):
    if total == 1:
        return _gettext("date libre") if free else _gettext("date indisponible")
    return _gettext("%(free)d dates libres sur %(total)d") % {"free": free, "total": total}


# --- decisions ---


def _lock_request(request_id):
    request = (
        BookingRequest.objects.select_for_update(of=("self",))
        .select_related("space", "association")
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        raise NotAllowed(_("Demande introuvable."))
    return request


def _record(request, user, transition_name, changed_dates, from_status, reason="", request_reason=None):
    transition = TRANSITIONS[transition_name]
    actor = user if user is not None and user.is_authenticated else None
    changes = (
        [
            StatusChange(
                request=request,
                actor=actor,
                from_status=from_status,
                to_status=request.status,
                reason=reason if request_reason is None else request_reason,
            )
        ]
        if from_status != request.status
        else []
    )
    changes += [
        StatusChange(
            request=request,
            request_date=request_date,
            actor=actor,
            from_status=old,
            to_status=request_date.status,
            reason=reason if request_date.status == transition.date_target else "",
        )
        for request_date, old in changed_dates
    ]
    StatusChange.objects.bulk_create(changes)


def _set_dates(changed, new_status):
    """Give each RequestDate in `changed` its new status, and its Booking the matching one."""
    ids = [request_date.pk for request_date in changed]
    RequestDate.objects.filter(pk__in=ids).update(status=new_status)
    Booking.objects.filter(request_date__in=ids).update(status=BOOKING_STATUS[new_status], updated_at=timezone.now())
    for request_date in changed:
        request_date.status = new_status


def _pick(dates, wanted_days):
    """The pending RequestDates whose local day is in `wanted_days` (ISO strings or dates)."""
    by_day = {local(request_date.booking.start).date(): request_date for request_date in dates}
    chosen, unknown = [], []
    for day in wanted_days:
        if isinstance(day, str):
            try:
                day = date.fromisoformat(day)
            except ValueError:
                unknown.append(str(day))
                continue
        if day in by_day:
            if by_day[day] not in chosen:
                chosen.append(by_day[day])
        else:
            unknown.append(day.isoformat())
    if unknown:
        raise InvalidRequest(
            {
                "dates": [
                    _("Ces dates ne font pas partie des dates en attente de la demande : %(days)s.")
                    % {"days": ", ".join(unknown)}
                ]
            }
        )
    return chosen


def _equipment_conflicts(request, targets, leaving_out=()):
    """[(day, reason)] where the equipment asked for would exceed the stock, with the equipment rows locked.
    Lines the manager leaves out (`leaving_out`, RequestEquipment ids, or already `left_out`) are not
    lent, so neither checked nor counted against the stock."""
    lines = [line for line in request.equipment_lines.all() if not line.left_out and line.pk not in leaving_out]
    if not lines:
        return []
    items = {
        item.pk: item
        for item in LendableEquipment.objects.select_for_update()
        .filter(pk__in=[line.equipment_id for line in lines])
        .order_by("pk")
    }
    first = min(t.booking.start for t in targets)
    last = max(t.booking.end for t in targets)
    used = list(
        RequestEquipment.objects.filter(
            equipment_id__in=list(items),
            request__dates__status=DateStatus.CONFIRMED,
            request__dates__booking__start__lt=last,
            request__dates__booking__end__gt=first,
            left_out=False,
        )
        .exclude(request=request)
        .values_list("equipment_id", "quantity", "request__dates__booking__start", "request__dates__booking__end")
    )
    conflicts = []
    for target in targets:
        a, b = target.booking.start, target.booking.end
        for line in lines:
            taken = sum(
                quantity
                for equipment_id, quantity, start, end in used
                if equipment_id == line.equipment_id and start < b and a < end
            )
            stock = items[line.equipment_id].quantity
            if taken + line.quantity > stock:
                conflicts.append(
                    (
                        local(a).date(),
                        _("matériel « %(name)s » : %(left)d disponible(s) sur %(stock)d")
                        % {"name": items[line.equipment_id].name, "left": max(stock - taken, 0), "stock": stock},
                    )
                )
    return conflicts


def _left_out_lines(request, codes):
    """The request's equipment lines named by `codes` (equipment codes) that the manager leaves out;
    InvalidRequest for a code the request did not ask for."""
    if not codes:
        return []
    lines = {line.equipment.code: line for line in request.equipment_lines.select_related("equipment")}
    unknown = sorted(set(codes) - set(lines))
    if unknown:
        raise InvalidRequest(
            {
                "without_equipment": [
                    _("Cette demande ne comporte pas ce matériel : %(codes)s.") % {"codes": ", ".join(unknown)}
                ]
            }
        )
    return [lines[code] for code in dict.fromkeys(codes)]


def equipment_text(lines):
    return ", ".join(f"{line.equipment.name} × {line.quantity}" for line in lines)


def approve(user, request_id, dates=None, now=None, reasons=None, without_equipment=None):
    """Confirm all the pending dates of a request, or only `dates` (the others are declined, each with
    its reason from `reasons`, {ISO date: text}, when given). `without_equipment` (equipment codes): the
    space is lent without that equipment of the request (it is not available), which the request
    records and the association is told. Raises Conflict, naming the dates, when one is no longer
    available: then nothing changes.

    A change request (`replaces` a confirmed date) cancels that date and confirms its own in the same
    transaction, both spaces locked: if anything is refused, the original date stays confirmed."""
    transition = TRANSITIONS["approve"]
    replaced = None
    try:
        with transaction.atomic():
            request = _lock_request(request_id)
            _check_actor(transition, user, request)
            _check_source(transition, request)
            leaving_out = _left_out_lines(request, without_equipment)
            if request.replaces_id:
                replaced = _lock_replaced(request)
            # One approval per space at a time: the second one waits here, then sees the first one's dates.
            # (A change request locks the two spaces, in the order of their ids, as every approval does.)
            spaces = {request.space_id} | ({replaced.booking.space_id} if replaced else set())
            list(Space.objects.select_for_update().filter(pk__in=spaces).order_by("pk").values_list("pk"))
            if replaced is not None:
                if replaced.status != DateStatus.CONFIRMED:
                    raise Conflict(_("La réservation à remplacer n'est plus confirmée : rien n'a été modifié."))
                # Cancelled first, inside this transaction: its slot is free for the new one, and comes
                # back if the new one is refused (the rollback).
                _set_dates([replaced], DateStatus.CANCELLED)
            pending = list(
                request.dates.select_related("booking").filter(status=DateStatus.PENDING).order_by("booking__start")
            )
            if not pending:
                raise Conflict(_("Cette demande n'a plus de date en attente."))
            targets = pending if dates is None else _pick(pending, dates)
            if not targets:
                raise InvalidRequest({"dates": [_("Choisissez au moins une date à accepter.")]})
            now = now or timezone.now()
            conflicts = [
                (local(t.booking.start).date(), _("date déjà commencée ou passée"))
                for t in targets
                if t.booking.start <= now
            ]
            conflicts += _availability_conflicts(request, targets) + _equipment_conflicts(
                request, targets, {line.pk for line in leaving_out}
            )
            if conflicts:
                raise Conflict(_("Des dates ne sont plus disponibles : rien n'a été modifié."), sorted(conflicts))
            from_status = request.status
            others = [request_date for request_date in pending if request_date not in targets]
            old = {request_date.pk: request_date.status for request_date in pending}
            with transaction.atomic():  # a savepoint, so that the constraint's refusal can be answered
                _set_dates(targets, DateStatus.CONFIRMED)
            _set_dates(others, DateStatus.DECLINED)
            request.status = transition.target
            request.save(update_fields=["status", "updated_at"])
            notes = []
            if leaving_out:
                RequestEquipment.objects.filter(pk__in=[line.pk for line in leaving_out]).update(left_out=True)
                notes.append(
                    _gettext("Acceptée sans le matériel indisponible : %(items)s.")
                    % {"items": equipment_text(leaving_out)}
                )
            if replaced is not None:
                notes.append(_replacement_note(replaced))
            _record(
                request,
                user,
                "approve",
                [(rd, old[rd.pk]) for rd in targets],
                from_status,
                request_reason=" ".join(notes),
            )
            if others:
                _record_declined_others(request, user, others, old, reasons or {})
            if replaced is not None:
                _close_replaced(replaced, request, user)
    except IntegrityError as error:
        # Only PostgreSQL's exclusion constraint gets here: another approval won the race.
        logger.info("approval of request %s refused by the no-overlap constraint: %s", request_id, error)
        request = BookingRequest.objects.get(pk=request_id)
        pending = list(request.dates.select_related("booking").filter(status=DateStatus.PENDING))
        raise Conflict(
            _("Des dates ne sont plus disponibles : rien n'a été modifié."),
            sorted(_availability_conflicts(request, pending)),
        ) from None
    notify_decision(request, "approve")
    return request


def _lock_replaced(request):
    """The confirmed date a change request replaces, its own request locked after this one."""
    replaced = RequestDate.objects.select_related("booking").get(pk=request.replaces_id)
    _lock_request(replaced.request_id)
    replaced.refresh_from_db(fields=["status"])
    return replaced


def _replacement_note(replaced):
    start, end = local(replaced.booking.start), local(replaced.booking.end)
    return _gettext("Remplace la date du %(day)s %(start)s–%(end)s (demande n° %(id)d), annulée.") % {
        "day": f"{start:%d/%m/%Y}",
        "start": f"{start:%H:%M}",
        "end": f"{end:%H:%M}",
        "id": replaced.request_id,
    }


def _close_replaced(replaced, new_request, user):
    """The history of the replaced date's request, and its state once none of its dates is active."""
    old_request = BookingRequest.objects.get(pk=replaced.request_id)
    from_status = old_request.status
    if not old_request.dates.filter(status__in=(DateStatus.PENDING, DateStatus.CONFIRMED)).exists():
        old_request.status = RequestStatus.CANCELLED
        old_request.save(update_fields=["status", "updated_at"])
    reason = _gettext("Remplacée par la demande n° %(id)d.") % {"id": new_request.pk}
    actor = user if user is not None and user.is_authenticated else None
    changes = [
        StatusChange(
            request=old_request,
            request_date=replaced,
            actor=actor,
            from_status=DateStatus.CONFIRMED,
            to_status=DateStatus.CANCELLED,
            reason=reason,
        )
    ]
    if from_status != old_request.status:
        changes.insert(
            0,
            StatusChange(
                request=old_request, actor=actor, from_status=from_status, to_status=old_request.status, reason=reason
            ),
        )
    StatusChange.objects.bulk_create(changes)


def _record_declined_others(request, user, others, old, reasons):
    actor = user if user is not None and user.is_authenticated else None
    default = _gettext("Date non retenue par le gestionnaire.")
    reasons = {str(day): (text or "").strip()[:2000] for day, text in reasons.items()}
    StatusChange.objects.bulk_create(
        [
            StatusChange(
                request=request,
                request_date=request_date,
                actor=actor,
                from_status=old[request_date.pk],
                to_status=DateStatus.DECLINED,
                reason=reasons.get(local(request_date.booking.start).date().isoformat()) or default,
            )
            for request_date in others
        ]
    )


def _availability_conflicts(request, targets):
    slots = [Slot(t.booking.start, t.booking.end) for t in targets]
    checked = date_availability(request.space, slots)
    return [(local(slot.start).date(), reason.label) for slot, reason in checked if reason is not None]


def decline(user, request_id, reason):
    """Decline every pending date of a request, with a reason the association reads."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidRequest({"reason": [_("Indiquez le motif du refus.")]})
    transition = TRANSITIONS["decline"]
    with transaction.atomic():
        request = _lock_request(request_id)
        _check_actor(transition, user, request)
        _check_source(transition, request)
        pending = list(request.dates.filter(status=DateStatus.PENDING))
        from_status = request.status
        _set_dates(pending, DateStatus.DECLINED)
        request.status = transition.target
        request.decline_reason = reason
        request.save(update_fields=["status", "decline_reason", "updated_at"])
        _record(request, user, "decline", [(rd, DateStatus.PENDING) for rd in pending], from_status, reason)
        if request.replaces_id:
            StatusChange.objects.create(
                request_id=request.replaces.request_id,
                request_date_id=request.replaces_id,
                actor=user if user.is_authenticated else None,
                from_status=request.replaces.status,
                to_status=request.replaces.status,
                reason=_gettext("Modification refusée (demande n° %(id)d) : %(reason)s")
                % {"id": request.pk, "reason": reason},
            )
    notify_decision(request, "decline")
    return request


def cancel(user, request_id, dates=None, reason="", now=None):
    """The association cancels some future dates, or all of them. The request is cancelled once no date
    is pending or confirmed any more."""
    now = now or timezone.now()
    transition = TRANSITIONS["cancel"]
    with transaction.atomic():
        request = _lock_request(request_id)
        _check_actor(transition, user, request)
        _check_source(transition, request)
        active = list(
            request.dates.select_related("booking")
            .filter(status__in=transition.date_sources, booking__start__gt=now)
            .order_by("booking__start")
        )
        if not active:
            raise Conflict(_("Aucune date à venir de cette demande ne peut être annulée."))
        targets = active if dates is None else _pick(active, dates)
        if not targets:
            raise InvalidRequest({"dates": [_("Choisissez au moins une date à annuler.")]})
        old = {rd.pk: rd.status for rd in targets}
        _set_dates(targets, DateStatus.CANCELLED)
        from_status = request.status
        still_active = request.dates.filter(status__in=transition.date_sources).exists()
        if not still_active:
            request.status = transition.target
            request.save(update_fields=["status", "updated_at"])
        _record(request, user, "cancel", [(rd, old[rd.pk]) for rd in targets], from_status, (reason or "").strip())
    notify_decision(request, "cancel")
    return request


def withdraw(user, booking_ids, reason, now=None):
    """The lycée cancels confirmed future dates (by their catalogue Booking ids) because the space is
    closed then: each request loses those dates, with the reason in its history, is cancelled when no
    date is left, and its association is told by e-mail. Returns the requests changed."""
    now = now or timezone.now()
    transition = TRANSITIONS["withdraw"]
    request_ids = sorted(
        set(
            RequestDate.objects.filter(
                booking_id__in=list(booking_ids), status__in=transition.date_sources, booking__start__gt=now
            ).values_list("request_id", flat=True)
        )
    )
    changed = []
    for request_id in request_ids:
        with transaction.atomic():
            request = _lock_request(request_id)
            if user is not None:
                _check_actor(transition, user, request)
            if request.status not in transition.sources:
                continue
            targets = list(
                request.dates.select_related("booking")
                .filter(booking_id__in=list(booking_ids), status__in=transition.date_sources, booking__start__gt=now)
                .order_by("booking__start")
            )
            if not targets:
                continue
            old = {rd.pk: rd.status for rd in targets}
            _set_dates(targets, transition.date_target)
            from_status = request.status
            if not request.dates.filter(status__in=(DateStatus.PENDING, DateStatus.CONFIRMED)).exists():
                request.status = transition.target
                request.save(update_fields=["status", "updated_at"])
            _record(request, user, "withdraw", [(rd, old[rd.pk]) for rd in targets], from_status, reason)
        notify_decision(request, "withdraw", reason=reason, dates=targets)
        changed.append(request)
    return changed


def expire_overdue(now=None):
    """The pending dates of pending requests that have begun expire, date by date: the later dates of a
    weekly series stay pending for the manager to decide. A request whose dates have all expired
    becomes expired. Returns how many dates expired."""
    now = now or timezone.now()
    transition = TRANSITIONS["expire"]
    count = 0
    overdue = (
        RequestDate.objects.filter(
            status=DateStatus.PENDING, request__status=RequestStatus.PENDING, booking__start__lte=now
        )
        .values_list("request_id", flat=True)
        .distinct()
    )
    for request_id in sorted(set(overdue)):
        with transaction.atomic():
            request = _lock_request(request_id)
            if request.status not in transition.sources:
                continue
            begun = list(request.dates.filter(status=DateStatus.PENDING, booking__start__lte=now))
            if not begun:
                continue
            _set_dates(begun, DateStatus.EXPIRED)
            from_status = request.status
            if not request.dates.filter(status=DateStatus.PENDING).exists():
                request.status = transition.target
                request.save(update_fields=["status", "updated_at"])
            _record(
                request,
                None,
                "expire",
                [(rd, DateStatus.PENDING) for rd in begun],
                from_status,
                _gettext("Toujours en attente à cette date."),
            )
            count += len(begun)
    return count
