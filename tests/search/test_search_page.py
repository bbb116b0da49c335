"""The search page /recherche/: grouped results, kind filter, pagination, highlighting, promotions,
"vous vouliez dire", bad parameters."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = "/recherche/"


def test_search_page_url_is_recherche():
    assert reverse("search:search") == URL


def test_results_are_grouped_by_kind_with_a_count_per_kind(client, make_page, make_space):
    make_page("home.AidePage", "Aide régionale au vélo électrique", summary="Un coup de pouce pour un vélo.")
    make_page("home.NewsPage", "Le vélo à l'honneur en Hauts-de-France", intro="Une semaine pour le vélo.")
    make_page("home.NewsPage", "Pistes cyclables : le vélo gagne du terrain", intro="Des kilomètres de vélo.")
    make_page("home.ContentPage", "Venir à vélo à la Région", intro="Garer son vélo.")
    make_space("Garage à vélo couvert", description="Abri pour vélo.")
    make_page("home.ContentPage", "Transports en commun", intro="Le TER.")

    response = client.get(URL, {"q": "vélo"})

    assert response.status_code == 200
    outcome = response.context["outcome"]
    assert outcome.counts["aids"] == 1
    assert outcome.counts["news"] == 2
    assert outcome.counts["pages"] == 1
    assert outcome.counts["spaces"] == 1
    assert outcome.total == 5
    html = response.content.decode()
    assert "5 résultats pour « vélo »" in html
    assert 'id="search-group-news"' in html and 'Actualités <span class="search-group__count">(2)' in html
    assert "Transports en commun" not in html
    # The space shows its lycée and commune.
    assert "Lycée Gambetta – Arras" in html


def test_a_page_type_of_its_own_kind_is_not_counted_again_under_pages(client, make_page):
    make_page("home.AidePage", "Aide à la mobilité internationale", summary="Partir étudier.")

    outcome = client.get(URL, {"q": "mobilité"}).context["outcome"]

    assert outcome.counts["aids"] == 1
    assert outcome.counts["pages"] == 0


def test_matched_words_are_highlighted_accent_insensitively_and_html_is_escaped(client, make_page):
    make_page("home.ContentPage", "Région <b>solidaire</b>", intro="La Région aide les régions voisines.")

    html = client.get(URL, {"q": "region"}).content.decode()

    assert "<mark>Région</mark> &lt;b&gt;solidaire&lt;/b&gt;" in html
    assert "La <mark>Région</mark> aide les <mark>régions</mark> voisines." in html
    assert "<b>solidaire</b>" not in html


def test_unpublished_and_restricted_pages_are_not_found(client, make_page):
    from wagtail.models import PageViewRestriction

    draft = make_page("home.ContentPage", "Brouillon confidentiel", intro="Texte.")
    draft.unpublish()
    private = make_page("home.ContentPage", "Page confidentielle protégée", intro="Texte.")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    outcome = client.get(URL, {"q": "confidentiel"}).context["outcome"]

    assert outcome.total == 0


def test_kind_filter_shows_that_kind_paginated_with_counts_of_all_kinds(client, make_page):
    for number in range(12):
        make_page("home.NewsPage", f"Lycée en fête numéro {number}", intro="Portes ouvertes.")
    make_page("home.ContentPage", "Les lycées de la Région", intro="Fête des lycées.")

    first = client.get(URL, {"q": "fête", "kind": "news"})
    second = client.get(URL, {"q": "fête", "kind": "news", "page": "2"})

    assert first.status_code == second.status_code == 200
    outcome = second.context["outcome"]
    assert outcome.counts == {**outcome.counts, "news": 12, "pages": 1}
    assert [group.kind for group in outcome.groups if group.hits] == ["news"]
    assert len(first.context["outcome"].groups[1].hits) == 10
    assert len(outcome.groups[1].hits) == 2
    assert outcome.pagination.num_pages == 2
    html = second.content.decode()
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2' in html
    assert 'rel="prev"' in html and 'rel="next"' not in html
    assert '<ol class="search-results" start="11">' in html


def test_without_a_kind_each_group_shows_its_first_results_and_a_link_to_all(client, make_page):
    for number in range(5):
        make_page("home.NewsPage", f"Concours photo édition {number}", intro="Photographes amateurs.")

    response = client.get(URL, {"q": "photo"})

    news = next(group for group in response.context["outcome"].groups if group.kind == "news")
    assert news.count == 5 and len(news.hits) == 3
    assert "Voir les 5 résultats « Actualités »" in response.content.decode()
    assert "?q=photo&amp;kind=news" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "vélo", "kind": "nimportequoi"}, "Type de résultat inconnu"),
        ({"q": "vélo", "kind": "news", "page": "abc"}, "Le numéro de page doit être un entier positif."),
        ({"q": "vélo", "kind": "news", "page": "0"}, "Le numéro de page doit être un entier positif."),
        ({"q": "vélo", "kind": "news", "page": "5"}, "La page 5 n&#x27;existe pas"),
        ({"q": "vélo", "page": "2"}, "Choisissez un type de résultat"),
    ],
)
def test_bad_parameters_answer_400_with_a_french_message_and_log_nothing(client, home_page, params, message):
    from search.models import SearchQueryDay

    response = client.get(URL, params)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert SearchQueryDay.objects.count() == 0


def test_empty_query_shows_the_form_only(client, home_page):
    response = client.get(URL)

    assert response.status_code == 200
    assert 'id="search-page-q"' in response.content.decode()
    assert "résultat" not in response.content.decode()


def test_search_promotions_are_shown_first(client, make_page):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    picked = make_page("home.ContentPage", "Guichet unique des transports", intro="Tout sur les transports.")
    make_page("home.ContentPage", "Carte TER Hauts-de-France", intro="Le TER.")
    query = Query.get("TER")
    SearchPromotion.objects.create(query=query, page=picked, description="Le bon point de départ.", sort_order=1)
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.ter.sncf.com/hauts-de-france",
        external_link_text="Horaires TER",
        sort_order=2,
    )

    response = client.get(URL, {"q": "  ter "})

    html = response.content.decode()
    promotions = response.context["outcome"].promotions
    assert [promotion.title for promotion in promotions] == ["Guichet unique des transports", "Horaires TER"]
    assert html.index("Guichet unique des transports") < html.index("Carte <mark>TER</mark> Hauts-de-France")
    assert "Le bon point de départ." in html


def test_a_promotion_of_an_unpublished_page_is_not_shown(client, make_page):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    page = make_page("home.ContentPage", "Ancienne page", intro="Retirée.")
    page.unpublish()
    SearchPromotion.objects.create(query=Query.get("ancienne"), page=page)

    assert client.get(URL, {"q": "ancienne"}).context["outcome"].promotions == []


def test_a_query_with_a_typo_that_finds_nothing_gets_a_did_you_mean_that_finds(client, make_page):
    make_page("home.AidePage", "Subvention pour l'apprentissage", summary="Pour les apprentis.")

    response = client.get(URL, {"q": "subvnetion"})

    outcome = response.context["outcome"]
    assert outcome.total == 1  # the typo is tolerated, and the right spelling proposed
    assert outcome.suggestion == "subvention"
    assert 'Vous vouliez dire : <a href="?q=subvention">subvention</a>' in response.content.decode()
    assert client.get(URL, {"q": outcome.suggestion}).context["outcome"].total == 1


def test_no_did_you_mean_when_nothing_close_exists_or_results_are_found(client, make_page):
    make_page("home.AidePage", "Subvention pour l'apprentissage", summary="Pour les apprentis.")

    assert client.get(URL, {"q": "zzzqqq"}).context["outcome"].suggestion is None
    assert client.get(URL, {"q": "subvention"}).context["outcome"].suggestion is None


def test_the_vocabulary_follows_newly_published_pages(client, make_page):
    assert client.get(URL, {"q": "patrimoine"}).context["outcome"].suggestion is None
    make_page("home.ContentPage", "Patrimoine des lycées", intro="Bâtiments anciens.")

    assert client.get(URL, {"q": "patrimoime"}).context["outcome"].suggestion == "patrimoine"


def test_search_page_query_budget(client, make_page, make_space, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(4):
        make_page("home.AidePage", f"Aide numéro {number} pour la jeunesse", summary="Jeunesse.")
        make_page("home.NewsPage", f"Actualité {number} jeunesse", intro="Jeunesse.")
        make_page("home.ContentPage", f"Page jeunesse {number}", intro="Jeunesse.")
        make_space(f"Salle jeunesse {number}", code=f"S{number}")
    client.get(URL, {"q": "jeunesse"})  # warms Wagtail's site-root cache like any running site
    with CaptureQueriesContext(connection) as layout:
        client.get(URL)  # the same layout (menus, site settings) without a search

    # The private sections once, then per kind at most results + count (+ one per page type shown for
    # the generic pages), the promotions and the query log: 13, whatever the number of results.
    with django_assert_max_num_queries(len(layout) + 13):
        response = client.get(URL, {"q": "jeunesse"})

    assert response.context["outcome"].total == 16


@pytest.mark.parametrize("query", ['"', "'", "a*", "NOT", "(", "-vélo", "AND OR", "^", "x" * 500, "été:2026", "\u200b"])
def test_odd_queries_never_break_the_page_or_the_api(client, make_page, query):
    make_page("home.ContentPage", "Vélo en été", intro="Balades.")

    assert client.get(URL, {"q": query}).status_code == 200
    assert client.get("/api/search/", {"q": query}).status_code in (200, 400)
    assert client.get("/api/search/suggestions/", {"q": query}).status_code == 200
