"""The bookings' part of the demo: the demo user `association` belongs to a demo association that has a few
requests in various states at the demo manager's lycée.

Idempotent: every demo request carries a fixed idempotency key, so a second run finds it and changes nothing.
Called by shareloc/demo.py after the catalogue's part."""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model

from core.dates import PARIS

from ..catalogue.models import Lycee
from . import workflow
from .associations import add_member
from .models import Association, BookingRequest

DEMO_USER = "association"
DEMO_ASSOCIATION = {
    "name": "Association sportive et culturelle de Fives",
    "rna": "W595004321",
    "contact_name": "Arnaud Asso",
    "contact_email": "association@demo.maregion.example",
    "contact_phone": "03 20 00 00 00",
}
# (key, weekday, start, end, weeks of the series, what the manager did)
DEMO_REQUESTS = (
    ("demo-serie-mardi", 1, time(18, 30), time(20, 30), 12, None),
    ("demo-acceptee", 3, time(18, 0), time(20, 0), 1, "approve"),
    ("demo-refusee", 2, time(19, 0), time(21, 0), 1, "decline"),
    ("demo-annulee", 4, time(18, 0), time(19, 30), 1, "cancel"),
)


def load(command):
    user = get_user_model().objects.filter(username=DEMO_USER).first()
    if user is None:
        return
    association = Association.objects.filter(rna=DEMO_ASSOCIATION["rna"]).first()
    if association is None:
        association = Association.objects.create(**DEMO_ASSOCIATION)
    if not association.members.filter(user=user).exists():
        add_member(association, user)
    lycee = Lycee.objects.filter(managers__isnull=False, spaces__windows__isnull=False).order_by("uai").first()
    if lycee is None:
        return
    manager = lycee.managers.order_by("pk").first()
    created = 0
    for key, weekday, start, end, weeks, action in DEMO_REQUESTS:
        if BookingRequest.objects.filter(association=association, idempotency_key=key).exists():
            continue
        if _make(user, manager, lycee, key, weekday, start, end, weeks, action):
            created += 1
    command.stdout.write(f"  demandes de réservation : {created} créée(s) pour « {association} »")


def _first_weekday(weekday, after):
    return after + timedelta(days=(weekday - after.weekday()) % 7)


def _make(user, manager, lycee, key, weekday, start, end, weeks, action):
    """Submit one demo request on the first space and date (within the next months) where its first date
    is free, then take the manager's or the association's action."""
    first = _first_weekday(weekday, date.today() + timedelta(days=21))
    for space in lycee.spaces.filter(windows__isnull=False).distinct().order_by("code"):
        for shift in range(0, 20):
            day = first + timedelta(weeks=shift)
            slots = workflow.series(
                datetime.combine(day, start, tzinfo=PARIS),
                datetime.combine(day, end, tzinfo=PARIS),
                day + timedelta(weeks=weeks - 1) if weeks > 1 else None,
            )
            # The first date free is enough: a series then shows its unavailable dates and their reasons.
            if workflow.date_availability(space, slots)[0][1] is not None:
                continue
            request, _new = workflow.submit(
                user,
                workflow.Submission(
                    space=space,
                    start=slots[0].start,
                    end=slots[0].end,
                    attendees=min(15, space.capacity),
                    purpose="Démonstration : entraînement et réunion de l'association",
                    repeat_weekly_until=slots[-1].start.date() if weeks > 1 else None,
                    idempotency_key=key,
                ),
            )
            if action == "approve" and manager is not None:
                workflow.approve(manager, request.pk)
            elif action == "decline" and manager is not None:
                workflow.decline(manager, request.pk, "Le gymnase accueille une compétition ce soir-là.")
            elif action == "cancel":
                workflow.cancel(user, request.pk, reason="Sortie reportée")
            return True
    return False
