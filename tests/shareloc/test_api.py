"""GET /api/shareloc/spaces/ and /availability/ (FORMATS.md): shape, each filter, bad parameters, queries."""

import datetime as dt
from decimal import Decimal

import pytest

from shareloc.catalogue.holiday_calendars import sync_calendars
from shareloc.models import Closure, Commune

from .booking_helpers import at, iso
from .calendar_days import (
    EASTER_MONDAY,
    HOLIDAY_TUESDAY,
    SPRING_FORWARD,
    TERM_MONDAY_JANUARY,
    TERM_TUESDAY,
    YEAR,
    days_after,
)
from .factories import BookingFactory, LyceeFactory, SpaceFactory, WindowFactory

URL = "/api/shareloc/spaces/"
NEXT_DAY = TERM_TUESDAY + dt.timedelta(days=1)


@pytest.fixture
def catalogue(db):
    """Three lycées in three places, seven spaces with varied attributes."""
    sync_calendars([YEAR])
    Commune.objects.create(code_insee="59350", name="Lille", department="59", latitude=50.6311, longitude=3.0468)
    Commune.objects.create(code_insee="80021", name="Amiens", department="80", latitude=49.8942, longitude=2.2957)
    Commune.objects.create(code_insee="59599", name="Tourcoing", department="59", latitude=50.7239, longitude=3.1612)
    lille = LyceeFactory(
        uai="0590119J",
        name="Lycée Faidherbe",
        commune_name="Lille",
        code_insee="59350",
        department="59",
        latitude=50.6292,
        longitude=3.0573,
    )
    tourcoing = LyceeFactory(
        name="Lycée Colbert",
        commune_name="Tourcoing",
        code_insee="59599",
        department="59",
        latitude=50.7243,
        longitude=3.1580,
    )
    amiens = LyceeFactory(
        name="Lycée Madeleine Michelis",
        commune_name="Amiens",
        code_insee="80021",
        department="80",
        latitude=49.8900,
        longitude=2.3000,
    )
    spaces = {
        "gym": SpaceFactory(
            lycee=lille,
            code="GYM1",
            name="Gymnase Faidherbe",
            kind="gymnasium",
            capacity=200,
            area_m2=800,
            accessible=True,
            equipment=["changing_rooms", "showers"],
            hourly_rate_eur=Decimal("0"),
            description="Parquet neuf.",
        ),
        "amphi": SpaceFactory(
            lycee=lille,
            code="AMPHI",
            name="Amphithéâtre",
            kind="lecture_hall",
            capacity=120,
            accessible=False,
            equipment=["projector", "screen", "sound_system"],
            hourly_rate_eur=Decimal("15.00"),
        ),
        "s101": SpaceFactory(
            lycee=tourcoing,
            code="S101",
            name="Salle 101",
            kind="classroom",
            capacity=30,
            accessible=True,
            equipment=["projector", "whiteboard"],
            hourly_rate_eur=Decimal("5"),
        ),
        "terrain": SpaceFactory(
            lycee=tourcoing,
            code="TER",
            name="Terrain de football",
            kind="sports_field",
            capacity=60,
            accessible=False,
            equipment=[],
            hourly_rate_eur=Decimal("0"),
        ),
        "cdi": SpaceFactory(
            lycee=amiens,
            code="CDI",
            name="CDI",
            kind="library",
            capacity=40,
            accessible=True,
            equipment=["wifi", "tables", "chairs"],
            hourly_rate_eur=Decimal("0"),
            description="Idéal pour un atelier d'écriture.",
        ),
        "cuisine": SpaceFactory(
            lycee=amiens,
            code="CUIS",
            name="Cuisine pédagogique",
            kind="kitchen",
            capacity=12,
            accessible=True,
            equipment=["kitchen_equipment"],
            hourly_rate_eur=Decimal("30"),
        ),
        "reunion": SpaceFactory(
            lycee=amiens,
            code="REU",
            name="Salle de réunion",
            kind="meeting_room",
            capacity=10,
            accessible=True,
            equipment=["projector", "wifi", "tables"],
            hourly_rate_eur=Decimal("0"),
        ),
    }
    for key in ("gym", "amphi", "s101", "cdi"):
        WindowFactory(
            space=spaces[key],
            weekdays=["mon", "tue", "wed", "thu", "fri"],
            start=dt.time(18),
            end=dt.time(22),
            period="term",
        )
    WindowFactory(space=spaces["terrain"], weekdays=["sat"], start=dt.time(9), end=dt.time(18))
    return spaces


def ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def test_the_list_has_the_exact_json_shape_of_the_contract(client, catalogue):
    response = client.get(URL, {"q": "Faidherbe", "kind": "gymnasium"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "facets", "results"}
    assert body["facets"] == {
        "kind": {"gymnasium": 1},
        "department": {"59": 1},
        "equipment": {"showers": 1, "changing_rooms": 1},
    }
    assert body["count"] == 1 and body["next"] is None and body["previous"] is None
    assert body["results"] == [
        {
            "id": "0590119J/GYM1",
            "uai": "0590119J",
            "code": "GYM1",
            "name": "Gymnase Faidherbe",
            "kind": "gymnasium",
            "capacity": 200,
            "area_m2": 800,
            "accessible": True,
            "equipment": ["changing_rooms", "showers"],
            "hourly_rate_eur": "0.00",
            "lycee": {
                "uai": "0590119J",
                "name": "Lycée Faidherbe",
                "commune": "Lille",
                "code_insee": "59350",
                "department": "59",
                "latitude": 50.6292,
                "longitude": 3.0573,
            },
            "url": "/shareloc/0590119J/GYM1/",
            "distance_km": None,
        }
    ]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"department": "80"}, {"cdi", "cuisine", "reunion"}),
        ({"commune": "59599"}, {"s101", "terrain"}),
        ({"near": "59350"}, {"gym", "amphi"}),  # Tourcoing's lycée is 13 km from Lille: outside the default 10 km
        ({"near": "59350", "radius_km": "15"}, {"gym", "amphi", "s101", "terrain"}),
        ({"near": "59350", "radius_km": "3"}, {"gym", "amphi"}),
        ({"near": "80021", "radius_km": "5"}, {"cdi", "cuisine", "reunion"}),
        ({"near": "amiens", "radius_km": "5"}, {"cdi", "cuisine", "reunion"}),  # people type a name
        ({"kind": ["classroom", "library"]}, {"s101", "cdi"}),
        ({"min_capacity": "100"}, {"gym", "amphi"}),
        ({"accessible": "true"}, {"gym", "s101", "cdi", "cuisine", "reunion"}),
        ({"equipment": ["projector", "wifi"]}, {"reunion"}),
        ({"equipment": "projector"}, {"amphi", "s101", "reunion"}),
        ({"free": "true"}, {"gym", "terrain", "cdi", "reunion"}),
        ({"q": "atelier"}, {"cdi"}),
        ({"q": "tourcoing salle"}, {"s101"}),
        ({"q": "colbert"}, {"s101", "terrain"}),
        ({"department": "59", "free": "true", "accessible": "true"}, {"gym"}),
    ],
)
def test_each_filter_narrows_the_list(client, catalogue, params, expected):
    assert ids(client.get(URL, params)) == {catalogue[key].public_id for key in expected}


def test_available_on_a_slot_applies_the_whole_rule(client, catalogue):
    tuesday = TERM_TUESDAY.isoformat()
    BookingFactory(space=catalogue["gym"], start=at(TERM_TUESDAY, 19), end=at(TERM_TUESDAY, 20))
    Closure.objects.create(lycee=catalogue["s101"].lycee, start_date=TERM_TUESDAY, end_date=TERM_TUESDAY)
    slot = {"available_from": f"{tuesday}T18:00", "available_to": f"{tuesday}T19:00"}
    assert ids(client.get(URL, slot)) == {
        catalogue["gym"].public_id,
        catalogue["amphi"].public_id,
        catalogue["cdi"].public_id,
    }
    slot["available_to"] = f"{tuesday}T19:30"
    assert ids(client.get(URL, slot)) == {catalogue["amphi"].public_id, catalogue["cdi"].public_id}
    holidays = {"available_from": iso(HOLIDAY_TUESDAY, 18), "available_to": iso(HOLIDAY_TUESDAY, 19)}
    assert ids(client.get(URL, holidays)) == set()
    saturday = TERM_TUESDAY + dt.timedelta(days=4)
    saturday = {"available_from": iso(saturday, 10), "available_to": iso(saturday, 12), "department": "59"}
    assert ids(client.get(URL, saturday)) == {catalogue["terrain"].public_id}
    easter_monday = {"available_from": iso(EASTER_MONDAY, 18), "available_to": iso(EASTER_MONDAY, 19)}
    assert ids(client.get(URL, easter_monday)) == set()


@pytest.mark.parametrize(
    "params, bad",
    [
        ({"available_from": f"{YEAR}-13-01T18:00", "available_to": iso(TERM_TUESDAY, 19)}, {"available_from"}),
        ({"available_from": iso(TERM_TUESDAY, 22), "available_to": iso(NEXT_DAY, 1)}, {"available_to"}),
        ({"available_from": iso(TERM_TUESDAY, 20), "available_to": iso(TERM_TUESDAY, 18)}, {"available_to"}),
        ({"available_from": iso(TERM_TUESDAY, 18)}, {"available_to"}),
        ({"available_from": iso(SPRING_FORWARD, 2, 30), "available_to": iso(SPRING_FORWARD, 4)}, {"available_from"}),
        ({"kind": "spaceship"}, {"kind"}),
        ({"min_capacity": "-3"}, {"min_capacity"}),
        ({"min_capacity": "beaucoup"}, {"min_capacity"}),
        ({"page": str(10**9)}, {"page"}),
        ({"page": "0"}, {"page"}),
        ({"page": "999"}, {"page"}),
        ({"page_size": "101"}, {"page_size"}),
        ({"near": "59350", "radius_km": str(10**6)}, {"radius_km"}),
        ({"near": "99999"}, {"near"}),
        ({"near": "Atlantis"}, {"near"}),
        ({"department": "75"}, {"department"}),
        ({"equipment": "jacuzzi"}, {"equipment"}),
        ({"accessible": "peut-être"}, {"accessible"}),
        ({"free": "2"}, {"free"}),
        ({"kind": "spaceship", "page_size": "0", "free": "x"}, {"kind", "page_size", "free"}),
    ],
)
def test_each_bad_parameter_answers_400_naming_it(client, catalogue, params, bad):
    response = client.get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert set(body) == bad
    assert all(isinstance(message, str) and message for messages in body.values() for message in messages)


def test_pagination_gives_next_and_previous_links_and_at_most_100_per_page(client, catalogue):
    body = client.get(URL, {"page_size": "3", "page": "2"}).json()
    assert body["count"] == 7 and len(body["results"]) == 3
    assert "page=3" in body["next"] and "page_size=3" in body["next"] and body["previous"]


def test_the_number_of_queries_does_not_grow_with_the_page_size(client, catalogue, django_assert_max_num_queries):
    lycee = catalogue["gym"].lycee
    for number in range(60):
        space = SpaceFactory(lycee=lycee, code=f"X{number}", kind="classroom")
        WindowFactory(space=space)
    params = {
        "available_from": iso(TERM_TUESDAY, 18),
        "available_to": iso(TERM_TUESDAY, 19),
        "department": "59",
        "equipment": "whiteboard",
        "near": "59350",
        "q": "salle",
    }
    for page_size in ("5", "60"):
        with django_assert_max_num_queries(10):
            response = client.get(URL, {**params, "page_size": page_size})
        assert len(response.json()["results"]) == int(page_size)


def test_availability_lists_free_intervals_day_by_day(client, catalogue):
    BookingFactory(space=catalogue["gym"], start=at(TERM_TUESDAY, 19), end=at(TERM_TUESDAY, 20))
    BookingFactory(space=catalogue["gym"], start=at(NEXT_DAY, 19), end=at(NEXT_DAY, 20), status="cancelled")
    week = days_after(TERM_MONDAY_JANUARY, 7)  # Monday to Sunday
    response = client.get(
        "/api/shareloc/spaces/0590119J/GYM1/availability/", {"from": week[0].isoformat(), "to": week[-1].isoformat()}
    )
    assert response.status_code == 200
    evening = [["18:00", "22:00"]]
    free = [evening, [["18:00", "19:00"], ["20:00", "22:00"]], evening, evening, evening, [], []]
    assert response.json() == {
        "space": "0590119J/GYM1",
        "days": [{"date": day.isoformat(), "free": hours} for day, hours in zip(week, free, strict=True)],
    }


def test_availability_accepts_92_days_and_refuses_more_or_bad_dates(client, catalogue, django_assert_max_num_queries):
    url = "/api/shareloc/spaces/0590119J/GYM1/availability/"
    first = dt.date(YEAR, 1, 1)
    day_92, day_93 = (first + dt.timedelta(days=n) for n in (91, 92))
    with django_assert_max_num_queries(7):
        response = client.get(url, {"from": first.isoformat(), "to": day_92.isoformat()})
    assert response.status_code == 200 and len(response.json()["days"]) == 92
    assert set(client.get(url, {"from": first.isoformat(), "to": day_93.isoformat()}).json()) == {"to"}
    backwards = {"from": NEXT_DAY.isoformat(), "to": TERM_TUESDAY.isoformat()}
    assert set(client.get(url, backwards).json()) == {"to"}
    assert set(client.get(url, {"from": "demain", "to": TERM_TUESDAY.isoformat()}).json()) == {"from"}
    assert set(client.get(url, {}).json()) == {"from", "to"}
    assert (
        client.get(
            "/api/shareloc/spaces/0590119J/NOPE/availability/",
            {"from": TERM_TUESDAY.isoformat(), "to": NEXT_DAY.isoformat()},
        ).status_code
        == 404
    )


def test_the_openapi_schema_documents_both_endpoints_and_their_parameters(client, db):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    spaces = schema["paths"]["/api/shareloc/spaces/"]["get"]
    names = {parameter["name"] for parameter in spaces["parameters"]}
    assert names >= {
        "department",
        "commune",
        "near",
        "radius_km",
        "kind",
        "min_capacity",
        "accessible",
        "equipment",
        "free",
        "q",
        "available_from",
        "available_to",
        "page",
        "page_size",
    }
    availability = schema["paths"]["/api/shareloc/spaces/{uai}/{code}/availability/"]["get"]
    assert {parameter["name"] for parameter in availability["parameters"]} >= {"from", "to", "uai", "code"}


def test_a_commune_name_shared_by_several_communes_asks_for_the_insee_code(client, catalogue):
    Commune.objects.create(code_insee="02999", name="Homonyme", department="02", latitude=49.5, longitude=3.5)
    Commune.objects.create(code_insee="62999", name="Homonyme", department="62", latitude=50.5, longitude=2.5)
    response = client.get("/api/shareloc/spaces/", {"near": "homonyme"})
    assert response.status_code == 400
    message = " ".join(response.json()["near"])
    assert "02999" in message and "62999" in message


# --- nearest first, communes however typed, facet counts (issue 18) ---


def haversine(lat1, lon1, lat2, lon2):
    """Written again here, independently of the code: the great-circle distance in km."""
    from math import asin, cos, radians, sin, sqrt

    a = (
        sin(radians(lat2 - lat1) / 2) ** 2
        + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * asin(sqrt(a))


def test_near_lists_spaces_by_increasing_distance_with_distance_km(client, catalogue):
    lille = Commune.objects.get(code_insee="59350")
    response = client.get(URL, {"near": "59350", "radius_km": "15"})
    results = response.json()["results"]
    assert [item["id"] for item in results] == [
        "0590119J/AMPHI",
        "0590119J/GYM1",
        *sorted(item["id"] for item in results if item["lycee"]["commune"] == "Tourcoing"),
    ]
    for item in results:
        expected = round(
            haversine(lille.latitude, lille.longitude, item["lycee"]["latitude"], item["lycee"]["longitude"]), 1
        )
        assert item["distance_km"] == expected
    distances = [item["distance_km"] for item in results]
    assert distances == sorted(distances) and distances[0] < 1 < 10 < distances[-1] <= 15
    # The order holds across pages.
    second = client.get(URL, {"near": "59350", "radius_km": "15", "page_size": "2", "page": "2"}).json()["results"]
    assert [item["id"] for item in second] == [item["id"] for item in results[2:4]]


def test_a_commune_is_found_whatever_its_accents_case_and_hyphens(client, catalogue):
    Commune.objects.create(
        code_insee="02691", name="Saint-Quentin", department="02", latitude=49.8465, longitude=3.2876
    )
    Commune.objects.create(code_insee="62318", name="Étaples", department="62", latitude=50.5139, longitude=1.6389)
    SpaceFactory(
        lycee=LyceeFactory(commune_name="Saint-Quentin", department="02", latitude=49.8470, longitude=3.2850),
        code="SQ1",
    )
    SpaceFactory(
        lycee=LyceeFactory(commune_name="Étaples", department="62", latitude=50.5120, longitude=1.6400), code="ET1"
    )
    for typed in ("saint quentin", "SAINT-QUENTIN", "Saint Quentin", "saint-quentin "):
        results = client.get(URL, {"near": typed, "radius_km": "5"}).json()["results"]
        assert [item["code"] for item in results] == ["SQ1"], typed
    for typed in ("etaples", "Étaples", "ETAPLES", "étaples"):
        results = client.get(URL, {"near": typed, "radius_km": "5"}).json()["results"]
        assert [item["code"] for item in results] == ["ET1"], typed
    assert client.get(URL, {"near": "saint quentinois"}).status_code == 400


def test_facets_count_the_results_by_kind_department_and_equipment(client, catalogue):
    body = client.get(URL).json()
    assert body["facets"]["department"] == {"59": 4, "80": 3}
    assert body["facets"]["kind"] == {
        "classroom": 1,
        "lecture_hall": 1,
        "gymnasium": 1,
        "sports_field": 1,
        "library": 1,
        "kitchen": 1,
        "meeting_room": 1,
    }
    assert body["facets"]["equipment"]["projector"] == 3 and body["facets"]["equipment"]["wifi"] == 2
    narrowed = client.get(URL, {"department": "80", "equipment": "wifi"}).json()["facets"]
    assert narrowed == {
        "kind": {"library": 1, "meeting_room": 1},
        "department": {"80": 2},
        "equipment": {"projector": 1, "wifi": 2, "tables": 2, "chairs": 1},
    }


def test_the_page_shows_the_distance_and_the_facet_counts(client, catalogue, home_page):
    from shareloc.catalogue.demo import ensure_catalogue_page

    ensure_catalogue_page()
    html = client.get("/shareloc/", {"near": "Lille", "radius_km": "15"}).content.decode()
    assert "à 0,8 km" in html or "à 0.8 km" in html
    assert "Répartition des résultats" in html and "Nord (59) : 4" in html


@pytest.mark.parametrize("near", ["50%", "%", "100%25%25", "%(name)s", "%s%s"])
def test_a_percent_sign_in_near_answers_400_with_the_value_quoted_once(client, db, near):
    from urllib.parse import quote

    response = client.get("/api/shareloc/spaces/?near=" + quote(near))
    assert response.status_code == 400
    assert f"« {near} »" in response.json()["near"][0]


@pytest.mark.parametrize(
    "first, last",
    [
        ("9999-12-01", "9999-12-31"),
        ("0001-01-01", "0001-01-05"),
        ("9999-12-31", "9999-12-31"),
        ("1999-12-31", "2000-01-02"),
    ],
)
def test_an_availability_range_outside_the_supported_years_answers_400(client, db, first, last):
    from .factories import SpaceFactory

    space = SpaceFactory()
    response = client.get(f"/api/shareloc/spaces/{space.lycee.uai}/{space.code}/availability/?from={first}&to={last}")
    assert response.status_code == 400
    assert "Les dates vont de 2000 à 2100" in str(response.json())
