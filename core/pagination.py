"""Pagination that answers a clear 400 / 404 instead of a 500 for a bad `page` parameter, and the one
parser of the positive integers people put in URLs and forms (page numbers, ids)."""

import re

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _


class BadParameter(Exception):
    """A person's URL parameter that makes no sense (answered with 400 and a French message)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# ASCII digits only: str.isdigit() also accepts "²" or "٣", which int() then refuses.
POSITIVE_INTEGER = re.compile(r"[0-9]{1,9}")
MAX_PAGE = 999_999
MAX_ID = 2**31 - 1  # the largest primary key every database holds: a larger one is a person's typo


def parse_positive_int(raw, *, default=None, maximum=MAX_PAGE, message=None):
    """`raw` (a string from a URL or a form) as an integer from 1 to `maximum`; `default` when it is
    absent or blank; BadParameter with a French message for anything else ("²", "-1", "1e3", "9" * 30)."""
    raw = "" if raw is None else str(raw).strip()
    if raw == "" and default is not None:
        return default
    if POSITIVE_INTEGER.fullmatch(raw) and 1 <= int(raw) <= maximum:
        return int(raw)
    message = message or _("« %(value)s » n'est pas un nombre entier positif.")
    raise BadParameter(message % {"value": raw[:20]})


def parse_page_number(request, name="page", data=None, message=None):
    """The page number of `request.GET` (or `data`): 1 when absent, BadParameter when malformed."""
    raw = (request.GET if data is None else data).get(name)
    message = message or _("Le numéro de page « %(value)s » n'est pas un nombre entier positif.")
    return parse_positive_int(raw, default=1, message=message)


def paginate(items, request, per_page, count=None):
    """The requested page of `items`; BadParameter for a malformed number, Http404 past the end.

    `count`, when the caller already knows it, saves the paginator's COUNT query."""
    number = parse_page_number(request)
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.__dict__["count"] = count  # Paginator.count is a cached_property
    if number > max(paginator.num_pages, 1):
        raise Http404(_("Cette page de résultats n'existe pas."))
    return paginator.page(number)


def bad_request(request, message):
    return render(request, "core/bad_request.html", {"message": message}, status=400)


def paginate_or_error(items, request, per_page):
    """(page, None) or (None, a 400 response); past the end raises Http404."""
    try:
        return paginate(items, request, per_page), None
    except BadParameter as error:
        return None, bad_request(request, error.message)
