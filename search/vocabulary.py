"""The words of the public titles, to propose "vous vouliez dire" when a query with a typo finds nothing.

Only public content feeds it (live public pages, spaces): the directory's names never reach anonymous eyes
through a suggestion. It is cached and dropped whenever a page is published, unpublished or deleted, or a
space changes (search/signals.py)."""

from django.core.cache import cache
from rapidfuzz import fuzz, process

from . import text
from .kinds import Scope, registry

CACHE_KEY = "search:vocabulary"
CACHE_SECONDS = 60 * 60
MIN_WORD_LENGTH = 3
MIN_SCORE = 75


def _titles():
    from wagtail.models import Page

    yield from Page.objects.live().public().filter(depth__gt=1).values_list("title", flat=True)
    spaces = registry.get("spaces")
    if spaces.is_available():
        field_names = {f.name for f in spaces.model._meta.get_fields()}
        if "name" in field_names:
            yield from spaces.queryset(Scope()).values_list("name", flat=True)


def build():
    """{folded word: the word as written}, the most frequent spelling of each folded word winning."""
    words = {}
    for title in _titles():
        for word in text.WORD.findall(title or ""):
            if len(word) >= MIN_WORD_LENGTH and not word.isdigit():
                words.setdefault(text.fold(word), word.lower())
    return words


def vocabulary():
    words = cache.get(CACHE_KEY)
    if words is None:
        words = build()
        cache.set(CACHE_KEY, words, CACHE_SECONDS)
    return words


def forget():
    cache.delete(CACHE_KEY)


def correct(query):
    """The query with each unknown word replaced by the closest known word; None when nothing changes."""
    words = vocabulary()
    if not words:
        return None
    changed = False
    corrected = []
    for word in query.split():
        folded = text.fold(word)
        if len(folded) < MIN_WORD_LENGTH or folded in words or not folded.isalpha():
            corrected.append(word)
            continue
        match = process.extractOne(folded, words.keys(), scorer=fuzz.ratio, score_cutoff=MIN_SCORE)
        if match is None:
            corrected.append(word)
            continue
        corrected.append(words[match[0]])
        changed = True
    return " ".join(corrected) if changed else None
