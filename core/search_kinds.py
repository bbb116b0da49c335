"""What an app implements to add a kind of result (a group of the results page) to the site search,
without importing the `search` app.

An app contributes its kinds through the Wagtail hook `register_search_kinds`: a function in the app's
wagtail_hooks.py, taking no argument, that returns an iterable of `SearchKind` instances (built in the
app's search_kinds.py). The site search collects them once, orders them by `order`, and asks each kind
whether it exists, who may see it, how to search it and how to suggest from it. Privacy lives in the
kind: `visible_to(user)` False means that person never gets a result, a count or a suggestion of it.
"""

import datetime
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from . import page_index

# The fields a page or an object usually sums itself up in: the first one filled makes the excerpt.
SNIPPET_FIELDS = ("search_description", "summary", "intro", "description")


@dataclass
class Hit:
    """One result as the page and the API show it."""

    kind: str
    title: str
    url: str
    text: str = ""  # plain text the excerpt is cut from
    meta: str = ""  # a short line under the title (a lycée and its commune, a unit…)
    snippet: str = ""  # filled by the search: escaped HTML with <mark> around the matched words
    title_html: str = ""  # filled by the search: the title, escaped, with <mark>
    score: float | None = None  # relevance, when the kind's search gives one (pages)
    page_id: int | None = None  # the page's id, for a page
    # A service's public contact shown with the result (an aid's "Qui contacter ?"): an object with `service`,
    # `email` and `phone`, never a person's details. Filled by the kind's annotate().
    contact: object | None = None


@dataclass
class KindResults:
    count: int
    hits: list = field(default_factory=list)


class Scope:
    """What one search computes once for all its kinds (the private sections of the site)."""

    @cached_property
    def private_q(self):
        return Page.objects.private_q()


def first_text(obj, names=SNIPPET_FIELDS):
    """The first of the object's text fields that is filled, without its HTML tags."""
    for name in names:
        value = getattr(obj, name, None)
        if isinstance(value, str) and value.strip():
            return strip_tags(value)
    return ""


class SearchKind(ABC):
    """One group of the results page. A kind that lacks `search` cannot be instantiated."""

    key = ""  # in the page's and the API's `kind` parameter: a published key never changes
    label = ""  # the group's heading, read by people
    order = 100  # place of the group on the page, smallest first
    suggestion_limit = 0  # suggestions as one types taken from this kind (0: none)
    suggestion_order = 100  # place among the kinds asked for suggestions, smallest first
    # Searched outside Wagtail's search backends: when that fails, only this group says so (the rest of the
    # page answers), and the fallback to the database backend does not apply to it.
    own_backend = False
    # A management command that rebuilds this kind's own index (the site-wide rebuild runs it).
    rebuild_command = ""

    def is_available(self):
        return True

    def visible_to(self, user):
        """Whether this person (None or anonymous for a visitor) may get results of this kind."""
        return True

    @abstractmethod
    def search(self, query, *, backend, offset, limit, scope):
        """KindResults for `query` within `scope`, `limit` hits from `offset` (limit 0: the count only)."""

    def autocomplete(self, query, *, backend, limit, scope):
        """At most `limit` Hits whose title starts like the query (title, url and meta are shown)."""
        return []

    def annotate(self, hits):
        """Add to this kind's hits of one search (its group and the best answers) what is read for all of
        them at once, in a fixed number of queries whatever their number (an aid's public contact). Nothing
        to add by default."""
        return None

    def vocabulary_titles(self, scope):
        """Titles whose words "vous vouliez dire" may propose. Only text that anyone may read."""
        return ()

    def vocabulary_models(self):
        """Models whose saves and deletions change `vocabulary_titles`."""
        return ()

    def __repr__(self):
        return f"<{type(self).__name__} {self.key}>"


class IndexedKind(SearchKind):
    """A kind searched through Wagtail's search layer (an indexed Django model), found by its label so that
    a kind whose model is gone is simply absent."""

    model_label = ""
    snippet_fields = SNIPPET_FIELDS

    @property
    def model(self):
        try:
            return apps.get_model(self.model_label)
        except (LookupError, ValueError):
            return None

    def is_available(self):
        model = self.model
        return model is not None and hasattr(model, "get_search_fields") and bool(model.get_search_fields())

    def queryset(self, scope):
        return self.model._default_manager.all()

    def search(self, query, *, backend, offset, limit, scope):
        results = get_search_backend(backend).search(query, self.queryset(scope), operator="and")
        objects = list(results[offset : offset + limit]) if limit else []
        # A page of results shorter than asked tells the count without asking for it.
        if limit and len(objects) < limit and (objects or offset == 0):
            count = offset + len(objects)
        else:
            count = results.count()
        return KindResults(count=count, hits=[self.hit(obj) for obj in objects])

    def autocomplete(self, query, *, backend, limit, scope):
        results = get_search_backend(backend).autocomplete(query, self.queryset(scope), operator="and")
        return [self.hit(obj) for obj in results[:limit]]

    def hit(self, obj):
        return Hit(kind=self.key, title=str(obj), url=obj.get_absolute_url(), text=first_text(obj, self.snippet_fields))


class PageKind(IndexedKind):
    """Live public pages of one page type (and its subtypes), ranked by the portal's page index
    (core/page_index.py): the same ranking on every database."""

    def queryset(self, scope):
        return self.model.objects.live().exclude(scope.private_q).defer_streamfields()

    def accepts(self, content_type_id):
        """Whether a page of this content type is a result of this kind. Read through Django's content-type
        cache (cleared whenever the table is rebuilt), never kept on the kind: a kind lives as long as the
        process, and content type ids do not (a flushed test database renumbers them)."""
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        return model is not None and issubclass(model, self.model)

    def ranked(self, query):
        """[(page id, score)] of this kind's pages that match, best first."""
        ranked = page_index.engine().ranked(query)
        # A few page types among hundreds of results: ask once per content type, not once per result.
        accepted = {ct: self.accepts(ct) for ct in {ct for _pk, ct, _score in ranked}}
        return [(pk, score) for pk, ct, score in ranked if accepted[ct]]

    def search(self, query, *, backend, offset, limit, scope):
        ranked = self.ranked(query)
        page = ranked[offset : offset + limit] if limit else []
        objects = self.queryset(scope).in_bulk([pk for pk, _score in page]) if page else {}
        hits = []
        for pk, score in page:
            if pk in objects:
                hit = self.hit(objects[pk])
                hit.score, hit.page_id = score, pk
                hits.append(hit)
        return KindResults(count=len(ranked), hits=hits)

    def hit(self, obj):
        date = getattr(obj, "date", None)
        return Hit(
            kind=self.key,
            title=obj.title,
            url=obj.get_url() or "",
            text=first_text(obj, self.snippet_fields),
            meta=date_format(date, "j F Y") if isinstance(date, datetime.date) else "",
        )
