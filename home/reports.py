"""Admin reports: pages past their review date (content freshness) and page feedback."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.exports import SafeReportView

from .freshness import overdue_pages
from .models import PageFeedback


def editable_pages(user):
    """Visitors' comments on a page are read only by those who may edit it (Wagtail's page permissions)."""
    return PagePermissionPolicy().instances_user_has_permission_for(user, "change")


class PageEditTitleColumn(TitleColumn):
    def get_link_url(self, instance, parent_context):
        return reverse("wagtailadmin_pages:edit", args=[instance.pk])


class OverduePagesReport(SafeReportView):
    page_title = _("Pages à relire")
    header_icon = "time"
    index_url_name = "home_reports:overdue_pages"
    index_results_url_name = "home_reports:overdue_pages_results"
    model = Page
    any_permission_required = ["change", "publish"]
    export_filename = "pages-a-relire"
    list_export = ["title", "review_by", "owner_name", "url_path"]
    export_headings = {
        "title": _("Page"),
        "review_by": _("À relire avant le"),
        "owner_name": _("Propriétaire"),
        "url_path": _("Chemin"),
    }
    columns = [
        PageEditTitleColumn("title", label=_("Page")),
        DateColumn("review_by", label=_("À relire avant le")),
        Column("owner_name", label=_("Propriétaire")),
    ]

    @property
    def permission_policy(self):
        return PagePermissionPolicy()

    def get_queryset(self):
        pages = list(overdue_pages().specific())
        editable = PagePermissionPolicy().instances_user_has_permission_for(self.request.user, "change")
        editable_ids = set(editable.filter(pk__in=[p.pk for p in pages]).values_list("pk", flat=True))
        rows = []
        for page in pages:
            if page.pk not in editable_ids:
                continue
            page.owner_name = (page.owner.get_full_name() or page.owner.get_username()) if page.owner else ""
            rows.append(page)
        return sorted(rows, key=lambda p: (p.review_by or datetime.date.min, p.title))


class FeedbackReport(SafeReportView):
    page_title = _("Avis des visiteurs")
    header_icon = "help"
    index_url_name = "home_reports:feedback"
    index_results_url_name = "home_reports:feedback_results"
    model = Page
    any_permission_required = ["change", "publish"]
    export_filename = "avis-des-visiteurs"
    list_export = ["title", "useful_count", "not_useful_count", "comment_count", "url_path"]
    export_headings = {
        "title": _("Page"),
        "useful_count": _("Utile"),
        "not_useful_count": _("Pas utile"),
        "comment_count": _("Commentaires"),
        "url_path": _("Chemin"),
    }
    columns = [
        TitleColumn(
            "title", label=_("Page"), get_url=lambda page: reverse("home_reports:feedback_comments", args=[page.pk])
        ),
        Column("useful_count", label=_("Oui")),
        Column("not_useful_count", label=_("Non")),
        Column("useful_share", label=_("% utile")),
        Column("comment_count", label=_("Commentaires")),
    ]

    @property
    def permission_policy(self):
        return PagePermissionPolicy()

    def get_queryset(self):
        pages = (
            Page.objects.filter(feedback__isnull=False, pk__in=editable_pages(self.request.user).values("pk"))
            .annotate(
                useful_count=Count("feedback", filter=Q(feedback__useful=True)),
                not_useful_count=Count("feedback", filter=Q(feedback__useful=False)),
                comment_count=Count("feedback", filter=~Q(feedback__comment="")),
            )
            .order_by("-not_useful_count", "title")
        )
        for page in pages:
            total = page.useful_count + page.not_useful_count
            page.useful_share = f"{round(100 * page.useful_count / total)} %" if total else "–"
        return list(pages)


class FeedbackCommentsReport(SafeReportView):
    header_icon = "comment"
    index_url_name = "home_reports:feedback_comments"
    index_results_url_name = "home_reports:feedback_comments_results"
    model = PageFeedback
    any_permission_required = ["change", "publish"]
    export_filename = "avis-page"
    list_export = ["created_on", "useful", "comment"]
    columns = [
        DateColumn("created_on", label=_("Jour")),
        Column("useful_label", label=_("Utile ?")),
        Column("comment", label=_("Commentaire")),
    ]

    @property
    def permission_policy(self):
        return PagePermissionPolicy()

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = Page.objects.filter(pk=kwargs.get("page_id")).first()

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.kwargs["page_id"]])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.kwargs["page_id"]])

    def get_page_title(self):
        return _("Avis sur « %(title)s »") % {"title": self.page.title if self.page else "?"}

    def get_queryset(self):
        if not editable_pages(self.request.user).filter(pk=self.kwargs["page_id"]).exists():
            raise PermissionDenied
        rows = list(PageFeedback.objects.filter(page_id=self.kwargs["page_id"]).order_by("-created_on", "-pk"))
        for row in rows:
            row.useful_label = _("oui") if row.useful else _("non")
        return rows
