"""The search page in a real browser: no serious accessibility violation with results (an aid's public
contact among them) and with the suggestions open, and the suggestions used with the keyboard alone."""

import pytest
from django.core.cache import cache

from .conftest import axe_violations


def _site_with_pages():
    from home.demo import ensure_site_tree
    from home.models import AidePage, ContentPage, NewsPage

    cache.clear()
    home = ensure_site_tree()
    home.add_child(instance=AidePage(title="Transport scolaire gratuit", summary="Le car pour les lycéens."))
    home.add_child(instance=NewsPage(title="Le transport régional se modernise", intro="De nouveaux trains."))
    home.add_child(instance=ContentPage(title="Transition écologique", intro="Agir pour le climat et le transport."))
    return home


@pytest.mark.django_db(transaction=True)
def test_search_page_with_results_has_no_serious_accessibility_violation(live_server, page):
    from home.models import AidePage
    from tests.belette.factories import DispositifFactory, UnitFactory

    _site_with_pages()
    unit = UnitFactory(code="DTS", name="Service Transports scolaires", email="transports@example.org", phone="03 00")
    DispositifFactory(code="CAR", unit=unit, portal_page=AidePage.objects.get())

    page.goto(f"{live_server.url}/recherche/?q=transport")

    contact = page.locator(".search-result__contact").first
    assert "Service Transports scolaires" in contact.inner_text()
    assert contact.get_by_role("link", name="transports@example.org").is_visible()

    assert page.get_by_role("heading", name="Aides (1)").is_visible()
    assert page.get_by_role("heading", name="Actualités (1)").is_visible()
    assert page.locator(".search-result mark").first.inner_text().lower() == "transport"
    assert page.get_by_role("navigation", name="Filtrer par type").get_by_role("link", name="Aides (1)").is_visible()
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_suggestions_can_be_browsed_and_opened_with_the_keyboard(live_server, page):
    _site_with_pages()
    page.goto(f"{live_server.url}/recherche/")

    search_box = page.get_by_role("combobox", name="Que cherchez-vous ?")
    search_box.focus()
    page.keyboard.type("transp")
    listbox = page.get_by_role("listbox", name="Suggestions")
    listbox.get_by_role("option").first.wait_for()

    assert search_box.get_attribute("aria-expanded") == "true"
    assert "suggestion" in page.locator("#search-suggestions-status").inner_text()
    assert axe_violations(page) == []  # with the list open

    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    active_id = search_box.get_attribute("aria-activedescendant")
    active = page.locator(f"#{active_id}")
    assert active.get_attribute("aria-selected") == "true"
    chosen_title = active.locator(".combobox__text").inner_text()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowDown")
    assert search_box.get_attribute("aria-activedescendant") == active_id

    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.title().startswith(chosen_title)

    page.go_back()
    search_box = page.get_by_role("combobox", name="Que cherchez-vous ?")
    search_box.fill("")
    search_box.focus()
    page.keyboard.type("transp")
    page.get_by_role("listbox", name="Suggestions").get_by_role("option").first.wait_for()
    page.keyboard.press("Escape")
    assert search_box.get_attribute("aria-expanded") == "false"
    assert page.get_by_role("listbox", name="Suggestions").is_hidden()
