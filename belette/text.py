"""The directory's normal form of a name or a term (core/text.py does the analysis)."""

from core.text import tokens


def normalise(text):
    """Folded, stemmed words, stop words kept: two spellings of one name ("Carte Pass'Pass", "carte pass
    pass") give one form, to compare names and synonym terms."""
    return " ".join(tokens(text, keep_stop_words=True))
