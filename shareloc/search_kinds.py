"""Shareloc's kind of results in the site search: the lycées' spaces (registered in wagtail_hooks.py)."""

from django.utils.translation import gettext_lazy as _

from core.search_kinds import IndexedKind


class SpaceKind(IndexedKind):
    key = "spaces"
    label = _("Espaces des lycées")
    order = 30
    suggestion_limit = 3
    suggestion_order = 20
    model_label = "shareloc.Space"

    def queryset(self, scope):
        return self.model._default_manager.select_related("lycee")

    def hit(self, obj):
        hit = super().hit(obj)
        hit.title = obj.name or str(obj)
        hit.meta = " – ".join(part for part in (obj.lycee.name, obj.lycee.commune_name or "") if part)
        return hit

    def vocabulary_titles(self, scope):
        # Every space is public (the catalogue shows them all).
        return self.queryset(scope).values_list("name", flat=True)

    def vocabulary_models(self):
        return (self.model,)


SEARCH_KINDS = (SpaceKind(),)
