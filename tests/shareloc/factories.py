"""factory_boy factories for Shareloc's models."""

import datetime
from decimal import Decimal

import factory

from shareloc.catalogue.models import uai_check_letter
from shareloc.models import (
    Booking,
    BookingStatus,
    Closure,
    Commune,
    LendableEquipment,
    Lycee,
    OpeningWindow,
    Space,
    SpaceKind,
)
from tests.conftest import TEST_NOW


def make_uai(number):
    digits = f"{5900000 + number:07d}"
    return digits + uai_check_letter(digits)


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code_insee",)

    code_insee = "59350"
    name = "Lille"
    department = "59"
    postal_codes = "59000|59160|59260|59777|59800"
    population = 236710
    latitude = 50.6311
    longitude = 3.0468


class LyceeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lycee

    uai = factory.Sequence(make_uai)
    name = factory.Sequence(lambda n: f"Lycée Test {n}")
    type = "LEGT"
    commune_name = "Lille"
    code_insee = "59350"
    department = "59"
    academie = "Lille"
    latitude = 50.63
    longitude = 3.06


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    lycee = factory.SubFactory(LyceeFactory)
    code = factory.Sequence(lambda n: f"S{n}")
    name = factory.Sequence(lambda n: f"Salle {n}")
    kind = SpaceKind.CLASSROOM
    capacity = 30
    accessible = True
    equipment = factory.LazyFunction(lambda: ["whiteboard", "chairs"])
    hourly_rate_eur = Decimal("0")


class WindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningWindow

    space = factory.SubFactory(SpaceFactory)
    weekdays = factory.LazyFunction(lambda: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
    start = datetime.time(8, 0)
    end = datetime.time(22, 0)
    period = "always"


class ClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Closure

    lycee = factory.SelfAttribute("space.lycee")
    space = factory.SubFactory(SpaceFactory)
    # A fortnight in June of the year after TEST_NOW, the clock's date (1–10 June 2027).
    start_date = datetime.date(TEST_NOW.year + 1, 6, 1)
    end_date = datetime.date(TEST_NOW.year + 1, 6, 10)
    reason = "Examens"


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    space = factory.SubFactory(SpaceFactory)
    organisation = "Club d'échecs"
    status = BookingStatus.CONFIRMED
    source = "admin"


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LendableEquipment

    lycee = factory.SubFactory(LyceeFactory)
    code = factory.Sequence(lambda n: f"EQ{n}")
    name = "Chaises"
    category = "furniture"
    quantity = 10
