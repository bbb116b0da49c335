from django.urls import path

from . import api, views

app_name = "search"
urlpatterns = [
    path("recherche/", views.search, name="search"),
    path("api/search/", api.SearchAPIView.as_view(), name="api-search"),
    path("api/search/suggestions/", api.SuggestionsAPIView.as_view(), name="api-suggestions"),
]
