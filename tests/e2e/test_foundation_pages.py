import pytest

from .conftest import axe_violations


@pytest.mark.django_db(transaction=True)
def test_home_page_has_no_serious_accessibility_violation_and_a_working_skip_link(live_server, page):
    from home.demo import ensure_site_tree

    ensure_site_tree()
    page.goto(live_server.url + "/")
    assert axe_violations(page) == []
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
