"""Deleting from the catalogue never takes bookings with it: a space, a lycée or a lent piece of
equipment that bookings or requests hang on is refused in French, with what holds it, and stays; the
database refuses it too (Booking.space is PROTECT, as the requests' keys are)."""

import datetime as dt
from html import unescape

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from core import roles
from shareloc.models import Booking, Lycee, Space

from .booking_helpers import TUESDAY, at, build_world
from .factories import BookingFactory, SpaceFactory
from .test_booking_admin import ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def admin_world(world):
    world.manager.groups.add(roles.sync_role(roles.LYCEE_MANAGER))
    return world


def imported_booking(space, day=TUESDAY):
    return BookingFactory(space=space, start=at(day, 18), end=at(day, 20), source="import", organisation="Judo club")


def test_a_space_with_only_imported_bookings_is_refused_and_keeps_them(client, admin_world, clock):
    w = admin_world
    booking = imported_booking(w.space)
    client.force_login(w.manager)
    url = reverse("shareloc_spaces:delete", args=[w.space.pk])
    page = client.get(url)
    assert page.status_code == 200
    text = unescape(page.content.decode())
    assert "ne peut pas être supprimé" in text and "Judo club" in text
    assert 'class="button serious"' not in text  # no delete button is offered
    refused = client.post(url)
    assert refused.status_code == 409
    assert Space.objects.filter(pk=w.space.pk).exists()
    assert Booking.objects.filter(pk=booking.pk).exists()


def test_a_space_with_a_request_is_refused_instead_of_failing(client, admin_world, clock):
    w = admin_world
    ask(w.member, w.space)
    client.force_login(w.manager)
    url = reverse("shareloc_spaces:delete", args=[w.space.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 409
    assert "demande" in unescape(response.content.decode())
    assert Space.objects.filter(pk=w.space.pk).exists()


def test_a_past_cancelled_booking_still_holds_the_space(client, admin_world, clock):
    w = admin_world
    past = TUESDAY - dt.timedelta(days=70)
    booking = BookingFactory(space=w.space, start=at(past, 18), end=at(past, 20), status="cancelled")
    client.force_login(w.manager)
    assert client.post(reverse("shareloc_spaces:delete", args=[w.space.pk])).status_code == 409
    assert Booking.objects.filter(pk=booking.pk).exists()


def test_a_space_without_bookings_is_deleted_as_before(client, admin_world):
    w = admin_world
    spare = SpaceFactory(lycee=w.lycee, code="SPARE", name="Salle créée par erreur")
    client.force_login(w.manager)
    url = reverse("shareloc_spaces:delete", args=[spare.pk])
    page = unescape(client.get(url).content.decode())
    assert 'class="button serious"' in page
    response = client.post(url)
    assert response.status_code == 302
    assert not Space.objects.filter(pk=spare.pk).exists()


def test_a_lycee_whose_spaces_hold_bookings_is_refused(client, admin_world, django_user_model, clock):
    w = admin_world
    booking = imported_booking(w.space)
    superuser = django_user_model.objects.create_superuser("root", "root@example.org", "x" * 16)
    client.force_login(superuser)
    response = client.post(reverse("shareloc_lycees:delete", args=[w.lycee.pk]))
    assert response.status_code == 409
    assert Lycee.objects.filter(pk=w.lycee.pk).exists()
    assert Booking.objects.filter(pk=booking.pk).exists()


def test_the_database_refuses_a_space_delete_that_would_take_bookings(world, clock):
    imported_booking(world.space)
    with pytest.raises(ProtectedError):
        world.space.delete()
