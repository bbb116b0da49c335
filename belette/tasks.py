"""Background work of La Belette: keeping Elasticsearch in step with the database (enqueued by
belette/search.py only when Elasticsearch is configured)."""

import logging

from django_tasks import task

from .elastic import ElasticsearchDirectoryBackend

logger = logging.getLogger(__name__)


@task()
def sync_entry(kind, key, deleted=False):
    """Index one entry again (or remove it) in Elasticsearch."""
    backend = ElasticsearchDirectoryBackend()
    if deleted:
        backend.delete_entry(kind, key)
    else:
        backend.index_entry(kind, key)
    return f"{kind}:{key}"


@task()
def sync_entries(entries):
    """Index several entries again in one bulk request ([[kind, key], ...]: a unit's dependants)."""
    return ElasticsearchDirectoryBackend().index_entries([tuple(entry) for entry in entries])


@task()
def rebuild_index():
    """Rebuild the Elasticsearch index from the database (after a bulk import or a synonym change)."""
    count = ElasticsearchDirectoryBackend().rebuild()
    logger.info("La Belette index rebuilt: %d entries", count)
    return count
