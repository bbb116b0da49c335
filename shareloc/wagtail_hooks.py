"""Shareloc in the Wagtail admin (Wagtail imports this module): the catalogue's "Shareloc" menu of
viewsets (shareloc/catalogue/admin.py), and the bookings' inbox, decision page and dashboard
(shareloc/bookings/admin.py)."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core import roles

from . import search_kinds
from .bookings.admin import (
    DashboardMenuItem,
    ManagerMenuItem,
    dashboard_view,
    decision_view,
    ical_feeds_view,
    inbox_view,
)
from .catalogue.admin import SharelocViewSetGroup
from .catalogue.admin_views import planning_admin_view
from .catalogue.area_views import area_planning_admin_view, is_region_staff


@hooks.register("register_admin_viewset")
def register_shareloc_viewsets():
    return SharelocViewSetGroup()


@hooks.register("register_permissions")
def register_dashboard_permission():
    # Lets an administrator give the dashboard to a group in Wagtail's group editor.
    app_label, codename = roles.VIEW_SHARELOC_DASHBOARD.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)


@hooks.register("register_admin_urls")
def register_booking_admin_urls():
    return [
        path("shareloc/demandes/", inbox_view, name="shareloc_admin_inbox"),
        path("shareloc/demandes/<int:pk>/", decision_view, name="shareloc_admin_request"),
        path("shareloc/tableau-de-bord/", dashboard_view, name="shareloc_admin_dashboard"),
        path("shareloc/planning/", planning_admin_view, name="shareloc_admin_planning"),
        path("shareloc/planning-region/", area_planning_admin_view, name="shareloc_admin_area_planning"),
        path("shareloc/calendriers/", ical_feeds_view, name="shareloc_admin_ical"),
        path("shareloc/planning/<str:uai>/", planning_admin_view, name="shareloc_admin_planning_lycee"),
    ]


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return ManagerMenuItem(_("Demandes de réservation"), reverse("shareloc_admin_inbox"), icon_name="date", order=310)


@hooks.register("register_admin_menu_item")
def register_planning_menu_item():
    return ManagerMenuItem(_("Planning des espaces"), reverse("shareloc_admin_planning"), icon_name="table", order=312)


class RegionMenuItem(MenuItem):
    def is_shown(self, request):
        return is_region_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_area_planning_menu_item():
    return RegionMenuItem(
        _("Planning des lycées (Région)"), reverse("shareloc_admin_area_planning"), icon_name="table", order=314
    )


@hooks.register("register_admin_menu_item")
def register_ical_menu_item():
    return ManagerMenuItem(_("Calendriers iCal"), reverse("shareloc_admin_ical"), icon_name="date", order=313)


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(
        _("Tableau de bord Shareloc"), reverse("shareloc_admin_dashboard"), icon_name="table", order=311
    )


@hooks.register("register_search_kinds")
def register_search_kinds():
    return search_kinds.SEARCH_KINDS


@hooks.register("register_demo_loader", order=30)
def register_demo_loader():
    return "shareloc.demo.load"


@hooks.register("register_site_setup", order=30)
def register_site_setup():
    return "shareloc.catalogue.setup.setup"
