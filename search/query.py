"""The query as the site search handles it: cleaned as typed, shaped for the backends, masked for the
log, and the words to mark in the results (core/text.py marks them)."""

from core.privacy import mask_personal_data, mask_street_address
from core.text import MAX_QUERY_LENGTH, WORD, fold


def backend_form(query):
    """The query as the search backends receive it: double quotes removed, since an unbalanced one is a
    syntax error for SQLite's FTS5 and people type them by accident more than for phrases."""
    return " ".join(query.replace('"', " ").split())


def log_form(query):
    """The query as the log keeps it: lower case, e-mail addresses (also spelled with "at" or "arobase"),
    long numbers (phones, IDs) and street addresses masked."""
    query = mask_personal_data(query, email_label="[courriel]", number_label="[numéro]")
    query = mask_street_address(query, label="[adresse]")
    return " ".join(query.lower().split())[:MAX_QUERY_LENGTH]


def terms(query):
    """The words to mark in the results: folded, two characters at least (longest first)."""
    return sorted({fold(word) for word in WORD.findall(query) if len(word) >= 2}, key=len, reverse=True)
