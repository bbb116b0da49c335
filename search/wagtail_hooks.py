from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from core import roles
from core.models import SynonymSet

from . import reports
from .forms import SynonymSetForm


def _report_urls():
    return [
        path("", reports.TopQueriesReportView.as_view(), name="top_queries"),
        path("resultats/", reports.TopQueriesReportView.as_view(results_only=True), name="top_queries_results"),
        path("sans-resultat/", reports.NoResultQueriesReportView.as_view(), name="no_results"),
        path(
            "sans-resultat/resultats/",
            reports.NoResultQueriesReportView.as_view(results_only=True),
            name="no_results_results",
        ),
        path("sans-resultat/promouvoir/", reports.promote, name="promote"),
    ]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("rapports/recherches/", include((_report_urls(), "search_reports"), namespace="search_reports"))]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(roles.VIEW_SEARCH_REPORTS)


@hooks.register("register_reports_menu_item")
def register_top_queries_menu_item():
    return ReportMenuItem(
        _("Recherches fréquentes"),
        reverse("search_reports:top_queries"),
        name="search-top-queries",
        icon_name="search",
        order=1310,
    )


@hooks.register("register_reports_menu_item")
def register_no_result_menu_item():
    return ReportMenuItem(
        _("Recherches sans résultat"),
        reverse("search_reports:no_results"),
        name="search-no-results",
        icon_name="search",
        order=1320,
    )


@hooks.register("register_permissions")
def register_permissions():
    app_label, codename = roles.VIEW_SEARCH_REPORTS.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


@hooks.register("register_demo_loader", order=50)
def register_demo_loader():
    return "search.demo.load"


class SynonymSetCreateView(CreateView):
    def get_initial_form_instance(self):
        # "?terms=a|b" pre-fills the form: the zero-result report links here with the query typed.
        terms = self.request.GET.get("terms", "")[:300]
        return SynonymSet(terms=[term for term in terms.split("|") if term.strip()]) if terms else None


class SynonymSetViewSet(SnippetViewSet):
    """One synonym vocabulary for both searches (the portal's pages and La Belette's directory)."""

    model = SynonymSet
    icon = "link"
    menu_label = _("Synonymes de recherche")
    menu_name = "search-synonyms"
    add_to_settings_menu = True
    list_display = ["__str__", "updated_at"]
    search_fields = None
    add_view_class = SynonymSetCreateView
    edit_handler = ObjectList([FieldPanel("terms")], base_form_class=SynonymSetForm)


register_snippet(SynonymSetViewSet)
