"""The catalogue in the Wagtail admin: one "Shareloc" menu of ModelViewSets (listing filters, search,
CSV/XLSX export built in), each narrowed to the lycées the user manages (see admin_views.py).
Registered by shareloc/wagtail_hooks.py."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import (
    ClosureForm,
    OpeningWindowForm,
    ScopedForm,
    ScopedModelViewSet,
    SpaceForm,
    WindowDeleteMixin,
)
from .models import (
    Booking,
    BookingSource,
    Closure,
    Commune,
    LendableEquipment,
    Lycee,
    OpeningWindow,
    PublicHoliday,
    SchoolHolidayDay,
    Space,
)


class SpaceViewSet(ScopedModelViewSet):
    model = Space
    icon = "home"
    menu_label = _("Espaces")
    list_display = ["name", "code", "lycee", "kind", "capacity", "hourly_rate_eur"]
    list_filter = ["kind", "accessible", "department"]
    list_export = ["lycee.uai", "code", "name", "kind", "capacity", "area_m2", "accessible", "hourly_rate_eur"]
    search_fields = ["name", "code", "lycee__name", "lycee__uai", "lycee__commune_name"]
    search_backend_name = None  # the ORM: imported rows are searchable without an index rebuild
    ordering = ["lycee__name", "code"]
    edit_handler = ObjectList(
        [
            FieldPanel("lycee"),
            FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("capacity"), FieldPanel("area_m2")]),
            FieldRowPanel([FieldPanel("accessible"), FieldPanel("hourly_rate_eur")]),
            FieldPanel("equipment"),
            FieldPanel("description"),
            MultiFieldPanel(
                [
                    FieldPanel("auto_confirm"),
                    FieldRowPanel(
                        [FieldPanel("min_notice_days"), FieldPanel("horizon_days"), FieldPanel("max_hours_per_month")]
                    ),
                ],
                heading=_("Règles de réservation"),
            ),
            MultiFieldPanel([InlinePanel("photos", label=_("photo"))], heading=_("Photos")),
        ],
        base_form_class=SpaceForm,
    )


class OpeningWindowViewSet(ScopedModelViewSet):
    model = OpeningWindow
    lycee_path = "space__lycee"
    delete_view_mixins = (WindowDeleteMixin,)
    icon = "time"
    menu_label = _("Créneaux d'ouverture")
    list_display = ["space", "__str__"]
    list_filter = ["period"]
    list_export = ["space.lycee.uai", "space.code", "weekdays", "start", "end", "period"]
    search_fields = ["space__name", "space__code", "space__lycee__name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("space"),
            FieldPanel("weekdays"),
            FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            FieldPanel("period"),
            FieldPanel("cancel_bookings"),
        ],
        base_form_class=OpeningWindowForm,
    )


class ClosureViewSet(ScopedModelViewSet):
    model = Closure
    icon = "warning"
    menu_label = _("Fermetures")
    list_display = ["__str__", "lycee", "reason"]
    list_filter = ["start_date"]
    list_export = ["lycee.uai", "space_code", "start_date", "end_date", "reason"]
    search_fields = ["reason", "lycee__name", "space__name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("lycee"),
            FieldPanel("space"),
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            FieldPanel("reason"),
            FieldPanel("cancel_bookings"),
        ],
        base_form_class=ClosureForm,
    )


class LendableEquipmentViewSet(ScopedModelViewSet):
    model = LendableEquipment
    icon = "cogs"
    menu_label = _("Matériel prêté")
    list_display = ["name", "code", "lycee", "quantity"]
    list_filter = ["category"]
    list_export = ["lycee.uai", "code", "name", "category", "quantity", "description"]
    search_fields = ["name", "code", "lycee__name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("lycee"),
            FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
            FieldRowPanel([FieldPanel("category"), FieldPanel("quantity")]),
            FieldPanel("description"),
        ],
        base_form_class=ScopedForm,
    )


class BookingViewSet(ScopedModelViewSet):
    model = Booking
    lycee_path = "space__lycee"
    # The dates of booking requests change only through their workflow (shareloc/bookings/workflow.py).
    read_only_q = Q(source=BookingSource.REQUEST)
    icon = "date"
    menu_label = _("Réservations")
    list_display = ["organisation", "space", "start", "end", "status"]
    list_filter = ["status", "source"]
    list_export = ["space.lycee.uai", "space.code", "start", "end", "organisation", "status", "source"]
    search_fields = ["organisation", "space__name", "space__lycee__name"]
    search_backend_name = None
    ordering = ["-start"]
    edit_handler = ObjectList(
        [
            FieldPanel("space"),
            FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            FieldPanel("organisation"),
            FieldPanel("status"),
        ],
        base_form_class=ScopedForm,
    )


class LyceeViewSet(ScopedModelViewSet):
    model = Lycee
    lycee_path = ""
    icon = "group"
    menu_label = _("Lycées")
    list_display = ["name", "uai", "commune_name", "department"]
    list_filter = ["department", "type"]
    list_export = ["uai", "name", "type", "commune_name", "code_insee", "department", "academie"]
    search_fields = ["name", "uai", "commune_name"]
    search_backend_name = None
    form_fields = [
        "uai",
        "name",
        "type",
        "postal_code",
        "commune_name",
        "code_insee",
        "commune",
        "department",
        "academie",
        "latitude",
        "longitude",
        "managers",
    ]


class CommuneViewSet(ModelViewSet):
    model = Commune
    icon = "site"
    menu_label = _("Communes")
    list_display = ["name", "code_insee", "department", "population"]
    list_filter = ["department"]
    search_fields = ["name", "code_insee"]
    form_fields = ["code_insee", "name", "department", "postal_codes", "population", "latitude", "longitude"]


class PublicHolidayViewSet(ModelViewSet):
    model = PublicHoliday
    icon = "date"
    menu_label = _("Jours fériés")
    list_display = ["date", "name"]
    search_fields = ["name"]
    form_fields = ["date", "name"]


class SchoolHolidayDayViewSet(ModelViewSet):
    model = SchoolHolidayDay
    icon = "date"
    menu_label = _("Vacances scolaires (zone B)")
    list_display = ["date", "name"]
    search_fields = ["name"]
    form_fields = ["date", "name"]


class SharelocViewSetGroup(ViewSetGroup):
    menu_label = _("Shareloc")
    menu_icon = "home"
    menu_order = 300
    items = (
        SpaceViewSet("shareloc_spaces"),
        OpeningWindowViewSet("shareloc_windows"),
        ClosureViewSet("shareloc_closures"),
        LendableEquipmentViewSet("shareloc_equipment"),
        BookingViewSet("shareloc_bookings"),
        LyceeViewSet("shareloc_lycees"),
        CommuneViewSet("shareloc_communes"),
        PublicHolidayViewSet("shareloc_public_holidays"),
        SchoolHolidayDayViewSet("shareloc_school_holidays"),
    )
