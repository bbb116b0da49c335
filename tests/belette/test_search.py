"""The behaviour of the directory search, the same for every backend: the embedded one always, a live
Elasticsearch too when ELASTICSEARCH_URL is set (those runs are marked `elasticsearch`)."""

import os

import pytest

from belette.embedded import EmbeddedDirectoryBackend
from belette.search import get_directory_backend

BACKENDS = [
    pytest.param("embedded", id="embedded"),
    pytest.param(
        "elasticsearch",
        id="elasticsearch",
        marks=[
            pytest.mark.elasticsearch,
            pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set"),
        ],
    ),
]


@pytest.fixture(params=BACKENDS)
def backend(request, directory, settings):
    if request.param == "elasticsearch":
        from belette.elastic import ElasticsearchDirectoryBackend

        settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
        engine = ElasticsearchDirectoryBackend()
    else:
        settings.ELASTICSEARCH_URL = ""
        engine = EmbeddedDirectoryBackend()
    engine.rebuild()
    return engine


def ids(outcome):
    return [f"{row['kind']}:{row['id']}" for row in outcome.results]


def first(backend, query, **kwargs):
    results = backend.search(query, **kwargs).results
    assert results, f"no result for {query!r}"
    return f"{results[0]['kind']}:{results[0]['id']}"


def test_backend_is_embedded_by_default_and_elasticsearch_when_url_is_set(settings):
    settings.ELASTICSEARCH_URL = ""
    assert get_directory_backend().name == "embedded"
    settings.ELASTICSEARCH_URL = "http://es.example:9200"
    assert get_directory_backend().name == "elasticsearch"


def test_partial_name_as_typed_finds_the_agent(backend):
    assert first(backend, "lefeb") == "agent:A3"


def test_words_without_accents_or_case_match(backend):
    assert first(backend, "STAGES A LA REGION") == "dispositif:STAGE-REGION"
    assert "agent:A5" in ids(backend.search("lucie remplacante"))


@pytest.mark.parametrize(
    "typo, expected", [("Vandenbussch", "agent:A4"), ("Vandenbuche", "agent:A4"), ("aprentissage", "unit:DAPP")]
)
def test_typos_are_tolerated(backend, typo, expected):
    assert first(backend, typo) == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("FSE", "dispositif:FSE"),
        ("CFA", "dispositif:CFA-FIN"),
        ("TER", "dispositif:TER-PLUS26"),
        ("demi-pension", "dispositif:LYC-REST"),
    ],
)
def test_acronyms_and_aliases_find_the_dispositif_first(backend, query, expected):
    assert first(backend, query) == expected


def test_synonym_sets_expand_the_query(backend):
    assert first(backend, "train régional") == "dispositif:TER-PLUS26"
    assert "agent:A2" in ids(backend.search("pension"))


def test_agents_topics_are_searched(backend):
    assert first(backend, "abonnements", kind="agent") == "agent:A6"


def test_questions_as_people_type_them(backend):
    assert first(backend, "qui gère les cartes TER ?") == "dispositif:TER-PLUS26"


def test_homonyms_are_told_apart_by_a_word_of_their_unit(backend):
    assert first(backend, "isabelle dupont ferroviaire") == "agent:A1"
    assert first(backend, "isabelle dupont restauration") == "agent:A2"
    assert first(backend, "isabelle dupont cantine") == "agent:A2"


def test_kind_restricts_the_results(backend):
    outcome = backend.search("TER", kind="agent")
    assert outcome.results and {row["kind"] for row in outcome.results} == {"agent"}


def test_results_have_the_formats_shape(backend):
    row = backend.search("carte TER").results[0]
    assert set(row) == {"kind", "id", "name", "unit", "score", "snippet", "url"}
    assert row["unit"] == {"code": "DTR-TER", "name": "Service TER et offre ferroviaire"}
    assert row["url"] == "/belette/dispositifs/TER-PLUS26/"
    assert isinstance(row["score"], float) and row["score"] > 0


def test_matched_words_are_marked_in_the_snippet(backend):
    row = backend.search("trains régionaux").results[0]
    assert row["id"] == "TER-PLUS26"
    assert "<mark>" in row["snippet"]


def test_facets_count_by_pole_and_site_and_filter(backend):
    outcome = backend.search("isabelle dupont")
    assert {facet["value"] for facet in outcome.facets["pole"]} >= {"PMT", "PLE"}
    assert {facet["value"]: facet["count"] for facet in outcome.facets["site"]}.get("Amiens") == 1
    filtered = backend.search("isabelle dupont", facets={"site": "Amiens"})
    assert ids(filtered) == ["agent:A2"]
    assert ids(backend.search("isabelle dupont", facets={"pole": "PMT"})) == ["agent:A1"]


def test_paging_with_limit_and_offset(backend):
    everything = ids(backend.search("service", limit=50))
    assert len(everything) >= 3
    assert ids(backend.search("service", limit=2, offset=1)) == everything[1:3]


def test_inactive_agent_is_still_found(backend):
    assert "agent:A6" in ids(backend.search("marc parti"))


def test_autocomplete_suggests_names_as_typed(backend):
    suggestions = backend.autocomplete("vandenb")
    assert suggestions[0] == {"kind": "agent", "id": "A4", "label": "Régis Vandenbussche – DEUR-FSE"}
    assert len(backend.autocomplete("s", limit=10)) <= 10
    labels = [item["label"] for item in backend.autocomplete("carte t")]
    assert "Carte TER Hauts-de-France +26 ans" in labels


def test_empty_or_meaningless_query_finds_nothing(backend):
    assert backend.search("").count == 0
    assert backend.search("qui les ?").count == 0
    assert backend.autocomplete("") == []


# -- embedded backend specifics ------------------------------------------------------------------


def test_embedded_index_follows_saves_and_deletes(directory):
    backend = EmbeddedDirectoryBackend()
    assert backend.search("Zébulon").count == 0
    agent = directory["agents"]["lefebvre"]
    agent.last_name = "Zébulon"
    agent.save()
    assert first(backend, "zebulon") == "agent:A3"
    agent.delete()
    assert backend.search("zebulon").count == 0


def test_embedded_index_follows_synonym_changes(directory):
    from core.models import SynonymSet

    backend = EmbeddedDirectoryBackend()
    assert backend.search("billet", kind="dispositif").count == 0
    SynonymSet.objects.create(terms=["billet", "carte TER adulte"])
    assert first(backend, "billet", kind="dispositif") == "dispositif:TER-PLUS26"


def test_embedded_search_reads_the_database_once_when_the_index_is_current(directory, django_assert_max_num_queries):
    backend = EmbeddedDirectoryBackend()
    backend.search("dupont")
    with django_assert_max_num_queries(1):
        backend.search("cartes TER")
    with django_assert_max_num_queries(1):
        backend.autocomplete("lefeb")


def test_snippet_escapes_html_from_the_data(directory):
    agent = directory["agents"]["lefebvre"]
    agent.title = "<script>alert(1)</script> Chef"
    agent.save()
    snippet = EmbeddedDirectoryBackend().search("lefebvre chef").results[0]["snippet"]
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
