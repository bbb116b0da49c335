"""Background work of La Belette: keeping Elasticsearch in step with the database."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def sync_entry(kind, key, deleted=False):
    """Index one entry again (or remove it) in Elasticsearch."""
    from .elastic import ElasticsearchDirectoryBackend

    backend = ElasticsearchDirectoryBackend()
    if deleted:
        backend.delete_entry(kind, key)
    else:
        backend.index_entry(kind, key)
    return f"{kind}:{key}"


@task()
def rebuild_index():
    from .search import get_directory_backend

    count = get_directory_backend().rebuild()
    logger.info("La Belette index rebuilt: %d entries", count)
    return count
