"""Directory privacy in the admin (issue 13): agents, units and dispositifs appear in no admin view,
chooser, listing, search, history, usage, inspect, export or API for anyone without the directory
permission. Every admin URL the resolver knows for La Belette's models is requested as each demo role."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry

from belette.access import can_view_directory
from belette.models import Agent, Dispositif, Unit

ROLES = ["gestionnaire", "editeur", "moderateur", "association", "programme", "agent", "admin"]
MODELS = {"unit": Unit, "agent": Agent, "dispositif": Dispositif}
# Words that only La Belette's data holds (agents' names, a unit, a dispositif).
SECRETS = ["Dupont", "Vandenbussche", "Lefebvre", "Remplaçante", "Service TER et offre", "Carte TER Hauts-de-France"]


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace + (pattern.name or "")


# Admin routes that take any model by its app label and name (bulk actions, tag autocomplete, editing
# sessions, settings...): each is asked about every directory model.
GENERIC = re.compile(
    r"<(?:\w+:)?(?:app_label|app_name|content_type_app_name)>/<(?:\w+:)?(?:model_name|content_type_model_name)>"
)


def generic_urls(route, objects):
    urls = []
    for model, obj in objects.items():
        filled = GENERIC.sub(f"belette/{model}", route)
        actions = [None]
        if "<str:action>" in filled:
            actions = list(bulk_action_registry.get_bulk_actions_for_model("belette", model))
            actions = [action.action_type for action in actions] or ["delete"]
        for action in actions:
            path = filled.replace("<str:action>", action) if action else filled
            path = "/" + re.sub(r"<(?:\w+:)?\w+>", str(obj.pk), path)
            urls.append(f"{path}?id={obj.pk}")
    return urls


def belette_admin_urls(objects):
    """Every admin route of the resolver that concerns La Belette's models, with real ids filled in."""
    urls = []
    for route, name in _walk(get_resolver().url_patterns):
        if not route.startswith("admin/"):
            continue
        if GENERIC.search(route):
            urls += generic_urls(route, objects)
            continue
        match = re.search(r"belette_(\w+?):", name) or re.search(r"belette/(\w+)/", route)
        if not match or match.group(1) not in MODELS:
            if "belette" in route or "belette" in name:  # La Belette's own admin routes (contact suggestions)
                urls.append("/" + re.sub(r"<(?:\w+:)?\w+>", str(objects["agent"].pk), route) + "?q=dupont")
            continue
        obj = objects[match.group(1)]
        path = "/" + re.sub(r"<(?:\w+:)?\w+>", str(obj.pk), route)
        urls.append(path)
    # Listing variants: search, filters, export.
    for model in MODELS:
        base = f"/admin/snippets/belette/{model}/"
        urls += [f"{base}?q=dupont", f"{base}?export=csv", f"{base}?export=xlsx", f"{base}results/?q=dupont"]
        urls += [f"/admin/snippets/choose/belette/{model}/?q=dupont"]
    return urls


OTHER_ADMIN_URLS = [
    "/admin/",
    "/admin/snippets/",
    "/admin/reports/site-history/",
    "/admin/reports/site-history/results/",
    "/admin/reports/site-history/?export=csv",
]


@pytest.fixture
def objects(directory):
    return {
        "unit": Unit.objects.get(code="DTR-TER"),
        "agent": Agent.objects.get(hr_id="A1"),
        "dispositif": Dispositif.objects.get(code="TER-PLUS26"),
    }


def test_the_enumeration_finds_every_kind_of_admin_view(objects):
    urls = belette_admin_urls(objects)
    for word in ("edit", "delete", "usage", "history", "copy", "choose", "chosen", "results", "add", "export", "bulk"):
        assert any(word in url for url in urls), word
    assert "/admin/belette/contacts/?q=dupont" in urls
    assert len(urls) >= 3 * 15


@pytest.mark.parametrize("username", ROLES)
def test_no_directory_data_in_any_admin_url_without_the_permission(
    client, objects, staff_user, demo_accounts, home_page, username
):
    user = demo_accounts[username]
    # A dispositif's admin edit records the entry in Wagtail's log: the site history must not show it.
    admin = Client()
    admin.force_login(demo_accounts["admin"])
    response = admin.post(
        reverse("wagtailsnippets_belette_agent:edit", args=[objects["agent"].pk]),
        {
            "hr_id": "A1",
            "first_name": "Isabelle",
            "last_name": "Dupont",
            "title": "Cheffe de projet",
            "unit": objects["unit"].pk,
            "email": "a1@hautsdefrance.fr",
            "phone": "",
            "site": "",
            "topics": '["TER"]',
            "backup": "",
            "active": "on",
        },
    )
    assert response.status_code == 302
    client.force_login(user)
    allowed = can_view_directory(user)
    # A dispositif names a portal page: that page's "usage" must not name the dispositif.
    objects["dispositif"].portal_page = home_page
    objects["dispositif"].save()
    usage = [f"/admin/pages/{home_page.pk}/usage/"]
    for url in belette_admin_urls(objects) + OTHER_ADMIN_URLS + usage:
        response = client.get(url)
        if response.status_code == 405:  # a POST-only route (the editing sessions' ping): ask it by POST
            response = client.post(url)
        assert response.status_code < 500, (url, response.status_code)
        if allowed:
            continue
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        body = raw.decode(errors="replace")
        for secret in SECRETS:
            assert secret not in body, (username, url, secret)
        if "belette" in url:
            assert response.status_code in (302, 403, 404), (username, url, response.status_code)
