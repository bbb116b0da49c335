"""La Belette's admin forms in a real browser: aliases as chips (added with Enter, removed with their
button) and contacts chosen from suggestions that show job title and unit; axe-core on the form."""

import pytest

from .conftest import axe_violations, login


@pytest.fixture
def admin_directory(transactional_db):
    from belette.demo import ensure_permissions
    from home.demo import ensure_accounts, ensure_groups, ensure_site_tree
    from tests.belette.factories import build_directory

    ensure_groups(ensure_site_tree())
    ensure_accounts()
    ensure_permissions()
    return build_directory()


@pytest.mark.django_db(transaction=True)
def test_aliases_as_chips_and_contacts_chosen_by_name_unit_and_title(live_server, page, admin_directory):
    from belette.models import Dispositif

    dispositif = Dispositif.objects.get(code="FSE")
    login(page, live_server, "admin")
    page.goto(f"{live_server.url}/admin/snippets/belette/dispositif/edit/{dispositif.pk}/")

    aliases = page.get_by_role("textbox", name="Autres noms et sigles")
    assert page.get_by_role("button", name="Retirer « FSE+ »").is_visible()
    aliases.fill("FRSU")
    aliases.press("Enter")  # adds the value, does not send the form
    aliases.press_sequentially("fonds d'urgence,")
    assert page.get_by_role("button", name="Retirer « fonds d'urgence »").is_visible()
    page.get_by_role("button", name="Retirer « FSE+ »").click()
    assert page.get_by_role("button", name="Retirer « FSE+ »").count() == 0

    homonym = "Isabelle Dupont — Chargée de mission, Service Restauration et hébergement (A2)"
    box = page.get_by_role("combobox", name="Contacts")
    box.press_sequentially("dupont cantine", delay=30)
    option = page.get_by_role("option", name=homonym)
    option.wait_for()
    assert axe_violations(page) == []
    box.press("ArrowDown")
    box.press("Enter")
    assert page.get_by_role("checkbox", name=homonym).is_checked()

    page.get_by_role("button", name="Enregistrer").first.click()
    page.wait_for_url("**/admin/snippets/belette/dispositif/")
    dispositif.refresh_from_db()
    assert dispositif.aliases == ["FSE", "FRSU", "fonds d'urgence"]
    assert list(dispositif.contacts.values_list("hr_id", flat=True)) == ["A2"]
