"""Signal wiring: drop the cached taxonomies and the cached page chrome when what they show changes."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .chrome import forget_chrome
from .models import (
    AidAudience,
    AidTheme,
    FooterMenuItem,
    MainMenuItem,
    NavigationSettings,
    SiteIdentity,
    SocialLink,
)
from .taxonomy import forget_aid_taxonomies


def forget_page_chrome(sender, **kwargs):
    if isinstance(kwargs.get("instance"), Page):
        forget_chrome()


def connect():
    for model in (AidAudience, AidTheme):
        post_save.connect(forget_aid_taxonomies, sender=model, dispatch_uid=f"taxonomy-save-{model.__name__}")
        post_delete.connect(forget_aid_taxonomies, sender=model, dispatch_uid=f"taxonomy-del-{model.__name__}")
    for model in (SiteIdentity, SocialLink, NavigationSettings, MainMenuItem, FooterMenuItem):
        post_save.connect(forget_chrome, sender=model, dispatch_uid=f"chrome-save-{model.__name__}")
        post_delete.connect(forget_chrome, sender=model, dispatch_uid=f"chrome-del-{model.__name__}")
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(forget_chrome, dispatch_uid=f"chrome-{id(signal)}")
    post_delete.connect(forget_page_chrome, dispatch_uid="chrome-page-delete")
