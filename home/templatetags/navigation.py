from django import template
from django.utils import timezone
from wagtail.models import Site

from home.chrome import site_chrome

register = template.Library()


def _chrome(context):
    request = context.get("request")
    if request is None:
        return {"identity": {}, "social": [], "main": [], "footer": []}
    return site_chrome(request, Site.find_for_request(request))


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The main menu (edited in Paramètres › Menus), the current section marked."""
    request = context.get("request")
    path = request.path if request else ""
    items = []
    for entry in _chrome(context)["main"]:
        url = entry["url"]
        current = None
        if url == path:
            current = "page"
        elif url not in ("/", "") and url.startswith("/") and path.startswith(url):
            current = "true"
        items.append({**entry, "current": current})
    return {"items": items, "request": request}


@register.simple_tag(takes_context=True)
def site_chrome_data(context):
    return _chrome(context)


@register.simple_tag(takes_context=True)
def active_alert(context):
    alert = _chrome(context)["identity"].get("alert") or {}
    if not alert.get("message"):
        return None
    now = timezone.now()
    if alert.get("starts_at") and now < alert["starts_at"]:
        return None
    if alert.get("ends_at") and now >= alert["ends_at"]:
        return None
    return alert


@register.inclusion_tag("home/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None):
    page = page or context.get("page")
    ancestors = []
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if page is not None and page.depth == 3 and site is not None and page.path.startswith(site.root_page.path):
        ancestors = [site.root_page]  # already loaded by Wagtail's routing: no query
    elif page is not None and page.depth > 2:
        ancestors = list(page.get_ancestors().filter(depth__gte=2).only("title", "url_path", "path", "depth"))
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}
