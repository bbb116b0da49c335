"""What every template may name without hard-coding it: the site's and the publishing organisation's names
(settings SITE_NAME and ORGANISATION_NAME), so another collectivité installs the same code."""

from django.conf import settings


def identity(request):
    return {"site_name": settings.WAGTAIL_SITE_NAME, "organisation_name": settings.ORGANISATION_NAME}
