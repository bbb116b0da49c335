"""A small fixed-window rate limit on the Django cache (shared between servers with Redis).

The client's address is only hashed into a cache key for the window's length, never stored."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_key(request, scope):
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{address}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def allow(request, scope, limit, window_seconds):
    """Count one more hit for this client in `scope`; False once `limit` hits were made in the window."""
    key = client_key(request, scope)
    if cache.add(key, 1, window_seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # the window expired between add and incr
        cache.add(key, 1, window_seconds)
        return True
    return count <= limit
