"""The site search page /recherche/: thin, over search/engine.py."""

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.pagination import BadParameter, parse_page_number
from core.text import clean_query

from . import engine
from .querylog import log_search


def search(request):
    query = clean_query(request.GET.get("q", ""))
    context = {
        "search_query": query,
        "outcome": None,
        "error": None,
        "suggestions_url": reverse("search:api-suggestions"),
    }
    try:
        kind = engine.parse_kind(request.GET.get("kind"), request.user)
        page = parse_page_number(request, message=_("Le numéro de page doit être un entier positif."))
        outcome = engine.search_site(query, request.user, kind=kind, page=page)
    except (engine.SearchParameterError, BadParameter) as error:
        context["error"] = str(error)
        return TemplateResponse(request, "search/search.html", context, status=400)
    if query and page == 1:
        log_search(outcome, request.user)
    context.update(outcome=outcome, kind_links=_kind_links(outcome))
    if outcome.suggestion:
        context["suggestion_url"] = "?" + urlencode({"q": outcome.suggestion})
    return TemplateResponse(request, "search/search.html", context)


def _kind_links(outcome):
    """The kind filter: "all", then each kind with its count (the page builds the links with {% querystring %})."""
    if not outcome.query:
        return []
    links = [{"label": None, "kind": None, "count": outcome.total, "current": outcome.kind is None}]
    for group in outcome.groups:
        links.append(
            {
                "label": group.label,
                "count": group.count,
                "kind": group.kind,
                "current": outcome.kind == group.kind,
                "unavailable": group.unavailable,
            }
        )
    return links
