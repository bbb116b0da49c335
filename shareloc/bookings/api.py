"""The booking-request API (Django REST framework; token or session authentication).

    POST /api/shareloc/requests/                 an association member asks for a slot or a weekly series
    GET  /api/shareloc/requests/                 an association's own requests; a manager's lycées' requests
    GET  /api/shareloc/requests/<id>/            one request, its dates and its history
    POST /api/shareloc/requests/<id>/approve/    {"dates": ["YYYY-MM-DD", ...]} optional; 409 on a conflict
    POST /api/shareloc/requests/<id>/decline/    {"reason": "..."}
    POST /api/shareloc/requests/<id>/cancel/     {"dates": [...]} optional (the association)
    POST /api/shareloc/requests/<id>/change/     {"date", "start", "end", "space"?}: a new request that
                                                 replaces that confirmed date once approved

The views parse, call one function of workflow.py and serialise its result. Anonymous callers get 401
(token authentication comes first, so the answer carries `WWW-Authenticate: Token`).
"""

from datetime import date

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.dates import local, parse_local_datetime
from core.pagination import BadParameter, parse_page_number

from ..catalogue.models import Space
from . import workflow
from .models import BookingRequest, RequestStatus
from .permissions import visible_requests

PAGE_SIZE = 50


class LocalDateTimeField(serializers.CharField):
    """FORMATS.md's datetimes, by core.dates' one parser: a Paris time that does not exist is refused too."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        try:
            return parse_local_datetime(value)
        except ValueError:
            raise serializers.ValidationError(
                _("Date et heure attendues au format AAAA-MM-JJTHH:MM, heure de Paris existante.")
            ) from None


class EquipmentLineSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=30)
    quantity = serializers.IntegerField(min_value=1, max_value=100000)


class RequestInputSerializer(serializers.Serializer):
    space = serializers.CharField(help_text="<uai>/<code>")
    start = LocalDateTimeField(help_text="YYYY-MM-DDTHH:MM (heure de Paris)")
    end = LocalDateTimeField(help_text="YYYY-MM-DDTHH:MM, le même jour")
    repeat_weekly_until = serializers.DateField(required=False, allow_null=True)
    attendees = serializers.IntegerField(min_value=1, max_value=100000)
    purpose = serializers.CharField(max_length=workflow.MAX_PURPOSE)
    equipment = EquipmentLineSerializer(many=True, required=False)
    idempotency_key = serializers.CharField(required=False, allow_blank=True, max_length=64)

    def validate_space(self, value):
        uai, _slash, code = value.partition("/")
        space = (
            Space.objects.select_related("lycee").filter(lycee__uai=uai.upper(), code=code).first()
            if uai and code
            else None
        )
        if space is None:
            raise serializers.ValidationError(_("Espace inconnu : « %(id)s » (format <uai>/<code>).") % {"id": value})
        return space


class DatesInputSerializer(serializers.Serializer):
    dates = serializers.ListField(child=serializers.DateField(), required=False, allow_empty=False)


class ApproveInputSerializer(DatesInputSerializer):
    reasons = serializers.DictField(
        child=serializers.CharField(max_length=2000, allow_blank=True),
        required=False,
        help_text='Motif par date non retenue : {"AAAA-MM-JJ": "motif"}.',
    )

    without_equipment = serializers.ListField(
        child=serializers.CharField(max_length=30),
        required=False,
        help_text="Codes du matériel demandé à ne pas prêter (indisponible) : l'espace est accordé sans lui.",
    )

    def validate_reasons(self, value):
        for key in value:
            try:
                date.fromisoformat(key)
            except ValueError:
                raise serializers.ValidationError(
                    _("« %(key)s » n'est pas une date AAAA-MM-JJ.") % {"key": key}
                ) from None
        return value


class ChangeInputSerializer(serializers.Serializer):
    date = serializers.DateField(help_text="La date confirmée à modifier (AAAA-MM-JJ).")
    start = LocalDateTimeField(help_text="Nouveau début, YYYY-MM-DDTHH:MM (heure de Paris)")
    end = LocalDateTimeField(help_text="Nouvelle fin, le même jour")
    space = serializers.CharField(required=False, help_text="<uai>/<code> ; par défaut le même espace")

    def validate_space(self, value):
        return RequestInputSerializer().validate_space(value)


class DeclineInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class CancelInputSerializer(DatesInputSerializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)


def _iso(day):
    return day.isoformat() if isinstance(day, date) else day


def serialise_request(request, with_history=False):
    summary = workflow.availability_summary(request)
    data = {
        "id": request.pk,
        "status": request.status,
        "status_label": str(request.get_status_display()),
        "space": request.space.public_id,
        "space_name": request.space.name,
        "lycee": request.space.lycee.name,
        "association": request.association.name,
        "attendees": request.attendees,
        "purpose": request.purpose,
        "repeat_weekly_until": _iso(request.repeat_weekly_until),
        "equipment": [
            {
                "code": line.equipment.code,
                "name": line.equipment.name,
                "quantity": line.quantity,
                "left_out": line.left_out,
            }
            for line in request.equipment_lines.all()
        ],
        "replaces": (
            {
                "request": request.replaces.request_id,
                "date": local(request.replaces.booking.start).date().isoformat(),
                "space": request.replaces.booking.space.public_id,
            }
            if request.replaces_id
            else None
        ),
        "availability": {"free": summary["free"], "total": summary["total"], "text": summary["text"]},
        "dates": [{key: value for key, value in row.items() if key != "day"} for row in summary["dates"]],
        "decline_reason": request.decline_reason,
        "created_at": local(request.created_at).isoformat(timespec="seconds"),
    }
    if with_history:
        data["history"] = [
            {
                "at": local(change.at).isoformat(timespec="seconds"),
                "by": (change.actor.get_full_name() or change.actor.get_username()) if change.actor else None,
                "date": local(change.request_date.booking.start).date().isoformat() if change.request_date else None,
                "from": change.from_status or None,
                "to": change.to_status,
                "reason": change.reason,
            }
            for change in request.history.all()
        ]
    return data


def error_response(error):
    body = dict(error.errors)
    if isinstance(error, workflow.Conflict):
        body = {"detail": error.errors["detail"][0], "dates": error.dates}
    elif list(body) == ["detail"]:
        body = {"detail": body["detail"][0]}
    return Response(body, status=error.http_status)


REQUEST_SCHEMA = inline_serializer(
    "BookingRequest",
    {
        "id": serializers.IntegerField(),
        "status": serializers.CharField(),
        "space": serializers.CharField(),
        "availability": serializers.DictField(),
        "dates": serializers.ListField(child=serializers.DictField()),
    },
)


class BookingAPIView(APIView):
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]


class RequestListView(BookingAPIView):
    @extend_schema(
        operation_id="shareloc_requests_list",
        summary="Mes demandes de réservation (association) ou celles de mes lycées (gestionnaire)",
        responses={200: OpenApiResponse(description="{count, page, results: [demande]}")},
    )
    def get(self, request):
        queryset = visible_requests(request.user)
        wanted = request.query_params.get("status")
        if wanted:
            if wanted not in RequestStatus.values:
                return Response({"status": [str(_("Statut inconnu : %(s)s.") % {"s": wanted})]}, status=400)
            queryset = queryset.filter(status=wanted)
        try:
            page_number = parse_page_number(request)
        except BadParameter as error:
            return Response({"page": [str(error.message)]}, status=400)
        ids = list(queryset.order_by("created_at", "pk").values_list("pk", flat=True))
        paginator = Paginator(ids, PAGE_SIZE)
        if page_number > max(paginator.num_pages, 1):
            return Response({"page": [str(_("Cette page n'existe pas."))]}, status=400)
        page_ids = list(paginator.page(page_number).object_list) if ids else []
        requests = {r.pk: r for r in BookingRequest.objects.with_details().filter(pk__in=page_ids)}
        return Response(
            {
                "count": len(ids),
                "page": page_number,
                "results": [serialise_request(requests[pk]) for pk in page_ids],
            }
        )

    @extend_schema(
        summary="Demander un espace (un créneau ou chaque semaine)",
        request=RequestInputSerializer,
        responses={
            201: REQUEST_SCHEMA,
            200: REQUEST_SCHEMA,
            400: OpenApiResponse(description="Erreurs"),
            403: OpenApiResponse(description="Pas membre d'une association"),
        },
    )
    def post(self, request):
        serializer = RequestInputSerializer(data=request.data)
        if not serializer.is_valid():
            return Response(serializer.errors, status=400)
        data = serializer.validated_data
        submission = workflow.Submission(
            space=data["space"],
            start=data["start"],
            end=data["end"],
            attendees=data["attendees"],
            purpose=data["purpose"],
            repeat_weekly_until=data.get("repeat_weekly_until"),
            equipment=tuple((line["code"], line["quantity"]) for line in data.get("equipment") or ()),
            idempotency_key=request.headers.get("Idempotency-Key") or data.get("idempotency_key") or "",
        )
        try:
            created_request, created = workflow.submit(request.user, submission)
        except workflow.BookingError as error:
            return error_response(error)
        body = serialise_request(BookingRequest.objects.with_details().get(pk=created_request.pk))
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class RequestDetailView(BookingAPIView):
    @extend_schema(summary="Une demande, ses dates et son historique", responses={200: REQUEST_SCHEMA})
    def get(self, request, pk):
        found = BookingRequest.objects.with_details().filter(pk=pk).first()
        if found is None:
            return Response({"detail": str(_("Demande introuvable."))}, status=404)
        if not visible_requests(request.user).filter(pk=pk).exists():
            return Response({"detail": str(_("Cette demande ne vous concerne pas."))}, status=403)
        return Response(serialise_request(found, with_history=True))


class RequestActionView(BookingAPIView):
    input_serializer = None

    def post(self, request, pk):
        if not BookingRequest.objects.filter(pk=pk).exists():
            return Response({"detail": str(_("Demande introuvable."))}, status=404)
        serializer = self.input_serializer(data=request.data)
        if not serializer.is_valid():
            return Response(serializer.errors, status=400)
        try:
            self.act(request.user, pk, serializer.validated_data)
        except workflow.BookingError as error:
            return error_response(error)
        return Response(serialise_request(BookingRequest.objects.with_details().get(pk=pk), with_history=True))


class ApproveView(RequestActionView):
    input_serializer = ApproveInputSerializer

    @extend_schema(
        summary="Accepter toutes les dates, ou certaines",
        request=ApproveInputSerializer,
        responses={200: REQUEST_SCHEMA, 409: OpenApiResponse(description="Dates en conflit")},
    )
    def post(self, request, pk):
        return super().post(request, pk)

    def act(self, user, pk, data):
        workflow.approve(
            user,
            pk,
            dates=data.get("dates"),
            reasons=data.get("reasons"),
            without_equipment=data.get("without_equipment"),
        )


class DeclineView(RequestActionView):
    input_serializer = DeclineInputSerializer

    @extend_schema(summary="Refuser, avec un motif", request=DeclineInputSerializer, responses={200: REQUEST_SCHEMA})
    def post(self, request, pk):
        return super().post(request, pk)

    def act(self, user, pk, data):
        workflow.decline(user, pk, data["reason"])


class CancelView(RequestActionView):
    input_serializer = CancelInputSerializer

    @extend_schema(
        summary="Annuler une date, ou toute la demande (l'association)",
        request=CancelInputSerializer,
        responses={200: REQUEST_SCHEMA},
    )
    def post(self, request, pk):
        return super().post(request, pk)

    def act(self, user, pk, data):
        workflow.cancel(user, pk, dates=data.get("dates"), reason=data.get("reason", ""))


class ChangeView(BookingAPIView):
    @extend_schema(
        summary="Demander à modifier une date confirmée (horaire ou espace)",
        description="Une nouvelle demande, en attente, qui remplace la date une fois acceptée (l'ancienne est "
        "alors annulée dans la même transaction) ; refusée, la date reste confirmée. L'association ou les "
        "gestionnaires du lycée.",
        request=ChangeInputSerializer,
        responses={
            201: REQUEST_SCHEMA,
            400: OpenApiResponse(description="Erreurs"),
            403: OpenApiResponse(description="Ni l'association ni un gestionnaire du lycée"),
            404: OpenApiResponse(description="Demande introuvable"),
            409: OpenApiResponse(description="Date non confirmée, passée, ou modification déjà en attente"),
        },
    )
    def post(self, request, pk):
        found = BookingRequest.objects.filter(pk=pk).first()
        if found is None:
            return Response({"detail": str(_("Demande introuvable."))}, status=404)
        serializer = ChangeInputSerializer(data=request.data)
        if not serializer.is_valid():
            return Response(serializer.errors, status=400)
        data = serializer.validated_data
        original = next(
            (rd for rd in found.dates.select_related("booking") if local(rd.booking.start).date() == data["date"]),
            None,
        )
        if original is None:
            if not visible_requests(request.user).filter(pk=pk).exists():
                return Response({"detail": str(_("Cette demande ne vous concerne pas."))}, status=403)
            return Response({"date": [str(_("Cette demande n'a pas de date ce jour-là."))]}, status=400)
        try:
            created = workflow.request_change(
                request.user, original.pk, data["start"], data["end"], space=data.get("space")
            )
        except workflow.BookingError as error:
            return error_response(error)
        body = serialise_request(BookingRequest.objects.with_details().get(pk=created.pk), with_history=True)
        return Response(body, status=status.HTTP_201_CREATED)
