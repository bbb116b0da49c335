"""The citizen search over real pages: accents, plurals, questions, synonyms, the best answers first,
suggestions from two letters, a "vous vouliez dire" bounded by the typo, the aid catalogue's keyword box on
the same engine, and the shared synonym vocabulary edited as a list of terms."""

import pytest
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from core.models import SynonymSet
from tests.home.conftest import AideIndexPageFactory, AidePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def aid_index(home_page):
    return AideIndexPageFactory(parent=home_page)


@pytest.fixture
def aids(aid_index):
    return {
        "resto": aid(aid_index, "Aide à la restauration des étudiants", "Repas au restaurant universitaire."),
        "mermoz": aid(aid_index, "Bourse de mobilité internationale", "Étudier à l'étranger."),
        "sanitaire": aid(aid_index, "Bourses d'études sanitaires et sociales", "Pour les étudiants infirmiers."),
        "permis": aid(aid_index, "Aide pour le permis de conduire", "Le permis B."),
    }


def aid(parent, title, summary):
    return AidePageFactory(parent=parent, title=title, slug=slugify(title), summary=summary)


def titles(response):
    return sorted(aid.title for aid in response.context["aids"].object_list)


def test_the_aid_catalogue_box_ignores_accents_and_plurals(client, aids):
    assert titles(client.get("/aides/?q=etudiant")) == titles(client.get("/aides/?q=étudiant"))
    assert len(titles(client.get("/aides/?q=etudiant"))) == 2
    assert titles(client.get("/aides/?q=bourses")) == [
        "Bourse de mobilité internationale",
        "Bourses d'études sanitaires et sociales",
    ]


def test_a_question_finds_its_page_first_in_the_best_answers(client, aids):
    body = client.get("/api/search/", {"q": "comment financer mon permis B ?"}).json()
    assert body["best"][0]["title"] == "Aide pour le permis de conduire"
    assert set(body["best"][0]) == {"kind", "title", "url", "meta", "snippet", "contact"}
    assert body["best"][0]["kind"] == "aids"


def test_a_synonym_set_added_by_an_editor_applies_at_once(client, aids):
    assert client.get("/api/search/", {"q": "erasmus"}).json()["best"] == []
    SynonymSet.objects.create(terms=["erasmus", "mobilité internationale"])

    best = client.get("/api/search/", {"q": "erasmus"}).json()["best"]
    assert [hit["title"] for hit in best] == ["Bourse de mobilité internationale"]


def test_the_search_page_shows_the_best_answers_before_the_groups(client, aids):
    content = client.get("/recherche/", {"q": "restauration etudiants"}).content.decode()
    assert content.index("Meilleurs résultats") < content.index("Aides")


def test_suggestions_start_at_two_letters_and_match_the_last_word_as_a_prefix(client, aids):
    assert client.get("/api/search/suggestions/", {"q": "b"}).json()["results"] == []
    found = client.get("/api/search/suggestions/", {"q": "bourse de mob"}).json()["results"]
    assert found[0]["title"] == "Bourse de mobilité internationale"


def test_did_you_mean_never_proposes_a_word_farther_than_the_typo(client, aid_index):
    aid(aid_index, "Chantier des lycées", "Travaux.")
    aid(aid_index, "Carte TER", "Un terrain d'entente.")

    assert client.get("/recherche/", {"q": "cantine"}).context["outcome"].suggestion is None
    assert client.get("/recherche/", {"q": "train"}).context["outcome"].suggestion is None
    assert client.get("/recherche/", {"q": "chantiet"}).context["outcome"].suggestion == "chantier"


def test_odd_input_never_breaks_the_engine(client, aids):
    for query in ["l'", "d'", "*", "qui", "é" * 300, "🙂", "le la les"]:
        assert client.get("/api/search/", {"q": query}).status_code in (200, 400)
        assert client.get("/aides/", {"q": query[:100]}).status_code in (200, 400)


def test_synonym_sets_are_edited_as_lists_of_terms_in_the_admin(client, home_page):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    add_url = "/admin/snippets/core/synonymset/add/"

    form = client.get(add_url, {"terms": "resto U|Crous"}).content.decode()
    assert "resto U\nCrous" in form

    response = client.post(add_url, {"terms": "train\n TER \ntrain régional\ntrain"})
    assert response.status_code == 302
    assert SynonymSet.objects.get().terms == ["train", "TER", "train régional"]

    refused = client.post(add_url, {"terms": "seul"})
    assert refused.status_code == 200 and "au moins deux termes" in refused.content.decode()
    assert SynonymSet.objects.count() == 1


def test_the_headers_search_box_is_the_sites_combobox_with_suggestions(client, aids):
    html = client.get("/recherche/").content.decode()
    header = html[html.index('id="recherche-site"') : html.index("</form>", html.index('id="recherche-site"'))]
    assert 'data-combobox-source="/api/search/suggestions/"' in header
    assert 'role="combobox"' in header and 'aria-controls="site-search-suggestions"' in header
    assert html.count("core/combobox.js") >= 1


def test_an_aid_page_shows_its_services_public_contact_and_no_persons_data(client, aids):
    from tests.belette.factories import AgentFactory, DispositifFactory, UnitFactory

    unit = UnitFactory(code="DPERMIS", name="Service Mobilité des jeunes", email="mobilite.jeunes@hautsdefrance.fr")
    agent = AgentFactory(
        unit=unit,
        first_name="Solène",
        last_name="Vandecasteele",
        email="solene.v@hautsdefrance.fr",
        phone="03 74 27 99 99",
    )
    dispositif = DispositifFactory(code="AIDE-PERMIS", unit=unit, portal_page=aids["permis"])
    dispositif.contacts.add(agent)

    html = client.get(aids["permis"].url).content.decode()  # anonymous

    assert "Qui contacter ?" in html
    assert "Service Mobilité des jeunes" in html and "mobilite.jeunes@hautsdefrance.fr" in html
    assert "03 74 27 00 00" in html
    for personal in ("Solène", "Vandecasteele", "solene.v@", "03 74 27 99 99"):
        assert personal not in html
    assert "Qui contacter ?" not in client.get(aids["mermoz"].url).content.decode()
