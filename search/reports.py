"""Admin reports over the query log: the most searched queries, and the queries that found nothing."""

from django.db.models import Max, Sum
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, DateFromToRangeFilter
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.contrib.search_promotions.models import Query

from core import roles
from core.exports import SafeReportView

from .kinds import registry
from .models import SearchQueryDay


def kind_choices():
    return [("", _("Tous les types"))] + [(kind.key, kind.label) for kind in registry.all()]


class QueryLogFilterSet(WagtailFilterSet):
    date = DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    kind = ChoiceFilter(label=_("Type de résultat"), choices=kind_choices, empty_label=_("Tous les filtres"))

    class Meta:
        model = SearchQueryDay
        fields = []


class QueryLogReportView(SafeReportView):
    header_icon = "search"
    is_searchable = True
    filterset_class = QueryLogFilterSet
    default_ordering = "-total_searches"
    columns = [
        Column("query", label=_("Recherche"), sort_key="query"),
        NumberColumn("total_searches", label=_("Nombre de recherches"), sort_key="total_searches"),
        NumberColumn("last_result_count", label=_("Résultats (au plus)")),
        DateColumn("last_date", label=_("Dernière recherche"), sort_key="last_date"),
    ]
    list_export = ["query", "total_searches", "last_result_count", "last_date"]
    export_headings = {
        "query": _("Recherche"),
        "total_searches": _("Nombre de recherches"),
        "last_result_count": _("Résultats (au plus)"),
        "last_date": _("Dernière recherche"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(roles.VIEW_SEARCH_REPORTS):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def rows(self):
        # Staff searches (colleagues' names, the directory) never reach the editors' reports.
        return SearchQueryDay.objects.filter(staff=False).exclude(kind__in=staff_only_kinds())

    def get_base_queryset(self):
        return (
            self.rows()
            .values("query")
            .annotate(total_searches=Sum("searches"), last_date=Max("date"), last_result_count=Max("result_count"))
        )

    def search_queryset(self, queryset):
        if self.search_query:
            return queryset.filter(query__icontains=self.search_query)
        return queryset


class TopQueriesReportView(QueryLogReportView):
    page_title = _("Recherches les plus fréquentes")
    index_url_name = "search_reports:top_queries"
    index_results_url_name = "search_reports:top_queries_results"


def staff_only_kinds():
    """The kinds an anonymous visitor cannot search (La Belette's directory)."""
    return [kind.key for kind in registry.available() if not kind.visible_to(None)]


def fix_links(row):
    """One click from a query that found nothing to a promoted result or a synonym set for it."""
    query = row["query"]
    return format_html(
        '<a class="button button-small button-secondary" href="{}?{}">{}</a> '
        '<a class="button button-small button-secondary" href="{}?{}">{}</a>',
        reverse("search_reports:promote"),
        urlencode({"q": query}),
        _("Ajouter un résultat promu"),
        reverse("wagtailsnippets_core_synonymset:add"),
        urlencode({"terms": query + "|"}),
        _("Ajouter un synonyme"),
    )


class NoResultQueriesReportView(QueryLogReportView):
    page_title = _("Recherches sans résultat")
    index_url_name = "search_reports:no_results"
    index_results_url_name = "search_reports:no_results_results"
    columns = [
        Column("query", label=_("Recherche"), sort_key="query"),
        NumberColumn("total_searches", label=_("Recherches sans résultat"), sort_key="total_searches"),
        DateColumn("last_date", label=_("Dernière recherche"), sort_key="last_date"),
        Column("fix", label=_("Corriger"), accessor=fix_links),
    ]
    list_export = ["query", "total_searches", "last_date"]

    def get_base_queryset(self):
        # Only the public searches that found nothing, each counted once (not the day's other searches).
        return (
            self.rows()
            .filter(zero_result_searches__gt=0)
            .values("query")
            .annotate(total_searches=Sum("zero_result_searches"), last_date=Max("date"))
        )


def promote(request):
    """The promoted results of a query that found nothing, opened in one click from the report."""
    if not request.user.has_perm("wagtailsearchpromotions.add_searchpromotion"):
        return permission_denied(request)
    query_string = (request.GET.get("q") or "").strip()[:200]
    if not query_string:
        return redirect("search_reports:no_results")
    query = Query.get(query_string)
    return redirect("wagtailsearchpromotions:edit", query.pk)
