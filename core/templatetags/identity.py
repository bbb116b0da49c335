"""{% site_name %} and {% organisation_name %} for templates drawn without a request (error pages, e-mails)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def site_name():
    return settings.WAGTAIL_SITE_NAME


@register.simple_tag
def organisation_name():
    return settings.ORGANISATION_NAME
