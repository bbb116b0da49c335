"""The portal's pages in a real browser: axe-core finds no serious or critical WCAG violation,
and the main menu works with the keyboard alone."""

import pytest

from .conftest import axe_violations

PAGES = [
    ("accueil", "/"),
    ("page de contenu", "/services/transports-scolaires/"),
    ("liste des aides filtrée", "/aides/?public=apprentis&theme=transport&ouvertes=1"),
    ("page d'une aide", "/aides/bourse-de-mobilite-internationale-mermoz/"),
    ("liste des actualités", "/actualites/"),
    ("formulaire", "/contact/"),
    ("plan du site", "/plan-du-site/"),
    ("mentions légales", "/mentions-legales/"),
    ("déclaration d'accessibilité", "/accessibilite/"),
    ("cookies", "/cookies/"),
]


def build_portal():
    from home.demo import ensure_accounts, ensure_groups, ensure_site_tree
    from home.demo_content import load_content

    home = ensure_site_tree()
    ensure_groups(home)
    ensure_accounts()
    load_content(home)
    return home


@pytest.mark.django_db(transaction=True)
def test_portal_pages_have_no_serious_accessibility_violation(live_server, page):
    build_portal()
    failures = {}
    for name, path in PAGES:
        response = page.goto(live_server.url + path)
        assert response.status, path
        assert response.status == 200, (path, response.status)
        violations = axe_violations(page)
        if violations:
            failures[name] = violations
    assert failures == {}


@pytest.mark.django_db(transaction=True)
def test_aid_filters_and_form_errors_work_in_the_browser(live_server, page):
    build_portal()
    page.goto(live_server.url + "/aides/")
    page.get_by_label("Apprentis").check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    page.wait_for_load_state()
    assert "public=apprentis" in page.url
    assert "aides trouvées" in page.locator(".results-count").inner_text()
    page.goto(live_server.url + "/contact/")
    page.get_by_role("button", name="Envoyer").click()
    page.wait_for_load_state()
    assert "Le formulaire contient des erreurs" in page.content()
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_main_menu_works_with_the_keyboard_alone(live_server, page):
    build_portal()
    page.goto(live_server.url + "/")
    # Skip links first, then the brand, the search field and button, the login link, then the menu.
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('main-nav__link')"):
            break
    assert page.evaluate("document.activeElement.textContent.trim()") == "Aides"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/aides/")
    # On a small screen the menu folds behind a button that the keyboard opens and Escape closes.
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto(live_server.url + "/")
    toggle = page.locator(".main-nav__toggle")
    toggle.focus()
    assert not page.locator(".main-nav__link").first.is_visible()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator(".main-nav__link").first.is_visible()
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"


LONG_ADDRESS = "secretariat.direction-des-transports-scolaires-et-interurbains@hautsdefrance.example.org"


@pytest.mark.django_db(transaction=True)
def test_no_page_is_wider_than_a_phone_screen(live_server, page):
    """At 375 pixels, nothing an editor types (a long e-mail address, a long word) widens any page type."""
    from home.models import ContentPage

    build_portal()
    guide = ContentPage.objects.get(url_path__endswith="/transports-scolaires/")
    guide.body.append(
        ("contact", {"name": "Secrétariat", "role": "", "email": LONG_ADDRESS, "phone": "", "address": "", "hours": ""})
    )
    guide.body.append(("paragraph", f"<p>Écrivez à {LONG_ADDRESS} ou à https://{LONG_ADDRESS.replace('@', '/')}</p>"))
    guide.save_revision().publish()
    page.set_viewport_size({"width": 375, "height": 800})
    too_wide = {}
    for name, path in PAGES:
        assert page.goto(live_server.url + path).status == 200, path
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if widths[0] > widths[1]:
            too_wide[name] = widths
    assert too_wide == {}


@pytest.mark.django_db(transaction=True)
def test_the_menus_second_level_opens_and_closes_with_the_keyboard(live_server, page):
    build_portal()
    page.goto(live_server.url + "/")
    button = page.get_by_role("button", name="Pages de la rubrique Services")
    sublink = page.locator(".main-nav__sublink", has_text="Transports scolaires")
    assert button.get_attribute("aria-expanded") == "false" and not sublink.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true" and sublink.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Transports scolaires"
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and not sublink.is_visible()
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == button.get_attribute(
        "aria-controls"
    )
    assert axe_violations(page) == []
    # On a phone the second level opens inside the unfolded menu.
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Menu").click()
    button.click()
    assert sublink.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.mark.django_db(transaction=True)
def test_the_tabs_block_follows_the_aria_tabs_pattern(live_server, page):
    import json

    from home.models import ContentPage

    build_portal()
    guide = ContentPage.objects.get(url_path__endswith="/transports-scolaires/")
    tabs = {
        "tabs": [
            {"title": "Lycéens", "content": "<p>Pour les lycéens.</p>"},
            {"title": "Apprentis", "content": "<p>Pour les apprentis.</p>"},
        ]
    }
    guide.body = json.dumps([{"type": "tabs", "value": tabs}])
    guide.save_revision().publish()
    page.goto(live_server.url + "/services/transports-scolaires/")
    first, second = page.get_by_role("tab", name="Lycéens"), page.get_by_role("tab", name="Apprentis")
    assert first.get_attribute("aria-selected") == "true" and second.get_attribute("tabindex") == "-1"
    assert (
        page.get_by_text("Pour les lycéens.").is_visible() and not page.get_by_text("Pour les apprentis.").is_visible()
    )
    first.focus()
    page.keyboard.press("ArrowRight")
    assert second.get_attribute("aria-selected") == "true"
    assert page.evaluate("document.activeElement.textContent") == "Apprentis"
    assert (
        page.get_by_text("Pour les apprentis.").is_visible() and not page.get_by_text("Pour les lycéens.").is_visible()
    )
    page.keyboard.press("Home")
    assert first.get_attribute("aria-selected") == "true"
    assert axe_violations(page) == []
