"""Shareloc's public JSON API (FORMATS.md): the spaces with every filter, and a space's availability."""

from django.db.models import Case, Count, F, OuterRef, Subquery, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from .availability import availability_between, load_calendars
from .filters import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SpaceFilter, facets, space_queryset
from .models import Commune, Space, commune_key

MAX_AVAILABILITY_DAYS = 92
# Years a calendar question makes sense for (a wider date overflows the day arithmetic near year 1 or 9999).
SUPPORTED_YEARS = (2000, 2100)


class LyceeBriefSerializer(serializers.Serializer):
    uai = serializers.CharField()
    name = serializers.CharField()
    commune = serializers.CharField(source="commune_name")
    code_insee = serializers.CharField()
    department = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)


class SpaceSerializer(serializers.Serializer):
    id = serializers.CharField(source="public_id", help_text="<uai>/<code>")
    uai = serializers.CharField(source="lycee.uai")
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    capacity = serializers.IntegerField()
    area_m2 = serializers.IntegerField(allow_null=True)
    accessible = serializers.BooleanField()
    equipment = serializers.ListField(child=serializers.CharField())
    hourly_rate_eur = serializers.DecimalField(max_digits=8, decimal_places=2, coerce_to_string=True)
    lycee = LyceeBriefSerializer()
    url = serializers.CharField(source="get_absolute_url", help_text=_("Chemin absolu de la page de l'espace."))
    distance_km = serializers.SerializerMethodField(
        help_text=_("Distance du lycée à la commune de « near », en km arrondis au dixième ; null sans « near ».")
    )

    def get_distance_km(self, space) -> float | None:
        return getattr(space, "distance_km", None)


class SpacePagination(PageNumberPagination):
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            # A page past the last one is a bad parameter, not a missing resource.
            raise ValidationError(
                {"page": [str(_("Cette page n'existe pas : elle est au-delà de la dernière."))]}
            ) from None

    def get_paginated_response(self, data, facet_counts=None):
        return Response(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "facets": facet_counts or {},
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        counts = {"type": "object", "additionalProperties": {"type": "integer"}}
        response["properties"]["facets"] = {
            "type": "object",
            "description": "Nombre de résultats (tous filtres appliqués) par type, département et équipement.",
            "properties": {"kind": counts, "department": counts, "equipment": counts},
        }
        return response


@extend_schema(
    summary="Espaces des lycées prêtés aux associations",
    description="Public, paginé ; chaque filtre est facultatif et ils se combinent (ET). Un paramètre invalide "
    "répond 400 avec un corps JSON qui le nomme. Voir data/FORMATS.md.",
    parameters=[
        OpenApiParameter("page", int, description="Numéro de page (à partir de 1)."),
        OpenApiParameter(
            "page_size", int, description=f"Résultats par page (défaut {DEFAULT_PAGE_SIZE}, au plus {MAX_PAGE_SIZE})."
        ),
    ],
)
class SpaceListView(ListAPIView):
    """GET /api/shareloc/spaces/"""

    serializer_class = SpaceSerializer
    pagination_class = SpacePagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = SpaceFilter
    authentication_classes = []
    permission_classes = []

    def get_queryset(self):
        return space_queryset()

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        data = self.get_serializer(page, many=True).data
        return self.paginator.get_paginated_response(data, facets(queryset))


class AvailabilityQuerySerializer(serializers.Serializer):
    # "from" is a Python keyword: the fields are named in __init__ below.
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = serializers.DateField(input_formats=["%Y-%m-%d"])
        self.fields["to"] = serializers.DateField(input_formats=["%Y-%m-%d"])

    def validate(self, attrs):
        first, last = attrs["from"], attrs["to"]
        for name in ("from", "to"):
            if not SUPPORTED_YEARS[0] <= attrs[name].year <= SUPPORTED_YEARS[1]:
                first_year, last_year = SUPPORTED_YEARS
                message = _("Les dates vont de %(first)d à %(last)d.") % {"first": first_year, "last": last_year}
                raise ValidationError({name: [message]})
        if last < first:
            raise ValidationError({"to": [_("« to » ne peut pas précéder « from ».")]})
        if (last - first).days + 1 > MAX_AVAILABILITY_DAYS:
            raise ValidationError(
                {"to": [_("Au plus %(days)d jours entre « from » et « to ».") % {"days": MAX_AVAILABILITY_DAYS}]}
            )
        return attrs


@extend_schema(
    summary="Disponibilités d'un espace, jour par jour",
    description="Par jour, les intervalles libres une fois appliqués les créneaux d'ouverture, les jours fériés, "
    f"les vacances scolaires (zone B), les fermetures et les réservations confirmées. Au plus "
    f"{MAX_AVAILABILITY_DAYS} jours.",
    parameters=[
        OpenApiParameter("from", OpenApiTypes.DATE, required=True, description="Premier jour (AAAA-MM-JJ)."),
        OpenApiParameter("to", OpenApiTypes.DATE, required=True, description="Dernier jour inclus (AAAA-MM-JJ)."),
    ],
    responses=inline_serializer(
        "SpaceAvailability",
        {
            "space": serializers.CharField(help_text="<uai>/<code>"),
            "days": inline_serializer(
                "DayAvailability",
                {
                    "date": serializers.DateField(),
                    "free": serializers.ListField(
                        child=serializers.ListField(child=serializers.CharField()),
                        help_text='[["HH:MM", "HH:MM"], ...]',
                    ),
                },
                many=True,
            ),
        },
    ),
)
class SpaceAvailabilityView(APIView):
    """GET /api/shareloc/spaces/<uai>/<code>/availability/?from=YYYY-MM-DD&to=YYYY-MM-DD"""

    authentication_classes = []
    permission_classes = []

    def get(self, request, uai, code):
        query = AvailabilityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        first, last = query.validated_data["from"], query.validated_data["to"]
        space = get_object_or_404(
            Space.objects.select_related("lycee").only("pk", "code", "lycee__uai"), lycee__uai=uai.upper(), code=code
        )
        by_space, calendars = load_calendars([space], first, last)
        days = availability_between(first, last, by_space[space.pk], calendars)
        return Response(
            {
                "space": space.public_id,
                "days": [
                    {
                        "date": day.date.isoformat(),
                        "free": [[f"{start:%H:%M}", _end_hhmm(end)] for start, end in day.free],
                    }
                    for day in days
                ],
            }
        )


def _end_hhmm(moment):
    """HH:MM; an interval that runs to the end of the day ends at 24:00."""
    return "24:00" if moment.hour == 0 and moment.minute == 0 else f"{moment:%H:%M}"


COMMUNE_SUGGESTIONS = 10
COMMUNE_QUERY_MAX = 100


class CommuneQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=COMMUNE_QUERY_MAX,
        help_text=_("Début du nom de la commune (accents, majuscules et tirets indifférents) ou de son code INSEE."),
    )

    def validate_q(self, value):
        if len(commune_key(value).replace(" ", "")) < 2:
            raise ValidationError(_("Tapez au moins deux lettres ou chiffres du nom ou du code INSEE de la commune."))
        return value


@extend_schema(
    summary="Communes dont le nom (ou le code INSEE) commence par le texte tapé",
    description="Pour compléter le champ « near » (« à proximité de ») : au plus "
    f"{COMMUNE_SUGGESTIONS} communes situées, l'exacte d'abord puis les plus peuplées. Le nom est comparé sans "
    "accents, majuscules, tirets ni apostrophes. « value » est ce qu'il faut donner à « near » : le nom, ou le "
    "code INSEE quand plusieurs communes portent ce nom.",
    parameters=[OpenApiParameter("q", str, required=True, description="Au moins deux lettres ou chiffres.")],
    responses=inline_serializer(
        "CommuneSuggestions",
        {
            "results": inline_serializer(
                "CommuneSuggestion",
                {
                    "name": serializers.CharField(),
                    "department": serializers.CharField(),
                    "code_insee": serializers.CharField(),
                    "value": serializers.CharField(help_text="La valeur à donner à « near »."),
                },
                many=True,
            )
        },
    ),
)
class CommuneSuggestView(APIView):
    """GET /api/shareloc/communes/?q=… — one SQL query whatever the text."""

    authentication_classes = []
    permission_classes = []

    def get(self, request):
        query = CommuneQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        text = query.validated_data["q"].strip()
        located = Commune.objects.filter(latitude__isnull=False)
        if text[:1].isdigit():
            matches = located.filter(code_insee__startswith=text.upper()[:5])
        else:
            matches = located.filter(search_name__startswith=commune_key(text))
        namesakes = (
            located.filter(search_name=OuterRef("search_name"))
            .order_by()
            .values("search_name")
            .annotate(n=Count("pk"))
            .values("n")
        )
        rows = (
            matches.annotate(
                namesakes=Subquery(namesakes),
                exact=Case(When(search_name=commune_key(text), then=0), default=1),
            )
            .order_by("exact", F("population").desc(nulls_last=True), "name", "code_insee")
            .values_list("name", "department", "code_insee", "namesakes")[:COMMUNE_SUGGESTIONS]
        )
        return Response(
            {
                "results": [
                    {
                        "name": name,
                        "department": department,
                        "code_insee": code,
                        "value": name if namesakes == 1 else code,
                    }
                    for name, department, code, namesakes in rows
                ]
            }
        )
