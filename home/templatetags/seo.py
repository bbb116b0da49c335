"""The page's description for search engines and link previews: what the editor wrote for them
(`search_description`), or else the page's own summary or standfirst, as plain text."""

from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator

register = template.Library()

# Search engines show about this many characters of a description.
DESCRIPTION_LENGTH = 160


@register.filter
def meta_description(page):
    if page is None:
        return ""
    text = getattr(page, "search_description", "") or ""
    if not text.strip():
        fallback = getattr(page, "summary", "") or getattr(page, "intro", "") or ""
        text = " ".join(strip_tags(str(fallback)).split())
    return Truncator(text.strip()).chars(DESCRIPTION_LENGTH)
