"""Shareloc's models, for Django and for the other apps: `from shareloc.models import Space`.

They live with their part: the catalogue (shareloc/catalogue/models.py, and its page type in
shareloc/catalogue/pages.py) and the bookings (shareloc/bookings/models.py). Code inside shareloc
imports those modules, never this one."""

from .bookings.models import (
    Association,
    AssociationMember,
    BookingRequest,
    DateStatus,
    IcalFeedKind,
    IcalToken,
    RequestDate,
    RequestEquipment,
    RequestStatus,
    StatusChange,
)
from .catalogue.models import (
    Booking,
    BookingSource,
    BookingStatus,
    CalendarSettings,
    Closure,
    Commune,
    LendableEquipment,
    Lycee,
    OpeningWindow,
    PublicHoliday,
    SchoolHolidayDay,
    Space,
    SpaceKind,
    SpacePhoto,
    WindowPeriod,
)
from .catalogue.pages import SharelocCataloguePage

__all__ = [
    "Association",
    "AssociationMember",
    "Booking",
    "BookingRequest",
    "BookingSource",
    "BookingStatus",
    "CalendarSettings",
    "Closure",
    "Commune",
    "DateStatus",
    "IcalFeedKind",
    "IcalToken",
    "LendableEquipment",
    "Lycee",
    "OpeningWindow",
    "PublicHoliday",
    "RequestDate",
    "RequestEquipment",
    "RequestStatus",
    "SchoolHolidayDay",
    "SharelocCataloguePage",
    "Space",
    "SpaceKind",
    "SpacePhoto",
    "StatusChange",
    "WindowPeriod",
]
