"""The public pages of Shareloc, served by the catalogue page's routes (pages.SharelocCataloguePage):
the catalogue with its filters, a lycée's page and a space's page with a four-week calendar."""

from datetime import date, timedelta
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .availability import Reason, availability_between, load_calendars
from .filters import DEFAULT_PAGE_SIZE, SpaceFilter, facets, space_queryset
from .forms import parse_request
from .models import DEPARTMENTS, EQUIPMENT_CHOICES, Lycee, Space, SpaceKind
from .planning import VIEWS, build_planning

CALENDAR_DAYS = 28
MAX_CALENDAR_OFFSET_DAYS = 2 * 366


def _context(page, request, **extra):
    context = page.get_context(request)
    context.update(extra)
    return context


def catalogue_view(request, page):
    filterset = SpaceFilter(request.GET or None, queryset=space_queryset())
    status = 200
    spaces_page, paginator, map_points, facet_lists = None, None, [], []
    if filterset.is_bound and not filterset.is_valid():
        status = 400
    else:
        results = filterset.qs
        page_size = (filterset.form.cleaned_data.get("page_size") if filterset.is_bound else None) or DEFAULT_PAGE_SIZE
        paginator = Paginator(results, page_size)
        number = (filterset.form.cleaned_data.get("page") if filterset.is_bound else None) or 1
        if number > paginator.num_pages:
            filterset.form.add_error(
                "page", _("Cette page n'existe pas : il y a %(pages)d page(s).") % {"pages": paginator.num_pages}
            )
            status = 400
        else:
            spaces_page = paginator.page(number)
            map_points = _map_points(results)
            facet_lists = _facet_lists(facets(results))
    return TemplateResponse(
        request,
        "shareloc/catalogue.html",
        _context(
            page,
            request,
            filterset=filterset,
            form=filterset.form,
            spaces_page=spaces_page,
            paginator=paginator,
            map_points=map_points,
            facet_lists=facet_lists,
            has_filters=bool(request.GET),
        ),
        status=status,
    )


def _facet_lists(counts):
    """The facet counts with French labels, for the page: [{"title", "items": [(label, count)]}]."""
    labels = {
        "kind": (_("Par type d'espace"), dict(SpaceKind.choices)),
        "department": (_("Par département"), dict(DEPARTMENTS)),
        "equipment": (_("Par équipement"), dict(EQUIPMENT_CHOICES)),
    }
    return [
        {
            "title": title,
            "items": [(capfirst(str(names.get(code, code))), count) for code, count in counts[key].items()],
        }
        for key, (title, names) in labels.items()
        if counts[key]
    ]


def _map_points(results):
    """One point per lycée among the results (all pages), for the map."""
    lycees = Lycee.objects.filter(pk__in=results.values("lycee_id"), latitude__isnull=False).values(
        "uai", "name", "commune_name", "latitude", "longitude"
    )
    return [
        {
            "uai": item["uai"],
            "name": item["name"],
            "commune": item["commune_name"],
            "lat": item["latitude"],
            "lon": item["longitude"],
        }
        for item in lycees
    ]


def lycee_view(request, page, uai):
    lycee = get_object_or_404(Lycee, uai=uai.upper())
    spaces = list(lycee.spaces.order_by("code"))
    equipment = list(lycee.lendable_equipment.order_by("name"))
    points = (
        [
            {
                "uai": lycee.uai,
                "name": lycee.name,
                "commune": lycee.commune_name,
                "lat": lycee.latitude,
                "lon": lycee.longitude,
            }
        ]
        if lycee.latitude is not None
        else []
    )
    return TemplateResponse(
        request,
        "shareloc/lycee.html",
        _context(
            page, request, lycee=lycee, spaces=spaces, equipment=equipment, map_points=points, catalogue_url=page.url
        ),
    )


def space_view(request, page, uai, code):
    space = get_object_or_404(Space.objects.select_related("lycee"), lycee__uai=uai.upper(), code=code)
    today = timezone.localdate()
    first_day, error = _calendar_start(request.GET.get("debut"), today)
    status = 400 if error else 200
    days = []
    if not error:
        last_day = first_day + timedelta(days=CALENDAR_DAYS - 1)
        by_space, calendars = load_calendars([space], first_day, last_day)
        days = availability_between(first_day, last_day, by_space[space.pk], calendars)
    photos = list(space.photos.select_related("image").order_by("sort_order"))
    return TemplateResponse(
        request,
        "shareloc/space.html",
        _context(
            page,
            request,
            space=space,
            lycee=space.lycee,
            photos=photos,
            days=days,
            calendar_error=error,
            first_day=first_day,
            reasons=dict(Reason.choices),
            catalogue_url=page.url,
            previous_start=urlencode({"debut": (first_day - timedelta(days=CALENDAR_DAYS)).isoformat()}),
            next_start=urlencode({"debut": (first_day + timedelta(days=CALENDAR_DAYS)).isoformat()}),
        ),
        status=status,
    )


def _calendar_start(value, today):
    """The Monday the calendar starts on: this week's, or the week of ?debut=YYYY-MM-DD."""
    start = today
    if value:
        try:
            start = date.fromisoformat(value)
        except ValueError:
            return today - timedelta(days=today.weekday()), _(
                "« debut » doit être une date AAAA-MM-JJ, par exemple %(example)s."
            ) % {"example": today.isoformat()}
        if abs((start - today).days) > MAX_CALENDAR_OFFSET_DAYS:
            return today - timedelta(days=today.weekday()), _(
                "« debut » doit tomber dans les deux ans qui viennent ou les deux ans passés."
            )
    return start - timedelta(days=start.weekday()), None


def lycee_planning_view(request, page, uai):
    """The public planning of a lycée's spaces: confirmed bookings as « Réservé », closures and
    holidays; no pending request, no name."""
    lycee = get_object_or_404(Lycee, uai=uai.upper())
    view, anchor, errors = parse_request(request.GET, timezone.localdate())
    planning = build_planning(lycee, view, anchor, private=False)
    return TemplateResponse(
        request,
        "shareloc/planning.html",
        _context(page, request, lycee=lycee, planning=planning, errors=errors, views=VIEWS, catalogue_url=page.url),
        status=400 if errors else 200,
    )
