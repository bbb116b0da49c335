from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from core.text import fold


def add_french_collation(sender, connection, **kwargs):
    """SQLite has no locale collation: `fr_fold` compares names as core.text.fold writes them (no case,
    no accents), then as written, so the aid catalogue's "Nom" sort is French on SQLite too."""
    if connection.vendor != "sqlite":
        return

    def compare(left, right):
        left_key, right_key = (fold(left), left), (fold(right), right)
        return (left_key > right_key) - (left_key < right_key)

    connection.connection.create_collation("fr_fold", compare)


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Portail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: the signal handlers import models, which Django loads only
        # once every app is registered.
        from . import signals

        signals.connect()
        connection_created.connect(add_french_collation, dispatch_uid="home-french-collation")
