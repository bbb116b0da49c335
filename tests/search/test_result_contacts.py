"""A "qui s'occupe de …" question answered in the results list: an aid result carries its service's public
contact (unit name, shared mailbox, phone; never a person's details) on /recherche/ and in /api/search/
(`best` and groups), and the page and the API ask the database the same number of times whatever the
number of results."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify

from tests.home.conftest import AideIndexPageFactory, AidePageFactory

pytestmark = pytest.mark.django_db

PERSON = ("Solène", "Vandecasteele", "solene.v@hautsdefrance.fr", "03 74 27 99 99")


@pytest.fixture
def aid_index(home_page):
    return AideIndexPageFactory(parent=home_page)


def aid_with_service(parent, number, title=None):
    """An aid page and the dispositif that links it to its unit, which has an agent as its contact."""
    from tests.belette.factories import AgentFactory, DispositifFactory, UnitFactory

    title = title or f"Aide aux apprentis numéro {number}"
    page = AidePageFactory(parent=parent, title=title, slug=slugify(title), summary="Pour les apprentis.")
    unit = UnitFactory(
        code=f"U{number}",
        name=f"Service Apprentissage {number}",
        email=f"apprentissage{number}@hautsdefrance.fr",
        phone=f"03 74 27 00 {number:02d}",
    )
    agent = AgentFactory(unit=unit, first_name=PERSON[0], last_name=PERSON[1], email=PERSON[2], phone=PERSON[3])
    DispositifFactory(code=f"D{number}", unit=unit, portal_page=page).contacts.add(agent)
    return page


def test_a_who_handles_question_shows_the_aids_public_contact_in_the_results_list(client, aid_index):
    aid_with_service(aid_index, 7, title="Aide pour le permis de conduire")
    AidePageFactory(parent=aid_index, title="Permis bateau", slug="permis-bateau", summary="Sans service.")

    html = client.get("/recherche/", {"q": "qui s'occupe du permis de conduire ?"}).content.decode()  # anonymous

    results = html[html.index("Meilleurs résultats") :]
    assert "Qui contacter ?" in results
    assert "Service Apprentissage 7" in results
    assert 'href="mailto:apprentissage7@hautsdefrance.fr"' in results
    assert 'href="tel:0374270007"' in results
    for personal in PERSON:
        assert personal not in html
    assert html.count("Service Apprentissage 7") == 2  # in the best answers and in the aids' group


def test_the_api_items_carry_the_contact_in_best_and_in_the_groups(client, aid_index, home_page):
    from home.models import ContentPage

    aid_with_service(aid_index, 3, title="Aide pour le permis de conduire")
    title = "Permis de conduire accompagné"
    AidePageFactory(parent=aid_index, title=title, slug="accompagne", summary="Aucun service relié.")
    page = ContentPage(title="Le permis de conduire en lycée", slug="permis-lycee", intro="Au lycée.")
    home_page.add_child(instance=page)

    body = client.get("/api/search/", {"q": "qui s'occupe du permis de conduire ?"}).json()

    contact = {
        "service": "Service Apprentissage 3",
        "email": "apprentissage3@hautsdefrance.fr",
        "phone": "03 74 27 00 03",
    }
    by_title = {hit["title"]: hit for hit in body["best"]}
    assert by_title["Aide pour le permis de conduire"]["contact"] == contact
    assert by_title["Permis de conduire accompagné"]["contact"] is None
    assert by_title["Le permis de conduire en lycée"]["contact"] is None
    aids = next(group for group in body["groups"] if group["kind"] == "aids")
    assert {hit["title"]: hit["contact"] for hit in aids["results"]}["Aide pour le permis de conduire"] == contact
    assert not any(personal in str(body) for personal in PERSON)


@pytest.mark.parametrize("path", ["/recherche/", "/api/search/"])
def test_the_search_asks_the_database_as_often_for_many_results_as_for_one(
    client, aid_index, home_page, path, django_assert_max_num_queries
):
    from home.models import ContentPage, NewsPage

    def add(number):
        aid_with_service(aid_index, number)
        news = NewsPage(title=f"Apprentis : rencontre {number}", slug=f"news-{number}", intro="Rencontre.")
        home_page.add_child(instance=news)
        page = ContentPage(title=f"Apprentis, page {number}", slug=f"page-{number}", intro="Page.")
        home_page.add_child(instance=page)

    add(1)
    client.get(path, {"q": "apprentis"})  # warms Wagtail's site-root cache like any running site
    with CaptureQueriesContext(connection) as one_each:
        response = client.get(path, {"q": "apprentis"})
    assert response.status_code == 200
    budget = len(one_each)  # read now: each request clears Django's query log
    for number in range(2, 9):
        add(number)
    client.get(path, {"q": "apprenti"})  # the index is rebuilt once after the new pages (not measured)

    with django_assert_max_num_queries(budget):
        response = client.get(path, {"q": "apprentis"})

    if path == "/api/search/":
        body = response.json()
        assert len(body["best"]) == 5 and all(hit["contact"] for hit in body["best"] if hit["kind"] == "aids")
        assert body["counts"]["aids"] == 8 and body["counts"]["news"] == 8 and body["counts"]["pages"] == 8
    else:
        assert response.content.decode().count("Qui contacter ?") >= 5
