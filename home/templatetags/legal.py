"""The placeholder the legal pages show where the Région has not filled a required part yet, and the host
of an embedded content (the consent step before another site's video or map loads)."""

from urllib.parse import urlsplit

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def to_fill(what):
    """`[À compléter par la Région : what]`, marked so that nobody takes it for the real text."""
    return format_html('<span class="to-fill">[{}]</span>', _("À compléter par la Région : %(what)s") % {"what": what})


@register.simple_tag
def value_or_to_fill(value, what):
    """The value, or the placeholder naming what is missing."""
    if value not in (None, ""):
        return value
    return to_fill(what)


@register.filter
def host(url):
    """The host name of an address ("www.openstreetmap.org"), to say who serves an embedded content."""
    return urlsplit(str(url or "")).hostname or ""
