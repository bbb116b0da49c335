"""GET /api/belette/search/ and /api/belette/autocomplete/ in FORMATS.md's exact shape."""

import pytest


@pytest.fixture
def api(staff_client, directory):
    return staff_client


def test_search_answers_in_the_formats_shape(api):
    body = api.get("/api/belette/search/", {"q": "cartes TER"}).json()
    assert set(body) == {"count", "reduced_mode", "results"} and body["reduced_mode"] is False
    assert body["count"] >= 1
    first = body["results"][0]
    assert set(first) == {"kind", "id", "name", "unit", "score", "snippet", "url"}
    assert first["kind"] == "dispositif" and first["id"] == "TER-PLUS26"
    assert first["unit"] == {"code": "DTR-TER", "name": "Service TER et offre ferroviaire"}
    assert first["url"] == "/belette/dispositifs/TER-PLUS26/" and "<mark>" in first["snippet"]


def test_search_kind_and_limit(api):
    body = api.get("/api/belette/search/", {"q": "TER", "kind": "agent", "limit": 1}).json()
    assert len(body["results"]) == 1 and body["results"][0]["kind"] == "agent"
    assert body["count"] >= 2
    unit = api.get("/api/belette/search/", {"q": "ferroviaire", "kind": "unit"}).json()["results"][0]
    assert unit["id"] == "DTR-TER" and unit["unit"]["code"] == "PMT"


@pytest.mark.parametrize(
    "params, bad",
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"q": "ter", "kind": "person"}, "kind"),
        ({"q": "ter", "limit": "0"}, "limit"),
        ({"q": "ter", "limit": "500"}, "limit"),
        ({"q": "ter", "limit": "dix"}, "limit"),
    ],
)
def test_bad_parameters_answer_400_naming_them_in_french(api, params, bad):
    response = api.get("/api/belette/search/", params)
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {bad}
    assert any(word in body[bad][0] for word in ("obligatoire", "vide", "long", "valoir", "entier", "moins", "plus"))


def test_autocomplete_answers_at_most_ten_suggestions(api):
    body = api.get("/api/belette/autocomplete/", {"q": "vandenb"}).json()
    assert body == {
        "reduced_mode": False,
        "results": [{"kind": "agent", "id": "A4", "label": "Régis Vandenbussche – DEUR-FSE"}],
    }
    assert len(api.get("/api/belette/autocomplete/", {"q": "se"}).json()["results"]) <= 10
    assert api.get("/api/belette/autocomplete/", {"q": ""}).json() == {"reduced_mode": False, "results": []}
    assert api.get("/api/belette/autocomplete/", {"q": "x" * 201}).status_code == 400


def test_search_api_query_count_is_bounded(api, django_assert_max_num_queries):
    api.get("/api/belette/search/", {"q": "dupont"})  # builds the index
    with django_assert_max_num_queries(5):  # session, user, its two permission reads, the index token
        assert api.get("/api/belette/search/", {"q": "isabelle dupont"}).status_code == 200


def test_openapi_schema_documents_both_endpoints(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    text = schema.content.decode()
    assert "/api/belette/search/" in text and "/api/belette/autocomplete/" in text
