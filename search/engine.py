"""The site search, once: the page, the API and the suggestions all call these functions.

The default Wagtail search backend answers; when it is Elasticsearch and does not answer, the database backend
(kept up to date alongside, see settings) answers instead, a warning is logged and Elasticsearch is left alone
for a while (SEARCH_PRIMARY_RETRY_SECONDS) so that visitors don't each wait for its timeout.
"""

import logging
import math
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from core import page_index
from core.links import is_safe_link
from core.search_kinds import Hit, PageKind, Scope
from core.text import clean_query, excerpt, fold, highlight

from .backends import shared_matches
from .kinds import registry
from .query import backend_form, terms
from .vocabulary import correct

logger = logging.getLogger(__name__)

PRIMARY_BACKEND = "default"
PRIMARY_DOWN_KEY = "search:primary-backend-down"
PER_PAGE = 10
PREVIEW = 3  # results per kind when no kind is chosen
BEST = 5  # the best answers across kinds, shown first


class SearchParameterError(ValueError):
    """A parameter a person typed is wrong; the message is French and says how."""


@dataclass
class Group:
    kind: str
    label: str
    count: int
    hits: list = field(default_factory=list)
    unavailable: bool = False


@dataclass
class Pagination:
    number: int
    num_pages: int
    per_page: int

    @property
    def start_index(self):
        return (self.number - 1) * self.per_page + 1

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.num_pages

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1


@dataclass
class Promotion:
    title: str
    url: str
    description: str


@dataclass
class Outcome:
    query: str
    kind: str | None
    groups: list
    promotions: list = field(default_factory=list)
    best: list = field(default_factory=list)
    suggestion: str | None = None
    pagination: Pagination | None = None
    fallback_used: bool = False

    @property
    def total(self):
        return sum(group.count for group in self.groups)

    @property
    def counts(self):
        return {group.kind: group.count for group in self.groups}


def visible_kinds(user):
    return registry.visible_to(user)


def parse_kind(raw, user):
    """The chosen kind's key, None for every kind; a kind this person cannot search is an error."""
    raw = (raw or "").strip()
    if not raw or raw == "all":
        return None
    if raw not in {kind.key for kind in visible_kinds(user)}:
        raise SearchParameterError(_("Type de résultat inconnu : « %(kind)s ».") % {"kind": raw[:40]})
    return raw


def _backends():
    fallback = getattr(settings, "SEARCH_FALLBACK_BACKEND", None)
    if fallback and cache.get(PRIMARY_DOWN_KEY):
        return [fallback]
    return [PRIMARY_BACKEND, fallback] if fallback else [PRIMARY_BACKEND]


def _with_fallback(run):
    """run(backend) with the default backend, or with the fallback one when the default fails."""
    backends = _backends()
    for position, backend in enumerate(backends):
        try:
            return run(backend), backend != PRIMARY_BACKEND
        except Exception:
            if position == len(backends) - 1:
                raise
            logger.warning("search backend %r did not answer; answering from %r", backend, backends[-1], exc_info=True)
            cache.set(PRIMARY_DOWN_KEY, True, getattr(settings, "SEARCH_PRIMARY_RETRY_SECONDS", 30))
    raise AssertionError("unreachable")


def _search_kind(kind, query, backend, offset, limit, scope):
    if kind.own_backend:
        # A kind with its own backend: when that fails, the rest of the page still answers.
        try:
            result = kind.search(query, backend=backend, offset=offset, limit=limit, scope=scope)
            return Group(kind.key, kind.label, result.count, result.hits)
        except Exception:
            logger.warning("the search of kind %r failed for a query", kind.key, exc_info=True)
            return Group(kind.key, kind.label, 0, unavailable=True)
    result = kind.search(query, backend=backend, offset=offset, limit=limit, scope=scope)
    return Group(kind.key, kind.label, result.count, result.hits)


def _groups(query, kinds, chosen, page, per_page, preview, backend, scope):
    groups = []
    for kind in kinds:
        if chosen is None:
            # A page kind reads as many pages as the best answers may take from it: they are built once,
            # here, whatever the number of results (the group then shows its first `preview`).
            offset, limit = 0, max(preview, BEST) if isinstance(kind, PageKind) else preview
        elif kind.key == chosen:
            offset, limit = (page - 1) * per_page, per_page
        else:
            offset, limit = 0, 0  # the count for the filter, no results
        groups.append(_search_kind(kind, query, backend, offset, limit, scope))
    return groups


def promotions(query, scope=None):
    """Editors' picks for this exact query (wagtail.contrib.search_promotions), live public pages only."""
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order")
    )
    # Most queries have no promotion: the live public check is asked only when a page is promoted.
    page_ids = [pick.page_id for pick in picks if pick.page_id]
    if page_ids:
        public = Page.objects.live().exclude((scope or Scope()).private_q).filter(pk__in=page_ids)
        public = set(public.values_list("pk", flat=True))
        picks = [pick for pick in picks if not pick.page_id or pick.page_id in public]
    return [
        Promotion(
            title=pick.title or pick.external_link_url,
            url=pick.page.get_url() if pick.page_id else pick.external_link_url,
            description=pick.description or (pick.page.search_description if pick.page_id else ""),
        )
        for pick in picks
        # Wagtail's own field (a URLField, no `javascript:`) also takes ftp:; the link rule decides.
        if pick.page_id or is_safe_link(pick.external_link_url)
    ]


def search_site(query, user, kind=None, page=1, per_page=PER_PAGE, preview=PREVIEW, suggest=True):
    """Search every kind this person may see. kind and page are already parsed (parse_kind, parse_page_number)."""
    with page_index.one_index():
        return _search_site(query, user, kind, page, per_page, preview, suggest)


def _search_site(query, user, kind, page, per_page, preview, suggest):
    query = clean_query(query)
    if not query:
        return Outcome(query="", kind=kind, groups=[])
    kinds, scope, words = visible_kinds(user), Scope(), backend_form(query)
    with shared_matches():
        groups, fallback_used = _with_fallback(
            lambda backend: _groups(words, kinds, kind, page, per_page, preview, backend, scope)
        )
    outcome = Outcome(query=query, kind=kind, groups=groups, fallback_used=fallback_used)
    if kind is not None:
        count = outcome.counts.get(kind, 0)
        num_pages = max(1, math.ceil(count / per_page))
        if page > num_pages:
            raise SearchParameterError(
                _("La page %(page)s n'existe pas : il y a %(pages)s page(s) de résultats.")
                % {"page": page, "pages": num_pages}
            )
        outcome.pagination = Pagination(page, num_pages, per_page)
    elif page != 1:
        raise SearchParameterError(_("Choisissez un type de résultat pour voir les pages suivantes."))
    if page == 1:
        outcome.promotions = promotions(query, scope)
        if kind is None:
            known = [hit for group in groups for hit in group.hits]
            outcome.best = best_hits(words, outcome.promotions, scope, BEST, known)
    if kind is None:
        for group in groups:
            group.hits = group.hits[:preview]
    words = terms(query)
    shown = [*outcome.best, *(hit for group in groups for hit in group.hits)]
    annotate(shown, kinds)
    for hit in shown:
        hit.title_html = highlight(hit.title, words)
        hit.snippet = excerpt(hit.text, words)
    if suggest and page == 1 and not outcome.promotions:
        outcome.suggestion = did_you_mean(query, user)
    # The pages ranked by the embedded index because Elasticsearch did not answer: "mode réduit" too.
    outcome.fallback_used = outcome.fallback_used or getattr(page_index.engine(), "reduced", False)
    return outcome


def annotate(hits, kinds):
    """Let each kind add what it reads for all its shown hits at once (best answers and groups together)."""
    by_kind = {}
    for hit in hits:
        by_kind.setdefault(hit.kind, []).append(hit)
    for kind in kinds:
        if by_kind.get(kind.key):
            kind.annotate(by_kind[kind.key])


def best_hits(query, picks, scope, limit=BEST, known=()):
    """The best answers across the page kinds: editors' promoted results first, then the pages by relevance
    (the same Hit as in the groups, with the kind of each page). `known`: hits already built by the groups,
    reused rather than read again."""
    hits = [Hit(kind="promoted", title=pick.title, url=pick.url, text=pick.description) for pick in picks[:limit]]
    seen = {hit.url for hit in hits}
    ranked = page_index.engine().ranked(query, limit + len(hits))
    built = {hit.page_id: hit for hit in known if hit.page_id is not None}
    missing = [pk for pk, _ct, _score in ranked if pk not in built]
    if missing:
        pages = Page.objects.live().exclude(scope.private_q).specific().in_bulk(missing)
        for pk, page in pages.items():
            built[pk] = registry.kind_of_model(type(page)).hit(page)
    for pk, _content_type, score in ranked:
        hit = built.get(pk)
        if hit is None or len(hits) >= limit or hit.url in seen:
            continue
        seen.add(hit.url)
        hit = replace(hit, score=score, page_id=pk)
        hits.append(hit)
    return hits


def ranked_urls(query, user=None, limit=10):
    """The addresses of the best answers, best first (the labelled evaluation measures this ranking)."""
    query = backend_form(clean_query(query))
    scope = Scope()
    return [hit.url for hit in best_hits(query, promotions(query, scope), scope, limit)]


def did_you_mean(query, user):
    """A spelling of the query made of known words (the index's vocabulary and the synonyms), each within the
    typo the search tolerates, so it finds what the typo found; None when every word is known."""
    corrected = correct(query)
    if not corrected or fold(corrected) == fold(query):
        return None
    return corrected


def autocomplete(query, user, limit=8):
    """Titles that start like the query, for the suggestions as one types: [{kind, label, title, meta, url}]."""
    query = backend_form(clean_query(query))
    if len(query) < 2:
        return []
    kinds = registry.suggesting_kinds(user)
    labels = {kind.key: kind.label for kind in registry.available()}

    def run(backend):
        suggestions, scope = [], Scope()
        for kind in kinds:
            room = min(limit - len(suggestions), kind.suggestion_limit)
            if room <= 0:
                break
            suggestions.extend(_suggestions_of(kind, query, backend, room, scope))
        return suggestions

    with shared_matches(), page_index.one_index():
        hits, _fallback = _with_fallback(run)
    return [
        {"kind": hit.kind, "label": str(labels.get(hit.kind, "")), "title": hit.title, "meta": hit.meta, "url": hit.url}
        for hit in hits[:limit]
    ]


def _suggestions_of(kind, query, backend, limit, scope):
    if kind.own_backend:
        # A kind with its own backend: when that fails, the other kinds still suggest.
        try:
            return kind.autocomplete(query, backend=backend, limit=limit, scope=scope)
        except Exception:
            logger.warning("the autocomplete of kind %r failed", kind.key, exc_info=True)
            return []
    return kind.autocomplete(query, backend=backend, limit=limit, scope=scope)
