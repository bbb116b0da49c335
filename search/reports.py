"""Admin reports over the query log: the most searched queries, and the queries that found nothing."""

from django.db.models import Max, Sum
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, DateFromToRangeFilter
from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn

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
        return SearchQueryDay.objects.all()

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


class NoResultQueriesReportView(QueryLogReportView):
    page_title = _("Recherches sans résultat")
    index_url_name = "search_reports:no_results"
    index_results_url_name = "search_reports:no_results_results"

    def rows(self):
        return SearchQueryDay.objects.filter(result_count=0)
