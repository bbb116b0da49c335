"""Text analysis shared by the import and the embedded search: case and accent folding, elision,
French stop words (including the words of a question: "qui gère les…") and light plural stemming."""

import re
import unicodedata

WORD = re.compile(r"[a-z0-9]+")
# Words that carry no meaning for a directory search, including the ones people type in questions.
STOP_WORDS = frozenset("""
le la les un une des de du au aux et ou en pour par sur dans avec chez qui que quoi quel quelle quels
quelles est sont je tu il elle on nous vous ils elles ce cet cette ces mon ma mes ton ta tes son sa ses leur
leurs se qu ne pas ai as avez avons suis comment gere gerent gerer occupe occupent traite traitent contacter
joindre cherche interlocuteur interlocutrice
""".split())


def fold(text):
    """Lower case without accents or ligatures: "Région" and "region" are the same word."""
    text = (text or "").lower().replace("œ", "oe").replace("æ", "ae")
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


def stem(token):
    """Light French stemming: the plural "s" or "x" goes ("cartes" = "carte")."""
    if len(token) > 3 and token[-1] in "sx" and not token.endswith("ss"):
        return token[:-1]
    return token


def tokens(text, keep_stop_words=False):
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
