"""Shareloc's public pages in a real browser: filters through the form, the map, the calendar table, axe."""

import datetime as dt
from decimal import Decimal

import pytest

from .conftest import axe_violations


def build_catalogue():
    from home.demo import ensure_site_tree
    from shareloc.catalogue.demo import ensure_catalogue_page
    from shareloc.catalogue.holiday_calendars import sync_calendars
    from shareloc.catalogue.models import forget_catalogue_path
    from shareloc.models import Lycee, OpeningWindow, Space

    ensure_site_tree()
    forget_catalogue_path()
    ensure_catalogue_page()
    sync_calendars([dt.date.today().year, dt.date.today().year + 1])
    lille = Lycee.objects.create(
        uai="0590119J",
        name="Lycée Faidherbe",
        commune_name="Lille",
        code_insee="59350",
        department="59",
        latitude=50.6292,
        longitude=3.0573,
    )
    amiens = Lycee.objects.create(
        uai="0800001S",
        name="Lycée Madeleine Michelis",
        commune_name="Amiens",
        code_insee="80021",
        department="80",
        latitude=49.89,
        longitude=2.30,
    )
    gym = Space.objects.create(
        lycee=lille,
        code="GYM1",
        name="Gymnase Faidherbe",
        kind="gymnasium",
        capacity=200,
        equipment=["showers"],
        hourly_rate_eur=Decimal("0"),
        accessible=True,
    )
    OpeningWindow.objects.create(
        space=gym, weekdays=["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start=dt.time(18), end=dt.time(22)
    )
    Space.objects.create(
        lycee=amiens, code="CDI", name="CDI Michelis", kind="library", capacity=40, hourly_rate_eur=Decimal("5")
    )


@pytest.mark.django_db(transaction=True)
def test_a_visitor_filters_the_catalogue_with_the_form_and_the_page_is_accessible(live_server, page):
    build_catalogue()
    page.goto(f"{live_server.url}/shareloc/")
    assert page.get_by_role("heading", name="2 espaces trouvés").is_visible()
    assert page.locator(".leaflet-container").count() == 1  # Leaflet served by the project, without tiles
    assert axe_violations(page) == []
    page.get_by_label("gymnase", exact=True).check()
    page.get_by_role("button", name="Rechercher").last.click()
    page.wait_for_load_state()
    assert "kind=gymnasium" in page.url  # a shareable URL
    assert page.get_by_role("heading", name="1 espace trouvé").is_visible()
    page.get_by_role("link", name="Gymnase Faidherbe").click()
    page.wait_for_load_state()
    assert page.url.endswith("/shareloc/0590119J/GYM1/")
    table = page.get_by_role("table")
    assert table.locator("tbody tr").count() == 28
    assert table.get_by_text("Libre", exact=True).count() + table.get_by_text("Indisponible", exact=True).count() == 28
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_a_bad_criterion_is_announced_and_the_lycee_page_is_accessible(live_server, page):
    build_catalogue()
    page.goto(f"{live_server.url}/shareloc/?min_capacity=-4")
    alert = page.get_by_role("alert")
    assert "Certains critères sont invalides" in alert.inner_text()
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/shareloc/0590119J/")
    assert page.get_by_role("heading", name="Lycée Faidherbe").is_visible()
    assert axe_violations(page) == []
