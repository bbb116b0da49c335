from django import template

from ..contacts import public_contact

register = template.Library()


@register.simple_tag
def aid_public_contact(page):
    """{% aid_public_contact page as contact %}: the aid's service's public contact, or None."""
    return public_contact(page)
