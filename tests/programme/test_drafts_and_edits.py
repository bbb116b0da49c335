"""Drafts and edits in « Mes candidatures »: a draft is kept, resumed and submitted, and is never an
application (no list, export, count or funnel sees it; nobody else reaches it); a submitted application
is edited until the call closes (its history says so), then read-only."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from programme.dashboard import edition_funnel
from programme.models import Application, ApplicationDraft, ApplicationEdit

from .conftest import make_user
from .test_call import URL, answers

pytestmark = pytest.mark.django_db

MINE = "/programme/mes-candidatures/"
DRAFT = {"titre_du_projet": "Brouillon secret", "le_probleme": "À moitié écrit.", "action": "brouillon"}


@pytest.fixture
def agent(client, demo_accounts):
    client.force_login(demo_accounts["agent"])
    return demo_accounts["agent"]


@pytest.fixture
def drafted(client, call, agent):
    response = client.post(URL, DRAFT)
    assert response.status_code == 302
    return ApplicationDraft.objects.get()


def test_a_draft_is_kept_without_required_answers_and_resumed(client, drafted, call, agent):
    assert drafted.applicant == agent and drafted.values["titre_du_projet"] == "Brouillon secret"
    assert not Application.objects.exists() and mail.outbox == []
    page = client.get(URL).content.decode()
    assert 'value="Brouillon secret"' in page and "À moitié écrit." in page
    assert "Reprendre le brouillon" in client.get(MINE).content.decode()
    client.post(URL, {**DRAFT, "titre_du_projet": "Brouillon repris"})
    assert ApplicationDraft.objects.get().values["titre_du_projet"] == "Brouillon repris"


def test_submitting_turns_the_draft_into_the_application(client, drafted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(URL, answers(titre_du_projet="Brouillon secret")).status_code == 200
    assert Application.objects.get().title == "Brouillon secret"
    assert not ApplicationDraft.objects.exists()


def test_a_draft_is_seen_by_no_list_export_count_or_funnel(client, drafted, call, people):
    assert edition_funnel(call.edition, published_only=False)["steps"][0][1] == 0
    client.force_login(people["programme"])
    for url in (
        "/programme/espace/",
        "/programme/espace/candidatures/",
        "/programme/espace/candidatures/export.csv",
        "/programme/espace/tableau-de-bord/",
        "/programme/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Brouillon secret" not in response.content.decode(), url
    client.force_login(people["relectrice"])
    assert "Brouillon secret" not in client.get("/programme/espace/").content.decode()


def test_another_persons_draft_is_out_of_reach(client, drafted, call):
    other = make_user("autre_agent", "Agents de la Région")
    client.force_login(other)
    assert "Brouillon secret" not in client.get(URL).content.decode()
    assert "Brouillon secret" not in client.get(MINE).content.decode()
    assert client.post(f"{MINE}brouillons/{drafted.pk}/supprimer/").status_code == 404
    assert ApplicationDraft.objects.filter(pk=drafted.pk).exists()


def test_the_author_deletes_their_draft(client, drafted):
    assert client.post(f"{MINE}brouillons/{drafted.pk}/supprimer/").status_code == 302
    assert not ApplicationDraft.objects.exists()


def test_no_draft_once_the_call_is_closed_or_for_someone_who_may_not_apply(client, call, clock, demo_accounts):
    client.force_login(demo_accounts["association"])
    assert client.post(URL, DRAFT).status_code == 403
    client.force_login(demo_accounts["agent"])
    clock.move_to(call.closes_at + datetime.timedelta(minutes=1))
    assert client.post(URL, DRAFT).status_code == 400
    assert not ApplicationDraft.objects.exists()


@pytest.fixture
def submitted(client, call, agent, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("projet.pdf", b"%PDF-1.4 projet", content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(URL, answers(presentation=upload)).status_code == 200
    return Application.objects.get()


def edit_url(application):
    return f"{MINE}{application.pk}/modifier/"


def test_the_author_edits_until_the_deadline_and_the_history_says_so(client, submitted, people):
    page = client.get(edit_url(submitted)).content.decode()
    assert "Covoiturage des antennes" in page and "consentement_rgpd" not in page
    data = {**answers(), "le_probleme": "Les agents viennent seuls, et de loin."}
    data.pop("consentement_rgpd")
    assert client.post(edit_url(submitted), data).status_code == 302
    submitted.refresh_from_db()
    problem = next(a for a in submitted.answers if a["name"] == "le_probleme")
    assert problem["value"] == "Les agents viennent seuls, et de loin."
    presentation = next(a for a in submitted.answers if a["name"] == "presentation")
    assert presentation["value"] == "projet.pdf" and submitted.files.count() == 1  # kept, not replaced
    assert ApplicationEdit.objects.get().changed == ["Le problème"]
    assert "Candidature modifiée : Le problème." in client.get(MINE).content.decode()
    client.force_login(people["programme"])
    detail = client.get(f"/programme/espace/candidatures/{submitted.pk}/").content.decode()
    assert "Les agents viennent seuls, et de loin." in detail and "Le problème." in detail


def test_an_invalid_edit_changes_nothing(client, submitted):
    assert client.post(edit_url(submitted), {**answers(), "titre_du_projet": ""}).status_code == 400
    submitted.refresh_from_db()
    assert submitted.title == "Covoiturage des antennes" and not ApplicationEdit.objects.exists()


def test_after_the_deadline_the_application_is_read_only(client, submitted, call, clock, agent):
    clock.move_to(call.closes_at + datetime.timedelta(minutes=1))
    client.force_login(agent)  # a month later: a new session
    assert "Modifier ma candidature" not in client.get(MINE).content.decode()
    assert client.get(edit_url(submitted)).status_code == 400
    assert client.post(edit_url(submitted), {**answers(), "le_probleme": "Trop tard."}).status_code == 400
    submitted.refresh_from_db()
    assert "Trop tard." not in str(submitted.answers)


def test_after_a_decision_or_for_someone_else_no_edit(client, submitted, people, demo_accounts):
    from programme.workflow import TEAM, apply_transition

    other = make_user("autre_agent", "Agents de la Région")
    client.force_login(other)
    assert client.get(edit_url(submitted)).status_code == 403
    assert client.post(edit_url(submitted), answers(le_probleme="Pirate.")).status_code == 403
    apply_transition(submitted, "preselected", people["programme"], {TEAM}, "Hackathon.")
    client.force_login(demo_accounts["agent"])
    assert client.get(edit_url(submitted)).status_code == 400
    submitted.refresh_from_db()
    assert "Pirate." not in str(submitted.answers)


def test_retention_deletes_drafts_of_closed_calls_and_clears_selection_notes(
    client, drafted, call, clock, people, edition
):
    from django.core.management import call_command

    from programme.models import JurySession, SelectionDecision
    from programme.retention import anonymise
    from programme.selections import record_selection
    from programme.workflow import TEAM, apply_transition

    from .conftest import ApplicationFactory

    refused = ApplicationFactory(edition=edition, applicant_name="Dominique")
    apply_transition(refused, "preselected", people["programme"], {TEAM}, "Hackathon.")
    session = JurySession.objects.create(edition=edition, kind="selection", date=timezone.localdate(), quorum=0)
    record_selection(session, refused, "not_selected", "Trop proche de Dominique.", "Avis privé.", people["programme"])
    call_command("anonymise_programme_applications")
    assert ApplicationDraft.objects.exists()  # the call is still open
    anonymise(Application.objects.filter(pk=refused.pk))
    decision = SelectionDecision.objects.get()
    assert (decision.justification, decision.internal_note) == ("Décision anonymisée.", "")
    clock.move_to(call.closes_at)
    call_command("anonymise_programme_applications")
    assert not ApplicationDraft.objects.exists()
