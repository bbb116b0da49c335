"""The admin crawler: for a signed-in person, every admin menu entry and every viewset's listing and
chooser, then the admin links of the pages those reach (edit, history, usage, inspect, export…), two
levels deep, one page per shape of URL, a bounded number of links per page. Used by
tests/robustness/test_no_server_errors.py; importable on its own to crawl any database."""

import html
import re
from collections import deque

from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from wagtail.admin.menu import admin_menu
from wagtail.admin.viewsets import viewsets

ADMIN_LINK = re.compile(r'href="(/admin/[^"#]*)"')
# Links that end the session or that Wagtail serves only to scripts; everything else is followed with GET.
SKIPPED = re.compile(r"^/admin/(logout|jsi18n|sprite)/|/preview/|/download/|/unlock/")
NUMBER = re.compile(r"\d+")
# Past the listings, only an object's own pages are opened further: their history, usage, revisions…
OBJECT_PAGE = re.compile(r"/(edit|inspect)/")
LINKS_PER_PAGE = 30


def menu_urls(user):
    """The URLs of every admin menu entry (submenus included) this person sees."""
    request = RequestFactory().get("/admin/")
    request.user = user
    urls, pending = [], deque(admin_menu.menu_items_for_request(request))
    while pending:
        item = pending.popleft()
        submenu = getattr(item, "menu", None)
        if submenu is not None:
            pending.extend(submenu.menu_items_for_request(request))
        elif getattr(item, "url", None) and str(item.url).startswith("/admin/"):
            urls.append(str(item.url))
    return urls


def viewset_urls():
    """The listing and chooser of every registered admin viewset, in the menu or not (Shareloc's
    per-lycée viewsets are reached from its pages, the choosers from forms)."""
    urls = []
    for viewset in viewsets.viewsets:
        for name in ("index", "choose"):
            try:
                urls.append(reverse(viewset.get_url_name(name)))
            except (NoReverseMatch, AttributeError):
                continue
    return urls


def shape(url):
    """/admin/snippets/x/edit/12/ and /edit/13/ have one shape: a page of each shape is enough."""
    return NUMBER.sub("#", url.split("?", 1)[0]) + ("?" + NUMBER.sub("#", url.split("?", 1)[1]) if "?" in url else "")


def crawl(client, user, links_per_page=LINKS_PER_PAGE, depth=2):
    """[(url, status, came_from)] for every page visited, the client being signed in as `user`: the
    entries, the links of the pages they reach (a listing's edit, copy, export… links), and the links
    of the object pages among those (an edit page's history and usage), one page per shape of URL."""
    seen_shapes, visits = set(), []
    pending = deque((entry, "menu", 0) for entry in dict.fromkeys(menu_urls(user) + viewset_urls()))
    while pending:
        url, came_from, level = pending.popleft()
        if shape(url) in seen_shapes:
            continue
        seen_shapes.add(shape(url))
        response = client.get(url)
        visits.append((url, response.status_code, came_from))
        if level >= depth or response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        if level > 0 and not OBJECT_PAGE.search(url):
            continue
        links = dict.fromkeys(html.unescape(found) for found in ADMIN_LINK.findall(response.content.decode()))
        fresh = [link for link in links if not SKIPPED.search(link) and shape(link) not in seen_shapes]
        pending.extend((link, url, level + 1) for link in fresh[:links_per_page])
    return visits
