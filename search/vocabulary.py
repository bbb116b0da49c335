"""The words "vous vouliez dire" may propose: the portal's page index vocabulary (titles, summaries and the
synonym sets, core/page_index.py) plus the titles that kinds visible to everyone offer (spaces).

Only public content feeds it: the names of a kind reserved to some people never reach anonymous eyes
through a suggestion. The kinds' part is cached and dropped whenever an object of a kind's
`vocabulary_models` changes (search/signals.py); the page part follows the page index.

A word is corrected only within the typo the search itself tolerates (Levenshtein 1, 2 from 8 letters,
words of 5 letters or more): the proposal is never farther from what was typed than the typo it fixes."""

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from core import page_index
from core.search_kinds import Scope
from core.text import WORD, fold

from .kinds import registry

CACHE_KEY = "search:vocabulary"
CACHE_SECONDS = 60 * 60
MIN_WORD_LENGTH = 3
MIN_TYPO_LENGTH = page_index.PageIndex.fuzzy_min


def _titles():
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
    return {**words, **page_index.current_index().words()}


def forget():
    cache.delete(CACHE_KEY)


def correct(query):
    """The query with each unknown word replaced by the closest known word within the search's typo
    tolerance; None when nothing changes."""
    words = vocabulary()
    if not words:
        return None
    known = list(words)
    changed = False
    corrected = []
    for word in query.split():
        folded = fold(word)
        if len(folded) < MIN_TYPO_LENGTH or folded in words or not folded.isalpha():
            corrected.append(word)
            continue
        allowed = 1 if len(folded) < 8 else 2
        match = process.extractOne(folded, known, scorer=Levenshtein.distance, score_cutoff=allowed)
        if match is None or _is_inflection(folded, match[0]):
            corrected.append(word)
            continue
        corrected.append(words[match[0]])
        changed = True
    return " ".join(corrected) if changed else None


def _is_inflection(typed, known):
    """A plural or feminine of a known word is no typo ("étudiantes" for "étudiant")."""
    return typed.rstrip("sx").rstrip("e") == known.rstrip("sx").rstrip("e")
