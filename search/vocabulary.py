"""The words of the public titles, to propose "vous vouliez dire" when a query with a typo finds nothing.

Only public content feeds it (live public pages, and the titles that kinds visible to everyone offer):
the names of a kind reserved to some people never reach anonymous eyes through a suggestion. It is cached
and dropped whenever a page is published, unpublished or deleted, or an object of a kind's
`vocabulary_models` changes (search/signals.py)."""

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from rapidfuzz import fuzz, process
from wagtail.models import Page

from core.search_kinds import Scope
from core.text import WORD, fold

from .kinds import registry

CACHE_KEY = "search:vocabulary"
CACHE_SECONDS = 60 * 60
MIN_WORD_LENGTH = 3
MIN_SCORE = 75


def _titles():
    yield from Page.objects.live().public().filter(depth__gt=1).values_list("title", flat=True)
    scope, anyone = Scope(), AnonymousUser()
    for kind in registry.visible_to(anyone):
        yield from kind.vocabulary_titles(scope)


def build():
    """{folded word: the word as written}, the most frequent spelling of each folded word winning."""
    words = {}
    for title in _titles():
        for word in WORD.findall(title or ""):
            if len(word) >= MIN_WORD_LENGTH and not word.isdigit():
                words.setdefault(fold(word), word.lower())
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
        folded = fold(word)
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
