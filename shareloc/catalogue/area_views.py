"""The Région's planning: the day / week / month grid of every lycée of a commune or a département,
LYCEES_PER_PAGE lycées a page, one table per lycée (planning.build_area_planning).

- public, a route of the catalogue page (/shareloc/planning/?departement=59): confirmed bookings as
  « Réservé », no pending request, no name;
- in the admin (/admin/shareloc/planning-region/), for the Région's staff (superusers, the roles
  holding roles.MANAGE_ALL_LYCEES or roles.VIEW_SHARELOC_DASHBOARD): names and pending requests."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import urlencode

from core import roles
from core.pagination import BadParameter, parse_page_number

from .forms import AreaPlanningForm
from .models import DEPARTMENTS
from .planning import VIEWS, area_lycees, build_area_planning


def is_region_staff(user):
    return (
        user.is_authenticated
        and user.is_active
        and (user.has_perm(roles.MANAGE_ALL_LYCEES) or user.has_perm(roles.VIEW_SHARELOC_DASHBOARD))
    )


def _area_context(request, private):
    today = timezone.localdate()
    form = AreaPlanningForm(request.GET, today)
    form.is_valid()
    view, anchor = form.period()
    department = form.cleaned_data.get("departement") or ""
    commune = form.cleaned_data.get("commune")
    errors = form.messages_by_parameter()
    try:
        page_number = parse_page_number(request)
    except BadParameter as error:
        errors["page"] = error.message
        page_number = 1
    planning, area_name = None, ""
    if department or commune is not None:
        planning = build_area_planning(area_lycees(department, commune), view, anchor, page_number, private)
        area_name = str(commune) if commune is not None else str(dict(DEPARTMENTS)[department])
    if form.errors:
        shown = form  # the refused values, each with its message
    else:  # the period shown: the view, and its first day rather than the day asked for
        initial = {"departement": department, "vue": view, "date": planning.first_day if planning else None}
        shown = AreaPlanningForm(None, today, initial=initial)
    area = [("departement", department), ("commune", commune.code_insee if commune is not None else "")]
    area_query = urlencode([(key, value) for key, value in area if value])
    context = {
        "planning": planning,
        "errors": errors,
        "area_form": shown,
        "views": VIEWS,  # the period links (planning_nav.html)
        "commune_value": (request.GET.get("commune") or "")[:100],
        "commune_errors": form.errors.get("commune", []),
        "area_name": area_name,
        "area_query": area_query,
    }
    return context, 400 if errors else 200


def area_planning_view(request, page):
    """Public: no pending request and no name, whoever asks."""
    context, status = _area_context(request, private=False)
    context.update(page.get_context(request))
    context["catalogue_url"] = page.url
    return TemplateResponse(request, "shareloc/area_planning.html", context, status=status)


def area_planning_admin_view(request):
    """The Région's staff: names and pending requests of every lycée; anyone else 403."""
    if not is_region_staff(request.user):
        raise PermissionDenied
    context, status = _area_context(request, private=True)
    return TemplateResponse(request, "shareloc/admin_area_planning.html", context, status=status)
