from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeletteConfig(AppConfig):
    name = "belette"
    verbose_name = _("La Belette")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
