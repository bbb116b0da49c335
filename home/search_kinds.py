"""The portal's kinds of results in the site search (registered in wagtail_hooks.py)."""

from django.utils.translation import gettext_lazy as _

from core.search_kinds import PageKind


class AidKind(PageKind):
    key = "aids"
    label = _("Aides")
    order = 10
    model_label = "home.AidePage"


class NewsKind(PageKind):
    key = "news"
    label = _("Actualités")
    order = 20
    model_label = "home.NewsPage"


SEARCH_KINDS = (AidKind(), NewsKind())
