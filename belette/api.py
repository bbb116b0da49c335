"""GET /api/belette/search/ and /api/belette/autocomplete/ (FORMATS.md): staff only, session or token."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .access import IsDirectoryStaff
from .documents import KINDS
from .forms import MAX_QUERY
from .search import get_directory_backend

AUTOCOMPLETE_LIMIT = 10
REDUCED_HELP = "Vrai quand la recherche fonctionne en mode réduit (Elasticsearch ne répond pas : recherche intégrée)."
TOO_LONG = _("Le paramètre q est trop long (200 caractères au plus).")


class SearchParams(serializers.Serializer):
    q = serializers.CharField(
        max_length=MAX_QUERY,
        allow_blank=False,
        trim_whitespace=True,
        error_messages={
            "required": _("Le paramètre q (texte recherché) est obligatoire."),
            "blank": _("Le paramètre q (texte recherché) est vide."),
            "max_length": TOO_LONG,
        },
    )
    kind = serializers.ChoiceField(
        choices=KINDS,
        required=False,
        error_messages={"invalid_choice": _("kind doit valoir agent, unit ou dispositif.")},
    )
    limit = serializers.IntegerField(
        required=False,
        default=10,
        min_value=1,
        max_value=50,
        error_messages={
            "invalid": _("limit doit être un nombre entier."),
            "min_value": _("limit vaut au moins 1."),
            "max_value": _("limit vaut au plus 50."),
        },
    )
    offset = serializers.IntegerField(
        required=False,
        default=0,
        min_value=0,
        max_value=10_000,
        error_messages={
            "invalid": _("offset doit être un nombre entier."),
            "min_value": _("offset vaut au moins 0."),
            "max_value": _("offset vaut au plus 10000."),
        },
    )


class AutocompleteParams(serializers.Serializer):
    q = serializers.CharField(
        max_length=MAX_QUERY, allow_blank=True, required=False, default="", error_messages={"max_length": TOO_LONG}
    )


UnitSerializer = inline_serializer("BeletteUnitRef", {"code": serializers.CharField(), "name": serializers.CharField()})
SearchResponse = inline_serializer(
    "BeletteSearchResponse",
    {
        "count": serializers.IntegerField(),
        "reduced_mode": serializers.BooleanField(help_text=REDUCED_HELP),
        "results": inline_serializer(
            "BeletteSearchHit",
            {
                "kind": serializers.ChoiceField(choices=KINDS),
                "id": serializers.CharField(),
                "name": serializers.CharField(),
                "unit": UnitSerializer,
                "score": serializers.FloatField(),
                "snippet": serializers.CharField(),
                "url": serializers.CharField(),
            },
            many=True,
        ),
    },
)
AutocompleteResponse = inline_serializer(
    "BeletteAutocompleteResponse",
    {
        "reduced_mode": serializers.BooleanField(help_text=REDUCED_HELP),
        "results": inline_serializer(
            "BeletteSuggestion",
            {
                "kind": serializers.ChoiceField(choices=KINDS),
                "id": serializers.CharField(),
                "label": serializers.CharField(),
            },
            many=True,
        ),
    },
)


class SearchAPIView(APIView):
    """Best first, across dispositifs, units and agents."""

    permission_classes = [IsDirectoryStaff]

    @extend_schema(parameters=[SearchParams], responses={200: SearchResponse}, tags=["belette"])
    def get(self, request):
        params = SearchParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        outcome = get_directory_backend().search(
            data["q"], kind=data.get("kind"), limit=data["limit"], offset=data["offset"]
        )
        return Response({"count": outcome.count, "reduced_mode": outcome.reduced, "results": outcome.results})


class AutocompleteAPIView(APIView):
    """At most 10 suggestions for a query being typed."""

    permission_classes = [IsDirectoryStaff]

    @extend_schema(parameters=[AutocompleteParams], responses={200: AutocompleteResponse}, tags=["belette"])
    def get(self, request):
        params = AutocompleteParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        query = params.validated_data["q"].strip()
        backend = get_directory_backend()
        results = backend.autocomplete(query, limit=AUTOCOMPLETE_LIMIT) if query else []
        return Response({"reduced_mode": bool(getattr(backend, "reduced", False)), "results": results})
