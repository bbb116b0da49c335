"""The catalogue's filters (FORMATS.md), one FilterSet and one base queryset shared by the public page
and the JSON API.

Every parameter is validated by the FilterSet's form: a bad value gives a French message under the
parameter's own name, which the API answers as 400 and the page shows next to the field.
"""

import math
import re

import django_filters
from django import forms
from django.db.models import Case, Count, F, FloatField, Q, Value, When
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.dates import local, parse_local_datetime

from .availability import available_spaces
from .models import DEPARTMENTS, EQUIPMENT_CHOICES, Commune, Lycee, Space, SpaceKind, commune_key, equipment_mask

MAX_RADIUS_KM = 300  # the Région is about 250 km across
DEFAULT_RADIUS_KM = 10
MAX_PAGE = 100_000
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
EARTH_RADIUS_KM = 6371.0


class LocalDateTimeField(forms.CharField):
    """A FORMATS.md datetime: YYYY-MM-DDTHH:MM, Paris time (an explicit offset is accepted)."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_local_datetime(value)
        except ValueError:
            raise forms.ValidationError(
                _("Date et heure attendues au format AAAA-MM-JJTHH:MM (heure de Paris), par exemple 2027-03-16T18:30."),
                code="invalid",
            ) from None


class RawCheckboxInput(forms.CheckboxInput):
    """A checkbox on the page, whose submitted text reaches the field unchanged (Django's own checkbox
    turns any text into True, which would hide a malformed API parameter)."""

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class StrictBooleanField(forms.NullBooleanField):
    """true / false (also 1 / 0, yes / no); anything else is an error, not a silent "no filter"."""

    widget = RawCheckboxInput

    def to_python(self, value):
        if value in (None, "", False):
            return None
        if value is True:
            return True
        text = str(value).strip().lower()
        if text in {"true", "1", "yes", "on", "oui"}:
            return True
        if text in {"false", "0", "no", "non"}:
            return False
        raise forms.ValidationError(_("Valeur attendue : true ou false."), code="invalid")

    def validate(self, value):
        pass


class CatalogueForm(forms.Form):
    """The FilterSet's form, with the pagination parameters checked alongside the filters."""

    page = forms.IntegerField(label=_("page"), required=False, min_value=1, max_value=MAX_PAGE)
    page_size = forms.IntegerField(label=_("résultats par page"), required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("available_from"), cleaned.get("available_to")
        raw_from, raw_to = self.data.get("available_from"), self.data.get("available_to")
        if bool(raw_from) != bool(raw_to):
            missing = "available_to" if raw_from else "available_from"
            self.add_error(missing, _("Indiquez le début et la fin du créneau, ou ni l'un ni l'autre."))
        elif start and end:
            start_local, end_local = local(start), local(end)
            if start_local.date() != end_local.date():
                self.add_error("available_to", _("Le créneau doit commencer et finir le même jour."))
            elif start_local >= end_local:
                self.add_error("available_to", _("La fin du créneau doit être après son début."))
        self.near_commune = None
        near = cleaned.get("near")
        if near:
            self.near_commune = self.find_commune(near)
        return cleaned

    def find_commune(self, value):
        """The commune named by its INSEE code (the API's contract) or, for people, by its name."""
        located = Commune.objects.filter(latitude__isnull=False)
        if INSEE_CODE.fullmatch(value):
            commune = located.filter(code_insee=value.upper()).first()
            if commune is None:
                message = _("Commune inconnue : « %(code)s » (code INSEE attendu, par exemple 59350).")
                self.add_near_error(message, {"code": value})
            return commune
        # Accents, case, hyphens and apostrophes aside: "saint quentin" is Saint-Quentin, "etaples" Étaples.
        matches = list(located.filter(search_name=commune_key(value))[:6])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            message = _(
                "Commune inconnue : « %(name)s ». Indiquez son nom exact ou son code INSEE "
                "(par exemple Lille ou 59350)."
            )
            self.add_near_error(message, {"name": value})
        else:
            message = _("Plusieurs communes s'appellent « %(name)s » : précisez le code INSEE (%(codes)s).")
            codes = ", ".join(f"{c.code_insee} ({c.department})" for c in matches)
            self.add_near_error(message, {"name": value, "codes": codes})
        return None

    def add_near_error(self, message, params):
        # The values go as params, formatted once by whoever renders the error: formatting here as well
        # would format a typed "%" a second time (DRF formats every ValidationError with its params).
        self.add_error("near", forms.ValidationError(message, code="invalid", params=params))


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi, half_dlambda = math.radians(lat2 - lat1) / 2, math.radians(lon2 - lon1) / 2
    a = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


class DateTimeLocalInput(forms.TextInput):
    """The browser's date-and-time picker, which submits YYYY-MM-DDTHH:MM: the API's own format."""

    input_type = "datetime-local"


@extend_schema_field(OpenApiTypes.STR)  # YYYY-MM-DDTHH:MM, Paris time
class DateTimeSlotFilter(django_filters.Filter):
    field_class = LocalDateTimeField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", DateTimeLocalInput)
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.BOOL)
class TrueFalseFilter(django_filters.Filter):
    field_class = StrictBooleanField


# An INSEE commune code: 5 characters, Corsica's 2A/2B included.
INSEE_CODE = re.compile(r"\d[\dAaBb]\d{3}")


class SpaceFilter(django_filters.FilterSet):
    # Space.department is the lycée's, copied: one indexed column instead of a join.
    department = django_filters.ChoiceFilter(label=_("Département"), choices=DEPARTMENTS, field_name="department")
    commune = django_filters.CharFilter(
        label=_("Commune (code INSEE)"),
        field_name="lycee__code_insee",
        max_length=5,
        help_text=_("Par exemple 59350 pour Lille."),
    )
    near = django_filters.CharFilter(
        label=_("Près de la commune (nom ou code INSEE)"),
        method="filter_near",
        max_length=100,
        help_text=_("Par exemple Amiens, ou 80021."),
    )
    radius_km = django_filters.NumberFilter(
        label=_("Rayon (km)"),
        method="filter_nothing",
        min_value=0.1,
        max_value=MAX_RADIUS_KM,
        help_text=_("Autour de la commune choisie ; 10 km par défaut."),
    )
    kind = django_filters.MultipleChoiceFilter(
        label=_("Type d'espace"), choices=SpaceKind.choices, widget=forms.CheckboxSelectMultiple
    )
    min_capacity = django_filters.NumberFilter(
        label=_("Capacité minimale (personnes)"),
        field_name="capacity",
        lookup_expr="gte",
        min_value=0,
        max_value=100_000,
    )
    accessible = TrueFalseFilter(label=_("Accessible aux personnes à mobilité réduite"), method="filter_accessible")
    equipment = django_filters.MultipleChoiceFilter(
        label=_("Équipements (tous)"),
        choices=EQUIPMENT_CHOICES,
        method="filter_equipment",
        widget=forms.CheckboxSelectMultiple,
    )
    free = TrueFalseFilter(label=_("Gratuit"), method="filter_free")
    q = django_filters.CharFilter(label=_("Mots-clés"), method="filter_text", max_length=200)
    available_from = DateTimeSlotFilter(label=_("Libre à partir de"), method="filter_nothing")
    available_to = DateTimeSlotFilter(
        label=_("jusqu'à"), method="filter_available", help_text=_("Le même jour ; heure de Paris.")
    )

    class Meta:
        model = Space
        fields = []
        form = CatalogueForm

    def filter_queryset(self, queryset):
        # The form also checks page and page_size, which are not filters.
        for name, value in self.form.cleaned_data.items():
            if name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_nothing(self, queryset, name, value):
        return queryset  # read by another filter (near, available_to)

    def filter_accessible(self, queryset, name, value):
        return queryset if value is None else queryset.filter(accessible=value)

    def filter_free(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(hourly_rate_eur=0) if value else queryset.filter(hourly_rate_eur__gt=0)

    def filter_equipment(self, queryset, name, value):
        if not value:
            return queryset
        mask = equipment_mask(value)
        return queryset.annotate(_has_equipment=F("equipment_mask").bitand(mask)).filter(_has_equipment=mask)

    def filter_text(self, queryset, name, value):
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(description__icontains=word)
                | Q(lycee__name__icontains=word)
                | Q(lycee__commune_name__icontains=word)
            )
        return queryset

    def filter_near(self, queryset, name, value):
        if not value:
            return queryset
        commune = self.form.near_commune  # found (or refused) by the form
        if commune is None:
            return queryset.none()
        radius = float(self.form.cleaned_data.get("radius_km") or DEFAULT_RADIUS_KM)
        # A bounding box first (cheap), then the exact distance, over the lycées (a few hundred points).
        delta_lat = radius / 111.0
        delta_lon = radius / (111.0 * max(0.1, math.cos(math.radians(commune.latitude))))
        candidates = Lycee.objects.filter(
            latitude__range=(commune.latitude - delta_lat, commune.latitude + delta_lat),
            longitude__range=(commune.longitude - delta_lon, commune.longitude + delta_lon),
        ).values_list("pk", "latitude", "longitude")
        distances = {}
        for pk, lat, lon in candidates:
            km = distance_km(commune.latitude, commune.longitude, lat, lon)
            if km <= radius:
                distances[pk] = round(km, 1)
        if not distances:
            return queryset.none()
        # Nearest first: each space carries its lycée's distance (rounded to 0.1 km), as a column of the
        # one query, so that the order holds across pages.
        distance = Case(*(When(lycee_id=pk, then=Value(km)) for pk, km in distances.items()), output_field=FloatField())
        return (
            queryset.filter(lycee_id__in=list(distances))
            .annotate(distance_km=distance)
            .order_by("distance_km", "lycee_id", "code")
        )

    def filter_available(self, queryset, name, value):
        start = self.form.cleaned_data.get("available_from")
        if not value or not start:
            return queryset
        return available_spaces(queryset, start, value)


def space_queryset():
    """The spaces of the catalogue, in its order, with only the columns the page and the API show."""
    return (
        Space.objects.select_related("lycee")
        .only(
            "code",
            "name",
            "kind",
            "capacity",
            "area_m2",
            "accessible",
            "equipment",
            "hourly_rate_eur",
            "lycee__uai",
            "lycee__name",
            "lycee__commune_name",
            "lycee__code_insee",
            "lycee__department",
            "lycee__latitude",
            "lycee__longitude",
        )
        .order_by("lycee_id", "code")
    )


def facets(queryset):
    """Counts of the results by kind, département and equipment, in two queries whatever their number:
    {"kind": {code: n}, "department": {code: n}, "equipment": {code: n}} (codes with no result left out)."""
    queryset = queryset.order_by()
    by_kind, by_department = {}, {}
    for kind, department, count in queryset.values_list("kind", "department").annotate(n=Count("pk")):
        by_kind[kind] = by_kind.get(kind, 0) + count
        by_department[department] = by_department.get(department, 0) + count
    codes = [code for code, _label in EQUIPMENT_CHOICES]
    bits = {code: equipment_mask([code]) for code in codes}
    annotated = queryset.annotate(**{f"_eq_{i}": F("equipment_mask").bitand(bits[c]) for i, c in enumerate(codes)})
    counts = annotated.aggregate(
        **{f"n_{i}": Count("pk", filter=Q(**{f"_eq_{i}": bits[c]})) for i, c in enumerate(codes)}
    )
    by_equipment = {c: counts[f"n_{i}"] for i, c in enumerate(codes) if counts[f"n_{i}"]}
    order = {code: position for position, (code, _label) in enumerate(SpaceKind.choices)}
    return {
        "kind": dict(sorted(by_kind.items(), key=lambda item: order.get(item[0], len(order)))),
        "department": dict(sorted(by_department.items())),
        "equipment": by_equipment,
    }
