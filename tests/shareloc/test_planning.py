"""A lycée's planning (issue 18): day, week and month grids of all its spaces, for its managers (with
pending requests and names) and for the public (without), in a constant number of queries."""

import datetime as dt
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import roles
from shareloc.catalogue.demo import ensure_catalogue_page
from shareloc.catalogue.planning import build_planning
from shareloc.models import Booking, Closure, PublicHoliday

from . import booking_helpers
from .booking_helpers import TUESDAY, at, day
from .factories import SpaceFactory, WindowFactory

world = booking_helpers.world
pytestmark = pytest.mark.django_db


@pytest.fixture
def planning_world(world, home_page):
    ensure_catalogue_page()
    world.manager.groups.add(roles.sync_role(roles.LYCEE_MANAGER))
    world.other_manager.groups.add(roles.sync_role(roles.LYCEE_MANAGER))
    hall = SpaceFactory(lycee=world.lycee, code="SALLE2", name="Salle polyvalente")
    WindowFactory(space=hall, weekdays=["mon", "tue", "wed", "thu", "fri"], start=dt.time(17), end=dt.time(21))
    Booking.objects.create(
        space=world.space, start=at(TUESDAY, 18), end=at(TUESDAY, 20), organisation="Club de judo", status="confirmed"
    )
    Booking.objects.create(
        space=hall, start=at(day(1), 18), end=at(day(1), 19), organisation="Chorale secrète", status="pending"
    )
    Closure.objects.create(lycee=world.lycee, space=hall, start_date=day(2), end_date=day(2), reason="Peinture")
    PublicHoliday.objects.create(date=day(3), name="Férié de test")
    return world


def page_url(world, **params):
    return f"/shareloc/{world.lycee.uai}/planning/", {"date": TUESDAY.isoformat(), **params}


def test_the_public_sees_the_week_without_pending_requests_or_names(client, planning_world):
    url, params = page_url(planning_world)
    response = client.get(url, params)
    assert response.status_code == 200
    html = unescape(response.content.decode())
    monday = TUESDAY - dt.timedelta(days=1)
    assert f"Planning du lundi {monday.day}" in html
    assert "Gymnase" in html and "Salle polyvalente" in html
    assert "18:00–20:00 Réservé" in html
    assert "Club de judo" not in html and "Chorale secrète" not in html and "En attente" not in html
    assert "Fermeture" in html and "Jour férié" in html
    assert '<th scope="row">' in html and "<caption" in html


def test_the_manager_sees_pending_requests_and_names_in_the_admin(client, planning_world):
    w = planning_world
    client.force_login(w.manager)
    response = client.get(f"/admin/shareloc/planning/{w.lycee.uai}/", {"date": TUESDAY.isoformat()})
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "18:00–20:00 Club de judo" in html
    assert "18:00–19:00 En attente : Chorale secrète" in html
    assert client.get("/admin/shareloc/planning/", {"date": TUESDAY.isoformat()}).status_code == 200
    # Another lycée's manager does not see it.
    client.force_login(w.other_manager)
    assert client.get(f"/admin/shareloc/planning/{w.lycee.uai}/").status_code == 404


@pytest.mark.parametrize(
    "view, columns",
    [("jour", 1), ("semaine", 7), ("mois", 31)],  # TUESDAY's month (March) has 31 days
)
def test_day_week_and_month_views(client, planning_world, view, columns):
    url, params = page_url(planning_world, vue=view)
    response = client.get(url, params)
    assert response.status_code == 200
    planning = response.context["planning"]
    assert len(planning.days) == columns
    assert all(len(row.cells) == columns for row in planning.rows)
    assert TUESDAY in planning.days


def test_a_bad_parameter_answers_400_in_french(client, planning_world):
    url, _params = page_url(planning_world)
    response = client.get(url, {"vue": "annee", "date": "demain"})
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "« vue » vaut jour, semaine ou mois." in html and "« date » doit être une date AAAA-MM-JJ" in html


def test_the_planning_takes_the_same_number_of_queries_whatever_the_number_of_spaces(planning_world):
    w = planning_world

    def count(private):
        with CaptureQueriesContext(connection) as queries:
            build_planning(w.lycee, "mois", TUESDAY, private=private)
        return len(queries)

    small = (count(True), count(False))
    for number in range(15):
        space = SpaceFactory(lycee=w.lycee, code=f"X{number}")
        WindowFactory(space=space)
        Booking.objects.create(
            space=space, start=at(TUESDAY, 10), end=at(TUESDAY, 11), organisation="Club", status="confirmed"
        )
    assert (count(True), count(False)) == small
    assert small == (7, 6)  # the spaces, load_calendars' five, and (managers) the bookings with names


def test_the_admin_page_takes_a_constant_number_of_queries(client, planning_world, django_assert_max_num_queries):
    w = planning_world
    client.force_login(w.manager)
    url = f"/admin/shareloc/planning/{w.lycee.uai}/"
    with CaptureQueriesContext(connection) as before:
        client.get(url, {"vue": "mois", "date": TUESDAY.isoformat()})
    for number in range(15):
        SpaceFactory(lycee=w.lycee, code=f"X{number}")
    with django_assert_max_num_queries(len(before)):
        assert client.get(url, {"vue": "mois", "date": TUESDAY.isoformat()}).status_code == 200
