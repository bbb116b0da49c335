"""La Belette's kind of results in the site search (registered in wagtail_hooks.py): the internal
directory, for staff with the directory permission only, searched through La Belette's own backend."""

from django.urls import NoReverseMatch, reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from core.search_kinds import Hit, KindResults, SearchKind

from .access import can_view_directory
from .search import get_directory_backend


class DirectoryKind(SearchKind):
    key = "directory"
    label = _("Annuaire interne (La Belette)")
    order = 100
    suggestion_limit = 3
    suggestion_order = 30
    own_backend = True
    rebuild_command = "belette_rebuild_index"

    def visible_to(self, user):
        # Anything but a clear yes hides the directory: its results, its count and its suggestions.
        return user is not None and can_view_directory(user) is True

    def search(self, query, *, backend, offset, limit, scope):
        result = get_directory_backend().search(query, limit=max(limit, 1), offset=offset)
        hits = [self._hit(entry) for entry in list(result.results)[:limit]] if limit else []
        return KindResults(count=result.count, hits=hits)

    def autocomplete(self, query, *, backend, limit, scope):
        hits = [
            Hit(kind=self.key, title=entry.get("label", ""), url=entry.get("url") or self._url(entry))
            for entry in get_directory_backend().autocomplete(query, limit=limit)
        ]
        return [hit for hit in hits if hit.url]

    @staticmethod
    def _url(entry):
        # Suggestions carry kind and id, not the address of the entry's page.
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


SEARCH_KINDS = (DirectoryKind(),)
