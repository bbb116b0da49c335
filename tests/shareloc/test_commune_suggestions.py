"""The commune autocomplete of the catalogue's « near » field (issue 18): GET /api/shareloc/communes/?q=
matches the start of a name regardless of accents, case, hyphens and apostrophes, or the start of an
INSEE code; one query whatever the text; bad input answers 400 in French."""

import pytest

from shareloc.catalogue.demo import ensure_catalogue_page

from .factories import CommuneFactory, LyceeFactory, SpaceFactory

pytestmark = pytest.mark.django_db
URL = "/api/shareloc/communes/"


@pytest.fixture
def communes(db):
    CommuneFactory(code_insee="02691", name="Saint-Quentin", department="02", population=53000)
    CommuneFactory(code_insee="80696", name="Saint-Quentin-en-Tourmont", department="80", population=300)
    CommuneFactory(code_insee="62318", name="Étaples", department="62", population=11000)
    CommuneFactory(code_insee="59350", name="Lille", department="59", population=236710)
    CommuneFactory(code_insee="59351", name="Lillers-Test", department="62", population=9000)
    # Two communes of one name: the suggestion carries the INSEE code as the value for « near ».
    CommuneFactory(code_insee="02010", name="Aubenton", department="02", population=600)
    CommuneFactory(code_insee="80010", name="Aubenton", department="80", population=100)
    # Without a point it cannot serve « near »: never suggested.
    CommuneFactory(code_insee="62999", name="Étaples-sans-point", department="62", latitude=None, longitude=None)


def names(response):
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


@pytest.mark.parametrize("typed", ["saint quentin", "SAINT-QUENTIN", "Saint Quentin", "saint-qu", "saint q"])
def test_names_match_without_accents_case_or_hyphens(client, communes, typed):
    assert names(client.get(URL, {"q": typed})) == ["Saint-Quentin", "Saint-Quentin-en-Tourmont"]


def test_accents_do_not_matter_and_communes_without_a_point_are_left_out(client, communes):
    response = client.get(URL, {"q": "etap"})
    assert response.json()["results"] == [
        {"name": "Étaples", "department": "62", "code_insee": "62318", "value": "Étaples"}
    ]


def test_the_exact_name_comes_first_then_the_most_populated(client, communes):
    CommuneFactory(code_insee="59999", name="Lil", department="59", population=10)
    assert names(client.get(URL, {"q": "LIL"})) == ["Lil", "Lille", "Lillers-Test"]


def test_namesakes_are_given_by_their_insee_code(client, communes):
    rows = client.get(URL, {"q": "aubenton"}).json()["results"]
    assert {(row["department"], row["value"]) for row in rows} == {("02", "02010"), ("80", "80010")}


def test_an_insee_code_prefix_matches(client, communes):
    assert names(client.get(URL, {"q": "5935"})) == ["Lille", "Lillers-Test"]


@pytest.mark.parametrize("bad", [{}, {"q": ""}, {"q": "a"}, {"q": " - "}, {"q": "x" * 101}, {"q": "\x00\x00"}])
def test_bad_input_answers_400_in_french_naming_q(client, communes, bad):
    response = client.get(URL, bad)
    assert response.status_code == 400
    body = response.json()
    assert list(body) == ["q"]
    text = " ".join(body["q"])
    assert any(word in text for word in ("caractères", "requis", "lettres", "vide", "nul")), text


def test_one_query_whatever_the_number_of_matches(client, communes, django_assert_num_queries):
    for n in range(30):
        CommuneFactory(code_insee=f"59{n:03d}", name=f"Saint-Test {n}", department="59", population=n)
    with django_assert_num_queries(1):
        assert len(names(client.get(URL, {"q": "saint"}))) == 10
    with django_assert_num_queries(1):
        assert names(client.get(URL, {"q": "zzz"})) == []


def test_the_catalogue_near_field_is_an_accessible_combobox(client, communes, home_page):
    ensure_catalogue_page()
    SpaceFactory(lycee=LyceeFactory())
    html = client.get("/shareloc/").content.decode()
    assert 'data-combobox-source="/api/shareloc/communes/"' in html
    assert 'data-combobox-fill="value"' in html
    assert 'id="id_near" name="near"' in html
    assert 'role="combobox"' in html and 'aria-controls="shareloc-near-suggestions"' in html
    assert '<label for="id_near">' in html
    # The field still works as before once submitted.
    response = client.get("/shareloc/", {"near": "saint quentin"})
    assert response.status_code == 200
