"""Cached lists of the aid taxonomies: small, rarely edited, read on every catalogue page.

The cache is dropped whenever an audience or a theme is saved or deleted (signals in apps.py)."""

from django.core.cache import cache

from .models.aids import AidAudience, AidTheme

CACHE_KEY = "home:aid-taxonomies:v1"


def aid_taxonomies():
    """{"audiences": [(slug, name), ...], "themes": [...]} from the cache or two queries."""
    data = cache.get(CACHE_KEY)
    if data is None:
        data = {
            "audiences": list(AidAudience.objects.order_by("name").values_list("slug", "name")),
            "themes": list(AidTheme.objects.order_by("name").values_list("slug", "name")),
        }
        cache.set(CACHE_KEY, data, 3600)
    return data


def forget_aid_taxonomies(**kwargs):
    cache.delete(CACHE_KEY)
