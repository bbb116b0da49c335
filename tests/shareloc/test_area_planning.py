"""The Région's planning (issue 18): the lycée planning's grid across a commune or a département, a
section per lycée, ten lycées a page; public without pending requests or names, in the admin for the
Région's staff with them; a constant number of queries whatever the number of lycées and spaces."""

import datetime as dt
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import roles
from shareloc.catalogue.demo import ensure_catalogue_page
from shareloc.catalogue.planning import WEEK, area_lycees, build_area_planning
from shareloc.models import Booking, Closure
from tests.core.test_form_rendering import assert_consistent

from . import booking_helpers
from .booking_helpers import TUESDAY, at, day, make_user
from .factories import CommuneFactory, LyceeFactory, SpaceFactory, WindowFactory

world = booking_helpers.world
pytestmark = pytest.mark.django_db
PUBLIC = "/shareloc/planning/"
ADMIN = "/admin/shareloc/planning-region/"


@pytest.fixture
def area(world, home_page):
    ensure_catalogue_page()
    CommuneFactory()  # Lille, 59350: both lycées of the world are there
    CommuneFactory(code_insee="80021", name="Amiens", department="80", population=133000)
    amiens = LyceeFactory(name="Lycée d'Amiens", commune_name="Amiens", code_insee="80021", department="80")
    stage = SpaceFactory(lycee=amiens, code="SCENE", name="Scène")
    WindowFactory(space=stage, start=dt.time(8), end=dt.time(22))
    Booking.objects.create(
        space=world.space, start=at(TUESDAY, 18), end=at(TUESDAY, 20), organisation="Club de judo", status="confirmed"
    )
    Booking.objects.create(
        space=world.other_space,
        start=at(day(1), 18),
        end=at(day(1), 19),
        organisation="Chorale secrète",
        status="pending",
    )
    Booking.objects.create(
        space=stage, start=at(TUESDAY, 9), end=at(TUESDAY, 10), organisation="Théâtre d'Amiens", status="confirmed"
    )
    Closure.objects.create(lycee=world.other_lycee, start_date=day(2), end_date=day(2), reason="Inventaire")
    world.amiens = amiens
    return world


def region_staff():
    user = make_user("region")
    user.groups.add(roles.sync_role(roles.REGION_SHARELOC))
    return user


def html_of(response):
    return unescape(response.content.decode())


def test_the_public_sees_a_departement_without_pending_requests_or_names(client, area):
    response = client.get(PUBLIC, {"departement": "59", "date": TUESDAY.isoformat()})
    assert response.status_code == 200
    html = html_of(response)
    assert area.lycee.name in html and area.other_lycee.name in html
    assert "Lycée d'Amiens" not in html  # another département
    assert "18:00–20:00 Réservé" in html
    assert "Club de judo" not in html and "Chorale secrète" not in html and "En attente" not in html
    assert "Fermeture" in html
    # one accessible table per lycée, each with its own caption
    assert html.count("<caption") == 2 and f'id="planning-caption-{area.lycee.uai}"' in html
    assert '<th scope="row">' in html and 'class="shareloc-planning__nav no-print"' in html


def test_a_commune_narrows_to_its_lycees_by_name_or_code(client, area):
    for typed in ("amiens", "80021", "AMIENS"):
        html = html_of(client.get(PUBLIC, {"commune": typed, "date": TUESDAY.isoformat()}))
        assert "Lycée d'Amiens" in html and area.lycee.name not in html
        assert "09:00–10:00 Réservé" in html and "Théâtre" not in html


def test_region_staff_see_names_and_pending_requests_in_the_admin(client, area):
    client.force_login(region_staff())
    response = client.get(ADMIN, {"departement": "59", "date": TUESDAY.isoformat()})
    assert response.status_code == 200
    html = html_of(response)
    assert "18:00–20:00 Club de judo" in html
    assert "En attente : Chorale secrète" in html
    assert ADMIN in html_of(client.get("/admin/"))  # their menu entry


def test_a_lycee_manager_is_refused_the_region_planning_and_does_not_see_its_menu(client, area):
    area.manager.groups.add(roles.sync_role(roles.LYCEE_MANAGER))
    client.force_login(area.manager)
    refused = client.get(ADMIN, {"departement": "59"})  # Wagtail answers a PermissionDenied so
    assert (refused.status_code, refused.url) == (302, "/admin/")
    assert ADMIN not in html_of(client.get("/admin/"))
    client.logout()
    assert client.get(ADMIN, {"departement": "59"}).url.startswith("/admin/login/")


@pytest.mark.parametrize(
    ("params", "name", "words"),
    [
        ({"departement": "75"}, "departement", "02, 59"),
        ({"commune": "Atlantis"}, "commune", "Commune inconnue"),
        ({"commune": "Lil\x00le"}, "commune", "caractère nul"),  # PostgreSQL would refuse the query: 500
        ({"departement": "59", "page": "²"}, "page", "numéro de page"),
        ({"departement": "59", "vue": "an"}, "vue", "jour, semaine ou mois"),
    ],
)
def test_bad_parameters_answer_400_in_french(client, area, params, name, words):
    response = client.get(PUBLIC, params)
    assert response.status_code == 400
    assert words in html_of(response)


def test_without_an_area_the_page_asks_for_one(client, area):
    response = client.get(PUBLIC)
    assert response.status_code == 200
    assert "Choisissez un département ou une commune" in html_of(response)
    assert "<caption" not in html_of(response)


def test_ten_lycees_a_page_and_404_past_the_last(client, area):
    for n in range(11):
        lycee = LyceeFactory(name=f"Lycée Z{n:02d}")
        WindowFactory(space=SpaceFactory(lycee=lycee, code="S1"), start=dt.time(9), end=dt.time(17))
    LyceeFactory(name="Lycée sans espace")  # lends nothing: not listed
    first = html_of(client.get(PUBLIC, {"departement": "59"}))
    assert "13 lycées prêtent des espaces ici : 1 à 10" in first and "Lycées suivants" in first
    second = html_of(client.get(PUBLIC, {"departement": "59", "page": "2"}))
    assert "Lycée Z10" in second and "Lycée sans espace" not in second and "Page 2 sur 2" in second
    assert client.get(PUBLIC, {"departement": "59", "page": "3"}).status_code == 404


def test_the_pages_of_lycees_keep_the_area_and_the_period(client, area):
    # The shared pagination include (core/pagination.html) with the planning's wording: its links keep
    # the département, the view and the date of the page they are on.
    for n in range(11):
        lycee = LyceeFactory(name=f"Lycée Z{n:02d}")
        WindowFactory(space=SpaceFactory(lycee=lycee, code="S1"), start=dt.time(9), end=dt.time(17))
    query = {"departement": "59", "vue": "semaine", "date": TUESDAY.isoformat()}
    first = html_of(client.get(PUBLIC, query))
    nav = first[first.index('aria-label="Pages de lycées"') :]
    link = re.search(r'href="(\?[^"]*)" rel="next">Lycées suivants →', nav).group(1)
    for kept in ("page=2", "departement=59", "vue=semaine", f"date={TUESDAY.isoformat()}"):
        assert kept in link
    second = html_of(client.get(PUBLIC + link))
    assert "Lycée Z10" in second and "Page 2 sur 2" in second and "← Lycées précédents" in second


def count_queries(private):
    with CaptureQueriesContext(connection) as queries:
        planning = build_area_planning(area_lycees("59"), WEEK, TUESDAY, private=private)
    return len(queries), planning


@pytest.mark.parametrize("private", [True, False])
def test_a_constant_number_of_queries_whatever_the_lycees_and_spaces(area, private):
    small, planning = count_queries(private)
    assert len(planning.sections) == 2
    for n in range(8):
        lycee = LyceeFactory(name=f"Lycée Q{n}")
        for code in ("A", "B", "C", "D"):
            WindowFactory(space=SpaceFactory(lycee=lycee, code=code), start=dt.time(9), end=dt.time(17))
    large, planning = count_queries(private)
    assert len(planning.sections) == 10 and sum(len(s.rows) for s in planning.sections) == 34
    assert small == large
    assert large <= (9 if private else 8)  # count + page of lycées, spaces, 5 calendars, bookings


def test_the_admin_page_stays_within_its_query_budget(client, area, django_assert_max_num_queries):
    client.force_login(region_staff())
    for n in range(10):
        lycee = LyceeFactory(name=f"Lycée R{n}")
        WindowFactory(space=SpaceFactory(lycee=lycee, code="A"), start=dt.time(9), end=dt.time(17))
    with django_assert_max_num_queries(25):
        assert client.get(ADMIN, {"departement": "59", "vue": "mois"}).status_code == 200


def test_the_filter_is_a_form_drawn_by_the_field_template_with_the_period_shown(client, area):
    html = client.get(PUBLIC, {"departement": "59", "vue": "mois", "date": TUESDAY.isoformat()}).content.decode()
    assert_consistent(html)
    assert '<label for="area-departement">Département</label>' in html
    assert '<option value="59" selected>' in html and '<option value="mois" selected>' in html
    # The date field shows the first day of the period, as the period links do.
    assert f'value="{TUESDAY.replace(day=1).isoformat()}"' in html
    refused = client.get(PUBLIC, {"departement": "75"})
    markup = assert_consistent(refused.content.decode())
    assert refused.status_code == 400 and "departement" in markup.invalid
