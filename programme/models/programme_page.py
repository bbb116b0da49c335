"""/programme/, the public page of the programme. Its own module because its figures come from
programme.dashboard, which reads the other model modules: nothing imports this one back."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .. import dashboard


class ProgrammePage(Page):
    """/programme/: the aim, the editions, the budget, the partners and the projects by phase."""

    aim = RichTextField(_("objectif du programme"))
    body = RichTextField(_("présentation"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("aim"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("aim"), index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["programme.CallPage", "programme.ProjectPage"]
    max_count = 1

    class Meta:
        verbose_name = _("page du programme")
        verbose_name_plural = _("pages du programme")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(dashboard.programme_overview(self))
        return context
