"""Dates shown to people read in Paris time and French format (issue 18): stored in UTC, an 18:00
booking in winter is 17:00 UTC and must never read 17:00."""

from html import unescape

import pytest

from shareloc.models import Booking, RequestDate, StatusChange

from . import booking_helpers
from .booking_helpers import TUESDAY, at, request_body

world = booking_helpers.world
pytestmark = pytest.mark.django_db


def submit(client, user, body):
    client.force_login(user)
    response = client.post("/api/shareloc/requests/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()


def test_a_booking_reads_in_paris_time(world):
    booking = Booking.objects.create(
        space=world.space, start=at(TUESDAY, 18), end=at(TUESDAY, 20), organisation="Club de judo", status="confirmed"
    )
    booking.refresh_from_db()  # as the admin reads it back: UTC from the database
    text = str(booking)
    assert f"{TUESDAY:%d/%m/%Y} 18:00–20:00" in text
    assert "17:00" not in text and "19:00" not in text


def test_a_requested_date_and_its_history_read_in_paris_time(client, world):
    submit(client, world.member, request_body(world.space, start=(18, 0), end=(20, 0)))
    request_date = RequestDate.objects.select_related("booking").get()
    assert str(request_date).startswith(f"{TUESDAY:%d/%m/%Y} 18:00")
    change = StatusChange.objects.get()
    assert "→ en attente" in str(change)


def test_my_request_page_shows_french_dates_not_iso(client, world):
    body = submit(client, world.member, request_body(world.space, start=(18, 0), end=(20, 0)))
    html = unescape(client.get(f"/shareloc/mes-demandes/{body['id']}/").content.decode())
    months = ["janvier", "février", "mars", "avril", "mai", "juin"]
    french = f"{TUESDAY.day} {months[TUESDAY.month - 1]} {TUESDAY.year}"
    assert f"mardi {french}" in html
    assert f'<td><time datetime="{TUESDAY.isoformat()}">' in html
    assert f">{TUESDAY.isoformat()}<" not in html
    assert "18:00–20:00" in html and "17:00" not in html
    listing = unescape(client.get("/shareloc/mes-demandes/").content.decode())
    assert f"{TUESDAY:%d/%m/%Y} 18:00" in listing and "17:00" not in listing
