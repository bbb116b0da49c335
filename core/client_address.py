"""The client's address: REMOTE_ADDR, or what a trusted reverse proxy says it forwarded for.

`X-Forwarded-For` is read only when the request comes from an address listed in the TRUSTED_PROXIES
setting (addresses or CIDR networks): anyone else could write any address in that header. The list is
walked from the right (the entry our own proxy appended) to the first address that is not a trusted
proxy. The rate limits (core.ratelimit) and the login lock-out (django-axes) both use this function."""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(trusted):
    return tuple(ipaddress.ip_network(item, strict=False) for item in trusted)


def parse_address(text):
    """An `ipaddress` address from a header's entry, or None (ports and IPv6 brackets removed)."""
    text = (text or "").strip()
    if text.startswith("["):  # "[2001:db8::1]:443"
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # "203.0.113.7:51234"
        text = text.partition(":")[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def is_trusted_proxy(address):
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    return address is not None and any(address in network for network in networks)


def client_address(request):
    """The address of the person behind `request`, as a string ("" when unknown)."""
    remote = parse_address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return ""
    if not is_trusted_proxy(remote):
        return str(remote)
    client = remote
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for entry in reversed(hops):
        address = parse_address(entry)
        if address is None:
            break  # a malformed entry: nothing to its left can be believed
        client = address
        if not is_trusted_proxy(address):
            break
    return str(client)
