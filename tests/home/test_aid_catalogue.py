"""The aid catalogue: filters, result counts, shareable URLs, bad input, query budget."""

import datetime
import re

import pytest

from home.models import AidePage, Department
from tests.conftest import TEST_NOW

from .conftest import AidePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(aid_index, taxonomies, clock):
    today = TEST_NOW.date()
    t = taxonomies
    aids = {
        "permis": AidePageFactory(
            parent=aid_index,
            title="Aide au permis",
            slug="permis",
            summary="Financer le permis de conduire.",
            m2m={"audiences": [t["apprentis"]], "themes": [t["transport"]]},
        ),
        "logement": AidePageFactory(
            parent=aid_index,
            title="Aide au logement étudiant",
            slug="logement",
            summary="Se loger près de son campus.",
            whole_region=False,
            m2m={
                "audiences": [t["etudiants"]],
                "themes": [t["logement"]],
                "departments": list(Department.objects.filter(code="80")),
            },
        ),
        "ancienne": AidePageFactory(
            parent=aid_index,
            title="Ancienne aide au transport",
            slug="ancienne",
            summary="Clôturée l'an dernier.",
            closes_on=today - datetime.timedelta(days=30),
            m2m={"audiences": [t["apprentis"], t["etudiants"]], "themes": [t["transport"]]},
        ),
        "bientot": AidePageFactory(
            parent=aid_index,
            title="Future aide",
            slug="bientot",
            summary="Bientôt.",
            opens_on=today + datetime.timedelta(days=10),
            m2m={"audiences": [t["etudiants"]], "themes": [t["transport"]]},
        ),
    }
    return aids


def titles(response):
    return [aid.title for aid in response.context["aids"].object_list]


def test_without_filters_every_live_aid_is_listed_with_its_count(client, catalogue):
    response = client.get("/aides/")
    assert response.status_code == 200
    assert sorted(titles(response)) == sorted(a.title for a in catalogue.values())
    assert "4 aides trouvées" in response.content.decode()


def test_audience_filter_keeps_aids_for_any_chosen_audience(client, catalogue):
    response = client.get("/aides/?public=apprentis")
    assert sorted(titles(response)) == ["Aide au permis", "Ancienne aide au transport"]
    response = client.get("/aides/?public=apprentis&public=etudiants")
    assert len(titles(response)) == 4


def test_theme_and_text_filters_combine(client, catalogue):
    assert sorted(titles(client.get("/aides/?theme=transport"))) == [
        "Aide au permis",
        "Ancienne aide au transport",
        "Future aide",
    ]
    assert titles(client.get("/aides/?theme=transport&q=permis")) == ["Aide au permis"]
    assert titles(client.get("/aides/?q=campus")) == ["Aide au logement étudiant"]


def test_department_filter_counts_region_wide_aids_in_every_department(client, catalogue):
    assert "Aide au logement étudiant" not in titles(client.get("/aides/?departement=59"))
    assert len(titles(client.get("/aides/?departement=59"))) == 3
    assert len(titles(client.get("/aides/?departement=80"))) == 4


def test_open_now_filter_leaves_out_closed_and_upcoming_aids(client, catalogue):
    assert sorted(titles(client.get("/aides/?ouvertes=1"))) == ["Aide au logement étudiant", "Aide au permis"]


def test_aid_status_follows_its_dates(catalogue):
    assert catalogue["permis"].status == AidePage.STATUS_OPEN
    assert catalogue["ancienne"].status == AidePage.STATUS_CLOSED
    assert catalogue["bientot"].status == AidePage.STATUS_UPCOMING


def test_each_filter_value_shows_how_many_aids_it_would_give(client, catalogue):
    facets = client.get("/aides/?theme=transport").context["facets"]
    audiences = {option["value"]: option["count"] for option in facets["public"]}
    # With theme=transport kept: apprentis → permis + ancienne; étudiants → ancienne + bientôt.
    assert audiences == {"apprentis": 2, "etudiants": 2}
    themes = {option["value"]: option["count"] for option in facets["theme"]}
    # The theme facet ignores its own filter, so every theme keeps its count.
    assert themes == {"transport": 3, "logement": 1}
    departments = {option["value"]: option["count"] for option in facets["departement"]}
    assert departments["59"] == 3 and departments["80"] == 3
    assert facets["ouvertes"]["count"] == 1


def test_filters_are_shareable_get_urls_kept_across_pages(client, aid_index, taxonomies):
    for number in range(25):
        AidePageFactory(
            parent=aid_index,
            title=f"Aide transport {number:02}",
            slug=f"aide-{number}",
            m2m={"themes": [taxonomies["transport"]]},
        )
    response = client.get("/aides/?theme=transport")
    html = response.content.decode()
    assert "25 aides trouvées" in html
    assert 'href="?theme=transport&amp;page=2"' in html
    second = client.get("/aides/?theme=transport&page=2")
    assert second.status_code == 200
    assert len(titles(second)) == 5
    assert 'value="transport" id="theme-transport" checked' in second.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "public=inconnu",
        "theme=nope",
        "departement=75",
        "ouvertes=peut-etre",
        "nature=pret-a-taux-zero",
        "tri=montant",
        "page=abc",
        "page=0",
        "page=-1",
        "q=" + "x" * 200,
    ],
)
def test_bad_filter_values_answer_400_with_a_french_message(client, catalogue, query):
    response = client.get(f"/aides/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ces critères ne peuvent pas être appliqués" in html
    assert "Voir toutes les aides" in html


def test_page_past_the_end_answers_404(client, catalogue):
    assert client.get("/aides/?page=2").status_code == 404
    assert client.get("/aides/?page=999999").status_code == 404


def test_unknown_parameters_are_ignored(client, catalogue):
    assert client.get("/aides/?utm_source=lettre").status_code == 200


def test_drafts_and_aids_elsewhere_are_not_listed(client, catalogue, aid_index):
    catalogue["permis"].unpublish()
    assert "Aide au permis" not in titles(client.get("/aides/"))


@pytest.mark.parametrize("count", [5, 40])
def test_aid_list_stays_within_13_queries_whatever_the_number_of_aids(
    client, aid_index, taxonomies, django_assert_max_num_queries, count
):
    for number in range(count):
        AidePageFactory(
            parent=aid_index,
            title=f"Aide {number:03}",
            slug=f"aide-{number}",
            nature="bourse",
            m2m={"audiences": [taxonomies["apprentis"], taxonomies["etudiants"]], "themes": [taxonomies["transport"]]},
        )
    client.get("/aides/")  # warms the per-site menus and taxonomies kept in the cache
    client.get("/aides/?q=aide")  # and the page index each process keeps in memory (core/page_index.py)
    # One aggregate per facet (audience, theme, nature, département with the total, open today).
    with django_assert_max_num_queries(13):
        response = client.get(
            "/aides/?public=apprentis&theme=transport&nature=bourse&departement=59&ouvertes=1&q=aide&tri=cloture"
        )
    assert response.status_code == 200
    assert len(titles(response)) == min(count, 20)


def test_aid_page_shows_the_facts_and_the_online_service(client, catalogue, taxonomies):
    aid = catalogue["logement"]
    aid.apply_url = "https://aides.example/logement"
    aid.amount_text = "jusqu'à 400 € par mois"
    aid.save_revision().publish()
    response = client.get("/aides/logement/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "https://aides.example/logement" in html
    assert "jusqu&#x27;à 400 € par mois" in html
    assert "Somme (80)" in html
    assert re.search(r'badge--open">Ouverte', html)


def test_aid_page_stays_within_13_queries(client, catalogue, django_assert_max_num_queries):
    client.get("/aides/permis/")
    # 12 before the related aids (one query for them, none per aid).
    with django_assert_max_num_queries(13):
        assert client.get("/aides/permis/").status_code == 200


def test_closing_before_opening_is_refused():
    from django.core.exceptions import ValidationError

    aid = AidePage(
        title="x", slug="x", summary="x", opens_on=datetime.date(2026, 5, 1), closes_on=datetime.date(2026, 4, 1)
    )
    with pytest.raises(ValidationError) as error:
        aid.clean()
    assert "closes_on" in error.value.message_dict


def test_aid_holds_the_responsible_unit_as_a_plain_code(catalogue):
    aid = catalogue["permis"]
    aid.responsible_unit_code = "DEMP-ACC"
    aid.save()
    assert AidePage.objects.get(pk=aid.pk).responsible_unit_code == "DEMP-ACC"
