"""Review rounds in a real browser: the team assigns reviewers in bulk on the round's page, the reviewer
finds the one application assigned to them, scores it, and the team sees the progress; each page
checked by axe."""

import pytest

from .conftest import axe_violations, login
from .test_programme_pages import load_programme_demo


@pytest.mark.django_db(transaction=True)
def test_the_team_assigns_in_bulk_and_the_reviewer_scores_what_is_assigned(live_server, page):
    from django.contrib.auth import get_user_model

    from home.demo import DEMO_PASSWORD
    from programme.models import Application, Edition

    load_programme_demo()
    edition = Edition.objects.get(year=2026)
    mine = Application.objects.create(edition=edition, title="Guichet unique des lycées")
    other = Application.objects.create(edition=edition, title="Covoiturage des agents")
    reviewer = get_user_model().objects.create_user("relectrice", "relectrice@example.org", DEMO_PASSWORD)
    second = get_user_model().objects.create_user("relecteur", "relecteur@example.org", DEMO_PASSWORD)
    edition.reviewers.add(reviewer, second)
    review_round = edition.rounds.get(is_current=True)

    login(page, live_server, "programme")
    page.goto(f"{live_server.url}/programme/espace/tours/{review_round.pk}/")
    assert axe_violations(page) == []
    page.get_by_label("Évaluateurs par candidature").fill("1")
    page.locator("#attribuer-en-masse + p + form").get_by_role("button", name="Attribuer").click()
    page.wait_for_load_state()
    assert page.get_by_text("2 attribution(s) créée(s).").is_visible()
    assert axe_violations(page) == []

    assigned = reviewer.programme_assignments.get().application
    unassigned = other if assigned == mine else mine
    page.context.clear_cookies()
    login(page, live_server, "relectrice")
    page.goto(f"{live_server.url}/programme/espace/")
    assert page.get_by_role("link", name=assigned.title, exact=False).is_visible()
    assert page.get_by_text(unassigned.title).count() == 0
    page.get_by_role("link", name=assigned.title, exact=False).click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    for label in page.locator("form[action$='/evaluation/'] select").all():
        label.select_option("4")
    page.get_by_role("button", name="Enregistrer mon évaluation").click()
    page.wait_for_load_state()
    assert page.get_by_text("Évaluation enregistrée.").is_visible()
    response = page.goto(f"{live_server.url}/programme/espace/candidatures/{unassigned.pk}/")
    assert response.status == 403

    page.context.clear_cookies()
    login(page, live_server, "programme")
    page.goto(f"{live_server.url}/programme/espace/tours/{review_round.pk}/")
    progress = page.get_by_role("table", name="Évaluations rendues sur les candidatures attribuées, par évaluateur")
    row = progress.get_by_role("row").filter(has_text="relectrice")
    assert [cell.inner_text() for cell in row.get_by_role("cell").all()] == ["1", "1", "0"]
