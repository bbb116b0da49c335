"""Wagtail's database search backend, with a faster ranking on SQLite.

modelsearch's SQLite backend scores each matching row with a correlated sub-query that runs the FTS5 match
again per row: 1.4 s for a common word over 2,000 pages here (docs/adr/0002 gives the numbers).
On SQLite this backend ranks in two plain queries instead — the FTS5 match ordered by its BM25 score (the very
expression modelsearch builds), then the queryset's filters (live, public, type…) over the matched ids — and
fetches only the page of objects asked for. Results, filters and scores are modelsearch's; only the SQL shape
changes. Other databases (PostgreSQL) get modelsearch's backend unchanged.

Setting: WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

# Above this many matches, the allowed keys are read whole rather than listed (SQLite's bound-parameter
# limit, and a long IN list costs more to build than a plain scan of the keys).
MANY = 300
_shared = ContextVar("search_shared_matches", default=None)


@contextmanager
def shared_matches():
    """Within this block, searches with the same words share one FTS query (the kinds of one page)."""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def SearchBackend(params):  # noqa: N802 - modelsearch looks this name up in the module
    backend = database_backend(params)
    if connection.vendor != "sqlite":
        return backend
    # Imported on SQLite only, as modelsearch itself does: its SQLite module is of no use elsewhere.
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    if not isinstance(backend, SQLiteSearchBackend):
        return backend  # SQLite without FTS5: modelsearch's plain fallback
    return _fast_sqlite_backend_class()(params)


_classes = {}


def _fast_sqlite_backend_class():
    """Built on first use: modelsearch's SQLite module needs the app registry ready to import."""
    if "backend" in _classes:
        return _classes["backend"]
    # Imported here: modelsearch's SQLite module needs the app registry ready (and is of no use elsewhere).
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteFTSIndexEntry,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
        SQLiteSearchResults,
    )

    class RankedMixin:
        def _matches(self, normalized, config):
            """[(content type id, object id, score)] of every indexed object that matches, best first. One
            query per search, shared by the kinds of one page (shared_matches)."""
            fields = self.fields or self.FTS_TABLE_FIELDS
            memo = _shared.get()
            key = (type(self).__name__, tuple(fields), repr(normalized), config)
            if memo is not None and key in memo:
                return memo[key]
            search_query = self.build_search_query(normalized, config=config)
            rows = list(
                SQLiteFTSIndexEntry.objects.filter(MatchExpression(fields, search_query))
                .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
                .order_by("score")
                .values_list("index_entry__content_type_id", "index_entry__object_id", "score")
            )
            if memo is not None:
                memo[key] = rows
            return rows

        def ranked(self, config):
            """[(object pk, score)] of the queryset's objects that match, best first; None when the query has
            a form this shortcut does not handle (match all, negation, no ordering by relevance)."""
            if hasattr(self, "_ranked"):
                return self._ranked
            normalized = normalize(self.query)
            if not self.order_by_relevance or isinstance(normalized, (MatchAll, Not)):
                self._ranked = None
                return None
            content_types = set(get_descendants_content_types_pks(self.queryset.model))
            to_python = self.queryset.model._meta.pk.to_python
            scored, seen = [], set()
            for content_type_id, object_id, score in self._matches(normalized, config):
                if content_type_id in content_types:
                    pk = to_python(object_id)
                    if pk not in seen:
                        seen.add(pk)
                        scored.append((pk, score))
            # The queryset's own filters (live, public, type…) by primary key: an IN sub-query over the FTS
            # table is planned badly by SQLite (100 ms on 2,000 pages). Many candidates: read every allowed
            # key once; few: ask for those keys.
            filtered = self.queryset.order_by()
            if len(scored) > MANY:
                allowed = set(filtered.values_list("pk", flat=True))
            else:
                allowed = set(filtered.filter(pk__in=[pk for pk, _score in scored]).values_list("pk", flat=True))
            self._ranked = [(pk, score) for pk, score in scored if pk in allowed]
            return self._ranked

    class FastSearchQueryCompiler(RankedMixin, SQLiteSearchQueryCompiler):
        pass

    class FastAutocompleteQueryCompiler(RankedMixin, SQLiteAutocompleteQueryCompiler):
        pass

    class FastSearchResults(SQLiteSearchResults):
        def _ranked(self):
            return self.query_compiler.ranked(self.query_compiler.get_config(self.backend))

        def _do_search(self):
            ranked = self._ranked()
            if ranked is None:
                return super()._do_search()
            page = ranked[self.start : self.stop]
            try:
                objects = self.query_compiler.queryset.in_bulk([pk for pk, _score in page])
            except (TypeError, ValueError):  # a queryset in_bulk refuses (values(), distinct on fields…)
                return super()._do_search()
            results = []
            for pk, score in page:
                obj = objects.get(pk)
                if obj is not None:
                    if self._score_field:
                        setattr(obj, self._score_field, score)
                    results.append(obj)
            return results

        def _do_count(self):
            ranked = self._ranked()
            if ranked is None:
                return super()._do_count()
            return max(0, len(ranked[self.start : self.stop]))

    class FastSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = FastSearchQueryCompiler
        autocomplete_query_compiler_class = FastAutocompleteQueryCompiler
        results_class = FastSearchResults

    _classes["backend"] = FastSQLiteSearchBackend
    return FastSQLiteSearchBackend
