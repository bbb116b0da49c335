"""What base.html shows on every page (identity, alert, menus), cached as plain data.

Read through Django's shared cache (core/cache.py) so that a page costs no query for it; any change to
the settings, the menus or a page (published, unpublished, moved, deleted), made by any process, bumps
the version and every process's next request rebuilds it (signals in apps.py)."""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.cache import bump_version, current_version
from core.links import is_safe_link

from .models.legal import AccessibilityStatementPage, CookiesPage, LegalNoticePage
from .models.pages import SitemapPage
from .models.site_settings import NavigationSettings, SiteIdentity

VERSION_KEY = "home:chrome:version"
TTL = 600
PERSONAL_DATA_SLUG = "donnees-personnelles"


def chrome_version():
    return current_version(VERSION_KEY)


def forget_chrome(**kwargs):
    bump_version(VERSION_KEY)


def site_chrome(request, site):
    """{"identity": {...}, "social": [...], "main": [...], "footer": [...]} for `site` (cached per request too)."""
    cached = getattr(request, "_maregion_chrome", None)
    if cached is not None:
        return cached
    site_id = site.pk if site else 0
    data = cache.get(f"home:chrome:{site_id}:{chrome_version()}")
    if data is None:
        data = build_chrome(request, site)
        # Read the version again: building may create the settings rows, whose signals bump it.
        cache.set(f"home:chrome:{site_id}:{chrome_version()}", data, TTL)
    request._maregion_chrome = data
    return data


def build_chrome(request, site):
    data = {"identity": {}, "social": [], "main": [], "footer": []}
    if site is None:
        return data
    identity = SiteIdentity.for_site(site)
    data["identity"] = {
        "organisation": identity.organisation,
        "address": identity.address,
        "phone": identity.phone,
        "email": identity.contact_email,
        "contact_url": identity.contact_page.get_url(request) if identity.contact_page_id else "",
        # The rendition's address is cached with the rest: the logo costs no query per page.
        "logo_url": identity.logo.get_rendition("height-96").url if identity.logo_id else "",
        "alert": {
            "message": identity.alert_message,
            "level": identity.alert_level,
            # Rows saved before the link rule existed may hold anything: never render those.
            "link": identity.alert_link if is_safe_link(identity.alert_link) else "",
            "starts_at": identity.alert_starts_at,
            "ends_at": identity.alert_ends_at,
        },
    }
    data["social"] = [
        {"network": link.network, "label": link.get_network_display(), "url": link.url}
        for link in identity.social_links.all()
        if is_safe_link(link.url)
    ]
    navigation = NavigationSettings.for_site(site)
    main = menu_entries(request, navigation.main_items.select_related("link_page"))
    footer_items = list(navigation.footer_items.select_related("link_page"))
    footer = menu_entries(request, footer_items)
    data["footer"] = (
        accessibility_state_in_footer(footer, footer_items) if footer else default_footer(request, site, identity)
    )
    if not main:
        # Nothing configured yet: the root page's children marked "show in menus".
        children = site.root_page.get_children().live().public().in_menu().only("title", "url_path", "path", "depth")
        main = [({"label": page.title, "url": page.get_url(request)}, page) for page in children]
    add_second_level(request, main)
    data["main"] = [entry for entry, _page in main]
    return data


def accessibility_state_in_footer(footer, items):
    """The RGAA wants "Accessibilité : <état>" on every page: an entry for the statement that has no
    label of its own takes it from the statement, so the footer follows what the statement says."""
    unlabelled = {item.link_page_id for item in items if item.link_page_id and not item.link_text}
    statement_ids = [page.pk for _entry, page in footer if page is not None and page.pk in unlabelled]
    statements = {page.pk: page for page in AccessibilityStatementPage.objects.filter(pk__in=statement_ids)}
    entries = []
    for entry, page in footer:
        if page is not None and page.pk in statements:
            entry = {**entry, "label": str(statements[page.pk].footer_label)}
        entries.append(entry)
    return entries


def default_footer(request, site, identity):
    """No footer menu built yet: the site map, the legal pages and the contact page, those that are live.
    Read in one query for the home page's children (plus one for view restrictions and one for the
    accessibility statement's state): the chrome is rebuilt on every publication."""
    kinds = (SitemapPage, LegalNoticePage, AccessibilityStatementPage, CookiesPage)
    type_ids = {ContentType.objects.get_for_model(kind).pk: kind for kind in kinds}
    children = (
        site.root_page.get_children()
        .live()
        .public()
        .filter(Q(content_type_id__in=type_ids) | Q(slug=PERSONAL_DATA_SLUG))
        .order_by("path")
    )
    found = {}
    for page in children:
        found.setdefault(
            PERSONAL_DATA_SLUG if page.slug == PERSONAL_DATA_SLUG else type_ids[page.content_type_id], page
        )
    statement = found.get(AccessibilityStatementPage)
    contact = identity.contact_page if identity.contact_page_id and identity.contact_page.live else None
    entries = []
    for page, label in (
        (found.get(SitemapPage), None),
        (found.get(LegalNoticePage), None),
        (statement, statement and statement.specific.footer_label),
        (found.get(PERSONAL_DATA_SLUG), None),
        (found.get(CookiesPage), None),
        (contact, _("Contact")),
    ):
        if page is not None:
            entries.append({"label": str(label or page.title), "url": page.get_url(request)})
    return entries


SECOND_LEVEL_MAX = 8


def add_second_level(request, main):
    """Each main entry that is a page gets its live children shown in menus ("children"), in one query."""
    pages = [page for _entry, page in main if page is not None]
    for entry, _page in main:
        entry["children"] = []
    if not pages:
        return
    under = Q()
    for page in pages:
        under |= Q(path__startswith=page.path, depth=page.depth + 1)
    children = Page.objects.live().public().in_menu().filter(under).order_by("path")
    by_parent = {}
    for child in children.only("title", "url_path", "path", "depth"):
        by_parent.setdefault(child.path[: -Page.steplen], []).append(child)
    for entry, page in main:
        if page is not None:
            entry["children"] = [
                {"label": child.title, "url": child.get_url(request)}
                for child in by_parent.get(page.path, [])[:SECOND_LEVEL_MAX]
            ]


def menu_entries(request, items):
    """[(entry, page or None)] for the menu's items whose page is live or whose address is set."""
    entries = []
    for item in items:
        page = None
        if item.link_page_id:
            if not item.link_page.live:
                continue
            page = item.link_page
            url = page.get_url(request)
        else:
            url = item.link_url if is_safe_link(item.link_url) else ""
        if url:
            entries.append(({"label": item.label, "url": url}, page))
    return entries
