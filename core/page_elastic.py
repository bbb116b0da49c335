"""The portal's pages on Elasticsearch, when settings.ELASTICSEARCH_URL is set: the same behaviour as the
embedded page index (core/page_index.py), so that the site search, the suggestions and the aid catalogue's
box answer alike on both.

- Analysis (core/elastic.py, shared with La Belette): elision, lower case, ASCII folding, French stop words
  and question words ("comment", "qui"…), light French stemming; the synonyms of core.SynonymSet at query
  time (synonym_graph).
- Fields: title ≫ summary ≫ body, with the embedded index's weights (10, 4, 1.5); the title also as
  search_as_you_type for the suggestions.
- Query: OR semantics ranked by coverage: words spread across fields add up (combined_fields), up to two
  content words all are required, from three on all but one (minimum_should_match "2<-1", the embedded
  floor); typos from 5 letters (fuzziness AUTO:5,8, the embedded rule: one edit from 5, two from 8) field by
  field (most_fields, weaker); the last word as a prefix (bool_prefix); the whole phrase in the title or
  summary ranks higher.
- Fallback: when Elasticsearch fails (unreachable, no index yet), the embedded index answers, a warning is
  logged and a circuit breaker (core.elastic.CircuitBreaker, SEARCH_PRIMARY_RETRY_SECONDS) skips
  Elasticsearch for a while; the search page says "mode réduit".
- Indexing: `manage.py rebuild_page_index` (also a step of rebuild_search_indexes) loads a new index and
  moves the alias; a page saved, published, unpublished or deleted is indexed again by a task, a move, a
  privacy or a synonym change rebuilds (core/signals.py through page_index.changed).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from elasticsearch import helpers
from elasticsearch.dsl import Mapping, Q, Search
from wagtail.models import Page

from . import page_index
from .elastic import (
    ELASTICSEARCH_ERRORS,
    CircuitBreaker,
    UsesClient,
    assemble_index,
    french_analyzers,
    load_and_swap,
)
from .models import synonym_sets
from .text import PAGE_STOP_WORDS, clean_query

logger = logging.getLogger(__name__)

FIELDS = (
    f"title^{page_index.TITLE:g}",
    f"summary^{page_index.SUMMARY:g}",
    f"body^{page_index.BODY:g}",
)
# Up to two words, every one; from three on, all but one: the embedded index's coverage floor.
COVERAGE = "2<-1"
# One edit from 5 letters, two from 8; none below 5 (the embedded index's rule).
FUZZINESS = "AUTO:5,8"
PHRASE_BOOST, PREFIX_BOOST, FUZZY_BOOST = 2, 1, 0.5
SUGGEST_FIELDS = ["title.suggest", "title.suggest._2gram", "title.suggest._3gram"]

BREAKER = CircuitBreaker("SEARCH_PRIMARY_RETRY_SECONDS")


def index_alias():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}pages"


def build_index(name, synonyms):
    """The index (settings, analysis, mapping) as an elasticsearch.dsl Index; to_dict() is its body."""
    index_analyzer, search_analyzer, folding, _exact = french_analyzers("pages", synonyms, PAGE_STOP_WORDS)
    text = {"analyzer": index_analyzer, "search_analyzer": search_analyzer}
    mapping = Mapping()
    mapping.field("content_type_id", "integer")
    mapping.field("title", "text", **text, fields={"suggest": {"type": "search_as_you_type", "analyzer": folding}})
    mapping.field("summary", "text", **text)
    mapping.field("body", "text", **text)
    return assemble_index(name, mapping, (index_analyzer, search_analyzer, folding))


def to_source(doc):
    """The Elasticsearch document of one page (a page_index.PageDoc): its fields sorted by weight."""
    slots = {"title": [], "summary": [], "body": []}
    for text, weight in doc.fields:
        slot = "title" if weight >= page_index.TITLE else "summary" if weight >= page_index.SUMMARY else "body"
        slots[slot].append(text)
    return {
        "content_type_id": doc.content_type_id,
        "title": " ".join(slots["title"]),
        "summary": " ".join(slots["summary"]),
        "body": " ".join(slots["body"]),
    }


def build_query(query):
    return Q(
        "bool",
        minimum_should_match=1,
        should=[
            # Words spread across fields add up; the threshold counts the query's content words.
            Q("combined_fields", query=query, fields=list(FIELDS), operator="or", minimum_should_match=COVERAGE),
            # Typos, field by field (combined_fields has no fuzziness), weaker than the exact words.
            Q(
                "multi_match",
                query=query,
                type="most_fields",
                fields=list(FIELDS),
                operator="or",
                minimum_should_match=COVERAGE,
                fuzziness=FUZZINESS,
                prefix_length=1,
                boost=FUZZY_BOOST,
            ),
            # The last word as it is being typed: a prefix.
            Q(
                "multi_match",
                query=query,
                type="bool_prefix",
                fields=list(FIELDS),
                operator="or",
                minimum_should_match=COVERAGE,
                boost=PREFIX_BOOST,
            ),
            Q("multi_match", query=query, type="phrase", fields=list(FIELDS[:2]), boost=PHRASE_BOOST),
        ],
    )


def build_search(query, limit=page_index.MAX_RESULTS):
    search = Search(index=index_alias()).query(build_query(query)).source(["content_type_id"])
    return search.extra(size=limit, track_total_hits=False)


def build_suggest(query, limit=8):
    search = Search(index=index_alias()).query(
        Q(
            "multi_match",
            query=query,
            type="bool_prefix",
            operator="and",
            fuzziness=FUZZINESS,
            prefix_length=1,
            fields=SUGGEST_FIELDS,
        )
    )
    return search.source(["content_type_id"]).extra(size=limit)


def rows_from(body):
    """[(page id, content type id, score)] from Elasticsearch's response body: pure, tested without a server."""
    return [
        (int(hit["_id"]), hit.get("_source", {}).get("content_type_id"), hit.get("_score") or 0.0)
        for hit in body.get("hits", {}).get("hits", [])
    ]


class ElasticsearchPageEngine(UsesClient):
    """ranked() and suggest() as the embedded PageIndex answers them, from Elasticsearch."""

    def ranked(self, query, limit=page_index.MAX_RESULTS):
        query = clean_query(query or "")
        if not query:
            return []
        return rows_from(build_search(query, limit).using(self.client).execute().to_dict())

    def suggest(self, query, limit=8):
        query = clean_query(query or "")
        if not query:
            return []
        return [
            (pk, ct) for pk, ct, _score in rows_from(build_suggest(query, limit).using(self.client).execute().to_dict())
        ]

    def rebuild(self, progress=None):
        docs = [page_index.page_document(page) for page in page_index._live_pages()]
        alias = index_alias()
        name = f"{alias}_{timezone.now():%Y%m%d%H%M%S%f}"
        actions = ({"_index": name, "_id": str(doc.key), "_source": to_source(doc)} for doc in docs)
        return load_and_swap(
            self.client, build_index(name, synonym_sets()), alias, actions, len(docs), progress, "pages"
        )

    def index_pages(self, page_ids):
        """Index these pages again; those no longer live and public are removed. Before the first rebuild,
        builds the whole index (never a concrete index auto-created under the alias's name)."""
        if not self.client.indices.exists_alias(name=index_alias()):
            return self.rebuild()
        wanted = list(dict.fromkeys(page_ids))
        pages = {page.pk: page for page in page_index._live_pages(only=wanted)}
        actions = [
            {"_index": index_alias(), "_id": str(pk), "_source": to_source(page_index.page_document(pages[pk]))}
            if pk in pages
            else {"_op_type": "delete", "_index": index_alias(), "_id": str(pk)}
            for pk in wanted
        ]
        ok, _errors = helpers.bulk(self.client, actions, raise_on_error=False, require_alias=True)
        return ok


class FallbackPageEngine:
    """Elasticsearch first, the embedded page index when it fails (`reduced` then says so). One per search:
    the kinds of one search ask the same query, answered once."""

    def __init__(self, primary=None):
        self.primary = primary or ElasticsearchPageEngine()
        self.reduced = False
        self._memo = {}

    def _call(self, method, *args):
        key = (method, *args)
        if key in self._memo:
            return self._memo[key]
        if not BREAKER.is_open():
            try:
                self._memo[key] = getattr(self.primary, method)(*args)
                return self._memo[key]
            except ELASTICSEARCH_ERRORS as error:
                logger.warning(
                    "Pages: Elasticsearch did not answer (%s); the embedded index answers for %ss",
                    error.__class__.__name__,
                    getattr(settings, "SEARCH_PRIMARY_RETRY_SECONDS", 30),
                )
                BREAKER.open()
        self.reduced = True
        return getattr(page_index.current_index(), method)(*args)

    def ranked(self, query, limit=page_index.MAX_RESULTS):
        return self._call("ranked", query or "", limit)

    def suggest(self, query, limit=8):
        return self._call("suggest", query or "", limit)


@task()
def sync_pages(page_ids):
    """Index these pages again in Elasticsearch (or remove them)."""
    return ElasticsearchPageEngine().index_pages(page_ids)


@task()
def rebuild_pages():
    """Rebuild the pages' Elasticsearch index (a move, a privacy or a synonym change)."""
    count = ElasticsearchPageEngine().rebuild()
    logger.info("Pages index rebuilt on Elasticsearch: %d pages", count)
    return count


def schedule_sync(instance=None, everything=False):
    """After the transaction: this page indexed again, or everything rebuilt (anything but a page's own
    content: a move, a privacy rule, a synonym set)."""
    if isinstance(instance, Page) and not everything:
        pk = instance.pk
        transaction.on_commit(lambda: sync_pages.enqueue([pk]))
    else:
        transaction.on_commit(rebuild_pages.enqueue)


page_index.use_elasticsearch(FallbackPageEngine, schedule_sync)
