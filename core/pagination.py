"""Pagination that answers a clear 400 / 404 instead of a 500 for a bad `page` parameter."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _


class BadParameter(Exception):
    """A person's URL parameter that makes no sense (answered with 400 and a French message)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def parse_page_number(request, name="page"):
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return 1
    if not raw.isdigit() or len(raw) > 6 or int(raw) < 1:
        message = _("Le numéro de page « %(value)s » n'est pas un nombre entier positif.")
        raise BadParameter(message % {"value": raw[:20]})
    return int(raw)


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
