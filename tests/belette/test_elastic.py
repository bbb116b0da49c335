"""The Elasticsearch backend without a server: the index body (analysis, synonyms, mapping) and the
query bodies it builds; the tasks that keep it in sync. Live runs of the behavioural suite are in
test_search.py (marked `elasticsearch`, skipped unless ELASTICSEARCH_URL is set)."""

import os

import pytest
from django.core.management import call_command
from django_tasks import task_backends

from belette.documents import load_documents
from belette.elastic import ElasticsearchDirectoryBackend, build_index, synonym_rules, to_source


@pytest.fixture
def body(directory):
    _docs, synonym_sets = load_documents()
    return build_index("maregion_belette_test", synonym_sets).to_dict()


def test_french_analyzer_folds_elides_and_stems_lightly(body):
    analysis = body["settings"]["analysis"]
    index_chain = analysis["analyzer"]["belette_french"]["filter"]
    assert index_chain[:3] == ["belette_elision", "lowercase", "asciifolding"]
    assert analysis["filter"]["belette_light_stem"] == {"type": "stemmer", "language": "light_french"}
    assert analysis["filter"]["belette_elision"]["articles"][:2] == ["l", "m"]
    assert "qui" in analysis["filter"]["belette_question_words"]["stopwords"]


def test_synonym_filter_is_built_from_the_synonym_sets_at_query_time(body):
    analysis = body["settings"]["analysis"]
    synonyms = analysis["filter"]["belette_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert "ter, train regional, transport ferroviaire, train" in synonyms["synonyms"]
    assert "belette_synonyms" in analysis["analyzer"]["belette_french_search"]["filter"]
    assert "belette_synonyms" not in analysis["analyzer"]["belette_french"]["filter"]


def test_synonym_rules_fold_and_skip_sets_of_one_term():
    assert synonym_rules([["Crèche", "garde d'enfants"], ["seul"], ["a,b", "c"]]) == [
        "creche, garde d'enfants",
        "a b, c",
    ]


def test_mapping_has_exact_suggest_and_facet_fields(body):
    properties = body["mappings"]["properties"]
    assert properties["name"]["fields"]["exact"]["type"] == "keyword"
    assert properties["name"]["fields"]["suggest"]["type"] == "search_as_you_type"
    assert properties["name"]["search_analyzer"] == "belette_french_search"
    for facet in ("pole", "site", "kind"):
        assert properties[facet]["type"] == "keyword"


def test_query_boosts_exact_name_over_aliases_over_topics_over_text_with_fuzziness(directory):
    query = (
        ElasticsearchDirectoryBackend()
        .build_search("Vandenbussch", kind="agent", facets={"site": "Arras", "bogus": "x"})
        .to_dict()
    )
    scored = query["query"]["bool"]["must"][0]["function_score"]
    should = scored["query"]["bool"]["should"]
    assert should[0] == {"term": {"name.exact": {"value": "vandenbussch", "boost": 30}}}
    words = [clause for clause in should if "multi_match" in clause]
    most_fields = next(clause["multi_match"] for clause in words if clause["multi_match"]["type"] == "most_fields")
    assert most_fields["fields"] == ["name^10", "aliases^8", "topics^5", "text^2", "context^1.5"]
    assert most_fields["fuzziness"] == "AUTO" and most_fields["operator"] == "or"
    assert any(clause["multi_match"]["type"] == "bool_prefix" for clause in words)
    assert query["query"]["bool"]["filter"] == [{"term": {"kind": "agent"}}]
    assert query["post_filter"] == {"bool": {"filter": [{"term": {"site": "Arras"}}]}}
    assert set(query["aggs"]) == {"pole", "site"}
    assert "highlight" not in query  # snippets are highlighted by core.text, after escaping
    assert query["size"] == 10 and query["from"] == 0


def test_words_spread_across_fields_add_up_in_one_combined_fields_query(directory):
    query = ElasticsearchDirectoryBackend().build_search("dupont cantine").to_dict()
    should = query["query"]["function_score"]["query"]["bool"]["should"]
    combined = next(clause["combined_fields"] for clause in should if "combined_fields" in clause)
    assert combined["query"] == "dupont cantine"
    assert combined["fields"] == ["name^10", "aliases^8", "topics^5", "text^2", "context^1.5"]
    assert combined["minimum_should_match"] == "2<75%"


def test_each_facet_is_counted_under_the_other_facets_choice_and_chosen_by_post_filter(directory):
    query = ElasticsearchDirectoryBackend().build_search("ter", facets={"pole": "PMT", "site": "Arras"}).to_dict()
    assert query["aggs"]["pole"]["filter"] == {"bool": {"filter": [{"term": {"site": "Arras"}}]}}
    assert query["aggs"]["site"]["filter"] == {"bool": {"filter": [{"term": {"pole": "PMT"}}]}}
    assert query["aggs"]["pole"]["aggs"]["values"]["terms"]["field"] == "pole"
    assert query["aggs"]["pole"]["aggs"]["values"]["aggs"]["label"]["terms"]["field"] == "pole_label"
    assert query["post_filter"] == {"bool": {"filter": [{"term": {"pole": "PMT"}}, {"term": {"site": "Arras"}}]}}


def test_pole_label_is_indexed_and_replicas_come_from_settings(directory, settings):
    settings.BELETTE_ELASTICSEARCH_REPLICAS = 2
    docs, synonym_sets = load_documents()
    assert to_source(next(doc for doc in docs if doc.key == "A1"))["pole_label"] == "Pôle Mobilité et Transports"
    body = build_index("x", synonym_sets).to_dict()
    assert body["settings"]["number_of_replicas"] == 2
    assert body["mappings"]["properties"]["pole_label"]["type"] == "keyword"


def test_one_client_per_process_with_timeouts_and_retries(settings):
    from belette.elastic import get_client

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    client = get_client()
    assert get_client() is client
    assert ElasticsearchDirectoryBackend().client is client
    assert ElasticsearchDirectoryBackend().client is client


def test_renaming_a_unit_enqueues_the_reindexing_of_its_agents_and_dispositifs(
    directory, settings, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = "http://es.invalid:9200"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    from belette.models import Unit

    with django_capture_on_commit_callbacks(execute=True):
        pole = Unit.objects.get(code="PMT")
        pole.name = "Pôle Transports"
        pole.save()
    bulk = [result.args[0] for result in backend.results if result.task.name == "sync_entries"]
    assert len(bulk) == 1
    entries = {tuple(entry) for entry in bulk[0]}
    assert {("agent", "A1"), ("agent", "A5"), ("agent", "A6"), ("unit", "DTR-TER")} <= entries
    assert ("dispositif", "TER-PLUS26") in entries
    assert ("agent", "A2") not in entries  # another pôle
    with django_capture_on_commit_callbacks(execute=True):
        unit = Unit.objects.get(code="DTR-TER")
        unit.phone = "03 00 00 00 00"
        unit.save()  # a phone changes no other entry's text
    assert len([r for r in backend.results if r.task.name == "sync_entries"]) == 1


def test_inactive_agents_and_kinds_weigh_on_the_score(directory):
    scored = ElasticsearchDirectoryBackend().build_search("ter").to_dict()["query"]["function_score"]
    weights = {str(function["filter"]): function["weight"] for function in scored["functions"]}
    assert weights[str({"term": {"active": False}})] < 1
    assert weights[str({"term": {"kind": "dispositif"}})] > weights[str({"term": {"kind": "agent"}})]


def test_autocomplete_query_is_search_as_you_type(directory):
    body = ElasticsearchDirectoryBackend().build_autocomplete("lefeb").to_dict()
    assert body["query"]["multi_match"]["type"] == "bool_prefix"
    assert "name.suggest._2gram" in body["query"]["multi_match"]["fields"]
    assert body["size"] == 10 and body["_source"] == ["kind", "key", "label"]


def test_results_are_built_from_the_response_with_escaped_snippets_and_names_left_plain(directory):
    # The page shows snippets as HTML: text read back from the index is escaped before <mark> is added.
    body = {
        "hits": {
            "total": {"value": 1},
            "hits": [
                {
                    "_score": 2.5,
                    "_source": {
                        "kind": "agent",
                        "key": "A1",
                        "name": "<b>Isabelle</b> Dupont",
                        "snippet_text": "<script>alert(1)</script> Chef TER",
                        "unit_code": "DTR-TER",
                        "unit_name": "Service TER",
                    },
                    # Whatever Elasticsearch might send as a highlight is ignored.
                    "highlight": {"snippet_text": ["<script>alert(2)</script>"]},
                }
            ],
        },
        "aggregations": {
            "pole": {
                "values": {"buckets": [{"key": "PMT", "doc_count": 3, "label": {"buckets": [{"key": "Pôle M"}]}}]}
            },
            "site": {"values": {"buckets": [{"key": "Arras", "doc_count": 1, "label": {"buckets": []}}]}},
        },
    }
    result = ElasticsearchDirectoryBackend.result_from("chef ter", body)
    row = result.results[0]
    assert row["snippet"] == "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Chef</mark> <mark>TER</mark>"
    assert "alert(2)" not in row["snippet"]
    assert row["name"] == "<b>Isabelle</b> Dupont"  # plain text: the template escapes it
    assert row["url"] == "/belette/agents/A1/" and row["unit"] == {"code": "DTR-TER", "name": "Service TER"}
    assert result.count == 1
    assert result.facets["pole"] == [{"value": "PMT", "label": "Pôle M", "count": 3}]
    assert result.facets["site"] == [{"value": "Arras", "label": "Arras", "count": 1}]


def test_elastic_module_marks_nothing_safe():
    from pathlib import Path

    import belette.elastic

    assert "mark_safe" not in Path(belette.elastic.__file__).read_text()


def test_documents_carry_fields_by_weight(directory):
    docs, _synonyms = load_documents()
    source = to_source(next(doc for doc in docs if doc.key == "A1"))
    assert source["name"] == "Isabelle Dupont" and "TER tarifs" in source["topics"]
    assert source["unit_code"] == "DTR-TER" and source["pole"] == "PMT" and source["active"] is True
    assert "Pôle Mobilité et Transports" in source["context"]


def test_one_entry_can_be_loaded_alone_for_reindexing(directory):
    for kind, key in (("agent", "A1"), ("unit", "PMT"), ("dispositif", "FSE")):
        docs, _synonyms = load_documents(only=(kind, key))
        assert [(doc.kind, doc.key) for doc in docs] == [(kind, key)]
    assert load_documents(only=("agent", "NOPE"))[0] == []


def test_saves_enqueue_an_index_update_when_elasticsearch_is_configured(
    directory, settings, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = "http://es.invalid:9200"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    with django_capture_on_commit_callbacks(execute=True):
        agent = directory["agents"]["lefebvre"]
        agent.title = "Chef"
        agent.save()
        directory["dispositifs"]["stage"].delete()
    calls = [(result.task.name, tuple(result.args)) for result in backend.results]
    assert ("sync_entry", ("agent", "A3", False)) in calls
    assert ("sync_entry", ("dispositif", "STAGE-REGION", True)) in calls


def test_rebuild_command_reports_the_embedded_count(directory, settings):
    from io import StringIO

    settings.ELASTICSEARCH_URL = ""
    out = StringIO()
    call_command("belette_rebuild_index", stdout=out)
    assert "18 entrée(s) indexée(s)" in out.getvalue() and "(embedded)" in out.getvalue()


@pytest.mark.elasticsearch
@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set")
def test_live_rebuild_moves_the_alias_to_a_fresh_index(directory, settings):
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    backend = ElasticsearchDirectoryBackend()
    assert backend.rebuild() == 18
    assert backend.rebuild() == 18
    assert len(backend.client.indices.get_alias(name="maregion_test_belette")) == 1
