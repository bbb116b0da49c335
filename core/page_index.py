"""The portal's page search: every live public page in core's in-memory text index (core/textindex.py),
the same code on SQLite and PostgreSQL. The site search (/recherche/, /api/search/, suggestions) and the
aid catalogue's keyword box both rank with it.

What a page says is read from its Wagtail `search_fields` (rich text and StreamFields as their searchable
text, related fields such as an aid's audiences and themes), weighed title ≫ summary ≫ body. Each process
keeps one copy, rebuilt when a page or a synonym set changes: signals drop it at once in the process that
made the change (core/signals.py) and bump a version in the shared cache that the other processes read with
a one-query stamp of the tables (a page published or saved elsewhere, `load_demo`, the shell), so no worker
is needed."""

import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils.html import strip_tags
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from .cache import bump_version, current_version
from .models import SynonymSet, synonym_sets
from .text import PAGE_STOP_WORDS, fold, tokens
from .textindex import TextIndex

# Field weights: the title far above the summary, far above the body.
TITLE, SUMMARY, BODY = 10.0, 4.0, 1.5
SUMMARY_FIELDS = frozenset({"search_description", "summary", "intro", "description", "problem"})
MAX_RESULTS = 500


@dataclass
class PageDoc:
    key: int  # the page's id
    content_type_id: int
    name: str
    fields: list
    exact: list = field(default_factory=list)
    active: bool = True


class PageIndex(TextIndex):
    name_weight = TITLE
    stop_words = PAGE_STOP_WORDS
    fuzzy_min = 5  # a typo is tolerated from 5 letters on: shorter words have too many neighbours

    def ranked(self, query, limit=MAX_RESULTS):
        """[(page id, content type id, score)] of the pages that match, best first (the kinds of one search
        ask for the same query: the last few answers are kept)."""
        key = (query or "", limit)
        memo = self.__dict__.setdefault("_memo", {})
        if key not in memo:
            scores, _matched = self.score(query or "")
            best = sorted(scores, key=lambda number: (-scores[number], self.docs[number].name))[:limit]
            if len(memo) > 64:
                memo.clear()
            memo[key] = [(self.docs[n].key, self.docs[n].content_type_id, scores[n]) for n in best]
        return memo[key]

    def matched_terms(self, query):
        return self.score(query or "")[1]

    def suggest(self, query, limit=8):
        """[(page id, content type id)] of the pages whose title matches the words typed so far."""
        scores, _matched = self.score(query or "", names_only=True)
        best = sorted(scores, key=lambda number: (-scores[number], self.docs[number].name))[:limit]
        return [(self.docs[n].key, self.docs[n].content_type_id) for n in best]

    def words(self):
        """{folded word: the word as written} of every indexed title, summary and synonym."""
        return dict(self._words)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return strip_tags(value)
    return strip_tags(str(value))


def _field_text(page, search_field):
    """The searchable text of one of the page's search fields."""
    name = search_field.field_name
    if isinstance(search_field, index.RelatedFields):
        related = getattr(page, name, None)
        if related is None or not hasattr(related, "all"):
            return ""
        names = [sub.field_name for sub in search_field.fields if isinstance(sub, index.SearchField)]
        return " ".join(_text(getattr(obj, sub, "")) for obj in related.all() for sub in names)
    if not isinstance(search_field, index.SearchField):
        return ""
    value = getattr(page, name, None)
    if callable(value):
        value = value()
    try:
        model_field = page._meta.get_field(name)
    except Exception:  # a search field may be a method or property rather than a model field
        model_field = None
    if model_field is not None and hasattr(model_field, "get_searchable_content"):
        return " ".join(_text(part) for part in model_field.get_searchable_content(value))
    return _text(value)


def page_document(page):
    fields, seen = [(page.title, TITLE)], {"title"}
    if page.search_description:
        fields.append((page.search_description, SUMMARY))
    seen.add("search_description")
    for search_field in page.get_search_fields():
        name = search_field.field_name
        if name in seen or isinstance(search_field, (index.FilterField, index.AutocompleteField)):
            continue
        seen.add(name)
        text = _field_text(page, search_field)
        if text:
            fields.append((text, SUMMARY if name in SUMMARY_FIELDS else BODY))
    return PageDoc(key=page.pk, content_type_id=page.content_type_id, name=page.title, fields=fields)


def _live_pages(only=None):
    """Every live public page (or those of `only`, ids) as its specific type, in tree order: one query per
    page type and per related search field (an aid's audiences and themes are prefetched, not read page by
    page)."""
    pages = Page.objects.live().public().filter(depth__gt=1)
    if only is not None:
        pages = pages.filter(pk__in=only)
    found = []
    for content_type_id in pages.order_by().values_list("content_type_id", flat=True).distinct():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:  # a page type whose code is gone: read as a plain page
            model, queryset = Page, pages.filter(content_type_id=content_type_id)
        else:
            queryset = model.objects.live().public().filter(depth__gt=1, content_type_id=content_type_id)
            if only is not None:
                queryset = queryset.filter(pk__in=only)
        related = [f.field_name for f in model.get_search_fields() if isinstance(f, index.RelatedFields)]
        found.extend(queryset.prefetch_related(*related).iterator(chunk_size=500))
    return sorted(found, key=lambda page: page.path)


def build_index():
    docs = [page_document(page) for page in _live_pages()]
    sets = synonym_sets()
    built = PageIndex(docs, sets)
    words, seen = {}, set()
    for doc in docs:
        for text, weight in doc.fields:
            if weight >= SUMMARY:
                _add_words(words, text, seen)
    for terms in sets:
        for term in terms:
            _add_words(words, term, seen)
    built._words = words
    return built


def _add_words(words, text, seen):
    for word in (text or "").split():
        if word in seen:  # titles and summaries repeat their words: each written form is read once
            continue
        seen.add(word)
        word = word.strip(".,;:!?()«»\"'’").lower()
        if "'" in word or "’" in word:
            word = word.replace("’", "'").split("'")[-1]
        if len(word) >= 3 and word.isalpha() and tokens(word):
            words.setdefault(fold(word), word)


VERSION_KEY = "core:page-index:version"


def _stamp():
    """Whether pages, their privacy or the synonyms changed since the index was built: the version that
    every process's signals bump in the shared cache (a change made through the models anywhere: a page
    saved without publication, a move, an unpublication, a deletion), and one query over the tables for
    changes made without signals (a bulk update: pages published or removed, privacy, synonyms)."""
    page = Page._meta.db_table
    restriction = PageViewRestriction._meta.db_table
    synonyms = SynonymSet._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {page} WHERE live), (SELECT MAX(last_published_at) FROM {page}), "  # noqa: S608 - table names from models
            f"(SELECT MAX(latest_revision_created_at) FROM {page}), (SELECT MAX(id) FROM {page}), "
            f"(SELECT COUNT(*) FROM {restriction}), (SELECT COUNT(*) FROM {synonyms}), "
            f"(SELECT MAX(updated_at) FROM {synonyms})"
        )
        return (current_version(VERSION_KEY), *(str(value) for value in cursor.fetchone()))


_lock = threading.Lock()
_cache = {"stamp": None, "index": None, "checked": 0.0, "generation": 0}


_pinned = ContextVar("page_index_pinned", default=None)
_pinned_engine = ContextVar("page_engine_pinned", default=None)


@contextmanager
def one_index():
    """Within this block every call of current_index() answers the same index (one stamp query per search),
    and every call of engine() the same engine (Elasticsearch asked once per query)."""
    token = _pinned.set(current_index())
    engine_token = _pinned_engine.set(_new_engine())
    try:
        yield
    finally:
        _pinned_engine.reset(engine_token)
        _pinned.reset(token)


# The Elasticsearch path (core/page_elastic.py, built on this module) registers itself here when the app
# loads (core/signals.py): {"engine": a factory of engines, "schedule": schedule_sync(instance, everything)}.
_elastic = {}


def use_elasticsearch(engine_factory, schedule_sync):
    _elastic.update(engine=engine_factory, schedule=schedule_sync)


def _elasticsearch_on():
    return bool(getattr(settings, "ELASTICSEARCH_URL", "")) and bool(_elastic)


def _new_engine():
    return _elastic["engine"]() if _elasticsearch_on() else current_index()


def engine():
    """What ranks the pages: Elasticsearch behind its fallback when ELASTICSEARCH_URL is set, this process's
    embedded index otherwise. Both answer ranked(query, limit) and suggest(query, limit)."""
    return _pinned_engine.get() or _new_engine()


def current_index():
    """This process's index, rebuilt when the stamp says pages or synonyms changed. The stamp is read at
    most every SEARCH_INDEX_CHECK_SECONDS (changes made in this process drop the index at once)."""
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    built = _cache["index"]
    now = time.monotonic()
    if built is not None and now - _cache["checked"] < getattr(settings, "SEARCH_INDEX_CHECK_SECONDS", 1.0):
        return built
    generation = _cache["generation"]
    stamp = _stamp()
    if built is not None and _cache["stamp"] == stamp:
        _cache["checked"] = now
        return built
    with _lock:
        built = build_index()
        # A change made in this process while the index was being built (another thread's request saved a
        # page) makes it stale already: answer with it, but keep nothing, so the next search rebuilds.
        if _cache["generation"] == generation:
            _cache.update(stamp=stamp, index=built, checked=time.monotonic())
        return built


def forget(**kwargs):
    """Drop this process's index (the next search rebuilds it)."""
    _cache["generation"] += 1
    _cache["index"] = None


def changed(instance=None, everything=False, **kwargs):
    """A page, a page's privacy or a synonym set changed here (signals): drop this process's index and tell
    the others through the shared cache; with Elasticsearch, index the page again (or everything)."""
    forget()
    bump_version(VERSION_KEY)
    if _elasticsearch_on():
        _elastic["schedule"](instance, everything)


def moved(instance=None, **kwargs):
    """A page moved: its and its descendants' addresses and privacy may have changed."""
    changed(instance, everything=True)


def search_page_ids(query, limit=MAX_RESULTS):
    """The ids of the live public pages that match the query, best first (the aid catalogue's box)."""
    return [pk for pk, _ct, _score in engine().ranked(query, limit)]
