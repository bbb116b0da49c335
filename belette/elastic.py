"""The Elasticsearch backend of the directory search, written with `elasticsearch.dsl` (the module
that elasticsearch-dsl became inside the official 8.x client).

- Analysis: a French analyzer (elision, lower case, ASCII folding, French stop words, light stemming);
  at query time a synonym_graph filter built from the synonym sets; names also get a folded keyword
  (exact match) and a search_as_you_type field (suggestions).
- Query: exact name above name words above aliases above topics above other text (boosts), typo
  tolerance (fuzziness AUTO), the word being typed matched as a prefix, a light prior by kind and a
  penalty for agents no longer in post; facets as aggregations, facet choices as a post_filter.
- Indexing: a new concrete index per rebuild, bulk-loaded with progress, then the alias is moved at
  once; single entries are re-indexed by a django-tasks task on save and delete (belette/tasks.py).
"""

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from elasticsearch import Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import Index, Mapping, Q, Search, analyzer, normalizer, token_filter

from core.text import STOP_WORDS, fold

from .documents import CONTEXT, FACETS, KEY, KIND_PRIOR, NAME, TOPIC, DirectorySearchResult, entry_url, load_documents

PHRASE_BOOST, EXACT_BOOST = 12, 30
FIELD_BOOSTS = ("name^10", "aliases^8", "topics^5", "text^2", "context^1.5")
SLOTS = {NAME: "name", KEY: "key", TOPIC: "topic", CONTEXT: "context"}
FRENCH_ARTICLES = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]


def index_alias():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}belette"


def synonym_rules(synonym_sets):
    """Solr-style rules ("a, b, c") from the synonym sets, folded like the analyzed text."""
    rules = []
    for terms in synonym_sets:
        cleaned = [fold(term).replace(",", " ").strip() for term in terms]
        cleaned = [term for term in dict.fromkeys(cleaned) if term]
        if len(cleaned) >= 2:
            rules.append(", ".join(cleaned))
    return rules


def analyzers(synonym_sets):
    elision = token_filter("belette_elision", "elision", articles_case=True, articles=FRENCH_ARTICLES)
    stop = token_filter("belette_stop", "stop", stopwords="_french_")
    # The words of a question ("qui gère les…"), folded, as the embedded backend drops them.
    question_words = token_filter("belette_question_words", "stop", stopwords=sorted(STOP_WORDS))
    stem = token_filter("belette_light_stem", "stemmer", language="light_french")
    synonyms = token_filter(
        "belette_synonyms", "synonym_graph", synonyms=synonym_rules(synonym_sets) or ["belette"], lenient=True
    )
    index_analyzer = analyzer(
        "belette_french",
        tokenizer="standard",
        filter=[elision, "lowercase", "asciifolding", stop, question_words, stem],
    )
    search_analyzer = analyzer(
        "belette_french_search",
        tokenizer="standard",
        filter=[elision, "lowercase", "asciifolding", synonyms, stop, question_words, stem],
    )
    folding = analyzer("belette_folding", tokenizer="standard", filter=[elision, "lowercase", "asciifolding"])
    exact = normalizer("belette_exact", filter=["lowercase", "asciifolding"])
    return index_analyzer, search_analyzer, folding, exact


def build_index(name, synonym_sets):
    """The index (settings, analysis and mapping) as an elasticsearch.dsl Index; to_dict() is its body."""
    index_analyzer, search_analyzer, folding, exact = analyzers(synonym_sets)
    text = {"analyzer": index_analyzer, "search_analyzer": search_analyzer}
    mapping = Mapping()
    for field in ("kind", "key", "pole", "site", "unit_code"):
        mapping.field(field, "keyword")
    mapping.field("active", "boolean")
    mapping.field("unit_name", "keyword", index=False)
    mapping.field("label", "keyword", index=False)
    mapping.field(
        "name",
        "text",
        **text,
        fields={
            "exact": {"type": "keyword", "normalizer": exact},
            "suggest": {"type": "search_as_you_type", "analyzer": folding},
        },
    )
    for field in ("aliases", "topics", "text", "context", "snippet_text"):
        mapping.field(field, "text", **text)
    mapping.field("aliases_suggest", "search_as_you_type", analyzer=folding)
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.analyzer(index_analyzer)
    index.analyzer(search_analyzer)
    index.analyzer(folding)
    index.mapping(mapping)
    return index


def to_source(doc):
    """The Elasticsearch document of one directory entry (a documents.Doc)."""
    fields = {"name": [], "key": [], "topic": [], "text": [], "context": []}
    for text, weight in doc.fields:
        fields[SLOTS.get(weight, "text")].append(text)
    return {
        "kind": doc.kind,
        "key": doc.key,
        "name": doc.name,
        "label": doc.label,
        "aliases": " ".join(fields["key"]),
        "aliases_suggest": " ".join(fields["key"]),
        "topics": " ".join(fields["topic"]),
        "text": " ".join(fields["text"]),
        "context": " ".join(fields["context"]),
        "snippet_text": doc.snippet_text,
        "unit_code": doc.unit["code"] if doc.unit else None,
        "unit_name": doc.unit["name"] if doc.unit else None,
        "pole": doc.pole,
        "site": doc.site,
        "active": doc.active,
    }


def document_id(kind, key):
    return f"{kind}:{key}"


class ElasticsearchDirectoryBackend:
    name = "elasticsearch"

    def __init__(self, client=None):
        self._client = client

    @property
    def client(self):
        if self._client is None:
            self._client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10)
        return self._client

    # -- queries (built without a server: tests check their bodies) -------------------------------

    def build_query(self, query):
        folded = " ".join(fold(query).split())
        return Q(
            "function_score",
            query=Q(
                "bool",
                minimum_should_match=1,
                should=[
                    Q("term", **{"name.exact": {"value": folded, "boost": EXACT_BOOST}}),
                    Q("multi_match", query=query, type="phrase", fields=["name", "aliases"], boost=PHRASE_BOOST),
                    Q(
                        "multi_match",
                        query=query,
                        type="most_fields",
                        fields=list(FIELD_BOOSTS),
                        operator="or",
                        minimum_should_match="2<75%",
                        fuzziness="AUTO",
                        prefix_length=1,
                    ),
                    Q(
                        "multi_match",
                        query=query,
                        type="bool_prefix",
                        operator="and",
                        boost=3,
                        fields=["name.suggest", "name.suggest._2gram", "name.suggest._3gram"],
                    ),
                ],
            ),
            functions=[{"filter": Q("term", kind=kind), "weight": weight} for kind, weight in KIND_PRIOR.items()]
            + [{"filter": Q("term", active=False), "weight": 0.8}],
            score_mode="multiply",
            boost_mode="multiply",
        )

    def build_search(self, query, kind=None, limit=10, offset=0, facets=None):
        search = Search(index=index_alias()).query(self.build_query(query))
        if kind:
            search = search.filter("term", kind=kind)
        for name in FACETS:
            search.aggs.bucket(name, "terms", field=name, size=100)
        chosen = [Q("term", **{name: value}) for name, value in (facets or {}).items() if name in FACETS and value]
        if chosen:
            search = search.post_filter("bool", filter=chosen)
        search = search.highlight_options(
            pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html", number_of_fragments=0
        )
        search = search.highlight("snippet_text", "name")
        search = search.extra(from_=offset, size=limit, track_total_hits=True)
        return search

    def build_autocomplete(self, query, limit=10):
        search = Search(index=index_alias()).query(
            Q(
                "multi_match",
                query=query,
                type="bool_prefix",
                operator="and",
                fuzziness="AUTO",
                prefix_length=1,
                fields=["name.suggest", "name.suggest._2gram", "name.suggest._3gram", "aliases_suggest"],
            )
        )
        return search.source(["kind", "key", "label"]).extra(size=limit)

    # -- the interface ----------------------------------------------------------------------------

    def search(self, query, kind=None, limit=10, offset=0, facets=None):
        response = self.build_search(query, kind, limit, offset, facets).using(self.client).execute()
        results = []
        for hit in response:
            results.append(
                {
                    "kind": hit.kind,
                    "id": hit.key,
                    "name": hit.name,
                    "unit": {"code": hit.unit_code, "name": hit.unit_name} if hit.unit_code else None,
                    "score": round(hit.meta.score or 0, 3),
                    "snippet": self.snippet(hit),
                    "url": entry_url(hit.kind, hit.key),
                }
            )
        facet_lists = {
            name: [
                {"value": bucket.key, "label": bucket.key, "count": bucket.doc_count}
                for bucket in getattr(response.aggregations, name).buckets
                if bucket.key
            ]
            for name in FACETS
        }
        return DirectorySearchResult(
            count=response.hits.total.value,
            results=results,
            facets=facet_lists,
            matched_terms=frozenset(fold(query).split()),
        )

    @staticmethod
    def snippet(hit):
        """The hit's snippet as escaped HTML with <mark>, like the embedded backend's."""
        highlight = getattr(hit.meta, "highlight", None)
        if highlight and "snippet_text" in highlight:
            # Escaped by Elasticsearch itself (encoder="html"), with our <mark> tags around the matches.
            return mark_safe(highlight.snippet_text[0])  # noqa: S308
        return escape(hit.snippet_text or "")

    def autocomplete(self, query, limit=10):
        response = self.build_autocomplete(query, limit).using(self.client).execute()
        return [{"kind": hit.kind, "id": hit.key, "label": hit.label} for hit in response]

    def rebuild(self, progress=None):
        docs, synonym_sets = load_documents()
        alias = index_alias()
        name = f"{alias}_{timezone.now():%Y%m%d%H%M%S%f}"
        build_index(name, synonym_sets).create(using=self.client)
        actions = ({"_index": name, "_id": document_id(doc.kind, doc.key), "_source": to_source(doc)} for doc in docs)
        done = 0
        for ok, _info in helpers.streaming_bulk(self.client, actions, chunk_size=500, raise_on_error=True):
            done += ok
            if progress and (done % 500 == 0 or done == len(docs)):
                progress(done, len(docs))
        self.client.indices.refresh(index=name)
        old = (
            list(self.client.indices.get_alias(name=alias).keys())
            if self.client.indices.exists_alias(name=alias)
            else []
        )
        self.client.indices.update_aliases(
            actions=[{"remove": {"index": index, "alias": alias}} for index in old]
            + [{"add": {"index": name, "alias": alias}}]
        )
        for index in old:
            self.client.indices.delete(index=index, ignore_unavailable=True)
        return len(docs)

    def index_entry(self, kind, key):
        docs, _synonyms = load_documents(only=(kind, key))
        for doc in docs:
            self.client.index(index=index_alias(), id=document_id(kind, key), document=to_source(doc))
            return True
        return self.delete_entry(kind, key)

    def delete_entry(self, kind, key):
        try:
            self.client.delete(index=index_alias(), id=document_id(kind, key))
        except NotFoundError:
            return False
        return True
