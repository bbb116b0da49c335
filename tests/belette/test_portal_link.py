"""The plain references between La Belette and the portal: a dispositif points at its aid page, an aid
page names its responsible unit by code (neither app imports the other's rules)."""

import pytest

from belette.demo import link_portal_pages


@pytest.fixture
def aid_page(home_page, directory):
    from home.models import AideIndexPage, AidePage

    index = home_page.add_child(instance=AideIndexPage(title="Aides", slug="aides"))
    return index.add_child(
        instance=AidePage(
            title="Carte TER Hauts-de-France +26 ans",
            slug="carte-ter-26",
            summary="Réduction sur les trains régionaux.",
            responsible_unit_code="DTR-TER",
        )
    )


def test_demo_links_each_dispositif_to_the_aid_page_of_the_same_name_once(aid_page, directory):
    assert link_portal_pages() == 1
    dispositif = directory["dispositifs"]["ter"]
    dispositif.refresh_from_db()
    assert dispositif.portal_page_id == aid_page.pk
    assert link_portal_pages() == 0


def test_entry_pages_show_the_portal_aid_page(staff_client, aid_page, directory):
    link_portal_pages()
    html = staff_client.get("/belette/dispositifs/TER-PLUS26/").content.decode()
    assert aid_page.url in html
    html = staff_client.get("/belette/unites/DTR-TER/").content.decode()
    assert "Aides du portail suivies par l’unité" in html and aid_page.url in html
