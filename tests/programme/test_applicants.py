"""Mes candidatures: one's own applications only, their status and history in plain words, the
attachments, withdrawal before the call closes, and an e-mail at each change of stage (the team's
message for that stage when it wrote one)."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from programme.models import ApplicantMessage, Application

from .conftest import make_user
from .test_call import URL, answers

pytestmark = pytest.mark.django_db

MINE = "/programme/mes-candidatures/"


@pytest.fixture
def applied(client, call, demo_accounts, django_capture_on_commit_callbacks):
    """The demo agent's application to the open call, with an attachment."""
    client.force_login(demo_accounts["agent"])
    upload = SimpleUploadedFile("projet.pdf", b"%PDF-1.4 projet", content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(URL, answers(presentation=upload)).status_code == 200
    mail.outbox.clear()
    return Application.objects.get()


def team_moves(client, people, application, target, captured):
    client.force_login(people["programme"])
    with captured(execute=True):
        response = client.post(
            f"/programme/espace/candidatures/{application.pk}/etape/", {"target": target, "reason": "Avis du comité."}
        )
    assert response.status_code == 302


def test_the_page_asks_to_sign_in(client):
    response = client.get(MINE)
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")


def test_the_applicant_sees_their_application_status_and_attachment(client, applied, demo_accounts):
    page = client.get(MINE).content.decode()
    assert applied.title in page and applied.reference in page
    assert "Reçue : l&#x27;équipe du programme l&#x27;examinera" in page and "projet.pdf" in page
    file_url = f"{MINE}{applied.pk}/fichiers/{applied.files.get().pk}/"
    assert client.get(file_url).status_code == 200


def test_nobody_else_sees_or_touches_it(client, applied, people):
    other = make_user("autre_agent")
    file_url = f"{MINE}{applied.pk}/fichiers/{applied.files.get().pk}/"
    for user in (other, people["relectrice"], people["association"]):
        client.force_login(user)
        assert applied.title not in client.get(MINE).content.decode()
        assert client.get(file_url).status_code == 403
        assert client.post(f"{MINE}{applied.pk}/retirer/", {"confirm": "1"}).status_code == 403
    applied.refresh_from_db()
    assert applied.stage == "submitted"


def test_each_team_decision_changes_the_status_and_mails_the_applicant(
    client, applied, people, demo_accounts, django_capture_on_commit_callbacks
):
    team_moves(client, people, applied, "preselected", django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["camille@example.org"]]
    assert applied.reference in mail.outbox[0].subject
    assert "Présélectionnée : vous êtes invité·e au hackathon." in mail.outbox[0].body
    assert "Avis du comité." not in mail.outbox[0].body  # the team's internal reason stays internal
    ApplicantMessage.objects.create(
        stage="not_retained",
        subject="Votre candidature {reference}",
        body="Bonjour {nom}, « {titre} » n'est pas retenue. {statut} Historique : {lien}",
    )
    team_moves(client, people, applied, "not_retained", django_capture_on_commit_callbacks)
    last = mail.outbox[-1]
    assert last.subject == f"Votre candidature {applied.reference}"
    assert last.body.startswith("Bonjour Camille Agent, « Covoiturage des antennes » n'est pas retenue. Non retenue")
    assert last.body.endswith("/programme/mes-candidatures/")
    client.force_login(demo_accounts["agent"])
    page = client.get(MINE).content.decode()
    assert "Non retenue : votre candidature n&#x27;a pas été retenue" in page
    assert "Présélectionnée : vous êtes invité·e au hackathon." in page  # the history


def test_the_applicant_withdraws_before_the_call_closes(client, applied, django_capture_on_commit_callbacks):
    url = f"{MINE}{applied.pk}/retirer/"
    assert client.post(url).status_code == 400  # no confirmation box ticked
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"confirm": "1"}).status_code == 302
    applied.refresh_from_db()
    assert applied.stage == "withdrawn" and applied.stage_changes.get().by == applied.applicant
    assert "Retirée : vous avez retiré votre candidature." in mail.outbox[-1].body
    assert client.post(URL, answers()).status_code == 200  # may apply again after withdrawing


def test_no_withdrawal_once_the_call_is_closed(client, applied, call, clock, demo_accounts):
    clock.move_to(call.closes_at + datetime.timedelta(minutes=1))
    assert timezone.now() > call.closes_at
    client.force_login(demo_accounts["agent"])  # the session of a month ago has expired
    assert "Retirer ma candidature" not in client.get(MINE).content.decode()
    response = client.post(f"{MINE}{applied.pk}/retirer/", {"confirm": "1"})
    assert response.status_code == 400 and "ne peut plus être retirée" in response.content.decode()
    applied.refresh_from_db()
    assert applied.stage == "submitted"
