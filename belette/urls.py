from django.urls import path

from . import api, views

app_name = "belette"
urlpatterns = [
    path("belette/", views.search_page, name="search"),
    path("belette/organigramme/", views.org_chart, name="org_chart"),
    path("belette/ma-fiche/", views.my_entry, name="my_entry"),
    path("belette/agents/<str:key>/", views.agent_detail, name="agent"),
    path("belette/unites/<str:key>/", views.unit_detail, name="unit"),
    path("belette/dispositifs/<str:key>/", views.dispositif_detail, name="dispositif"),
    path("belette/signaler/<str:kind>/<str:key>/", views.report_error, name="report_error"),
    path("belette/signalements/", views.proposal_queue, name="proposals"),
    path("belette/signalements/<int:pk>/", views.review_proposal, name="review_proposal"),
    path("belette/a-mettre-a-jour/", views.stale_report, name="stale"),
    path("api/belette/search/", api.SearchAPIView.as_view(), name="api_search"),
    path("api/belette/autocomplete/", api.AutocompleteAPIView.as_view(), name="api_autocomplete"),
]
