"""The portal's kinds of results in the site search (registered in wagtail_hooks.py)."""

from django.utils.translation import gettext_lazy as _

from core.search_kinds import PageKind

from .contacts import public_contacts


class AidKind(PageKind):
    key = "aids"
    label = _("Aides")
    order = 10
    model_label = "home.AidePage"

    def annotate(self, hits):
        """Each aid with its service's public contact ("qui s'occupe de …" answered in the results list)."""
        contacts = public_contacts([hit.page_id for hit in hits if hit.page_id is not None])
        for hit in hits:
            hit.contact = contacts.get(hit.page_id)


class NewsKind(PageKind):
    key = "news"
    label = _("Actualités")
    order = 20
    model_label = "home.NewsPage"


SEARCH_KINDS = (AidKind(), NewsKind())
