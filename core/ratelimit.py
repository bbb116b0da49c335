"""A fixed-window rate limit on the Django cache, shared between servers and workers with Redis.

Counters live in the `default` cache: with several gunicorn workers or machines it must be shared
(REDIS_URL, docs/deploy.md), or each process keeps its own count. A hit is counted atomically
(`cache.add` starts the window, `cache.incr` counts in it). Call these only for a submission that is
valid and about to be acted upon, so that a person correcting a form is not locked out by their errors.

The client is the address from `core.client_address` (X-Forwarded-For believed only from
TRUSTED_PROXIES); it is only hashed into a cache key for the window's length, never stored.

    allow(request, scope, limit, window_seconds)      # per client address
    allow_value(scope, value, limit, window_seconds)  # per anything else (an e-mail address, an account)
    exceeded(request, scope, limit)                   # peek, without counting
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from core.client_address import client_address


def value_key(scope, value):
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{value}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def client_key(request, scope):
    return value_key(scope, client_address(request))


def hit(key, window_seconds):
    """Count one more hit on `key`; the number of hits in the current window."""
    if cache.add(key, 1, window_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # the window expired between add and incr
        cache.add(key, 1, window_seconds)
        return 1


def allow_value(scope, value, limit, window_seconds):
    """Count one more hit for `value` in `scope`; False once `limit` hits were made in the window."""
    return hit(value_key(scope, str(value).strip().lower()), window_seconds) <= limit


def allow(request, scope, limit, window_seconds):
    """Count one more hit for this client in `scope`; False once `limit` hits were made in the window."""
    return hit(client_key(request, scope), window_seconds) <= limit


def exceeded(request, scope, limit):
    """True when this client already made `limit` hits in `scope`'s current window (nothing counted)."""
    return (cache.get(client_key(request, scope)) or 0) >= limit


def exceeded_value(scope, value, limit):
    return (cache.get(value_key(scope, str(value).strip().lower())) or 0) >= limit
