"""Versioned entries in Django's shared cache (Redis, or the file cache every process of a machine
shares): data cached across requests lives under a key that holds a version, and a change bumps the
version, from whichever process makes it (a web worker, the shell, cron). Every process reads the
new version at its next request: nothing is kept in a process's memory.

A version is a random token, not a counter: if the version key is evicted, the next one cannot
meet an old entry again."""

import uuid

from django.core.cache import cache


def _new_version():
    return uuid.uuid4().hex[:16]


def current_version(key):
    """The version stored under `key` (created on first use)."""
    return cache.get_or_set(key, _new_version, None)


def bump_version(key, **signal_kwargs):
    """Give `key` a new version: every entry built under the old one is ignored from now on.
    Accepts a signal's arguments, so it can be connected to a signal through a small wrapper."""
    cache.set(key, _new_version(), None)
