"""Site settings and menus edited in the admin, read by base.html through the cache."""

import datetime

import pytest
from wagtail.models import Site

from home.models import FooterMenuItem, MainMenuItem, NavigationSettings, SiteIdentity, SocialLink
from tests.conftest import TEST_NOW

from .conftest import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


def test_main_and_footer_menus_come_from_the_settings(client, site, home_page):
    guide = ContentPageFactory(parent=home_page, title="Le guide", slug="guide")
    navigation = NavigationSettings.for_site(site)
    navigation.main_items = [
        MainMenuItem(link_page=guide, link_text="Guide pratique", sort_order=0),
        MainMenuItem(link_url="/shareloc/", link_text="Shareloc", sort_order=1),
    ]
    navigation.footer_items = [FooterMenuItem(link_url="/mentions-legales/", link_text="Mentions", sort_order=0)]
    navigation.save()
    html = client.get("/guide/").content.decode()
    assert '<a class="main-nav__link" href="/guide/" aria-current="page">Guide pratique</a>' in html
    assert '<a class="main-nav__link" href="/shareloc/">Shareloc</a>' in html
    assert '<a href="/mentions-legales/">Mentions</a>' in html


def test_menu_edits_show_at_once_despite_the_cache(client, site, home_page):
    navigation = NavigationSettings.for_site(site)
    navigation.main_items = [MainMenuItem(link_url="/a/", link_text="Avant", sort_order=0)]
    navigation.save()
    assert "Avant" in client.get("/").content.decode()
    navigation.main_items = [MainMenuItem(link_url="/b/", link_text="Après", sort_order=0)]
    navigation.save()
    html = client.get("/").content.decode()
    assert "Après" in html and "Avant" not in html


def test_without_configured_menu_the_in_menu_children_are_shown(client, home_page):
    page = ContentPageFactory(parent=home_page, title="Dans le menu", slug="menu", show_in_menus=True)
    assert page.live
    assert "Dans le menu</a>" in client.get("/").content.decode()


def test_unpublished_menu_pages_disappear_from_the_menu(client, site, home_page):
    guide = ContentPageFactory(parent=home_page, title="Le guide", slug="guide")
    navigation = NavigationSettings.for_site(site)
    navigation.main_items = [MainMenuItem(link_page=guide, sort_order=0)]
    navigation.save()
    assert "Le guide</a>" in client.get("/").content.decode()
    guide.unpublish()
    assert "Le guide</a>" not in client.get("/").content.decode()


def test_alert_banner_shows_only_between_its_dates(client, site, home_page, clock):
    identity = SiteIdentity.for_site(site)
    now = TEST_NOW
    identity.alert_message = "Grève des TER mardi"
    identity.alert_starts_at = now - datetime.timedelta(hours=1)
    identity.alert_ends_at = now + datetime.timedelta(hours=1)
    identity.save()
    assert "Grève des TER mardi" in client.get("/").content.decode()
    identity.alert_ends_at = now - datetime.timedelta(minutes=1)
    identity.save()
    assert "Grève des TER mardi" not in client.get("/").content.decode()
    identity.alert_starts_at = now + datetime.timedelta(days=1)
    identity.alert_ends_at = now + datetime.timedelta(days=2)
    identity.save()
    assert "Grève des TER mardi" not in client.get("/").content.decode()


def test_alert_end_before_start_is_refused(site):
    from django.core.exceptions import ValidationError

    identity = SiteIdentity.for_site(site)
    identity.alert_message = "x"
    identity.alert_starts_at = TEST_NOW
    identity.alert_ends_at = identity.alert_starts_at - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError):
        identity.clean()


def test_contact_details_and_social_links_are_in_the_footer(client, site, home_page):
    identity = SiteIdentity.for_site(site)
    identity.phone = "03 74 27 00 00"
    identity.contact_email = "contact@maregion.example"
    identity.social_links = [SocialLink(network="linkedin", url="https://www.linkedin.com/company/x", sort_order=0)]
    identity.save()
    html = client.get("/").content.decode()
    assert 'href="tel:0374270000"' in html and "mailto:contact@maregion.example" in html
    assert 'href="https://www.linkedin.com/company/x"' in html


def test_settings_and_menus_are_editable_in_the_admin(client, site, demo_accounts):
    client.force_login(demo_accounts["admin"])
    for model in ("siteidentity", "navigationsettings"):
        response = client.get(f"/admin/settings/home/{model}/{site.pk}/")
        assert response.status_code == 200


def test_moderators_edit_menus_and_banner_but_editors_do_not(client, site, demo_accounts):
    client.force_login(demo_accounts["moderateur"])
    assert client.get(f"/admin/settings/home/navigationsettings/{site.pk}/").status_code == 200
    client.force_login(demo_accounts["editeur"])
    assert client.get(f"/admin/settings/home/navigationsettings/{site.pk}/").status_code in (302, 403)


def test_the_logo_from_the_settings_replaces_the_text_mark(client, site, home_page):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    identity = SiteIdentity.for_site(site)
    identity.logo = Image.objects.create(title="Logo", file=get_test_image_file())
    identity.save()
    html = client.get("/").content.decode()
    assert 'class="brand__logo" src="' in html and 'class="brand__mark"' not in html
