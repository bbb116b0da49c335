from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move


class SharelocConfig(AppConfig):
    """Shareloc: the catalogue of the lycées' spaces (shareloc/catalogue) and the associations' booking
    requests (shareloc/bookings). The Wagtail admin is wired by wagtail_hooks.py."""

    name = "shareloc"
    verbose_name = _("Shareloc")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Models can be imported only once the app registry is ready, that is here.
        from .bookings.signals import on_bookings_withdrawn
        from .catalogue.displacement import bookings_withdrawn
        from .catalogue.models import forget_catalogue_path
        from .catalogue.pages import SharelocCataloguePage

        # A closure or a window change saved over confirmed dates of requests cancels them in the workflow.
        bookings_withdrawn.connect(on_bookings_withdrawn, dispatch_uid="shareloc_bookings_withdrawn")

        # The catalogue's path, cached by catalogue_path(), changes with the page.
        for signal in (page_published, page_unpublished, post_delete):
            signal.connect(
                forget_catalogue_path,
                sender=SharelocCataloguePage,
                dispatch_uid=f"shareloc_forget_catalogue_path_{id(signal)}",
            )
        page_slug_changed.connect(forget_catalogue_path, dispatch_uid="shareloc_forget_catalogue_path_slug")
        post_page_move.connect(forget_catalogue_path, dispatch_uid="shareloc_forget_catalogue_path_move")
