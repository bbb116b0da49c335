"""The Wagtail admin side of the booking requests: the manager's inbox (their own lycées only), the decision
page, and the Région's dashboard. Registered by shareloc/wagtail_hooks.py.

Every view checks the person on the server: a manager sees and decides only on the requests for their own
lycées' spaces; the dashboard needs roles.VIEW_SHARELOC_DASHBOARD (superusers have it)."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem

from core import roles
from core.charts import bar_chart, line_chart
from core.dates import local
from core.exports import csv_response
from core.pagination import BadParameter, parse_positive_int

from ..catalogue.models import Lycee, Space
from . import dashboard, workflow
from .forms import DecisionForm
from .models import BookingRequest, IcalToken, RequestStatus
from .permissions import is_manager, manages_lycee

STATUS_FILTERS = (
    [("", gettext_lazy("en attente"))]
    + [(value, label) for value, label in RequestStatus.choices if value != RequestStatus.PENDING]
    + [("all", gettext_lazy("toutes"))]
)


def _require_manager(user):
    if not is_manager(user):
        raise PermissionDenied


def inbox_view(request):
    _require_manager(request.user)
    wanted = request.GET.get("statut", "")
    if wanted not in {value for value, _label in STATUS_FILTERS}:
        wanted = ""
    queryset = BookingRequest.objects.all()
    if not request.user.is_superuser:
        queryset = queryset.filter(space__lycee__managers=request.user).distinct()
    if wanted != "all":
        queryset = queryset.filter(status=wanted or RequestStatus.PENDING)
    # Pending requests oldest first: the one that has waited longest is answered first.
    queryset = queryset.select_related("space__lycee", "association").order_by(
        "created_at" if wanted in ("",) else "-created_at"
    )
    page = Paginator(queryset, 50).get_page(request.GET.get("p"))
    today = timezone.localdate()
    rows = [(item, item.association.insurance_problem(today)) for item in page.object_list]
    return TemplateResponse(
        request,
        "shareloc/booking/admin_inbox.html",
        {
            "rows": rows,
            "page": page,
            "wanted": wanted,
            "filters": STATUS_FILTERS,
        },
    )


def decision_view(request, pk):
    _require_manager(request.user)
    found = BookingRequest.objects.with_details().filter(pk=pk).first()
    if found is None:
        raise Http404
    if not manages_lycee(request.user, found.space.lycee_id):
        raise PermissionDenied
    summary = workflow.availability_summary(found)
    pending = [row for row in summary["dates"] if row["status"] == "pending"]
    choices = [
        (
            row["date"],
            f"{date.fromisoformat(row['date']):%d/%m/%Y} {row['start']}–{row['end']}"
            + ("" if row["available"] else f" ({row['reason_label']})"),
        )
        for row in pending
    ]
    form = DecisionForm(
        request.POST or None,
        date_choices=choices,
        equipment_choices=[
            (line.equipment.code, f"{line.equipment.name} × {line.quantity}")
            for line in found.equipment_lines.all()
            if not line.left_out
        ],
        initial={"dates": [row["date"] for row in pending if row["available"]]},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == "approve":
                    workflow.approve(
                        request.user,
                        pk,
                        dates=form.cleaned_data["dates"],
                        reasons=form.date_reasons(),
                        without_equipment=form.cleaned_data["without_equipment"],
                    )
                    messages.success(request, _("Demande acceptée : l'association est prévenue."))
                else:
                    workflow.decline(request.user, pk, form.cleaned_data["reason"])
                    messages.success(request, _("Demande refusée : l'association est prévenue."))
                return redirect("shareloc_admin_request", pk=pk)
            except workflow.Conflict as error:
                status = 409
                form.add_error(None, error.errors["detail"][0])
                for conflict in error.dates:
                    form.add_error(None, f"{conflict['date']} : {conflict['reason']}")
            except workflow.BookingError as error:
                for messages_list in error.errors.values():
                    for message in messages_list:
                        form.add_error(None, message)
    first_day = local(found.first_start).date()
    return TemplateResponse(
        request,
        "shareloc/booking/admin_request.html",
        {
            "booking_request": found,
            "summary": summary,
            "form": form,
            "can_decide": bool(pending) and found.status == RequestStatus.PENDING,
            "insurance_problem": found.association.insurance_problem(first_day),
            "history": found.history.all(),
            "lycee_tokens": IcalToken.objects.filter(lycee_id=found.space.lycee_id, revoked_at__isnull=True),
            "space_tokens": IcalToken.objects.filter(space_id=found.space_id, revoked_at__isnull=True),
        },
        status=status,
    )


def dashboard_view(request):
    if not request.user.has_perm(roles.VIEW_SHARELOC_DASHBOARD):
        raise PermissionDenied
    today = timezone.localdate()
    default_year = dashboard.current_school_year_start(today)
    try:
        year = parse_positive_int(request.GET.get("annee"), default=default_year, maximum=2100)
    except BadParameter:
        year = None
    if year is None or year < 2000:
        return TemplateResponse(
            request,
            "shareloc/booking/admin_dashboard.html",
            {
                "error": _("Année scolaire invalide : indiquez l'année de la rentrée, par exemple %(y)d.")
                % {"y": default_year}
            },
            status=400,
        )
    first_day, last_day = dashboard.school_year(year)
    report = dashboard.build_report(first_day, last_day)
    if request.GET.get("format") == "csv":
        return csv_response(f"shareloc-tableau-de-bord-{year}.csv", dashboard.CSV_HEADER, report.rows())
    return TemplateResponse(
        request,
        "shareloc/booking/admin_dashboard.html",
        {
            "report": report,
            "charts": _charts(report),
            "year": year,
            "years": range(year - 2, year + 2),
            "top_lycees": report.by_lycee[:20],
        },
    )


def _charts(report):
    """The dashboard's three charts (each with its data table, see core.charts)."""
    return [
        bar_chart(
            _("Heures réservées par département"),
            _("%(h)s heures réservées sur %(o)s heures offertes dans la Région.")
            % {
                "h": f"{report.total.booked:,.0f}".replace(",", " "),
                "o": f"{report.total.offered:,.0f}".replace(",", " "),
            },
            [(line.label, round(line.booked, 1)) for line in report.by_department],
            unit="h",
            chart_id="heures-departement",
        ),
        bar_chart(
            _("Heures réservées par type d'espace"),
            _("Les types d'espaces les plus prêtés."),
            [(line.label, round(line.booked, 1)) for line in report.by_kind],
            unit="h",
            chart_id="heures-type",
        ),
        line_chart(
            _("Heures réservées par mois"),
            _("Les réservations au fil de l'année scolaire."),
            [(line.key, round(line.booked, 1)) for line in report.by_month],
            unit="h",
            chart_id="heures-mois",
        ),
    ]


class ManagerMenuItem(MenuItem):
    def is_shown(self, request):
        return is_manager(request.user)


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(roles.VIEW_SHARELOC_DASHBOARD)


def ical_feeds_view(request):
    """The manager's iCal feeds: for each of their lycées and each of its spaces, the active secret
    addresses (absolute, to copy into a calendar), a button to create one and one to revoke each.
    Creating and revoking go through the same checked views as everywhere (views.token_*_view)."""
    _require_manager(request.user)
    lycees = Lycee.objects.filter(managers=request.user)
    wanted = request.GET.get("uai", "").strip().upper()
    if request.user.is_superuser and wanted:
        lycees = Lycee.objects.filter(uai=wanted)
    lycees = list(lycees.order_by("name").prefetch_related(Prefetch("spaces", Space.objects.order_by("code"))))
    tokens = IcalToken.objects.filter(revoked_at__isnull=True).filter(Q(lycee__in=lycees) | Q(space__lycee__in=lycees))
    by_lycee, by_space = {}, {}
    for token in tokens.order_by("created_at"):
        url = request.build_absolute_uri(reverse("shareloc:ical_feed", args=[token.token]))
        entry = {"token": token, "url": url}
        if token.space_id:
            by_space.setdefault(token.space_id, []).append(entry)
        else:
            by_lycee.setdefault(token.lycee_id, []).append(entry)
    sections = [
        {
            "lycee": lycee,
            "feeds": by_lycee.get(lycee.pk, []),
            "spaces": [{"space": space, "feeds": by_space.get(space.pk, [])} for space in lycee.spaces.all()],
        }
        for lycee in lycees
    ]
    return TemplateResponse(request, "shareloc/booking/admin_ical.html", {"sections": sections})
