"""Keep the portal's page index (core/page_index.py) in step: any change of a page, of a page's privacy
or of a synonym set drops this process's copy and bumps the index's version in the shared cache, which the
other processes read with the index's stamp (a page saved from the shell, moved, unpublished or deleted by
code is seen by every web worker at its next search)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import (
    page_elastic,  # noqa: F401 - registers the page index's Elasticsearch path (core/page_elastic.py)
    page_index,
)
from .models import SynonymSet


def _changed(sender, instance=None, **kwargs):
    if isinstance(instance, Page):
        page_index.changed(instance)
    elif isinstance(instance, (PageViewRestriction, SynonymSet)):
        page_index.changed(instance, everything=True)


def connect():
    page_published.connect(page_index.changed, dispatch_uid="core-page-index-published")
    page_unpublished.connect(page_index.changed, dispatch_uid="core-page-index-unpublished")
    post_page_move.connect(page_index.moved, dispatch_uid="core-page-index-moved")
    post_save.connect(_changed, dispatch_uid="core-page-index-saved")
    post_delete.connect(_changed, dispatch_uid="core-page-index-deleted")
