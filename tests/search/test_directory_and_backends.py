"""La Belette's entries only for staff; Elasticsearch down -> the database answers; the rebuild command."""

import logging

import pytest
from django.core.management import call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(demo_accounts):
    from django.contrib.auth.models import Permission

    agent = demo_accounts["agent"]
    agent.user_permissions.add(Permission.objects.get(content_type__app_label="belette", codename="view_directory"))
    return agent


def test_staff_find_directory_entries_next_to_the_public_results(client, make_page, directory_entry, staff):
    make_page("home.AidePage", "Aide au permis de conduire", summary="Jusqu'à 1 000 €.")
    client.force_login(staff)

    outcome = client.get("/recherche/", {"q": "permis"}).context["outcome"]
    body = client.get("/api/search/", {"q": "permis", "kind": "directory"}).json()

    assert outcome.counts["aids"] == 1
    assert outcome.counts["directory"] >= 1
    assert "Aide au permis de conduire confidentielle" in [hit.title for group in outcome.groups for hit in group.hits]
    assert body["counts"]["directory"] >= 1
    directory = next(group for group in body["groups"] if group["kind"] == "directory")
    assert directory["results"][0]["title"] == "Aide au permis de conduire confidentielle"
    assert directory["results"][0]["meta"] == "Direction de l'emploi"
    suggestions = client.get("/api/search/suggestions/", {"q": "perm"}).json()["results"]
    directory_suggestions = [result for result in suggestions if result["kind"] == "directory"]
    assert directory_suggestions and all(result["url"].startswith("/belette/") for result in directory_suggestions)


@pytest.mark.parametrize("username", [None, "association", "gestionnaire"])
def test_no_directory_result_for_anyone_without_the_staff_right(
    client, make_page, directory_entry, demo_accounts, username
):
    make_page("home.AidePage", "Aide au permis de conduire", summary="Jusqu'à 1 000 €.")
    if username:
        client.force_login(demo_accounts[username])

    page = client.get("/recherche/", {"q": "permis confidentielle"})
    page_all = client.get("/recherche/", {"q": "permis"})
    api = client.get("/api/search/", {"q": "permis"})
    api_kind = client.get("/api/search/", {"q": "permis", "kind": "directory"})
    page_kind = client.get("/recherche/", {"q": "permis", "kind": "directory"})
    suggestions = client.get("/api/search/suggestions/", {"q": "perm"})

    assert "directory" not in page_all.context["outcome"].counts
    # OR semantics: "permis" alone finds the public aid, and nothing else (no directory entry, no count).
    assert page.context["outcome"].counts == {"aids": 1, "news": 0, "spaces": 0, "projects": 0, "pages": 0}
    assert "directory" not in api.json()["counts"]
    assert api_kind.status_code == page_kind.status_code == 400
    for response in (page, page_all, api, api_kind, page_kind, suggestions):
        content = response.content.decode()
        assert "Aide au permis de conduire confidentielle" not in content
        assert "Suivi interne" not in content and "AIDE-PERMIS" not in content
        assert "Direction de l&#x27;emploi" not in content and "Direction de l'emploi" not in content
        assert "Annuaire interne" not in content
    assert all(result["kind"] != "directory" for result in suggestions.json()["results"])


def test_when_elasticsearch_does_not_answer_the_database_answers_and_a_warning_is_logged(
    client, make_page, caplog, settings
):
    make_page("home.AidePage", "Chèque Pass Permis", summary="Une aide pour le permis.")
    database_backend = dict(settings.WAGTAILSEARCH_BACKENDS["default"])  # what settings make it with ES set
    broken = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": ["http://127.0.0.1:9"],
            "INDEX": "maregion_test_wagtail",
            "TIMEOUT": 2,
            "OPTIONS": {"max_retries": 0},
            "INDEX_SETTINGS": {},
        },
        "fallback": database_backend,
    }
    with (
        override_settings(WAGTAILSEARCH_BACKENDS=broken, SEARCH_FALLBACK_BACKEND="fallback"),
        caplog.at_level(logging.WARNING, logger="search.engine"),
    ):
        page = client.get("/recherche/", {"q": "permis"})
        api = client.get("/api/search/", {"q": "permis"})
        suggestions = client.get("/api/search/suggestions/", {"q": "chè"})

    assert page.status_code == api.status_code == suggestions.status_code == 200
    assert page.context["outcome"].counts["aids"] == 1
    assert page.context["outcome"].fallback_used
    assert "mode réduit" in page.content.decode()
    assert api.json()["counts"]["aids"] == 1
    assert [result["title"] for result in suggestions.json()["results"]] == ["Chèque Pass Permis"]
    warnings = [record for record in caplog.records if record.name == "search.engine"]
    # Once: afterwards the page skips Elasticsearch for a while instead of waiting for it on every visit.
    assert len(warnings) == 1
    assert "did not answer" in warnings[0].getMessage()


def test_without_a_fallback_backend_configured_the_database_backend_is_the_only_one(settings):
    from search import engine

    assert settings.SEARCH_FALLBACK_BACKEND is None or settings.ELASTICSEARCH_URL
    assert engine._backends() == ["default"]


def test_rebuild_search_indexes_rebuilds_wagtail_and_directory_indexes_with_progress(make_page, directory_entry):
    from io import StringIO

    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    from home.models import ContentPage

    page = make_page("home.ContentPage", "Orientation après le bac", intro="Parcoursup.")
    IndexEntry.objects.all().delete()
    assert get_search_backend().search("orientation", ContentPage).count() == 0

    out = StringIO()
    call_command("rebuild_search_indexes", stdout=out)

    output = out.getvalue()
    assert "[1/2]" in output and "update_index" in output
    assert "[2/2]" in output and "belette_rebuild_index" in output
    assert "Index reconstruits" in output
    assert list(get_search_backend().search("orientation", ContentPage)) == [page]


@pytest.mark.postgres_only
def test_on_postgresql_the_french_configuration_finds_other_forms_of_a_word(client, make_page, settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite's FTS5 has no French stemmer")
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] == "french_unaccent"
    make_page("home.ContentPage", "Les subventions régionales", intro="Financements.")

    assert client.get("/recherche/", {"q": "subvention"}).context["outcome"].counts["pages"] == 1
    assert client.get("/recherche/", {"q": "regionale"}).context["outcome"].counts["pages"] == 1


def test_demo_indexes_spaces_that_an_import_wrote_without_signals(client, make_space, home_page):
    from io import StringIO
    from types import SimpleNamespace

    from search import demo
    from shareloc.models import Space

    first = make_space("Gymnase Jean Moulin", code="GYM1")
    Space.objects.bulk_create(
        [
            Space(
                lycee=first.lycee,
                code="GYM2",
                name="Gymnase Pierre de Coubertin",
                kind="gymnasium",
                capacity=80,
                department="62",
            )
        ]
    )
    assert client.get("/recherche/", {"q": "gymnase"}).context["outcome"].counts["spaces"] == 1

    demo.load(SimpleNamespace(stdout=StringIO()))
    demo.load(SimpleNamespace(stdout=StringIO()))

    assert client.get("/recherche/", {"q": "gymnase"}).context["outcome"].counts["spaces"] == 2


def test_wagtail_admin_page_search_works_on_the_same_backend(client, make_page, demo_accounts):
    make_page("home.ContentPage", "Orientation après le bac", intro="Parcoursup.")
    make_page("home.ContentPage", "Culture", intro="Musées.")
    client.force_login(demo_accounts["admin"])

    response = client.get("/admin/pages/search/", {"q": "orientation"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Orientation après le bac" in html and ">Culture<" not in html
