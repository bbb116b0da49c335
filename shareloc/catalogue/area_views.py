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

from .models import DEPARTMENTS
from .planning import VIEWS, area_lycees, build_area_planning, parse_area, parse_request


def is_region_staff(user):
    return (
        user.is_authenticated
        and user.is_active
        and (user.has_perm(roles.MANAGE_ALL_LYCEES) or user.has_perm(roles.VIEW_SHARELOC_DASHBOARD))
    )


def _area_context(request, private):
    view, anchor, errors = parse_request(request.GET, timezone.localdate())
    department, commune, area_errors = parse_area(request.GET)
    errors.update(area_errors)
    try:
        page_number = parse_page_number(request)
    except BadParameter as error:
        errors["page"] = error.message
        page_number = 1
    planning, area_name = None, ""
    if department or commune is not None:
        planning = build_area_planning(area_lycees(department, commune), view, anchor, page_number, private)
        area_name = str(commune) if commune is not None else str(dict(DEPARTMENTS)[department])
    area = [("departement", department), ("commune", commune.code_insee if commune is not None else "")]
    area_query = urlencode([(key, value) for key, value in area if value])
    context = {
        "planning": planning,
        "errors": errors,
        "views": VIEWS,
        "departments": DEPARTMENTS,
        "department": department,
        "commune_value": (request.GET.get("commune") or "")[:100],
        "commune_errors": [errors["commune"]] if "commune" in errors else [],
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
