"""GET /api/search/ (the page's grouped results as JSON), GET /api/search/suggestions/, and the schema."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

API = "/api/search/"
SUGGESTIONS = "/api/search/suggestions/"


def test_api_urls_are_the_agreed_ones():
    assert reverse("search:api-search") == API
    assert reverse("search:api-suggestions") == SUGGESTIONS


def test_api_returns_the_same_grouped_results_as_the_page(client, make_page):
    make_page("home.AidePage", "Aide au BAFA", summary="Financer le <b>BAFA</b>.")
    make_page("home.NewsPage", "Sessions BAFA cet été", intro="Inscriptions ouvertes.")

    page = client.get("/recherche/", {"q": "bafa"}).context["outcome"]
    response = client.get(API, {"q": "bafa"})

    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "bafa"
    assert body["kind"] is None
    assert body["count"] == page.total == 2
    assert body["counts"] == page.counts
    assert [group["kind"] for group in body["groups"]] == [group.kind for group in page.groups]
    aids = next(group for group in body["groups"] if group["kind"] == "aids")
    assert aids == {
        "kind": "aids",
        "label": "Aides",
        "count": 1,
        "unavailable": False,
        "results": [
            {
                "kind": "aids",
                "title": "Aide au BAFA",
                "url": aids["results"][0]["url"],
                "meta": "",
                "snippet": "Financer le <mark>BAFA</mark>.",
                "contact": None,  # no service linked to this aid
            }
        ],
    }
    assert aids["results"][0]["url"].endswith("/aide-au-bafa/")


def test_api_kind_filter_and_pagination(client, make_page):
    for number in range(12):
        make_page("home.NewsPage", f"Forum des métiers {number}", intro="Rencontres.")

    body = client.get(API, {"q": "forum", "kind": "news", "page": "2"}).json()

    assert body["kind"] == "news" and body["page"] == 2 and body["num_pages"] == 2
    news = next(group for group in body["groups"] if group["kind"] == "news")
    assert news["count"] == 12 and len(news["results"]) == 2


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "Le paramètre q (texte cherché) est obligatoire."),
        ({"q": "   "}, "Le paramètre q (texte cherché) est obligatoire."),
        ({"q": "vélo", "kind": "inconnu"}, "Type de résultat inconnu : « inconnu »."),
        ({"q": "vélo", "kind": "news", "page": "-1"}, "Le numéro de page doit être un entier positif."),
    ],
)
def test_api_bad_parameters_answer_400_with_a_french_detail(client, home_page, params, message):
    response = client.get(API, params)

    assert response.status_code == 400
    assert response.json() == {"detail": message}


def test_suggestions_return_titles_starting_like_the_query_with_their_kind(client, make_page, make_space):
    make_page("home.AidePage", "Transport scolaire gratuit", summary="Pour les lycéens.")
    make_page("home.ContentPage", "Transition écologique", intro="Agir.")
    make_page("home.ContentPage", "Culture", intro="Les musées.")
    make_space("Salle Transat", code="TRANSAT")

    body = client.get(SUGGESTIONS, {"q": "trans"}).json()

    titles = {(result["kind"], result["title"]) for result in body["results"]}
    assert titles == {
        ("aids", "Transport scolaire gratuit"),
        ("pages", "Transition écologique"),
        ("spaces", "Salle Transat"),
    }
    space = next(result for result in body["results"] if result["kind"] == "spaces")
    assert space["meta"] == "Lycée Gambetta – Arras"  # two lycées may name a room alike
    aid = next(result for result in body["results"] if result["kind"] == "aids")
    assert aid["label"] == "Aides" and aid["url"].endswith("/transport-scolaire-gratuit/")


def test_suggestions_need_two_characters(client, make_page):
    make_page("home.ContentPage", "Transition écologique", intro="Agir.")

    assert client.get(SUGGESTIONS, {"q": "t"}).json() == {"results": []}


def test_search_endpoints_are_documented_in_the_openapi_schema(client, home_page):
    schema = client.get("/api/schema/", {"format": "json"}).json()

    assert {"/api/search/", "/api/search/suggestions/"} <= set(schema["paths"])
    parameters = {parameter["name"] for parameter in schema["paths"]["/api/search/"]["get"]["parameters"]}
    assert {"q", "kind", "page"} <= parameters
