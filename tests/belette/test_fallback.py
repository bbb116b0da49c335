"""With Elasticsearch unreachable, La Belette answers from the embedded backend (issue 14): pages and
APIs 200 for staff, "mode réduit" said, a warning logged once, then a circuit breaker (no new attempt
for a while); the rebuild command says in one line that Elasticsearch is unreachable."""

import logging

import pytest
from django.core.management import CommandError, call_command

from belette import search

DOWN = "http://127.0.0.1:9"


@pytest.fixture
def elasticsearch_down(settings):
    settings.ELASTICSEARCH_URL = DOWN
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    search.close_breaker()
    yield
    search.close_breaker()


def test_pages_and_apis_answer_from_the_embedded_backend_in_reduced_mode(
    staff_client, directory, elasticsearch_down, caplog
):
    with caplog.at_level(logging.WARNING, logger="belette.search"):
        page = staff_client.get("/belette/?q=dupont")
    assert page.status_code == 200
    body = page.content.decode()
    assert "mode réduit" in body and "Dupont" in body
    assert any("Elasticsearch did not answer" in record.getMessage() for record in caplog.records)
    assert search.breaker_open()

    api = staff_client.get("/api/belette/search/?q=dupont")
    assert api.status_code == 200
    assert api.json()["reduced_mode"] is True and api.json()["count"] >= 2

    suggestions = staff_client.get("/api/belette/autocomplete/?q=dup")
    assert suggestions.status_code == 200
    assert suggestions.json()["reduced_mode"] is True and suggestions.json()["results"]

    for url in ("/belette/", "/belette/organigramme/", "/belette/agents/A1/"):
        assert staff_client.get(url).status_code == 200, url


def test_the_breaker_skips_elasticsearch_after_a_failure(directory, elasticsearch_down, caplog):
    backend = search.FallbackDirectoryBackend()
    with caplog.at_level(logging.WARNING, logger="belette.search"):
        first = backend.search("dupont")
        second = search.FallbackDirectoryBackend().search("dupont")
    assert first.reduced and second.reduced and second.count == first.count
    warnings = [record for record in caplog.records if "did not answer" in record.getMessage()]
    assert len(warnings) == 1  # the second request did not try Elasticsearch again


def test_the_breaker_closes_after_its_delay(directory, elasticsearch_down, settings, clock):
    settings.BELETTE_ELASTICSEARCH_RETRY_SECONDS = 30
    search.open_breaker()
    assert search.breaker_open()
    search._breaker["open_until"] -= 31  # as if 31 seconds had passed (monotonic clock)
    assert not search.breaker_open()


def test_staff_site_search_finds_the_directory_not_zero_results(staff_client, directory, elasticsearch_down):
    response = staff_client.get("/recherche/?q=vandenbussche")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Vandenbussche" in body
    assert "vérifiez l'orthographe" not in body


def test_rebuild_command_says_in_one_line_that_elasticsearch_is_unreachable(directory, elasticsearch_down):
    with pytest.raises(CommandError) as error:
        call_command("belette_rebuild_index")
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith("Elasticsearch injoignable à http://127.0.0.1:9")
