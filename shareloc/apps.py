from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharelocConfig(AppConfig):
    name = "shareloc"
    verbose_name = _("Shareloc")
    default_auto_field = "django.db.models.BigAutoField"
