from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeletteConfig(AppConfig):
    name = "belette"
    verbose_name = _("La Belette")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported once the models are loaded (Django's rule for signal receivers); importing connects them.
        from . import signals  # noqa: F401
