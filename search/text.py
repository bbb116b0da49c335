"""Text helpers of the search: query normalisation, accent-insensitive matching, excerpts with <mark>."""

import html
import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+")
# Personal data a searcher may type by mistake; the query log must never keep it.
EMAIL = re.compile(r"\S+@\S+")
LONG_NUMBER = re.compile(r"(?:\d[\s.-]?){6,}\d")


def fold(text):
    """Lower case without accents: the form two words are compared in ("Région" == "region")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def clean_query(raw):
    """The query as typed, trimmed, with whitespace collapsed and a bounded length."""
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def backend_form(query):
    """The query as the search backends receive it: double quotes removed, since an unbalanced one is a
    syntax error for SQLite's FTS5 and people type them by accident more than for phrases."""
    return " ".join(query.replace('"', " ").split())


def log_form(query):
    """The query as the log keeps it: folded, e-mail addresses and long numbers (phones, IDs) blanked."""
    query = EMAIL.sub("[courriel]", query)
    query = LONG_NUMBER.sub("[numéro]", query)
    return " ".join(query.lower().split())[:MAX_QUERY_LENGTH]


def terms(query):
    """The words to highlight: folded, two characters at least."""
    return sorted({fold(word) for word in WORD.findall(query) if len(word) >= 2}, key=len, reverse=True)


@lru_cache(maxsize=4096)
def _fold_char(char):
    return fold(char)


def _folded_with_positions(text):
    """The folded text and, for each of its characters, the index of the original character."""
    if text.isascii():
        return text.lower(), range(len(text))
    folded, positions = [], []
    for index, char in enumerate(text):
        for folded_char in _fold_char(char):
            folded.append(folded_char)
            positions.append(index)
    return "".join(folded), positions


def _spans(text, words):
    if not words or not text:
        return []
    folded, positions = _folded_with_positions(text)
    # A word matches at the start of a word of the text ("aide" marks "aides"), whole text word marked.
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(word) for word in words) + r")\w*")
    spans = []
    for match in pattern.finditer(folded):
        start = positions[match.start()]
        end = positions[match.end() - 1] + 1
        spans.append((start, end))
    return spans


def highlight(text, words):
    """Escaped HTML of the text with <mark> around the words."""
    out, cursor = [], 0
    for start, end in _spans(text, words):
        out.append(escape(text[cursor:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def excerpt(text, words, length=220):
    """About `length` characters of the text around its first matched word, highlighted."""
    text = " ".join(html.unescape(text or "").split())
    if not text:
        return mark_safe("")
    spans = _spans(text, words)
    if len(text) <= length:
        return highlight(text, words)
    start = 0
    if spans:
        start = max(0, spans[0][0] - length // 3)
        # Start on a word boundary.
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    piece = highlight(text[start:end], words)
    return mark_safe(("… " if start else "") + piece + (" …" if end < len(text) else ""))
