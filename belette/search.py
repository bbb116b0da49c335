"""The directory search: which backend answers, and keeping it in step with the data.

- `EmbeddedDirectoryBackend` (belette/embedded.py, the default, no server).
- `ElasticsearchDirectoryBackend` (belette/elastic.py) when settings.ELASTICSEARCH_URL is set.

Both answer `search(query, kind, limit, offset, facets)` with a `DirectorySearchResult` whose results
have FORMATS.md's shape, and `autocomplete(query, limit)`.
"""

from django.conf import settings
from django.db import transaction

from .elastic import ElasticsearchDirectoryBackend
from .embedded import EmbeddedDirectoryBackend
from .models import IndexState
from .tasks import rebuild_index, sync_entry


def get_directory_backend():
    """The backend chosen by settings: Elasticsearch when ELASTICSEARCH_URL is set, embedded otherwise."""
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        return ElasticsearchDirectoryBackend()
    return EmbeddedDirectoryBackend()


# Signals (belette/signals.py) call directory_changed; bulk imports call directory_changed_in_bulk.


def directory_changed(kind=None, key=None, deleted=False):
    """One entry changed: every process's embedded index is stale; Elasticsearch gets the entry again."""
    IndexState.bump()
    if getattr(settings, "ELASTICSEARCH_URL", "") and kind:
        transaction.on_commit(lambda: sync_entry.enqueue(kind, key, deleted))


def directory_changed_in_bulk():
    IndexState.bump()
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        transaction.on_commit(rebuild_index.enqueue)
