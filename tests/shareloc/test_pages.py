"""The public pages: the catalogue (filters, count, pagination, shareable URLs), a lycée, a space."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import date_format

from shareloc.catalogue.demo import ensure_catalogue_page
from shareloc.catalogue.holiday_calendars import sync_calendars
from shareloc.models import Closure

from .booking_helpers import iso
from .calendar_days import EASTER_MONDAY, SPRING_HOLIDAYS, TERM_TUESDAY, YEAR
from .factories import LyceeFactory, SpaceFactory, WindowFactory


@pytest.fixture
def site(home_page):
    sync_calendars([YEAR])
    catalogue = ensure_catalogue_page()
    lycee = LyceeFactory(uai="0590119J", name="Lycée Faidherbe", commune_name="Lille", department="59")
    gym = SpaceFactory(
        lycee=lycee,
        code="GYM1",
        name="Gymnase Faidherbe",
        kind="gymnasium",
        capacity=200,
        equipment=["showers"],
        hourly_rate_eur=Decimal("0"),
        description="Entrée rue Armand Carrel.",
    )
    WindowFactory(
        space=gym, weekdays=["mon", "tue", "wed", "thu", "fri"], start=dt.time(18), end=dt.time(22), period="term"
    )
    amphi = SpaceFactory(
        lycee=lycee, code="AMPHI", name="Amphithéâtre", kind="lecture_hall", capacity=120, hourly_rate_eur=Decimal("15")
    )
    for number in range(25):
        SpaceFactory(
            lycee=LyceeFactory(department="80", commune_name="Amiens"),
            code=f"S{number}",
            name=f"Salle {number}",
            kind="classroom",
        )
    return {"catalogue": catalogue, "lycee": lycee, "gym": gym, "amphi": amphi}


def test_the_catalogue_page_lives_at_shareloc_and_lists_every_space_with_a_count(client, site):
    assert site["catalogue"].url == "/shareloc/"
    response = client.get("/shareloc/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "27 espaces trouvés" in html and "Page 1 sur 2" in html


def test_filters_are_shareable_urls_that_narrow_the_list(client, site, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        response = client.get(
            "/shareloc/",
            {
                "department": "59",
                "kind": "gymnasium",
                "free": "true",
                "available_from": iso(TERM_TUESDAY, 18),
                "available_to": iso(TERM_TUESDAY, 20),
            },
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 espace trouvé" in html and "Gymnase Faidherbe" in html and "Amphithéâtre" not in html
    assert 'href="/shareloc/0590119J/GYM1/"' in html
    second_page = client.get("/shareloc/", {"department": "80", "page": "2", "page_size": "20"}).content.decode()
    assert "Salle" in second_page and "Page 2 sur 2" in second_page


def test_bad_criteria_answer_400_with_the_message_next_to_the_field(client, site):
    response = client.get("/shareloc/", {"kind": "spaceship", "min_capacity": "-1", "page": "99"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Certains critères sont invalides" in html and "spaceship" in html
    assert 'aria-invalid="true"' in html


def test_the_lycee_page_lists_its_spaces(client, site):
    html = client.get("/shareloc/0590119J/").content.decode()
    assert "Lycée Faidherbe" in html and "Gymnase Faidherbe" in html and "Amphithéâtre" in html
    assert "2 espaces prêtés" in html
    assert client.get("/shareloc/0590118A/").status_code == 404


def test_the_space_page_shows_rate_equipment_access_and_a_four_week_table_with_reasons(client, site):
    wednesday = EASTER_MONDAY + dt.timedelta(days=2)
    last_day = EASTER_MONDAY + dt.timedelta(days=27)
    assert EASTER_MONDAY < SPRING_HOLIDAYS[0] <= last_day  # the four weeks hold a holiday and a school holiday
    Closure.objects.create(lycee=site["lycee"], start_date=wednesday, end_date=wednesday)
    response = client.get("/shareloc/0590119J/GYM1/", {"debut": wednesday.isoformat()})  # from its Monday
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gratuit" in html and "douches" in html and "Entrée rue Armand Carrel." in html
    with translation.override("fr"):
        first, last = (date_format(day, "j F Y") for day in (EASTER_MONDAY, last_day))
    assert f"Créneaux libres du {first} au {last}" in html
    assert html.count('<th scope="row">') == 28
    assert "Jour férié" in html  # Easter Monday
    assert "Fermeture" in html  # the lycée's closure on the Wednesday
    assert "Pas de créneau d&#x27;ouverture ce jour-là" in html  # weekends
    assert "Vacances scolaires" in html  # zone B's spring holidays
    assert "18:00–22:00" in html


def test_the_space_page_refuses_a_malformed_start_and_404s_an_unknown_space(client, site):
    assert client.get("/shareloc/0590119J/GYM1/", {"debut": "bientôt"}).status_code == 400
    assert client.get("/shareloc/0590119J/NOPE/").status_code == 404
    assert client.get(site["amphi"].get_absolute_url()).status_code == 200


def test_the_space_page_shows_its_photos_with_a_text_alternative(client, site):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from shareloc.models import SpacePhoto

    image = Image.objects.create(title="Gymnase vu du fond", file=get_test_image_file(size=(800, 600)))
    SpacePhoto.objects.create(space=site["gym"], image=image, caption="Le plateau sportif et ses gradins")
    html = client.get("/shareloc/0590119J/GYM1/").content.decode()
    assert 'alt="Le plateau sportif et ses gradins"' in html and "<figcaption>" in html
