"""Drop the cached vocabulary of titles when public titles change."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from . import vocabulary
from .kinds import registry


def _forget_vocabulary(**kwargs):
    vocabulary.forget()


def _forget_on_change(sender, instance, **kwargs):
    # Any save of a page, not only a publication: pages created live by code never "publish". The kinds'
    # models are read on the first save, once every app's hooks are loaded.
    if isinstance(instance, Page) or sender in registry.vocabulary_models:
        vocabulary.forget()


def connect():
    page_published.connect(_forget_vocabulary, dispatch_uid="search-vocabulary-published")
    page_unpublished.connect(_forget_vocabulary, dispatch_uid="search-vocabulary-unpublished")
    post_save.connect(_forget_on_change, dispatch_uid="search-vocabulary-saved")
    post_delete.connect(_forget_on_change, dispatch_uid="search-vocabulary-deleted")
