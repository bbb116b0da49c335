"""Shareloc's routes: the catalogue's public API, and the bookings' API, association pages and iCal feeds.
The catalogue's public pages are routes of its Wagtail page (shareloc/catalogue/pages.py); the admin's
are registered by wagtail_hooks.py."""

from django.urls import path

from .bookings import api as booking_api
from .bookings import member_views
from .bookings import views as booking_views
from .catalogue import api as catalogue_api

app_name = "shareloc"
urlpatterns = [
    path("api/shareloc/spaces/", catalogue_api.SpaceListView.as_view(), name="api_spaces"),
    path(
        "api/shareloc/spaces/<str:uai>/<str:code>/availability/",
        catalogue_api.SpaceAvailabilityView.as_view(),
        name="api_space_availability",
    ),
    path("api/shareloc/communes/", catalogue_api.CommuneSuggestView.as_view(), name="api_communes"),
    path("api/shareloc/requests/", booking_api.RequestListView.as_view(), name="api_requests"),
    path("api/shareloc/requests/<int:pk>/", booking_api.RequestDetailView.as_view(), name="api_request"),
    path("api/shareloc/requests/<int:pk>/approve/", booking_api.ApproveView.as_view(), name="api_request_approve"),
    path("api/shareloc/requests/<int:pk>/decline/", booking_api.DeclineView.as_view(), name="api_request_decline"),
    path("api/shareloc/requests/<int:pk>/cancel/", booking_api.CancelView.as_view(), name="api_request_cancel"),
    path("api/shareloc/requests/<int:pk>/change/", booking_api.ChangeView.as_view(), name="api_request_change"),
    path("shareloc/inscription/", booking_views.sign_up_view, name="sign_up"),
    path("shareloc/inscription/confirmer/<str:uidb64>/<str:token>/", booking_views.verify_view, name="verify"),
    path("shareloc/demander/<str:uai>/<str:code>/", booking_views.request_form_view, name="request_form"),
    path("shareloc/mes-demandes/", booking_views.my_requests_view, name="my_requests"),
    path("shareloc/mes-demandes/<int:pk>/", booking_views.my_request_view, name="my_request"),
    path("shareloc/mes-demandes/<int:pk>/annuler/", booking_views.cancel_view, name="cancel_request"),
    path("shareloc/mes-demandes/<int:pk>/modifier/", booking_views.change_view, name="change_request"),
    path("shareloc/mes-demandes/<int:pk>/convention/", booking_views.agreement_view, name="agreement"),
    path("shareloc/mon-association/", booking_views.association_profile_view, name="association_profile"),
    path("shareloc/association/<int:pk>/assurance/", booking_views.insurance_file_view, name="insurance_file"),
    path("shareloc/calendriers/nouveau/", booking_views.token_create_view, name="ical_token_create"),
    path("shareloc/calendriers/<int:pk>/revoquer/", booking_views.token_revoke_view, name="ical_token_revoke"),
    path("shareloc/ical/<str:token>.ics", booking_views.ical_feed_view, name="ical_feed"),
    path("shareloc/mon-association/inviter/", member_views.invite_view, name="invite_member"),
    path("shareloc/mon-association/quitter/", member_views.leave_view, name="leave_association"),
    path("shareloc/invitation/<str:token>/", member_views.invitation_view, name="invitation"),
]
