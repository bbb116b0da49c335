"""La Belette in a real browser: suggestions by keyboard, results, entries; axe-core on each page."""

import re

import pytest

from .conftest import axe_violations, login


@pytest.fixture
def staff_directory(transactional_db):
    from belette.demo import ensure_permissions
    from home.demo import ensure_accounts, ensure_groups, ensure_site_tree
    from tests.belette.factories import build_directory

    ensure_groups(ensure_site_tree())
    ensure_accounts()
    ensure_permissions()
    return build_directory()


@pytest.mark.django_db(transaction=True)
def test_suggestions_are_keyboard_accessible_and_open_the_entry(live_server, page, staff_directory):
    login(page, live_server, "agent")
    page.goto(f"{live_server.url}/belette/")
    box = page.get_by_role("combobox", name="Un nom, un service, un dispositif, un sigle ou une question")
    box.press_sequentially("vandenb", delay=40)
    option = page.get_by_role("option", name="Régis Vandenbussche – DEUR-FSE Agent")
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert axe_violations(page) == []
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "belette-suggestions-0"
    assert option.get_attribute("aria-selected") == "true"
    box.press("Enter")
    page.wait_for_url("**/belette/agents/A4/")
    assert page.get_by_role("heading", level=1).inner_text() == "Régis Vandenbussche"
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_results_page_and_org_chart_are_accessible(live_server, page, staff_directory):
    login(page, live_server, "agent")
    page.goto(f"{live_server.url}/belette/")
    box = page.locator("#belette-q")
    box.fill("cartes TER")
    box.press("Enter")  # no suggestion chosen: the form is submitted
    page.wait_for_url(re.compile(r"/belette/\?q=cartes\+TER"))
    first = page.locator(".belette-hit").first
    assert "Carte TER Hauts-de-France +26 ans" in first.inner_text()
    assert first.locator("mark").count() >= 2
    assert "Isabelle Dupont" in first.inner_text()
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/belette/organigramme/")
    assert page.get_by_role("link", name="Pôle Mobilité et Transports (PMT)").count() == 1
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_anonymous_visitor_is_sent_to_the_login_page(live_server, page, staff_directory):
    page.goto(f"{live_server.url}/belette/agents/A1/")
    assert "/connexion/" in page.url
    assert "Isabelle Dupont" not in page.content()


@pytest.mark.django_db(transaction=True)
def test_org_chart_prints_every_unit_without_navigation(live_server, page, staff_directory):
    login(page, live_server, "agent")
    page.goto(f"{live_server.url}/belette/organigramme/")
    deep = page.get_by_role("link", name="Service TER et offre ferroviaire")  # under a closed pôle
    nav = page.get_by_role("navigation", name="La Belette")
    button = page.get_by_role("button", name="Imprimer l’organigramme")
    assert not deep.is_visible() and nav.is_visible() and button.is_visible()
    assert axe_violations(page) == []

    page.emulate_media(media="print")
    assert deep.is_visible()
    assert not nav.is_visible() and not button.is_visible()
    assert not page.locator(".site-header").is_visible() and not page.locator(".site-footer").is_visible()

    # Browsers without ::details-content: the script opens the sections before printing, closes them after.
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".belette-tree details:not([open])").count() == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not deep.is_visible()
