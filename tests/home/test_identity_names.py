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


def test_no_template_static_file_or_module_outside_the_demo_names_the_hauts_de_france():
    """The name lives in content, the demo and the settings' defaults (SITE_NAME, ORGANISATION_NAME) only:
    the favicon once read « HdF »."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    name = re.compile(r"hauts[- ]de[- ]france|\bHdF\b", re.IGNORECASE)
    allowed = {
        "site/settings/base.py",  # the defaults of SITE_NAME and ORGANISATION_NAME
        "search/evaluation.py",  # queries labelled with the demo's aid pages
    }
    found = []
    for app in ("core", "home", "programme", "shareloc", "belette", "search", "site"):
        for path in (root / app).rglob("*"):
            relative = path.relative_to(root).as_posix()
            if (
                path.suffix not in {".py", ".html", ".svg", ".js", ".css", ".txt", ".json"}
                or {"migrations", "vendor", "__pycache__"} & set(path.parts)
                or "demo" in path.name
                or relative in allowed
            ):
                continue
            if name.search(path.read_text(encoding="utf-8", errors="replace")):
                found.append(relative)
    assert found == []
