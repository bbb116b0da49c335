"""Text analysis shared by the import and the embedded search: case and accent folding, elision,
French stop words (including the words of a question: "qui gère les…") and light plural stemming."""

import re
import unicodedata
from functools import lru_cache

WORD = re.compile(r"[a-z0-9]+")
# Words that carry no meaning for a directory search, including the ones people type in questions.
STOP_WORDS = frozenset(
    """
le la les un une des de du au aux et ou en pour par sur dans avec chez qui que quoi quel quelle quels
quelles est sont je tu il elle on nous vous ils elles ce cet cette ces mon ma mes ton ta tes son sa ses leur
leurs se qu ne pas ai as avez avons suis comment gere gerent gerer occupe occupent traite traitent contacter
joindre cherche interlocuteur interlocutrice
""".split()
)


COMBINING = re.compile(r"[\u0300-\u036f]")


def fold(text):
    """Lower case without accents or ligatures: "Région" and "region" are the same word."""
    text = (text or "").lower()
    if text.isascii():
        return text
    text = text.replace("œ", "oe").replace("æ", "ae")
    return COMBINING.sub("", unicodedata.normalize("NFKD", text))


def stem(token):
    """Light French stemming: the plural "s" or "x" goes ("cartes" = "carte")."""
    if len(token) > 3 and token[-1] in "sx" and not token.endswith("ss"):
        return token[:-1]
    return token


@lru_cache(maxsize=65536)
def tokens(text, keep_stop_words=False):
    """The searchable words of a text (cached: names, titles and unit paths repeat across 10,000 agents)."""
    return tuple(_tokens(text or "", keep_stop_words))


def _tokens(text, keep_stop_words):
    out = []
    for word in WORD.findall(fold(text)):
        if len(word) == 1 and not word.isdigit():
            continue  # elisions (l', d', qu') and stray letters
        if not keep_stop_words and word in STOP_WORDS:
            continue
        out.append(stem(word))
    return out


def normalise(text):
    return " ".join(tokens(text, keep_stop_words=True))
