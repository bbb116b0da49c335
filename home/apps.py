from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Portail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

        from . import models
        from .chrome import forget_chrome
        from .taxonomy import forget_aid_taxonomies

        for model in (models.AidAudience, models.AidTheme):
            post_save.connect(forget_aid_taxonomies, sender=model, dispatch_uid=f"taxonomy-save-{model.__name__}")
            post_delete.connect(forget_aid_taxonomies, sender=model, dispatch_uid=f"taxonomy-del-{model.__name__}")
        for model in (
            models.SiteIdentity,
            models.SocialLink,
            models.NavigationSettings,
            models.MainMenuItem,
            models.FooterMenuItem,
        ):
            post_save.connect(forget_chrome, sender=model, dispatch_uid=f"chrome-save-{model.__name__}")
            post_delete.connect(forget_chrome, sender=model, dispatch_uid=f"chrome-del-{model.__name__}")
        for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
            signal.connect(forget_chrome, dispatch_uid=f"chrome-{id(signal)}")
        post_delete.connect(forget_page_chrome, dispatch_uid="chrome-page-delete")


def forget_page_chrome(sender, **kwargs):
    from wagtail.models import Page

    from .chrome import forget_chrome

    if isinstance(kwargs.get("instance"), Page):
        forget_chrome()
