"""The kinds of results the site search groups (pages, aid schemes, news, spaces, projects, directory).

Each kind knows where its results come from and who may see them. Models are resolved lazily: a kind whose
app or model does not exist (yet) is simply absent, so the search never breaks because another app changed.
"""

import datetime
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.search.backends import get_search_backend

# Fields whose text makes a result's excerpt, first one filled wins.
SNIPPET_FIELDS = ("search_description", "summary", "intro", "excerpt", "description", "problem", "body_text")


@dataclass
class Hit:
    """One result as the page and the API show it."""

    kind: str
    title: str
    url: str
    text: str = ""  # plain text the excerpt is cut from
    meta: str = ""  # a short line under the title (a lycée and its commune, a unit…)
    snippet: str = ""  # filled by the engine: escaped HTML with <mark> around the matched words
    title_html: str = ""  # filled by the engine: the title, escaped, with <mark>


@dataclass
class KindResults:
    count: int
    hits: list = field(default_factory=list)


class Scope:
    """What one search computes once for all its kinds (the private sections of the site)."""

    @cached_property
    def private_q(self):
        from wagtail.models import Page

        return Page.objects.private_q()


def _model(label):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _first_text(obj, names=SNIPPET_FIELDS):
    for name in names:
        value = getattr(obj, name, None)
        if isinstance(value, str) and value.strip():
            return strip_tags(value)
    return ""


class Kind(ABC):
    """One group of the results page. A kind that lacks `search` cannot be instantiated."""

    key = ""
    label = ""

    def is_available(self):
        return True

    def visible_to(self, user):
        return True

    @abstractmethod
    def search(self, query, *, backend, offset, limit, scope):
        """KindResults for `query` within `scope`, `limit` hits from `offset`."""

    def __repr__(self):
        return f"<{type(self).__name__} {self.key}>"


class IndexedKind(Kind):
    """A kind searched through Wagtail's search layer (pages and indexed Django models)."""

    model_label = ""

    @property
    def model(self):
        return _model(self.model_label)

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
        return Hit(kind=self.key, title=str(obj), url=obj.get_absolute_url(), text=_first_text(obj))


class PageKind(IndexedKind):
    def queryset(self, scope):
        return self.model.objects.live().exclude(scope.private_q).defer_streamfields()

    def hit(self, obj):
        date = getattr(obj, "date", None)
        return Hit(
            kind=self.key,
            title=obj.title,
            url=obj.get_url() or "",
            text=_first_text(obj),
            meta=date_format(date, "j F Y") if isinstance(date, datetime.date) else "",
        )


class OtherPagesKind(PageKind):
    """Every live public page that no other page kind claims (content pages, the programme page…)."""

    key = "pages"
    label = _("Pages du site")
    model_label = "wagtailcore.Page"

    def __init__(self, registry):
        self.registry = registry

    def queryset(self, scope):
        claimed = [kind.model for kind in self.registry.available() if isinstance(kind, PageKind) and kind is not self]
        # specific(): the excerpt comes from each type's own fields (one query per type shown).
        queryset = self.model.objects.live().exclude(scope.private_q).filter(depth__gt=1).defer_streamfields()
        queryset = queryset.specific()
        return queryset.not_type(*claimed) if claimed else queryset


class SpaceKind(IndexedKind):
    key = "spaces"
    label = _("Espaces des lycées")
    model_label = "shareloc.Space"

    def queryset(self, scope):
        queryset = self.model._default_manager.all()
        field_names = {f.name for f in self.model._meta.get_fields()}
        if "lycee" in field_names:
            queryset = queryset.select_related("lycee")
        # A space a lycée has withdrawn is not offered to the public.
        for flag in ("is_active", "active", "published", "is_published"):
            if flag in field_names:
                return queryset.filter(**{flag: True})
        return queryset

    def hit(self, obj):
        hit = super().hit(obj)
        hit.title = getattr(obj, "name", None) or str(obj)
        lycee = getattr(obj, "lycee", None)
        if lycee is not None:
            commune = getattr(lycee, "commune_name", "") or ""
            hit.meta = " – ".join(part for part in (getattr(lycee, "name", ""), commune) if part)
        return hit


class DirectoryKind(Kind):
    """La Belette: staff only, searched through its own backend (belette.search)."""

    key = "directory"
    label = _("Annuaire interne (La Belette)")

    @cached_property
    def _belette(self):
        try:
            from belette.access import can_view_directory
            from belette.search import get_directory_backend
        except ImportError:
            return None
        return can_view_directory, get_directory_backend

    def is_available(self):
        return self._belette is not None

    def visible_to(self, user):
        # Anything but a clear yes from La Belette hides the directory.
        return self._belette is not None and user is not None and self._belette[0](user) is True

    def search(self, query, *, backend, offset, limit, scope):
        result = self._belette[1]().search(query, limit=max(limit, 1), offset=offset)
        hits = [self._hit(entry) for entry in list(result.results)[:limit]] if limit else []
        return KindResults(count=result.count, hits=hits)

    def autocomplete(self, query, *, backend, limit, scope):
        hits = [
            Hit(kind=self.key, title=entry.get("label", ""), url=entry.get("url") or self._url(entry))
            for entry in self._belette[1]().autocomplete(query, limit=limit)
        ]
        return [hit for hit in hits if hit.url]

    @staticmethod
    def _url(entry):
        # La Belette's suggestions carry kind and id, not the address of the entry's page.
        try:
            return reverse(f"belette:{entry.get('kind')}", args=[entry.get("id")])
        except NoReverseMatch:
            return ""

    def _hit(self, entry):
        unit = entry.get("unit") or {}
        return Hit(
            kind=self.key,
            title=entry.get("name", ""),
            url=entry.get("url") or "",
            text=strip_tags(entry.get("snippet") or ""),
            meta=unit.get("name", "") if unit else "",
        )


def _page_kind(key, label, model_label):
    return type(
        f"{model_label.split('.')[-1]}Kind", (PageKind,), {"key": key, "label": label, "model_label": model_label}
    )()


class Registry:
    """The kinds in the order the page shows them."""

    def __init__(self):
        self._kinds = [
            _page_kind("aids", _("Aides"), "home.AidePage"),
            _page_kind("news", _("Actualités"), "home.NewsPage"),
            SpaceKind(),
            _page_kind("projects", _("Projets du programme"), "programme.ProjectPage"),
            OtherPagesKind(self),
            DirectoryKind(),
        ]

    def all(self):
        return list(self._kinds)

    def available(self):
        return [kind for kind in self._kinds if kind.is_available()]

    def visible_to(self, user):
        return [kind for kind in self.available() if kind.visible_to(user)]

    def get(self, key):
        return next((kind for kind in self._kinds if kind.key == key), None)

    def kind_of_model(self, model):
        """The page kind a page model belongs to (the generic pages kind when none claims it)."""
        for kind in self.available():
            if isinstance(kind, PageKind) and not isinstance(kind, OtherPagesKind) and issubclass(model, kind.model):
                return kind
        return self.get("pages")


registry = Registry()
