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

from core import page_index
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
        # specific(): the excerpt comes from each type's own fields (one query per type shown).
        queryset = self.model.objects.live().exclude(scope.private_q).filter(depth__gt=1).defer_streamfields()
        return queryset.specific()

    def accepts(self, content_type_id):
        """Pages that no other kind claims (their content type read as each kind reads it)."""
        return not any(kind.accepts(content_type_id) for kind in self.registry.claiming_kinds())

    def autocomplete(self, query, *, backend, limit, scope):
        """Pages whose title matches the words typed so far (the last one as a prefix), of every type."""
        found = page_index.engine().suggest(query, limit)
        pages = Page.objects.live().exclude(scope.private_q).in_bulk([pk for pk, _ct in found])
        hits = []
        for pk, content_type_id in found:
            if pk in pages:
                model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
                key = self.registry.kind_of_model(model).key
                hits.append(Hit(kind=key, title=pages[pk].title, url=pages[pk].get_url() or ""))
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
