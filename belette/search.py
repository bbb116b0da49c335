"""The directory search: which backend answers, and keeping it in step with the data.

- `EmbeddedDirectoryBackend` (belette/embedded.py, the default, no server).
- `ElasticsearchDirectoryBackend` (belette/elastic.py) when settings.ELASTICSEARCH_URL is set, behind
  `FallbackDirectoryBackend`: when Elasticsearch fails, the embedded backend answers ("mode réduit"),
  a warning is logged, and a circuit breaker skips Elasticsearch for a short while (no timeout to wait
  on every request).

Both answer `search(query, kind, limit, offset, facets)` with a `DirectorySearchResult` whose results
have FORMATS.md's shape, and `autocomplete(query, limit)`.
"""

import logging

from django.conf import settings
from django.db import transaction

from core.elastic import ELASTICSEARCH_ERRORS, CircuitBreaker

from .elastic import ElasticsearchDirectoryBackend
from .embedded import EmbeddedDirectoryBackend
from .models import Agent, Dispositif, IndexState, Unit
from .tasks import rebuild_index, sync_entries, sync_entry

__all__ = ["ELASTICSEARCH_ERRORS", "FallbackDirectoryBackend", "get_directory_backend"]

logger = logging.getLogger(__name__)

BREAKER = CircuitBreaker("BELETTE_ELASTICSEARCH_RETRY_SECONDS")
_breaker = BREAKER.state
breaker_open, open_breaker, close_breaker = BREAKER.is_open, BREAKER.open, BREAKER.close


class FallbackDirectoryBackend:
    """Elasticsearch first, the embedded backend when it fails. `reduced` tells the page or the API
    that the last answer came from the embedded backend."""

    name = "elasticsearch"

    def __init__(self, primary=None, fallback=None):
        self.primary = primary or ElasticsearchDirectoryBackend()
        self.fallback = fallback or EmbeddedDirectoryBackend()
        self.reduced = False

    def _call(self, method, *args, **kwargs):
        if not breaker_open():
            try:
                self.reduced = False
                return getattr(self.primary, method)(*args, **kwargs)
            except ELASTICSEARCH_ERRORS as error:
                logger.warning(
                    "La Belette: Elasticsearch did not answer (%s); the embedded search answers for %ss",
                    error.__class__.__name__,
                    getattr(settings, "BELETTE_ELASTICSEARCH_RETRY_SECONDS", 30),
                )
                open_breaker()
        self.reduced = True
        return getattr(self.fallback, method)(*args, **kwargs)

    def search(self, query, kind=None, limit=10, offset=0, facets=None):
        result = self._call("search", query, kind=kind, limit=limit, offset=offset, facets=facets)
        result.reduced = self.reduced
        return result

    def autocomplete(self, query, limit=10):
        return self._call("autocomplete", query, limit=limit)

    def rebuild(self, progress=None):
        # The operator asked for Elasticsearch: a failure is said, not hidden (see the command).
        return self.primary.rebuild(progress=progress)


def get_directory_backend():
    """The backend chosen by settings: Elasticsearch (with the embedded fallback) when
    ELASTICSEARCH_URL is set, embedded otherwise."""
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        return FallbackDirectoryBackend()
    return EmbeddedDirectoryBackend()


# Signals (belette/signals.py) call directory_changed; bulk imports call directory_changed_in_bulk.


def directory_changed(kind=None, key=None, deleted=False):
    """One entry changed: every process's embedded index is stale; Elasticsearch gets the entry again."""
    IndexState.bump()
    if getattr(settings, "ELASTICSEARCH_URL", "") and kind:
        transaction.on_commit(lambda: sync_entry.enqueue(kind, key, deleted))


def dependants_of_unit(unit):
    """The entries whose indexed text holds this unit's name (its sub-units, their agents and
    dispositifs, at any depth), as [(kind, key)]."""
    children = {}
    for pk, parent_id in Unit.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    below, todo = set(), [unit.pk]
    while todo:
        pk = todo.pop()
        if pk in below:
            continue
        below.add(pk)
        todo.extend(children.get(pk, []))
    entries = [("unit", code) for code in Unit.objects.filter(pk__in=below - {unit.pk}).values_list("code", flat=True)]
    entries += [("agent", key) for key in Agent.objects.filter(unit_id__in=below).values_list("hr_id", flat=True)]
    entries += [
        ("dispositif", key) for key in Dispositif.objects.filter(unit_id__in=below).values_list("code", flat=True)
    ]
    return entries


def unit_changed(unit):
    """A unit was renamed or moved: the entries that carry its name are re-indexed too (one task, bulk)."""
    if not getattr(settings, "ELASTICSEARCH_URL", ""):
        return
    entries = [list(entry) for entry in dependants_of_unit(unit)]
    if entries:
        transaction.on_commit(lambda: sync_entries.enqueue(entries))


def directory_changed_in_bulk():
    IndexState.bump()
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        transaction.on_commit(rebuild_index.enqueue)
