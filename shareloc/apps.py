from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharelocConfig(AppConfig):
    name = "shareloc"
    verbose_name = _("Shareloc")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

        from .models import SharelocCataloguePage, forget_catalogue_path

        for signal in (page_published, page_unpublished, post_delete):
            signal.connect(
                forget_catalogue_path,
                sender=SharelocCataloguePage,
                dispatch_uid=f"shareloc_forget_catalogue_path_{id(signal)}",
            )
        page_slug_changed.connect(forget_catalogue_path, dispatch_uid="shareloc_forget_catalogue_path_slug")
        post_page_move.connect(forget_catalogue_path, dispatch_uid="shareloc_forget_catalogue_path_move")
        from . import booking_hooks  # noqa: F401  (part 2: the booking inbox and dashboard in the admin)
