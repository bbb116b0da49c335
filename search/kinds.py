"""The kinds of results the site search groups, collected from the apps.

Each app contributes its kinds through the Wagtail hook `register_search_kinds` (see core/search_kinds.py
for the contract); the search adds its own kind for every other page of the site. Collected on first use,
once the hooks are loaded, and kept for the life of the process.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from core.search_kinds import Hit, PageKind

HOOK = "register_search_kinds"


class OtherPagesKind(PageKind):
    """Every live public page that no other page kind claims (content pages, the programme page…)."""

    key = "pages"
    label = _("Pages du site")
    order = 90
    # One query for every page type, each suggestion labelled with its page type's kind.
    suggestion_limit = 5
    suggestion_order = 10
    model_label = "wagtailcore.Page"

    def __init__(self, registry):
        self.registry = registry

    def queryset(self, scope):
        claimed = [kind.model for kind in self.registry.claiming_kinds()]
        # specific(): the excerpt comes from each type's own fields (one query per type shown).
        queryset = self.model.objects.live().exclude(scope.private_q).filter(depth__gt=1).defer_streamfields()
        queryset = queryset.specific()
        return queryset.not_type(*claimed) if claimed else queryset

    def autocomplete(self, query, *, backend, limit, scope):
        queryset = Page.objects.live().exclude(scope.private_q).filter(depth__gt=1)
        pages = list(get_search_backend(backend).autocomplete(query, queryset, operator="and")[:limit])
        hits = []
        for page in pages:
            model = ContentType.objects.get_for_id(page.content_type_id).model_class() or Page
            hits.append(Hit(kind=self.registry.kind_of_model(model).key, title=page.title, url=page.get_url() or ""))
        return hits


class Registry:
    """The kinds in the order the page shows them."""

    @cached_property
    def _kinds(self):
        kinds = [kind for hook in hooks.get_hooks(HOOK) for kind in hook()]
        kinds.append(OtherPagesKind(self))
        return sorted(kinds, key=lambda kind: kind.order)

    def all(self):
        return list(self._kinds)

    def available(self):
        return [kind for kind in self._kinds if kind.is_available()]

    def visible_to(self, user):
        return [kind for kind in self.available() if kind.visible_to(user)]

    def get(self, key):
        return next((kind for kind in self._kinds if kind.key == key), None)

    def claiming_kinds(self):
        """The page kinds of the apps: each claims its page type from the generic pages kind."""
        return [
            kind for kind in self.available() if isinstance(kind, PageKind) and not isinstance(kind, OtherPagesKind)
        ]

    def kind_of_model(self, model):
        """The page kind a page model belongs to (the generic pages kind when none claims it)."""
        for kind in self.claiming_kinds():
            if issubclass(model, kind.model):
                return kind
        return self.get(OtherPagesKind.key)

    def suggesting_kinds(self, user):
        """The kinds this person gets suggestions from, in the order they are asked."""
        kinds = [kind for kind in self.visible_to(user) if kind.suggestion_limit]
        return sorted(kinds, key=lambda kind: kind.suggestion_order)

    @cached_property
    def vocabulary_models(self):
        return frozenset(model for kind in self.available() for model in kind.vocabulary_models())


registry = Registry()
