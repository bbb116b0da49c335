"""The Wagtail API v2 (pages, images, documents), read-only and public like the site itself."""

import re

from django.utils.translation import gettext as _
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from core.text import clean_query

# An offset or a limit as the database can take it: ASCII digits, at most nine of them.
API_INTEGER = re.compile(r"[0-9]{1,9}")


class CheckedPagination(WagtailPagination):
    """Wagtail's offset/limit, with a number too large for the database refused like a negative one."""

    def paginate_queryset(self, queryset, request, view=None):
        for name in ("offset", "limit"):
            raw = request.GET.get(name)
            if raw is not None and not API_INTEGER.fullmatch(raw):
                raise BadRequestError(_("%(name)s doit être un entier positif (9 chiffres au plus).") % {"name": name})
        return super().paginate_queryset(queryset, request, view)


class CleanSearchFilter(SearchFilter):
    """Wagtail's ?search=, cleaned like every search of the site (core.text.clean_query): a NUL byte or an
    unbalanced quote is a syntax error for the full-text backends."""

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            params = request.GET.copy()
            params["search"] = clean_query(params["search"])
            request._request.GET = params  # DRF reads the query string from the Django request
        return super().filter_queryset(request, queryset, view)


def checked(viewset):
    """The viewset with the checked pagination and the cleaned search (the search filter stays last)."""
    backends = [CleanSearchFilter if backend is SearchFilter else backend for backend in viewset.filter_backends]
    return type(viewset.__name__, (viewset,), {"pagination_class": CheckedPagination, "filter_backends": backends})


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", checked(PagesAPIViewSet))
api_router.register_endpoint("images", checked(ImagesAPIViewSet))
api_router.register_endpoint("documents", checked(DocumentsAPIViewSet))


# The OpenAPI schema documents our own JSON APIs; Wagtail's API v2 documents itself.
DOCUMENTED_API_PREFIXES = ("/api/shareloc/", "/api/belette/", "/api/search/", "/api/programme/")


def only_our_endpoints(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: keep the endpoints under our API prefixes."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(DOCUMENTED_API_PREFIXES)]


# Every error answer of our APIs is a JSON object: {"detail": "…"} or {"<parameter>": ["…"]}, in French.
ERROR_SCHEMA = {
    "type": "object",
    "additionalProperties": True,
    "description": '{"detail": "message"} ou {"paramètre": ["message", …]}',
}
ERROR_RESPONSES = {
    "400": "Paramètre ou corps invalide : la réponse nomme le paramètre et dit pourquoi.",
    "401": "Authentification requise (session ou jeton).",
    "403": "Authentifié, mais sans la permission nécessaire.",
    "404": "Aucun objet à cette adresse (ou pas dans votre périmètre).",
    "409": "L'objet n'est pas dans un état qui permet cette action (déjà annulé, déjà décidé…).",
    "429": "Trop de requêtes : réessayez plus tard.",
}
PAGE_CONSTRAINTS = {"minimum": 1, "maximum": 999_999}
ID_CONSTRAINTS = {"minimum": 1, "maximum": 2**31 - 1}  # a path's <int:pk>: Django's route takes no sign


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: the error answers every operation can give, and the
    constraints shared by every `page` parameter (core/pagination.py), so that the schema says
    everything a client may receive (the schemathesis test checks it)."""
    for path, methods in result.get("paths", {}).items():
        for method, operation in methods.items():
            codes = ["400", "429"]
            if method in {"post", "put", "patch", "delete"}:
                codes.append("409")
            if "{" in path:
                codes.append("404")
            if {} not in operation.get("security", [{}]):
                codes += ["401", "403"]
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code,
                    {"description": ERROR_RESPONSES[code], "content": {"application/json": {"schema": ERROR_SCHEMA}}},
                )
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if schema.get("type") != "integer":
                    continue
                if parameter.get("name") == "page":
                    schema.update(PAGE_CONSTRAINTS)
                elif parameter.get("in") == "path":
                    schema.update(ID_CONSTRAINTS)
    return result
