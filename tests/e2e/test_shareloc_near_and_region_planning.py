"""Issue 18 in a real browser: the catalogue's « near » box suggests communes (core's combobox in its
fill mode: the keyboard alone chooses one, which fills the box without leaving the page), and the
Région's public planning of a département is accessible (axe)."""

import pytest

from .conftest import axe_violations
from .test_shareloc_pages import build_catalogue


def communes():
    from shareloc.models import Commune

    Commune.objects.create(
        code_insee="59350", name="Lille", department="59", population=236710, latitude=50.63, longitude=3.05
    )
    Commune.objects.create(
        code_insee="02691", name="Saint-Quentin", department="02", population=53000, latitude=49.85, longitude=3.29
    )
    Commune.objects.create(
        code_insee="80696",
        name="Saint-Quentin-en-Tourmont",
        department="80",
        population=300,
        latitude=50.27,
        longitude=1.6,
    )


@pytest.mark.django_db(transaction=True)
def test_the_near_box_suggests_communes_chosen_with_the_keyboard(live_server, page):
    build_catalogue()
    communes()
    page.goto(f"{live_server.url}/shareloc/")
    box = page.get_by_role("combobox", name="Près de la commune (nom ou code INSEE)")
    box.focus()
    page.keyboard.type("saint q")
    listbox = page.get_by_role("listbox", name="Suggestions").filter(has=page.get_by_role("option"))
    listbox.get_by_role("option").first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert listbox.get_by_role("option").count() == 2
    assert "Entrée pour choisir" in page.locator("#shareloc-near-suggestions-status").inner_text()
    assert axe_violations(page) == []  # with the list open
    page.keyboard.press("ArrowDown")
    assert page.locator(f"#{box.get_attribute('aria-activedescendant')}").get_attribute("aria-selected") == "true"
    url = page.url
    page.keyboard.press("Enter")  # chooses: fills the box, does not submit the form
    assert box.input_value() == "Saint-Quentin"
    assert box.get_attribute("aria-expanded") == "false"
    assert page.url == url
    box.fill("lil")
    page.get_by_role("listbox", name="Suggestions").get_by_role("option").first.wait_for()
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.fill("Lille")
    page.get_by_role("button", name="Rechercher").last.click()
    page.wait_for_load_state()
    assert "near=Lille" in page.url
    assert page.get_by_text("Gymnase Faidherbe").first.is_visible()


@pytest.mark.django_db(transaction=True)
def test_the_region_planning_of_a_departement_is_accessible(live_server, page):
    build_catalogue()
    communes()
    page.goto(f"{live_server.url}/shareloc/planning/")
    page.get_by_label("Département").select_option("59")
    page.get_by_role("button", name="Afficher le planning").click()
    page.wait_for_load_state()
    assert "departement=59" in page.url
    assert page.get_by_role("heading", name="Lycée Faidherbe (Lille)").is_visible()
    assert page.get_by_role("table").count() == 1
    assert axe_violations(page) == []
