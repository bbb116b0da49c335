"""French text analysis, once for every app: folding (case, accents, ligatures), tokens with light
stemming and stop words, and highlighting matched words in escaped HTML.

Two ways of marking words, one function (`highlight`):
- by prefix (the site search): a word of the text that starts with a word of the query is marked whole,
  so "aide" marks "Aides";
- by token (the directory): a word of the text whose folded form or stem is one of the tokens the
  search matched is marked, so the stems "carte" and "ter" mark "Cartes TER".
"""

import html
import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

# A word as written (letters of any alphabet, digits); a token of folded text.
WORD = re.compile(r"\w+")
TOKEN = re.compile(r"[a-z0-9]+")
# Words that carry no meaning for a search, including the ones people type in questions ("qui gère les…").
STOP_WORDS = frozenset(
    """
le la les un une des de du au aux et ou en pour par sur dans avec chez qui que quoi quel quelle quels
quelles est sont je tu il elle on nous vous ils elles ce cet cette ces mon ma mes ton ta tes son sa ses leur
leurs se qu ne pas ai as avez avons suis comment gere gerent gerer occupe occupent traite traitent contacter
joindre cherche interlocuteur interlocutrice
""".split()
)


# What a person never means in a search: control characters (NUL included), invisible format characters,
# lone surrogates; and the operators of full-text query languages (SQLite FTS5, PostgreSQL tsquery,
# Elasticsearch query strings), where an unbalanced quote or parenthesis is a syntax error.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f]")
INVISIBLE_CHARACTERS = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ud800-\udfff]")
QUERY_SYNTAX = re.compile(r'["*^():{}\[\]\\<>~|&!]')
MAX_QUERY_LENGTH = 200


def clean_query(raw, max_length=MAX_QUERY_LENGTH):
    """A search typed by a person, as every search entry point passes it on: control characters and
    query syntax read as spaces, invisible characters dropped, whitespace collapsed, at most `max_length` characters."""
    text = INVISIBLE_CHARACTERS.sub("", raw or "")
    text = QUERY_SYNTAX.sub(" ", CONTROL_CHARACTERS.sub(" ", text))
    return " ".join(text.split())[:max_length].strip()


# The portal's pages: the words of a directory question ("qui gère", "contacter") are content words there
# ("Nous contacter"), and the coverage ranking keeps them from being required.
DIRECTORY_QUESTION_WORDS = frozenset(
    "gere gerent gerer occupe occupent traite traitent contacter joindre cherche interlocuteur interlocutrice".split()
)
PAGE_STOP_WORDS = STOP_WORDS - DIRECTORY_QUESTION_WORDS


def fold(text):
    """Lower case without accents or ligatures: "Région", "region" and "RÉGION" are the same word,
    "cœur" is "coeur". None is the empty text."""
    text = (text or "").lower()
    if text.isascii():
        return text
    text = text.replace("œ", "oe").replace("æ", "ae")
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


def stem(token):
    """Light French stemming: the plural "s" or "x" goes ("cartes" = "carte")."""
    if len(token) > 3 and token[-1] in "sx" and not token.endswith("ss"):
        return token[:-1]
    return token


@lru_cache(maxsize=65536)
def tokens(text, keep_stop_words=False, stop_words=None):
    """The searchable words of a text, folded and stemmed (cached: names, titles and unit paths repeat
    across 10,000 agents). `stop_words` (a frozenset) replaces STOP_WORDS."""
    stop_words = STOP_WORDS if stop_words is None else stop_words
    out = []
    for word in TOKEN.findall(fold(text)):
        if len(word) == 1 and not word.isdigit():
            continue  # elisions (l', d', qu') and stray letters
        if not keep_stop_words and word in stop_words:
            continue
        out.append(stem(word))
    return tuple(out)


# The words of excerpts repeat from one result and one search to the next: each is folded once.
_fold_word = lru_cache(maxsize=65536)(fold)


def _marks_by_prefix(words):
    prefixes = tuple(words)
    return lambda word: _fold_word(word).startswith(prefixes)


def _marks_by_token(words):
    wanted = frozenset(words)

    def marks(word):
        folded = _fold_word(word)
        return folded in wanted or stem(folded) in wanted

    return marks


def _spans(text, words, prefix):
    """(start, end) of each word of the text to mark."""
    if not words or not text:
        return []
    marks = _marks_by_prefix(words) if prefix else _marks_by_token(words)
    return [found.span() for found in WORD.finditer(text) if marks(found.group())]


def highlight(text, words, *, prefix=True):
    """The text as escaped HTML, with <mark> around each of its words that matches one of `words`
    (already folded): by prefix (prefix=True) or by folded form or stem (prefix=False)."""
    text = text or ""
    out, cursor = [], 0
    for start, end in _spans(text, words, prefix):
        out.append(escape(text[cursor:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def excerpt(text, words, length=220, *, prefix=True):
    """About `length` characters of the text (plain text, HTML entities allowed) around its first
    matched word, highlighted like `highlight`."""
    text = " ".join(html.unescape(text or "").split())
    if not text:
        return mark_safe("")
    if len(text) <= length:
        return highlight(text, words, prefix=prefix)
    spans = _spans(text, words, prefix)
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
    piece = highlight(text[start:end], words, prefix=prefix)
    return mark_safe(("… " if start else "") + piece + (" …" if end < len(text) else ""))  # noqa: S308 - escaped
