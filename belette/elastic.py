"""The Elasticsearch backend of the directory search, written with `elasticsearch.dsl` (the module
that elasticsearch-dsl became inside the official 8.x client).

- Analysis: a French analyzer (elision, lower case, ASCII folding, French stop words, light stemming);
  at query time a synonym_graph filter built from the synonym sets; names also get a folded keyword
  (exact match) and a search_as_you_type field (suggestions).
- Query: exact name above name words above aliases above topics above other text (boosts), typo
  tolerance (fuzziness AUTO), the word being typed matched as a prefix, a light prior by kind and a
  penalty for agents no longer in post; words spread across fields add up (combined_fields); facets
  as aggregations, each counted under the other facets' choice, facet choices as a post_filter.
- Snippets: the stored plain text, escaped and highlighted by core.text.highlight as in the embedded
  backend (no HTML from Elasticsearch; nothing from the index is marked safe here).
- Indexing: a new concrete index per rebuild, bulk-loaded with progress, then the alias is moved at
  once; single entries are re-indexed by a django-tasks task on save and delete (belette/tasks.py),
  only through the alias (require_alias): before the first rebuild, the first write builds the index.
- One client per process, with timeouts and retries from settings (core/elastic.py, shared with the
  portal's pages).
"""

import logging

from django.conf import settings
from django.utils import timezone
from elasticsearch import NotFoundError, helpers
from elasticsearch.dsl import Mapping, Q, Search

from core.elastic import UsesClient, assemble_index, get_client, load_and_swap, synonym_rules
from core.elastic import french_analyzers as _french_analyzers
from core.text import STOP_WORDS, fold, highlight, tokens

from .documents import CONTEXT, FACETS, KEY, KIND_PRIOR, NAME, TOPIC, DirectorySearchResult, entry_url, load_documents

__all__ = ["ElasticsearchDirectoryBackend", "build_index", "get_client", "synonym_rules", "to_source"]

PHRASE_BOOST, EXACT_BOOST = 12, 30
FIELD_BOOSTS = ("name^10", "aliases^8", "topics^5", "text^2", "context^1.5")
SLOTS = {NAME: "name", KEY: "key", TOPIC: "topic", CONTEXT: "context"}


logger = logging.getLogger(__name__)


def index_alias():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}belette"


def analyzers(synonym_sets):
    # The words of a question ("qui gère les…"), folded, as the embedded backend drops them.
    return _french_analyzers("belette", synonym_sets, STOP_WORDS)


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
    mapping.field("pole_label", "keyword")
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
    return assemble_index(name, mapping, (index_analyzer, search_analyzer, folding))


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
        "pole_label": doc.pole_label,
        "site": doc.site,
        "active": doc.active,
    }


def document_id(kind, key):
    return f"{kind}:{key}"


class ElasticsearchDirectoryBackend(UsesClient):
    name = "elasticsearch"

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
                    # Words spread across fields (a homonym's name plus their topic) add up: the threshold
                    # applies to the words of the query, not to each field.
                    Q(
                        "combined_fields",
                        query=query,
                        fields=list(FIELD_BOOSTS),
                        operator="or",
                        minimum_should_match="2<75%",
                    ),
                    # Typos: fuzzy matching, field by field (combined_fields has no fuzziness), weaker.
                    Q(
                        "multi_match",
                        query=query,
                        type="most_fields",
                        fields=list(FIELD_BOOSTS),
                        operator="or",
                        minimum_should_match="2<75%",
                        fuzziness="AUTO",
                        prefix_length=1,
                        boost=0.5,
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
        chosen = {name: value for name, value in (facets or {}).items() if name in FACETS and value}
        for name in FACETS:
            # Each facet is counted over the hits filtered by the other facets' choice (not its own).
            others = [Q("term", **{other: value}) for other, value in chosen.items() if other != name]
            bucket = search.aggs.bucket(name, "filter", filter=Q("bool", filter=others))
            bucket.bucket("values", "terms", field=name, size=100).bucket(
                "label", "terms", field="pole_label" if name == "pole" else name, size=1
            )
        if chosen:
            search = search.post_filter("bool", filter=[Q("term", **{k: v}) for k, v in chosen.items()])
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
        return self.result_from(query, response.to_dict())

    @staticmethod
    def result_from(query, body):
        """FORMATS.md's result from Elasticsearch's response body (a dict): pure, tested without a server."""
        matched = frozenset(tokens(query))
        results = []
        for hit in body.get("hits", {}).get("hits", []):
            source = hit.get("_source", {})
            results.append(
                {
                    "kind": source.get("kind"),
                    "id": source.get("key"),
                    "name": source.get("name") or "",
                    "unit": {"code": source["unit_code"], "name": source.get("unit_name") or ""}
                    if source.get("unit_code")
                    else None,
                    "score": round(hit.get("_score") or 0, 3),
                    # Escaped first, then <mark> added around matched words: the same on both backends.
                    "snippet": highlight(source.get("snippet_text") or "", matched, prefix=False),
                    "url": entry_url(source.get("kind"), source.get("key")),
                }
            )
        facet_lists = {}
        for name in FACETS:
            buckets = body.get("aggregations", {}).get(name, {}).get("values", {}).get("buckets", [])
            facet_lists[name] = [
                {
                    "value": bucket["key"],
                    "label": next(iter(b["key"] for b in bucket.get("label", {}).get("buckets", [])), bucket["key"]),
                    "count": bucket["doc_count"],
                }
                for bucket in buckets
                if bucket.get("key")
            ]
        total = body.get("hits", {}).get("total", {})
        return DirectorySearchResult(
            count=total.get("value", 0) if isinstance(total, dict) else int(total or 0),
            results=results,
            facets=facet_lists,
            matched_terms=matched,
        )

    def autocomplete(self, query, limit=10):
        response = self.build_autocomplete(query, limit).using(self.client).execute()
        return [{"kind": hit.kind, "id": hit.key, "label": hit.label} for hit in response]

    def rebuild(self, progress=None):
        docs, synonym_sets = load_documents()
        alias = index_alias()
        name = f"{alias}_{timezone.now():%Y%m%d%H%M%S%f}"
        actions = ({"_index": name, "_id": document_id(doc.kind, doc.key), "_source": to_source(doc)} for doc in docs)
        load_and_swap(self.client, build_index(name, synonym_sets), alias, actions, len(docs), progress, "La Belette")
        return len(docs)

    def has_index(self):
        return bool(self.client.indices.exists_alias(name=index_alias()))

    def index_entries(self, entries):
        """Index some entries again ([(kind, key)], in bulk); entries gone from the database are removed.
        Writes only through the alias: before the first rebuild, a full rebuild creates index and alias
        (never a concrete index auto-created under the alias's name)."""
        if not self.has_index():
            logger.info("La Belette: no index yet, building it")
            return self.rebuild()
        entries = list(dict.fromkeys(tuple(entry) for entry in entries))
        docs = {}
        for kind, key in entries:
            for doc in load_documents(only=(kind, key))[0]:
                docs[(doc.kind, doc.key)] = doc
        actions = []
        for kind, key in entries:
            doc = docs.get((kind, key))
            if doc is None:
                actions.append({"_op_type": "delete", "_index": index_alias(), "_id": document_id(kind, key)})
            else:
                actions.append({"_index": index_alias(), "_id": document_id(kind, key), "_source": to_source(doc)})
        ok, _errors = helpers.bulk(self.client, actions, raise_on_error=False, require_alias=True)
        return ok

    def index_entry(self, kind, key):
        return self.index_entries([(kind, key)])

    def delete_entry(self, kind, key):
        if not self.has_index():
            return False
        try:
            self.client.delete(index=index_alias(), id=document_id(kind, key))
        except NotFoundError:
            return False
        return True
