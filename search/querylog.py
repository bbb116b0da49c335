"""What the query log keeps of a search: the normalised query, the kind, how many results, the day."""

from .models import SearchQueryDay
from .query import log_form


def log_search(outcome):
    if not outcome.query:
        return
    count = outcome.counts.get(outcome.kind, 0) if outcome.kind else outcome.total
    SearchQueryDay.record(log_form(outcome.query), outcome.kind or "", count)
