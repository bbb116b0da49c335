"""The embedded backend of the directory search (the default, no server): core's in-memory text index
(core/textindex.py) built from the database by each process, with the directory's field weights (name >
acronym/alias > topic > text > unit context), a prior by kind, and facets. The same Python
code answers on SQLite and PostgreSQL, so both behave the same. A token stored in the database
(IndexState) tells each process when to rebuild its copy."""

import heapq
import threading
from collections import defaultdict

from core.text import highlight
from core.textindex import TextIndex

from .documents import FACETS, KEY, KIND_PRIOR, KINDS, DirectorySearchResult, entry_url, load_documents
from .models import IndexState


class DirectoryIndex(TextIndex):
    name_weight = KEY

    def __init__(self, docs, synonym_sets):
        super().__init__(docs, synonym_sets)
        self.unit_names = {doc.key: doc.name for doc in docs if doc.kind == "unit"}

    def prior(self, doc):
        return KIND_PRIOR[doc.kind]

    def search(self, query, kind=None, limit=10, offset=0, facets=None):
        facets = {name: value for name, value in (facets or {}).items() if name in FACETS and value}
        pole, site = facets.get("pole"), facets.get("site")
        scores, matched = self.score(query)
        docs = self.docs
        # One pass: each facet is counted over the hits filtered by the other facet (disjunctive facets).
        pole_counts, site_counts, hits = defaultdict(int), defaultdict(int), []
        for number in scores:
            doc = docs[number]
            if kind is not None and doc.kind != kind:
                continue
            pole_ok = pole is None or doc.pole == pole
            site_ok = site is None or doc.site == site
            if site_ok:
                pole_counts[doc.pole] += 1
            if pole_ok:
                site_counts[doc.site] += 1
                if site_ok:
                    hits.append(number)
        page = heapq.nsmallest(offset + limit, hits, key=lambda number: (-scores[number], docs[number].name))
        results = [self.as_result(docs[number], scores[number], matched) for number in page[offset:]]
        return DirectorySearchResult(
            count=len(hits),
            results=results,
            facets=self.facet_lists({"pole": pole_counts, "site": site_counts}),
            matched_terms=matched,
        )

    def facet_lists(self, counts):
        names = self.unit_names
        return {
            "pole": [
                {"value": code, "label": names.get(code, code), "count": count}
                for code, count in sorted(counts["pole"].items(), key=lambda item: names.get(item[0], ""))
                if code
            ],
            "site": [
                {"value": site, "label": site, "count": count} for site, count in sorted(counts["site"].items()) if site
            ],
        }

    def as_result(self, doc, score, matched):
        return {
            "kind": doc.kind,
            "id": doc.key,
            "name": doc.name,
            "unit": doc.unit,
            "score": round(score, 3),
            "snippet": highlight(doc.snippet_text, matched, prefix=False),
            "url": entry_url(doc.kind, doc.key),
        }

    def autocomplete(self, query, limit=10):
        scores, _matched = self.score(query, names_only=True)
        best = sorted(scores, key=lambda number: (-scores[number], self.docs[number].name))[:limit]
        return [
            {"kind": self.docs[number].kind, "id": self.docs[number].key, "label": self.docs[number].label}
            for number in best
        ]


# The per-process cache of the index.

_lock = threading.Lock()
_cache = {"token": None, "index": None}


def current_index():
    """This process's index, rebuilt when the database's token says the directory changed."""
    token = IndexState.current()
    index = _cache["index"]
    if index is not None and _cache["token"] == token and token:
        return index
    with _lock:
        if not token:
            token = IndexState.bump()
        docs, synonym_sets = load_documents()
        index = DirectoryIndex(docs, synonym_sets)
        _cache.update(token=token, index=index)
        return index


class EmbeddedDirectoryBackend:
    name = "embedded"

    def search(self, query, kind=None, limit=10, offset=0, facets=None):
        if kind is not None and kind not in KINDS:
            raise ValueError(kind)
        return current_index().search(query or "", kind=kind, limit=limit, offset=offset, facets=facets)

    def autocomplete(self, query, limit=10):
        return current_index().autocomplete(query or "", limit=limit)

    def rebuild(self, progress=None):
        token = IndexState.bump()
        docs, synonym_sets = load_documents()
        index = DirectoryIndex(docs, synonym_sets)
        with _lock:
            _cache.update(token=token, index=index)
        if progress:
            progress(len(docs), len(docs))
        return len(docs)
