"""Another collectivité installs the same code: the site's and the organisation's names come from settings
(SITE_NAME, ORGANISATION_NAME), never from a template."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(WAGTAIL_SITE_NAME="Mon Département", ORGANISATION_NAME="Département de la Somme")
def test_no_page_names_the_hauts_de_france_when_another_organisation_installs_it(client, home_page):
    for path in ("/", "/page-inconnue/"):
        html = client.get(path).content.decode()
        for content in (home_page.seo_title, home_page.search_description, home_page.title):  # written at setup
            html = html.replace(content, "")
        assert "Hauts-de-France" not in html, path
        assert "| Mon Département</title>" in html, path
    html = client.get("/").content.decode()
    assert '<span class="brand__name">Mon Département</span>' in html
    assert "Département de la Somme" in html  # the footer's fallback when no organisation is set


@override_settings(WAGTAIL_SITE_NAME="Mon Département")
def test_the_error_pages_drawn_without_a_request_name_the_site_from_the_settings():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Mon Département" in html and "Hauts-de-France" not in html
