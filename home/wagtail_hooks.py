from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import search_kinds
from .models import AidAudience, AidTheme
from .reports import FeedbackCommentsReport, FeedbackReport, OverduePagesReport


class AidAudienceViewSet(SnippetViewSet):
    model = AidAudience
    icon = "group"
    menu_label = _("Publics")
    list_display = ["name", "slug"]


class AidThemeViewSet(SnippetViewSet):
    model = AidTheme
    icon = "tag"
    menu_label = _("Thèmes")
    list_display = ["name", "slug"]


class AidTaxonomyGroup(SnippetViewSetGroup):
    items = (AidAudienceViewSet, AidThemeViewSet)
    menu_icon = "tag"
    menu_label = _("Classement des aides")
    menu_name = "aid-taxonomies"


register_snippet(AidTaxonomyGroup)


report_urls = [
    path("pages-a-relire/", OverduePagesReport.as_view(), name="overdue_pages"),
    path("pages-a-relire/resultats/", OverduePagesReport.as_view(results_only=True), name="overdue_pages_results"),
    path("avis/", FeedbackReport.as_view(), name="feedback"),
    path("avis/resultats/", FeedbackReport.as_view(results_only=True), name="feedback_results"),
    path("avis/<int:page_id>/", FeedbackCommentsReport.as_view(), name="feedback_comments"),
    path(
        "avis/<int:page_id>/resultats/",
        FeedbackCommentsReport.as_view(results_only=True),
        name="feedback_comments_results",
    ),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("rapports-portail/", include((report_urls, "home_reports"), namespace="home_reports"))]


class PageEditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, ["change", "publish"])


@hooks.register("register_reports_menu_item")
def register_overdue_pages_menu_item():
    return PageEditorsMenuItem(
        _("Pages à relire"), reverse("home_reports:overdue_pages"), name="overdue-pages", icon_name="time", order=650
    )


@hooks.register("register_reports_menu_item")
def register_feedback_menu_item():
    return PageEditorsMenuItem(
        _("Avis des visiteurs"), reverse("home_reports:feedback"), name="page-feedback", icon_name="help", order=660
    )


@hooks.register("register_search_kinds")
def register_search_kinds():
    return search_kinds.SEARCH_KINDS


@hooks.register("register_demo_loader", order=10)
def register_demo_loader():
    return "home.demo.load"


@hooks.register("register_site_setup", order=10)
def register_site_setup():
    return "home.setup.setup"
