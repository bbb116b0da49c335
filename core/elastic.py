"""What the Elasticsearch paths of the site share (La Belette's directory, the portal's pages): one client
per process, the errors that mean "Elasticsearch did not answer", a circuit breaker that lets the embedded
engine answer for a while without waiting on a timeout at every request, the French analysis (elision, lower
case, ASCII folding, French stop words and question words, light stemming, synonyms from core.SynonymSet at
query time), and a rebuild that loads a new concrete index then moves the alias at once."""

import logging
import threading
import time

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, helpers
from elasticsearch.dsl import Index, analyzer, normalizer, token_filter

from .text import fold

logger = logging.getLogger(__name__)

# Errors of the Elasticsearch client (connection refused, timeout, missing index, bad answer).
ELASTICSEARCH_ERRORS = (TransportError, ApiError)
FRENCH_ARTICLES = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]

_clients = {}
_clients_lock = threading.Lock()


def get_client():
    """This process's one client for settings.ELASTICSEARCH_URL (connections pooled, short timeouts,
    retries on timeouts and connection errors)."""
    url = settings.ELASTICSEARCH_URL
    with _clients_lock:
        if url not in _clients:
            _clients[url] = Elasticsearch(
                url,
                request_timeout=getattr(settings, "BELETTE_ELASTICSEARCH_TIMEOUT", 3),
                max_retries=getattr(settings, "BELETTE_ELASTICSEARCH_RETRIES", 2),
                retry_on_timeout=True,
            )
        return _clients[url]


class UsesClient:
    """An engine built with an Elasticsearch client (tests pass a fake one), else this process's
    `get_client()` fetched on first use, so that building an engine never opens a connection."""

    def __init__(self, client=None):
        self._client = client

    @property
    def client(self):
        if self._client is None:
            self._client = get_client()
        return self._client


class CircuitBreaker:
    """Open for `retry_setting` seconds (default 30) after a failure: meanwhile the caller answers from its
    embedded engine without trying Elasticsearch. One per search, per process."""

    def __init__(self, retry_setting):
        self.retry_setting = retry_setting
        self.state = {"open_until": 0.0}
        self._lock = threading.Lock()

    def is_open(self):
        return time.monotonic() < self.state["open_until"]

    def open(self):
        with self._lock:
            self.state["open_until"] = time.monotonic() + getattr(settings, self.retry_setting, 30)

    def close(self):
        with self._lock:
            self.state["open_until"] = 0.0


def synonym_rules(synonym_sets):
    """Solr-style rules ("a, b, c") from the synonym sets, folded like the analyzed text."""
    rules = []
    for terms in synonym_sets:
        cleaned = [fold(term).replace(",", " ").strip() for term in terms]
        cleaned = [term for term in dict.fromkeys(cleaned) if term]
        if len(cleaned) >= 2:
            rules.append(", ".join(cleaned))
    return rules


def french_analyzers(prefix, synonym_sets, stop_words):
    """(index analyzer, search analyzer, folding analyzer, exact normalizer) named after `prefix`: the
    search analyzer adds the synonyms; `stop_words` (folded) are the question words dropped besides
    Elasticsearch's French stop words."""
    elision = token_filter(f"{prefix}_elision", "elision", articles_case=True, articles=FRENCH_ARTICLES)
    stop = token_filter(f"{prefix}_stop", "stop", stopwords="_french_")
    question_words = token_filter(f"{prefix}_question_words", "stop", stopwords=sorted(stop_words))
    stem = token_filter(f"{prefix}_light_stem", "stemmer", language="light_french")
    synonyms = token_filter(
        f"{prefix}_synonyms", "synonym_graph", synonyms=synonym_rules(synonym_sets) or [prefix], lenient=True
    )
    index_analyzer = analyzer(
        f"{prefix}_french",
        tokenizer="standard",
        filter=[elision, "lowercase", "asciifolding", stop, question_words, stem],
    )
    search_analyzer = analyzer(
        f"{prefix}_french_search",
        tokenizer="standard",
        filter=[elision, "lowercase", "asciifolding", synonyms, stop, question_words, stem],
    )
    folding = analyzer(f"{prefix}_folding", tokenizer="standard", filter=[elision, "lowercase", "asciifolding"])
    exact = normalizer(f"{prefix}_exact", filter=["lowercase", "asciifolding"])
    return index_analyzer, search_analyzer, folding, exact


def load_and_swap(client, index, alias, actions, total, progress=None, label="search"):
    """Create `index` (an elasticsearch.dsl Index), bulk-load `actions` into it, then move `alias` onto it
    at once and delete the indexes it pointed to before. Returns how many documents were loaded."""
    name = index._name
    index.create(using=client)
    done = 0
    for ok, _info in helpers.streaming_bulk(client, actions, chunk_size=500, raise_on_error=True):
        done += ok
        if progress and (done % 500 == 0 or done == total):
            progress(done, total)
    client.indices.refresh(index=name)
    if client.indices.exists(index=alias) and not client.indices.exists_alias(name=alias):
        # A concrete index under the alias's name (written to before any rebuild, by an older version): it
        # would make every alias swap fail.
        logger.warning("%s: removing the concrete index %s that stood in the alias's place", label, alias)
        client.indices.delete(index=alias)
    old = list(client.indices.get_alias(name=alias).keys()) if client.indices.exists_alias(name=alias) else []
    client.indices.update_aliases(
        actions=[{"remove": {"index": old_index, "alias": alias}} for old_index in old]
        + [{"add": {"index": name, "alias": alias}}]
    )
    for old_index in old:
        client.indices.delete(index=old_index, ignore_unavailable=True)
    return done


def assemble_index(name, mapping, analyzers):
    """An index with its analyzers and mapping, one shard, replicas from BELETTE_ELASTICSEARCH_REPLICAS
    (the directory's and the pages' indexes live on the same cluster)."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=getattr(settings, "BELETTE_ELASTICSEARCH_REPLICAS", 1))
    for one in analyzers:
        index.analyzer(one)
    index.mapping(mapping)
    return index
