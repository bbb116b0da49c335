"""Selection juries decide on applications (selected, not selected, waiting list) with the follow-up
juries' rules; publishing moves each application's stage and e-mails its applicant the decision with
its public justification."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from programme.juries import publication_problems, publish_session
from programme.models import ApplicantMessage, JurySession, SelectionDecision, StageChange
from programme.selections import record_selection, withdraw_selection
from programme.workflow import TEAM, apply_transition

from .conftest import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def selection_jury(edition, people, clock):
    """A selection jury held the day before the clock's date, both members marked present."""
    held_on = timezone.localdate() - datetime.timedelta(days=1)
    session = JurySession.objects.create(edition=edition, kind="selection", date=held_on, quorum=2)
    session.members.set([people["jure"], people["programme"]])
    session.present.set([people["jure"], people["programme"]])
    return session


@pytest.fixture
def preselected(edition, people):
    """Three applications preselected for the hackathon."""
    applications = []
    for title, email in (("Covoiturage", "a@example.org"), ("Friches", "b@example.org"), ("Mentorat", "c@example.org")):
        application = ApplicationFactory(edition=edition, title=title, applicant_email=email)
        apply_transition(application, "preselected", people["programme"], {TEAM}, "Hackathon.")
        applications.append(application)
    return applications


def decide(session, application, outcome, people, justification="Projet mûr.", **kwargs):
    return record_selection(
        session, application, outcome, justification, "Note interne.", people["programme"], **kwargs
    )


def test_publishing_moves_each_application_and_mails_the_decision_with_its_justification(
    selection_jury, preselected, people, django_capture_on_commit_callbacks
):
    chosen, refused, waiting = preselected
    decide(selection_jury, chosen, "selected", people, justification="Problème massif, équipe engagée.")
    decide(selection_jury, refused, "not_selected", people, justification="Déjà couvert par un service existant.")
    decide(selection_jury, waiting, "waiting_list", people, justification="Solide, mais six places seulement.")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        publish_session(selection_jury, people["programme"])
    for application in preselected:
        application.refresh_from_db()
    assert (chosen.stage, refused.stage, waiting.stage) == ("selected", "not_retained", "preselected")
    logged = StageChange.objects.get(application=chosen, target="selected")
    assert logged.by == people["programme"] and "Jury de sélection" in logged.reason
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert len(mail.outbox) == 3
    assert "Problème massif, équipe engagée." in bodies["a@example.org"]
    assert "Déjà couvert par un service existant." in bodies["b@example.org"]
    assert "liste d'attente" in bodies["c@example.org"]
    assert "Solide, mais six places seulement." in bodies["c@example.org"]
    assert all("Note interne." not in body for body in bodies.values())


def test_the_applicant_on_the_waiting_list_sees_it_in_mes_candidatures(client, selection_jury, preselected, people):
    waiting = preselected[2]
    waiting.applicant = people["agent"]
    waiting.save()
    decide(selection_jury, waiting, "waiting_list", people)
    client.force_login(people["agent"])
    assert "Liste d'attente" not in client.get("/programme/mes-candidatures/").content.decode()
    publish_session(selection_jury, people["programme"])
    page = client.get("/programme/mes-candidatures/").content.decode()
    assert "Liste d&#x27;attente : le jury de sélection vous y a placé·e." in page


def test_the_teams_message_for_a_stage_receives_the_justification(
    selection_jury, preselected, people, django_capture_on_commit_callbacks
):
    ApplicantMessage.objects.create(
        stage="selected", subject="{reference} retenue", body="Bravo {nom}. Le jury : {justification}"
    )
    decide(selection_jury, preselected[0], "selected", people, justification="Un vrai besoin des lycées.")
    with django_capture_on_commit_callbacks(execute=True):
        publish_session(selection_jury, people["programme"])
    assert mail.outbox[0].body == "Bravo Camille Agent. Le jury : Un vrai besoin des lycées."


def test_a_hand_made_stage_change_mails_no_justification_line(
    client, preselected, people, django_capture_on_commit_callbacks
):
    client.force_login(people["programme"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/programme/espace/candidatures/{preselected[0].pk}/etape/", {"target": "selected", "reason": "Interne."}
        )
    assert "Justification du jury" not in mail.outbox[0].body
    assert "Interne." not in mail.outbox[0].body


def test_publication_needs_the_date_the_quorum_and_the_confirmation(client, selection_jury, preselected, people, clock):
    decide(selection_jury, preselected[0], "selected", people)
    selection_jury.present.set([people["jure"]])
    assert any("Quorum non atteint" in problem for problem in publication_problems(selection_jury))
    with pytest.raises(ValidationError):
        publish_session(selection_jury, people["programme"])
    selection_jury.present.set([people["jure"], people["programme"]])
    client.force_login(people["programme"])
    url = f"/programme/espace/jurys/{selection_jury.pk}/publier/"
    page = client.get(url).content.decode()
    assert "Covoiturage" in page and "Confirmer la publication" in page
    client.post(url)  # no confirmation: nothing published
    selection_jury.refresh_from_db()
    assert not selection_jury.is_published
    assert client.post(url, {"confirm": "1"}).status_code == 302
    selection_jury.refresh_from_db()
    assert selection_jury.is_published
    preselected[0].refresh_from_db()
    assert preselected[0].stage == "selected"


def test_a_future_session_is_not_published(edition, preselected, people, clock):
    session = JurySession.objects.create(
        edition=edition, kind="selection", date=timezone.localdate() + datetime.timedelta(days=1), quorum=0
    )
    decide(session, preselected[0], "selected", people)
    with pytest.raises(ValidationError):
        publish_session(session, people["programme"])
    preselected[0].refresh_from_db()
    assert preselected[0].stage == "preselected"


def test_the_team_records_over_http_and_bad_input_changes_nothing(client, selection_jury, preselected, people):
    client.force_login(people["programme"])
    url = f"/programme/espace/jurys/{selection_jury.pk}/"
    page = client.get(url).content.decode()
    assert "Aucune décision enregistrée." in page and "Covoiturage" in page
    data = {"application": preselected[0].pk, "outcome": "selected", "justification": " ", "internal_note": ""}
    assert client.post(url, data).status_code == 400
    assert client.post(url, {**data, "justification": "Ok.", "outcome": "peut-etre"}).status_code == 400
    assert not SelectionDecision.objects.exists()
    assert client.post(url, {**data, "justification": "Besoin fort."}).status_code == 302
    page = client.get(url).content.decode()
    assert "Besoin fort." in page and "Aucune décision enregistrée." not in page


def test_a_jury_member_reads_but_cannot_record_and_others_get_403(client, selection_jury, preselected, people):
    decide(selection_jury, preselected[0], "selected", people)
    url = f"/programme/espace/jurys/{selection_jury.pk}/"
    client.force_login(people["jure"])
    assert "Projet mûr." in client.get(url).content.decode()
    data = {"application": preselected[1].pk, "outcome": "selected", "justification": "x"}
    assert client.post(url, data).status_code == 403
    client.force_login(people["agent"])
    assert client.get(url).status_code == 403
    assert SelectionDecision.objects.count() == 1


def test_another_editions_application_or_a_follow_up_jury_is_refused(selection_jury, jury, preselected, people):
    other = ApplicationFactory(edition__year=2025)
    with pytest.raises(ValidationError):
        decide(selection_jury, other, "selected", people)
    with pytest.raises(ValidationError):
        decide(jury, preselected[0], "selected", people)
    assert not SelectionDecision.objects.exists()


def test_a_withdrawn_decision_leaves_a_trace_and_is_neither_published_nor_mailed(
    client, selection_jury, preselected, people, django_capture_on_commit_callbacks
):
    kept = decide(selection_jury, preselected[0], "selected", people)
    dropped = decide(selection_jury, preselected[1], "selected", people)
    client.force_login(people["programme"])
    url = f"/programme/espace/jurys/{selection_jury.pk}/selections/{dropped.pk}/retirer/"
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Saisie sur la mauvaise candidature."}).status_code == 302
    dropped.refresh_from_db()
    assert dropped.withdrawn_by == people["programme"]
    page = client.get(f"/programme/espace/jurys/{selection_jury.pk}/").content.decode()
    assert "Saisie sur la mauvaise candidature." in page
    with django_capture_on_commit_callbacks(execute=True):
        publish_session(selection_jury, people["programme"])
    preselected[1].refresh_from_db()
    assert preselected[1].stage == "preselected"
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert kept.pk != dropped.pk


def test_a_published_selection_is_read_only(client, selection_jury, preselected, people):
    decision = decide(selection_jury, preselected[0], "selected", people)
    publish_session(selection_jury, people["programme"])
    with pytest.raises(ValidationError):
        decide(selection_jury, preselected[1], "selected", people)
    with pytest.raises(ValidationError):
        withdraw_selection(decision, people["programme"], "Erreur.")
    client.force_login(people["programme"])
    url = f"/programme/espace/jurys/{selection_jury.pk}/"
    response = client.post(url, {"application": preselected[1].pk, "outcome": "selected", "justification": "x"})
    assert response.status_code == 400
    response = client.post(f"{url}selections/{decision.pk}/retirer/", {"reason": "x"})
    assert response.status_code == 400
    page = client.get(url).content.decode()
    assert "Enregistrer une décision" not in page and "Projet mûr." in page
    assert SelectionDecision.objects.active().count() == 1


def test_a_correction_replaces_a_published_decision_and_moves_the_stage(
    edition, selection_jury, preselected, people, clock, django_capture_on_commit_callbacks
):
    waiting = decide(selection_jury, preselected[2], "waiting_list", people)
    publish_session(selection_jury, people["programme"])
    later = JurySession.objects.create(edition=edition, kind="selection", date=timezone.localdate(), quorum=0)
    with pytest.raises(ValidationError):  # a second decision must say what it replaces
        decide(later, preselected[2], "selected", people)
    decide(later, preselected[2], "selected", people, justification="Une place s'est libérée.", replaces=waiting)
    with django_capture_on_commit_callbacks(execute=True):
        publish_session(later, people["programme"])
    preselected[2].refresh_from_db()
    assert preselected[2].stage == "selected"
    assert list(SelectionDecision.objects.current().values_list("outcome", flat=True)) == ["selected"]
    assert "Une place s'est libérée." in mail.outbox[-1].body


def test_a_decision_the_pipeline_cannot_follow_is_refused(selection_jury, preselected, people):
    apply_transition(preselected[0], "not_retained", people["programme"], {TEAM}, "Abandon.")
    with pytest.raises(ValidationError, match="ne peut plus"):
        decide(selection_jury, preselected[0], "selected", people)


def test_presences_on_a_selection_jury_and_the_page_stays_fast(
    client, selection_jury, preselected, people, django_assert_max_num_queries
):
    client.force_login(people["programme"])
    url = f"/programme/espace/jurys/{selection_jury.pk}/"
    response = client.post(f"{url}presences/", {"present": [people["agent"].pk]})  # not a member
    assert response.status_code == 400 and "Décisions sur les candidatures" in response.content.decode()
    for application in preselected:
        decide(selection_jury, application, "selected", people)
    client.get(url)  # warm the permission cache
    with django_assert_max_num_queries(25):
        page = client.get(url).content.decode()
    assert page.count("Projet mûr.") == 3


def test_a_published_selection_decision_is_not_deleted_from_code(selection_jury, preselected, people):
    from django.db import transaction
    from django.db.models.deletion import ProtectedError

    decision = decide(selection_jury, preselected[0], "selected", people)
    publish_session(selection_jury, people["programme"])
    with pytest.raises(ProtectedError), transaction.atomic():
        decision.delete()
    assert SelectionDecision.objects.filter(pk=decision.pk).exists()
