from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live, in-menu children of the site's root page, in tree order (one query)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site is not None:
        items = list(site.root_page.get_children().live().in_menu().specific(defer=True).only(
            "title", "url_path", "path", "depth"))
    current = context.get("page")
    return {"items": items, "current": current, "request": request}
