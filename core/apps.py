from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares: roles, e-mail, exports, imports, dates, text, uploads, pagination."""

    name = "core"
    verbose_name = _("Socle commun")
    default_auto_field = "django.db.models.BigAutoField"
