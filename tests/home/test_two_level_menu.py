"""The main menu's second level: each section's live pages shown in menus, read with the chrome's cache."""

import pytest
from django.test import RequestFactory
from wagtail.models import Site

from home.chrome import site_chrome
from home.models import MainMenuItem, NavigationSettings, SectionPage

from .conftest import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(home_page):
    services = home_page.add_child(instance=SectionPage(title="Services", slug="services", show_in_menus=True))
    services.save_revision().publish()
    ContentPageFactory(parent=services, title="Transports scolaires", slug="transports", show_in_menus=True)
    ContentPageFactory(parent=services, title="Cantine", slug="cantine", show_in_menus=True)
    ContentPageFactory(parent=services, title="Pas dans le menu", slug="cache", show_in_menus=False)
    draft = ContentPageFactory(parent=services, title="Brouillon", slug="brouillon", show_in_menus=True)
    draft.unpublish()
    return services


def submenu(html):
    start = html.index('<ul class="main-nav__sub"')
    return html[start : html.index("</ul>", start)]


def test_a_configured_section_shows_its_live_in_menu_pages_behind_a_disclosure_button(client, home_page, sections):
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    navigation.main_items = [
        MainMenuItem(link_page=sections, sort_order=0),
        MainMenuItem(link_url="/shareloc/", link_text="Shareloc", sort_order=1),
    ]
    navigation.save()
    html = client.get("/services/transports/").content.decode()
    assert 'aria-controls="main-nav-sub-1"' in html and 'aria-expanded="false"' in html
    assert "Pages de la rubrique Services" in html
    sub = submenu(html)
    assert (
        '<a class="main-nav__sublink" href="/services/transports/" aria-current="page">Transports scolaires</a>' in sub
    )
    assert "Cantine" in sub and "Pas dans le menu" not in sub and "Brouillon" not in sub
    # An address typed by hand has no second level.
    assert 'main-nav-sub-2"' not in html


def test_without_configured_menu_the_sections_still_get_their_second_level(client, home_page, sections):
    assert "Cantine" in submenu(client.get("/").content.decode())


def test_a_page_published_in_a_section_appears_in_the_menu_at_once(client, home_page, sections):
    client.get("/")
    ContentPageFactory(parent=sections, title="Lycées", slug="lycees", show_in_menus=True)
    assert "Lycées" in submenu(client.get("/").content.decode())


def test_the_second_level_costs_no_query_once_cached(client, home_page, sections, django_assert_num_queries):
    site = Site.objects.get(is_default_site=True)
    first = site_chrome(RequestFactory().get("/"), site)
    assert [child["label"] for child in first["main"][0]["children"]] == ["Transports scolaires", "Cantine"]
    with django_assert_num_queries(0):
        assert site_chrome(RequestFactory().get("/"), site) == first
