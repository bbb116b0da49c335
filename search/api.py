"""GET /api/search/ (the grouped results of the search page, as JSON) and GET /api/search/suggestions/."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.pagination import BadParameter, parse_page_number
from core.text import clean_query

from . import engine
from .querylog import log_search


class ContactSerializer(serializers.Serializer):
    service = serializers.CharField(help_text="Nom du service.")
    email = serializers.CharField(help_text="Boîte fonctionnelle du service (vide si aucune).")
    phone = serializers.CharField(help_text="Téléphone du service (vide si aucun).")


class HitSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    meta = serializers.CharField()
    snippet = serializers.CharField(help_text="Extrait, HTML échappé, mots trouvés entre <mark> et </mark>.")
    contact = ContactSerializer(
        allow_null=True,
        help_text="Pour une aide : le contact public du service qui s'en occupe (jamais une personne) ; sinon null.",
    )


class GroupSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    unavailable = serializers.BooleanField(help_text="Vrai si ce type n'a pas pu être interrogé.")
    results = HitSerializer(many=True, source="hits")


class PromotionSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    description = serializers.CharField()


class OutcomeSerializer(serializers.Serializer):
    query = serializers.CharField()
    kind = serializers.CharField(allow_null=True)
    count = serializers.IntegerField(source="total")
    counts = serializers.DictField(child=serializers.IntegerField())
    page = serializers.SerializerMethodField()
    num_pages = serializers.SerializerMethodField()
    suggestion = serializers.CharField(allow_null=True, help_text="« Vous vouliez dire » quand rien n'est trouvé.")
    promotions = PromotionSerializer(many=True)
    best = HitSerializer(
        many=True,
        help_text="Les 5 meilleurs résultats tous types confondus, résultats promus d'abord (kind « promoted »).",
    )
    groups = GroupSerializer(many=True)

    def get_page(self, outcome) -> int:
        return outcome.pagination.number if outcome.pagination else 1

    def get_num_pages(self, outcome) -> int:
        return outcome.pagination.num_pages if outcome.pagination else 1


ERROR = inline_serializer("SearchError", {"detail": serializers.CharField()})


def _bad_request(message):
    return Response({"detail": message}, status=400)


class SearchAPIView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="search",
        summary="Recherche sur tout le site, résultats groupés par type",
        description=(
            "Les mêmes résultats que la page /recherche/. Sans `kind` : le nombre de résultats de "
            "chaque type et les 3 premiers ; avec `kind` : les résultats de ce type, 10 par page. "
            "L'annuaire interne (`directory`) n'existe que pour les agents de la Région connectés."
        ),
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, required=True, description="Texte cherché (200 caractères)."),
            OpenApiParameter(
                "kind",
                OpenApiTypes.STR,
                description="aids, news, spaces, projects, pages, directory (agents seulement).",
            ),
            OpenApiParameter("page", OpenApiTypes.INT, description="Page des résultats d'un type (avec kind)."),
        ],
        responses={200: OutcomeSerializer, 400: ERROR},
    )
    def get(self, request):
        query = clean_query(request.query_params.get("q", ""))
        if not query:
            return _bad_request("Le paramètre q (texte cherché) est obligatoire.")
        try:
            kind = engine.parse_kind(request.query_params.get("kind"), request.user)
            page = parse_page_number(request, message=_("Le numéro de page doit être un entier positif."))
            outcome = engine.search_site(query, request.user, kind=kind, page=page)
        except (engine.SearchParameterError, BadParameter) as error:
            return _bad_request(str(error))
        if page == 1:
            log_search(outcome, request.user)
        return Response(OutcomeSerializer(outcome).data)


class SuggestionsAPIView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="search_suggestions",
        summary="Suggestions pendant la saisie (titres qui commencent comme le texte)",
        parameters=[
            OpenApiParameter(
                "q", OpenApiTypes.STR, required=True, description="Début du texte (2 caractères au moins)."
            )
        ],
        responses={
            200: inline_serializer(
                "SearchSuggestions",
                {
                    "results": inline_serializer(
                        "SearchSuggestion",
                        {
                            "kind": serializers.CharField(),
                            "label": serializers.CharField(),
                            "title": serializers.CharField(),
                            "meta": serializers.CharField(),
                            "url": serializers.CharField(),
                        },
                        many=True,
                    )
                },
            )
        },
    )
    def get(self, request):
        return Response({"results": engine.autocomplete(clean_query(request.query_params.get("q", "")), request.user)})
