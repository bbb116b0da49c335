from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Programme d'intrapreneuriat")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: the signal receivers import models, which Django loads only
        # once every app is registered.
        from . import signals

        signals.connect()
