"""The aid catalogue page. Its own module because it serves home.catalogue, which reads the aid
models: the catalogue imports `aids`, this page imports the catalogue, nothing imports back."""

from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from .. import catalogue
from .base import BasePage


class AideIndexPage(BasePage):
    """The aid catalogue: filters (django-filter) over the live AidePages below it."""

    intro = models.TextField(_("chapô"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["home.AidePage"]
    max_count = 1
    per_page = 20

    class Meta:
        verbose_name = _("catalogue des aides")
        verbose_name_plural = _("catalogues des aides")

    def serve(self, request, *args, **kwargs):
        result = catalogue.aid_catalogue(self, request)
        context = self.get_context(request, *args, **kwargs)
        context.update(result.context)
        return TemplateResponse(request, self.get_template(request), context, status=result.status)
