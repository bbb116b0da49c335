"""The aid and Shareloc catalogues' filters on a phone: folded behind one button (core/filters_toggle.html),
so that the first result shows on the first screen; open with the button, always shown on a wide screen
or without JavaScript."""

import pytest

from .conftest import axe_violations
from .test_portal_pages import build_portal
from .test_shareloc_pages import build_catalogue

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}


def first_result_top(page, selector):
    return page.evaluate(f"document.querySelector({selector!r}).getBoundingClientRect().top")


@pytest.mark.django_db(transaction=True)
def test_aid_catalogue_on_a_phone_shows_the_first_aid_and_folds_the_filters(live_server, page):
    build_portal()
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/aides/?public=apprentis&theme=transport&tri=cloture")
    toggle = page.locator(".filters-toggle")
    form = page.locator("#filtres-aides")
    assert toggle.is_visible() and not form.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "filtres-aides"
    # The two chosen criteria are counted; the sort is not a filter.
    assert " ".join(toggle.text_content().split()) == "Filtres 2 critères actifs"
    assert page.locator(".filters-toggle__count").is_visible()
    box = toggle.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    assert first_result_top(page, ".card--aid") < page.evaluate("innerHeight")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert axe_violations(page) == []

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert form.is_visible()
    assert page.get_by_label("Trier par").input_value() == "cloture"
    assert page.get_by_label("Apprentis").is_checked()
    assert axe_violations(page) == []
    toggle.click()
    assert not form.is_visible()


@pytest.mark.django_db(transaction=True)
def test_aid_catalogue_on_a_wide_screen_shows_the_filters_without_the_button(live_server, page):
    build_portal()
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/aides/")
    assert page.locator("#filtres-aides").is_visible()
    assert not page.locator(".filters-toggle").is_visible()
    page.get_by_label("Trier par").select_option("cloture")
    page.get_by_role("button", name="Appliquer les filtres").click()
    page.wait_for_load_state()
    assert "tri=cloture" in page.url
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_filters_show_on_a_phone(live_server, browser):
    build_portal()
    context = browser.new_context(locale="fr-FR", viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/aides/")
        assert page.locator("#filtres-aides").is_visible()
        assert not page.locator(".filters-toggle").is_visible()
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_shareloc_catalogue_folds_its_filters_the_same_way(live_server, page):
    build_catalogue()
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/shareloc/?kind=gymnasium")
    toggle = page.locator(".filters-toggle")
    form = page.locator("#filtres-espaces")
    assert toggle.is_visible() and not form.is_visible()
    assert " ".join(toggle.text_content().split()) == "Filtres 1 critère actif"
    assert first_result_top(page, "#shareloc-count") < page.evaluate("innerHeight")
    toggle.click()
    assert form.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    assert axe_violations(page) == []
    # A refused criterion opens the form at once, where its message is.
    page.goto(live_server.url + "/shareloc/?min_capacity=beaucoup")
    assert form.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/shareloc/")
    assert form.is_visible() and not toggle.is_visible()
