"""The aid catalogue: django-filter filters, result counts per filter value, sort, pagination.

Shareable: every filter is a GET parameter (public, theme, nature, departement, ouvertes, q, tri,
page). A value the form refuses answers 400 with the form's French messages; a page past the end 404."""

from dataclasses import dataclass, field

import django_filters
from django import forms
from django.db.models import Case, Count, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.page_index import search_page_ids
from core.pagination import BadParameter, paginate

from .aid_natures import NATURE_CHOICES
from .models.aids import DEPARTMENTS, AidePage, by_name
from .taxonomy import aid_taxonomies

SORT_NAME, SORT_CLOSING = "nom", "cloture"
SORT_CHOICES = [
    (SORT_NAME, _("Nom (de A à Z)")),
    (SORT_CLOSING, _("Date de clôture (la plus proche d'abord)")),
]


def ordered(queryset, sort, today):
    """`queryset` in the chosen order, the page's primary key breaking ties.

    By closing date: the aids one can still apply for, whose closing date comes soonest first, then
    those with no closing date; the aids already closed come last (the most recently closed first), so
    the soonest deadlines open the list."""
    if sort == SORT_CLOSING:
        group = Case(
            When(closes_on__isnull=True, then=Value(1)),
            When(closes_on__lt=today, then=Value(2)),
            default=Value(0),
        )
        # The still-open deadlines ascending; the closed ones (their first key is null) descending.
        upcoming_deadline = Case(When(closes_on__gte=today, then=F("closes_on")))
        return queryset.alias(closing_group=group).order_by(
            "closing_group", upcoming_deadline.asc(), F("closes_on").desc(), by_name(), "pk"
        )
    return queryset.order_by(by_name(), "pk")


def open_on(day):
    return (Q(opens_on__isnull=True) | Q(opens_on__lte=day)) & (Q(closes_on__isnull=True) | Q(closes_on__gte=day))


class AidFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Mots-clés"), method="filter_text", max_length=100)
    public = django_filters.MultipleChoiceFilter(
        label=_("Public"), field_name="audiences__slug", distinct=True, widget=forms.CheckboxSelectMultiple
    )
    theme = django_filters.MultipleChoiceFilter(
        label=_("Thème"), field_name="themes__slug", distinct=True, widget=forms.CheckboxSelectMultiple
    )
    departement = django_filters.ChoiceFilter(
        label=_("Département"), choices=DEPARTMENTS, method="filter_department", empty_label=_("Tous les départements")
    )
    nature = django_filters.MultipleChoiceFilter(
        label=_("Nature de l'aide"), field_name="nature", choices=NATURE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    ouvertes = django_filters.ChoiceFilter(
        label=_("Seulement les aides ouvertes aujourd'hui"), choices=[("1", _("oui"))], method="filter_open"
    )
    # Not a filter: checked with them (a bad value answers 400), applied by aid_catalogue().
    tri = django_filters.ChoiceFilter(label=_("Trier par"), choices=SORT_CHOICES, empty_label=None, method="keep_order")

    facet_names = ("public", "theme", "nature", "departement", "ouvertes")
    not_filters = ("tri",)

    class Meta:
        model = AidePage
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        taxonomies = aid_taxonomies()  # cached: validating a slug costs no query
        self.filters["public"].extra["choices"] = taxonomies["audiences"]
        self.filters["theme"].extra["choices"] = taxonomies["themes"]
        self.today = timezone.localdate()

    def filter_text(self, queryset, name, value):
        # The site search's page index: accents, plurals, typos and synonyms as on /recherche/ (asked once,
        # the facets apply this filter again).
        if getattr(self, "_text_ids", None) is None or self._text_ids[0] != value:
            self._text_ids = (value, search_page_ids(value))
        return queryset.filter(pk__in=self._text_ids[1])

    def filter_department(self, queryset, name, value):
        return queryset.filter(Q(whole_region=True) | Q(departments__code=value)).distinct()

    def filter_open(self, queryset, name, value):
        return queryset.filter(open_on(self.today)) if value == "1" else queryset

    def keep_order(self, queryset, name, value):
        return queryset

    def filter_queryset_except(self, queryset, excluded):
        """The queryset with every filter applied but `excluded` (for that filter's counts)."""
        for name, value in self.form.cleaned_data.items():
            if name != excluded and name not in self.not_filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def sort(self):
        return (self.form.cleaned_data.get("tri") if self.is_bound else None) or SORT_NAME

    @property
    def active(self):
        return any(self.form.cleaned_data.get(name) for name in self.filters if name not in self.not_filters)


@dataclass
class CatalogueResult:
    status: int = 200
    context: dict = field(default_factory=dict)


def aid_catalogue(index_page, request):
    # Not `.public()`: Wagtail already refuses the whole catalogue when the index page is
    # restricted, and the extra query would break the page's query budget.
    base = AidePage.objects.live().descendant_of(index_page)
    filterset = AidFilterSet(request.GET or None, queryset=base)
    context = {"filter": filterset, "form": filterset.form}
    if filterset.is_bound and not filterset.is_valid():
        return CatalogueResult(400, {**context, "errors": filterset.form.errors, "aids": None})
    results = ordered(filterset.qs if filterset.is_bound else base, filterset.sort, filterset.today)
    facet_counts = facets(filterset, base)
    try:
        page_obj = paginate(
            results.prefetch_related("audiences"), request, index_page.per_page, count=facet_counts.pop("total")
        )
    except BadParameter as error:
        return CatalogueResult(400, {**context, "errors": {"page": [error.message]}, "aids": None})
    context.update(
        {
            "aids": page_obj,
            "facets": facet_counts,
            "filters_active": filterset.is_bound and filterset.active,
            "sort_options": [
                {"value": value, "label": label, "selected": value == filterset.sort} for value, label in SORT_CHOICES
            ],
        }
    )
    return CatalogueResult(200, context)


def facets(filterset, base):
    """For each filter value, how many aids it would give with the other filters kept."""
    bound = filterset.is_bound
    data = filterset.form.cleaned_data if bound else {}

    def base_for(name):
        return filterset.filter_queryset_except(base, name) if bound else base

    def selected(name):
        value = data.get(name) or []
        return set(value) if isinstance(value, list) else {value}

    taxonomies = aid_taxonomies()
    result = {}
    natures = dict(base_for("nature").order_by().values_list("nature").annotate(n=Count("pk", distinct=True)))
    result["nature"] = [
        {"value": value, "label": label, "count": natures.get(value, 0), "checked": value in selected("nature")}
        for value, label in NATURE_CHOICES
    ]
    for name, relation, options in (
        ("public", "audiences", taxonomies["audiences"]),
        ("theme", "themes", taxonomies["themes"]),
    ):
        counts = dict(base_for(name).order_by().values_list(f"{relation}__slug").annotate(n=Count("pk", distinct=True)))
        result[name] = [
            {"value": slug, "label": label, "count": counts.get(slug, 0), "checked": slug in selected(name)}
            for slug, label in options
        ]
    per_department = {
        f"d{code}": Count("pk", distinct=True, filter=Q(whole_region=True) | Q(departments__code=code))
        for code, _name in DEPARTMENTS
    }
    counts = base_for("departement").order_by().aggregate(total=Count("pk", distinct=True), **per_department)
    # The same query gives the number of results: all of them, or those of the chosen département.
    chosen = data.get("departement")
    result["total"] = counts[f"d{chosen}"] if chosen else counts["total"]
    result["departement"] = [
        {
            "value": code,
            "label": f"{name} ({code})",
            "count": counts[f"d{code}"],
            "checked": code in selected("departement"),
        }
        for code, name in DEPARTMENTS
    ]
    result["ouvertes"] = {
        "count": base_for("ouvertes")
        .filter(open_on(filterset.today))
        .order_by()
        .aggregate(n=Count("pk", distinct=True))["n"],
        "checked": "1" in selected("ouvertes"),
    }
    return result
