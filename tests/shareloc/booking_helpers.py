"""Shared data for the booking tests: two lycées with a manager each, a space open every day 08:00–22:00,
lendable chairs, and an association with one member. Dates are built from TEST_NOW (the `clock` fixture,
autouse in this folder): TUESDAY is a Tuesday thirteen weeks after it, in term time."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from core.dates import PARIS
from shareloc.models import Association, AssociationMember
from tests.conftest import TEST_NOW

from .calendar_days import FALL_BACK, SPRING_FORWARD, last_sunday  # noqa: F401 (shared with the tests)
from .factories import EquipmentFactory, LyceeFactory, SpaceFactory, WindowFactory

# TEST_NOW is a Tuesday; thirteen weeks later is still a Tuesday, still before the spring clock change.
TUESDAY = TEST_NOW.date() + dt.timedelta(weeks=13)


def week(n):
    """The Tuesday `n` weeks after TUESDAY."""
    return TUESDAY + dt.timedelta(weeks=n)


def day(n):
    """The day `n` days after TUESDAY."""
    return TUESDAY + dt.timedelta(days=n)


def days_from_real_now(days):
    """A Tuesday at least `days` days after the real today: for tests whose server process keeps the
    real clock (it refuses dates that have begun)."""
    day = dt.datetime.now(PARIS).date() + dt.timedelta(days=days)
    return day + dt.timedelta(days=(1 - day.weekday()) % 7)


def at(day, hour, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=PARIS)


def iso(day, hour, minute=0):
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}"


@dataclass
class World:
    lycee: object
    other_lycee: object
    space: object
    other_space: object
    chairs: object
    manager: object
    other_manager: object
    association: object
    member: object
    other_member: object
    outsider: object


def make_user(username, **extra):
    User = get_user_model()
    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password="pw-123456789",
        first_name=username.capitalize(),
        **extra,
    )
    return user


def make_association(name, user, rna):
    association = Association.objects.create(
        name=name, rna=rna, contact_name=f"Contact {name}", contact_email=f"contact@{rna.lower()}.example"
    )
    AssociationMember.objects.create(association=association, user=user)
    return association


def build_world():
    lycee, other_lycee = LyceeFactory(), LyceeFactory()
    space = SpaceFactory(lycee=lycee, code="GYM1", name="Gymnase", capacity=30, hourly_rate_eur=20)
    other_space = SpaceFactory(lycee=other_lycee, code="S101", name="Salle 101", capacity=20)
    for each in (space, other_space):
        WindowFactory(space=each, start=dt.time(8), end=dt.time(22))
    chairs = EquipmentFactory(lycee=lycee, code="CHAISES", name="Chaises pliantes", quantity=10)
    manager, other_manager = make_user("gestion_a"), make_user("gestion_b")
    lycee.managers.add(manager)
    other_lycee.managers.add(other_manager)
    member, other_member = make_user("membre"), make_user("autre_membre")
    association = make_association("Club d'échecs de Lille", member, "W595000001")
    make_association("Chorale de Douai", other_member, "W595000002")
    outsider = make_user("passant")
    return World(
        lycee,
        other_lycee,
        space,
        other_space,
        chairs,
        manager,
        other_manager,
        association,
        member,
        other_member,
        outsider,
    )


@pytest.fixture
def world(db):
    return build_world()


def request_body(space, day=TUESDAY, start=(18, 30), end=(20, 30), **extra):
    body = {
        "space": f"{space.lycee.uai}/{space.code}",
        "start": iso(day, *start),
        "end": iso(day, *end),
        "attendees": 12,
        "purpose": "Entraînement hebdomadaire",
    }
    body.update(extra)  # may replace "start" or "end" by a raw string
    return body
