from django.urls import path

from . import api

app_name = "shareloc"
urlpatterns = [
    path("api/shareloc/spaces/", api.SpaceListView.as_view(), name="api_spaces"),
    path(
        "api/shareloc/spaces/<str:uai>/<str:code>/availability/",
        api.SpaceAvailabilityView.as_view(),
        name="api_space_availability",
    ),
]

# Part 2: booking requests, the association pages and the iCal feeds (shareloc/booking_urls.py).
from .booking_urls import urlpatterns as booking_urlpatterns  # noqa: E402

urlpatterns += booking_urlpatterns
