"""In a real browser, checked by axe: an applicant keeps a draft, finds it again, submits it and edits
the application; the team reads the 2020 selection jury's decisions."""

import pytest

from .conftest import axe_violations, login
from .test_programme_pages import load_programme_demo


@pytest.mark.django_db(transaction=True)
def test_draft_submit_and_edit_in_mes_candidatures(live_server, page):
    from programme.models import Application, ApplicationDraft, ApplicationEdit

    load_programme_demo()
    before = Application.objects.count()
    login(page, live_server, "agent")
    page.goto(f"{live_server.url}/programme/appel-2026/")
    page.get_by_label("Titre du projet").fill("Covoiturage des antennes")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_load_state()
    assert page.get_by_text("Brouillon enregistré.").is_visible()
    assert page.get_by_label("Titre du projet").input_value() == "Covoiturage des antennes"
    assert axe_violations(page) == []
    assert Application.objects.count() == before and ApplicationDraft.objects.count() == 1
    page.goto(f"{live_server.url}/programme/mes-candidatures/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Reprendre le brouillon (Appel à candidatures 2026)").click()
    page.wait_for_load_state()
    page.get_by_label("Nom et prénom").fill("Camille Agent")
    page.get_by_label("E-mail professionnel").fill("camille@example.org")
    page.get_by_label("Direction ou service").fill("Direction des lycées")
    page.get_by_label("Le problème constaté sur le terrain").fill("Chacun vient seul en voiture.")
    page.get_by_label("Les usagers concernés").fill("Agents des antennes.")
    page.get_by_label("Temps que vous pourriez y consacrer").select_option("50 %")
    page.get_by_label("J'accepte que la Région").check()
    page.get_by_role("button", name="Envoyer ma candidature").click()
    page.wait_for_load_state()
    assert Application.objects.count() == before + 1 and not ApplicationDraft.objects.exists()
    page.goto(f"{live_server.url}/programme/mes-candidatures/")
    page.get_by_role("link", name="Modifier ma candidature").click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    page.get_by_label("Les usagers concernés").fill("Agents des antennes et des lycées.")
    page.get_by_role("button", name="Enregistrer les modifications").click()
    page.wait_for_load_state()
    assert page.get_by_text("Candidature modifiée : Les usagers concernés.").is_visible()
    assert ApplicationEdit.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_team_reads_the_2020_selection_jury(live_server, page):
    from programme.models import JurySession

    load_programme_demo()
    session = JurySession.objects.get(edition__year=2020, kind="selection")
    login(page, live_server, "programme")
    page.goto(f"{live_server.url}/programme/espace/jurys/{session.pk}/")
    assert page.get_by_role("cell", name="Sélectionnée", exact=True).count() == 6
    assert axe_violations(page) == []
