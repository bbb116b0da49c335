"""The pages on Elasticsearch (core/page_elastic.py), when ELASTICSEARCH_URL is set: the index's analysis and
mapping and the query bodies it builds, checked without a server; the fallback to the embedded index with a
warning and a circuit breaker (an unreachable address); the labelled evaluation with the same floor on a
real Elasticsearch, skipped unless ELASTICSEARCH_URL is set."""

import logging
import os

import pytest
from django.utils.text import slugify
from django_tasks import task_backends

from core import page_elastic, page_index
from core.models import SynonymSet
from search import engine
from search.evaluation import evaluate
from tests.home.conftest import AideIndexPageFactory, AidePageFactory
from tests.search.test_evaluation import CATEGORY_FLOOR, MRR_FLOOR, TOP5_FLOOR, demo_portal  # noqa: F401

DOWN = "http://127.0.0.1:9"


def test_the_index_analyses_french_with_the_synonym_sets():
    body = page_elastic.build_index(
        "maregion_test_pages_x", [["train", "TER"], ["Crèche", "garde d'enfants"]]
    ).to_dict()

    analysis = body["settings"]["analysis"]
    filters = analysis["filter"]
    assert filters["pages_elision"]["type"] == "elision" and "l" in filters["pages_elision"]["articles"]
    assert filters["pages_light_stem"] == {"type": "stemmer", "language": "light_french"}
    assert filters["pages_stop"]["stopwords"] == "_french_"
    assert "comment" in filters["pages_question_words"]["stopwords"]
    assert filters["pages_synonyms"]["type"] == "synonym_graph"
    assert filters["pages_synonyms"]["synonyms"] == ["train, ter", "creche, garde d'enfants"]
    index_filters = analysis["analyzer"]["pages_french"]["filter"]
    assert index_filters[:3] == ["pages_elision", "lowercase", "asciifolding"] and "pages_light_stem" in index_filters
    assert "pages_synonyms" in analysis["analyzer"]["pages_french_search"]["filter"]
    assert "pages_synonyms" not in index_filters  # synonyms at query time: an edit needs no reindexing of text

    properties = body["mappings"]["properties"]
    for field in ("title", "summary", "body"):
        assert properties[field]["type"] == "text"
        assert properties[field]["analyzer"] == "pages_french"
        assert properties[field]["search_analyzer"] == "pages_french_search"
    assert properties["title"]["fields"]["suggest"]["type"] == "search_as_you_type"
    assert properties["content_type_id"]["type"] == "integer"


def test_the_query_weighs_title_summary_body_ranks_by_coverage_and_tolerates_typos_from_five_letters():
    body = page_elastic.build_search("comment financer mon permis").to_dict()

    assert body["size"] == page_index.MAX_RESULTS and body["_source"] == ["content_type_id"]
    should = body["query"]["bool"]["should"]
    assert body["query"]["bool"]["minimum_should_match"] == 1
    combined = next(clause["combined_fields"] for clause in should if "combined_fields" in clause)
    assert combined["fields"] == ["title^10", "summary^4", "body^1.5"]
    assert combined["operator"] == "or" and combined["minimum_should_match"] == "2<-1"
    multi = {clause["multi_match"]["type"]: clause["multi_match"] for clause in should if "multi_match" in clause}
    assert multi["most_fields"]["fuzziness"] == "AUTO:5,8" and multi["most_fields"]["boost"] < 1
    assert multi["most_fields"]["minimum_should_match"] == "2<-1"
    assert multi["bool_prefix"]["fields"] == ["title^10", "summary^4", "body^1.5"]
    assert multi["phrase"]["fields"] == ["title^10", "summary^4"]

    suggest = page_elastic.build_suggest("bourse de mob", 5).to_dict()
    assert suggest["query"]["multi_match"]["type"] == "bool_prefix"
    assert suggest["query"]["multi_match"]["operator"] == "and"
    assert suggest["query"]["multi_match"]["fields"][0] == "title.suggest" and suggest["size"] == 5


def test_a_response_gives_page_ids_content_types_and_scores():
    body = {"hits": {"hits": [{"_id": "12", "_score": 3.5, "_source": {"content_type_id": 4}}]}}
    assert page_elastic.rows_from(body) == [(12, 4, 3.5)]
    assert page_elastic.rows_from({}) == []


@pytest.fixture
def aids(home_page):
    index = AideIndexPageFactory(parent=home_page)
    titles = {"permis": ("Aide pour le permis de conduire", "Le permis B."), "bafa": ("Aide au BAFA", "Animateur.")}
    return {
        key: AidePageFactory(parent=index, title=title, slug=slugify(title), summary=summary)
        for key, (title, summary) in titles.items()
    }


@pytest.mark.django_db
def test_a_page_document_puts_each_search_field_under_its_weight(aids):
    source = page_elastic.to_source(page_index.page_document(aids["permis"].specific))
    assert source["title"] == "Aide pour le permis de conduire"
    assert "Le permis B." in source["summary"]
    assert source["content_type_id"] == aids["permis"].content_type_id


@pytest.fixture
def elasticsearch_down(settings):
    settings.ELASTICSEARCH_URL = DOWN
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    page_elastic.BREAKER.close()
    yield
    page_elastic.BREAKER.close()


@pytest.mark.django_db
def test_with_elasticsearch_down_the_embedded_index_answers_in_reduced_mode_once_warned(
    client, aids, elasticsearch_down, caplog
):
    with caplog.at_level(logging.WARNING, logger="core.page_elastic"):
        body = client.get("/api/search/", {"q": "comment financer mon permis ?"}).json()
        page = client.get("/recherche/", {"q": "permis"})
        suggestions = client.get("/api/search/suggestions/", {"q": "bafa"}).json()["results"]

    assert body["best"][0]["title"] == "Aide pour le permis de conduire"
    html = page.content.decode()
    assert "mode réduit" in html and "/aides/aide-pour-le-permis-de-conduire/" in html
    assert [hit["title"] for hit in suggestions] == ["Aide au BAFA"]
    assert page_elastic.BREAKER.is_open()
    warnings = [record for record in caplog.records if "did not answer" in record.getMessage()]
    assert len(warnings) == 1  # the next searches did not try Elasticsearch again
    assert client.get("/aides/", {"q": "bafa"}).status_code == 200


@pytest.mark.django_db
def test_with_elasticsearch_a_saved_page_is_indexed_again_and_a_synonym_change_rebuilds(
    aids, elasticsearch_down, django_capture_on_commit_callbacks
):
    backend = task_backends["default"]
    backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        aids["bafa"].title = "Aide au BAFA et au BAFD"
        aids["bafa"].save()
        SynonymSet.objects.create(terms=["bafa", "animateur"])
    calls = [(result.task.name, tuple(result.args)) for result in backend.results]
    assert ("sync_pages", ([aids["bafa"].pk],)) in calls
    assert ("rebuild_pages", ()) in calls


@pytest.mark.elasticsearch
@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set")
def test_live_citizen_queries_hold_the_same_floor_on_elasticsearch(demo_portal, settings):  # noqa: F811
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    page_elastic.BREAKER.close()
    assert page_elastic.ElasticsearchPageEngine().rebuild() > 0

    measures = evaluate(engine.ranked_urls)

    assert not page_elastic.BREAKER.is_open()  # Elasticsearch answered every query
    report = f"MRR {measures.mrr:.3f}, top-5 {measures.top5:.3f}, misses {measures.misses}"
    assert measures.mrr >= MRR_FLOOR, report
    assert measures.top5 >= TOP5_FLOOR, report
    for category, value in measures.by_category.items():
        assert value >= CATEGORY_FLOOR, f"{category}: {value:.2f} — {report}"


@pytest.mark.django_db
def test_the_rebuild_command_says_what_it_did_or_that_elasticsearch_is_unreachable(aids, settings):
    from io import StringIO

    from django.core.management import CommandError, call_command

    settings.ELASTICSEARCH_URL = ""
    out = StringIO()
    call_command("rebuild_page_index", stdout=out)
    assert "construit en mémoire" in out.getvalue()

    settings.ELASTICSEARCH_URL = DOWN
    with pytest.raises(CommandError, match="Elasticsearch ne répond pas"):
        call_command("rebuild_page_index", stdout=StringIO())
