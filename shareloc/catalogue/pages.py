"""The catalogue's Wagtail page (/shareloc/): its routes serve the public views of views.py.

The page type lives apart from models.py so that the data never imports a view: this module imports
the views, which import the models."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .area_views import area_planning_view
from .views import catalogue_view, lycee_planning_view, lycee_view, space_view


class SharelocCataloguePage(RoutablePageMixin, Page):
    """The public catalogue (/shareloc/): search and filters, and the routes of a lycée's page
    (/shareloc/<uai>/) and of a space's page (/shareloc/<uai>/<code>/)."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("catalogue Shareloc")
        verbose_name_plural = _("catalogues Shareloc")

    @path("")
    def catalogue(self, request):
        return catalogue_view(request, self)

    @path("planning/")  # before <uai>/: routes match in the order they are defined
    def area_planning(self, request):
        return area_planning_view(request, self)

    @path("<str:uai>/")
    def lycee(self, request, uai):
        return lycee_view(request, self, uai)

    @path("<str:uai>/planning/")
    def lycee_planning(self, request, uai):
        return lycee_planning_view(request, self, uai)

    @path("<str:uai>/<str:code>/")
    def space(self, request, uai, code):
        return space_view(request, self, uai, code)
