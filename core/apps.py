from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares: roles, e-mail, exports, imports, dates, text, uploads, pagination, search."""

    name = "core"
    verbose_name = _("Socle commun")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: signals need the models, which need the app registry ready.
        from . import checks, signals  # noqa: F401 (checks registers the system checks)

        signals.connect()
