"""The programme in a real browser: the programme page, a project page, the call form (filled and
sent with the keyboard-reachable controls), and the team's view of an application, each checked by axe."""

import datetime
import io

import pytest
from django.utils import timezone

from .conftest import axe_violations, login


def load_programme_demo():
    from django.core.management.base import BaseCommand

    from home.demo import ensure_accounts, ensure_groups, ensure_site_tree
    from programme import demo
    from programme.models import CallPage

    ensure_groups(ensure_site_tree())
    ensure_accounts()
    demo.load(BaseCommand(stdout=io.StringIO()))
    # Keep the call open whatever day the suite runs.
    CallPage.objects.update(
        opens_at=timezone.now() - datetime.timedelta(days=1), closes_at=timezone.now() + datetime.timedelta(days=30)
    )


@pytest.mark.django_db(transaction=True)
def test_the_programme_page_and_a_project_page_are_accessible(live_server, page):
    load_programme_demo()
    page.goto(f"{live_server.url}/programme/")
    assert page.get_by_role("heading", level=1).inner_text() == "Programme d'intrapreneuriat"
    assert page.get_by_role("img", name="Entonnoir de l'édition 2020").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Shareloc").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/programme/shareloc/")
    page.get_by_text("Voir les données").first.click()
    assert page.get_by_role("cell", name="7 jours").is_visible()
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_the_call_form_is_accessible_and_creates_an_application(live_server, page):
    from programme.models import Application

    load_programme_demo()
    before = Application.objects.count()
    page.goto(f"{live_server.url}/programme/appel-2026/")
    assert page.get_by_role("link", name="Se connecter pour candidater").is_visible()  # staff only
    assert axe_violations(page) == []
    login(page, live_server, "agent")
    page.goto(f"{live_server.url}/programme/appel-2026/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Envoyer ma candidature").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").first.is_visible()
    assert axe_violations(page) == []
    page.get_by_label("Nom et prénom").fill("Camille Agent")
    page.get_by_label("E-mail professionnel").fill("camille@example.org")
    page.get_by_label("Direction ou service").fill("Direction des lycées")
    page.get_by_label("Titre du projet").fill("Covoiturage des antennes")
    page.get_by_label("Le problème constaté sur le terrain").fill("Chacun vient seul en voiture.")
    page.get_by_label("Les usagers concernés").fill("Agents des antennes.")
    page.get_by_label("Temps que vous pourriez y consacrer").select_option("50 %")
    page.get_by_label("J'accepte que la Région").check()
    page.get_by_role("button", name="Envoyer ma candidature").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Candidature envoyée"
    assert axe_violations(page) == []
    assert Application.objects.count() == before + 1


@pytest.mark.django_db(transaction=True)
def test_the_team_sees_an_application_and_the_dashboard_accessibly(live_server, page):
    from programme.models import Application

    load_programme_demo()
    application = Application.objects.get(title="Shareloc")
    login(page, live_server, "programme")
    page.goto(f"{live_server.url}/programme/espace/candidatures/{application.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Shareloc"
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/programme/espace/tableau-de-bord/")
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_an_applicant_sees_the_team_decision_and_receives_the_email(live_server, page, mailoutbox):
    """The agent applies, the team preselects the application in its space, the agent's "Mes
    candidatures" shows the new status and the e-mail has arrived."""
    from django.contrib.auth import get_user_model

    from programme.models import Application

    load_programme_demo()
    agent = get_user_model().objects.get(username="agent")
    application = Application.objects.create(
        edition_id=Application.objects.values_list("edition_id", flat=True).first(),
        applicant=agent,
        title="Covoiturage des antennes",
        applicant_name="Agnès Agent",
        applicant_email="agnes@example.org",
    )
    login(page, live_server, "agent")
    page.goto(f"{live_server.url}/programme/mes-candidatures/")
    assert "Reçue" in page.locator(".application-status").inner_text()
    assert axe_violations(page) == []

    page.context.clear_cookies()
    login(page, live_server, "programme")
    page.goto(f"{live_server.url}/programme/espace/candidatures/{application.pk}/")
    page.get_by_label("Nouvelle étape").select_option("preselected")
    page.get_by_label("Raison").fill("Projet retenu pour le hackathon.")
    page.get_by_role("button", name="Appliquer").click()
    page.wait_for_load_state()
    assert "Étape mise à jour" in page.content()

    page.context.clear_cookies()
    login(page, live_server, "agent")
    page.goto(f"{live_server.url}/programme/mes-candidatures/")
    assert "Présélectionnée : vous êtes invité·e au hackathon." in page.locator(".application-status").inner_text()
    assert axe_violations(page) == []
    assert [message.to for message in mailoutbox] == [["agnes@example.org"]]
    assert "Présélectionnée" in mailoutbox[0].body
