"""What the query log keeps of a search: the scrubbed query, the kind, its own result count, whether the
searcher was Région staff (their queries, names of colleagues among them, never reach editors' reports)."""

from core import roles

from .models import SearchQueryDay
from .query import log_form


def is_staff_search(user):
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_staff or user.is_superuser or user.has_perm(roles.VIEW_DIRECTORY))
    )


def log_search(outcome, user=None):
    if not outcome.query:
        return
    count = outcome.counts.get(outcome.kind, 0) if outcome.kind else outcome.total
    SearchQueryDay.record(log_form(outcome.query), outcome.kind or "", count, staff=is_staff_search(user))
