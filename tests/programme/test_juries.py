"""Jury sessions: decisions recorded beforehand with a written justification, published together once
the quorum sits; publication opens the six-month review calendar."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from programme.juries import publish_session, record_decision
from programme.models import JuryDecision, ProjectReview

pytestmark = pytest.mark.django_db


def record(jury, project, people, **overrides):
    values = {
        "track": "internal_startup",
        "justification": "Besoin interne confirmé.",
        "owner": people["programme"],
        "next_review_on": datetime.date(2027, 1, 7),
        "user": people["programme"],
        **overrides,
    }
    return record_decision(
        jury,
        project,
        values["track"],
        values["justification"],
        values["owner"],
        values["next_review_on"],
        values["user"],
    )


def test_a_decision_without_justification_is_refused(jury, project, people):
    with pytest.raises(ValidationError):
        record(jury, project, people, justification="   ")
    assert not JuryDecision.objects.exists()


def test_the_database_refuses_an_empty_justification_too(jury, project, people):
    with pytest.raises(IntegrityError), transaction.atomic():
        JuryDecision.objects.create(
            session=jury,
            project=project,
            track="stop",
            justification="",
            owner=people["programme"],
            next_review_on=datetime.date(2027, 1, 1),
        )


def test_recorded_decisions_stay_hidden_until_the_session_is_published(client, jury, project, people):
    record(jury, project, people, justification="Une équipe interne le construira.")
    assert "Une équipe interne le construira." not in client.get(project.url).content.decode()
    publish_session(jury, people["programme"])
    page = client.get(project.url).content.decode()
    assert "Une équipe interne le construira." in page and "Startup interne" in page


def test_publishing_without_quorum_is_refused(jury, project, people):
    record(jury, project, people)
    jury.quorum = 3
    jury.save()
    with pytest.raises(ValidationError, match="Quorum non atteint"):
        publish_session(jury, people["programme"])
    jury.refresh_from_db()
    assert jury.published_at is None


def test_publishing_opens_the_review_calendar_and_freezes_the_decisions(jury, project, people):
    record(jury, project, people, next_review_on=datetime.date(2027, 1, 7))
    publish_session(jury, people["programme"])
    review = ProjectReview.objects.get()
    assert (review.project.pk, review.due_on, review.owner) == (
        project.pk,
        datetime.date(2027, 1, 7),
        people["programme"],
    )
    with pytest.raises(ValidationError):
        record(jury, project, people, track="stop")
    with pytest.raises(ValidationError):
        publish_session(jury, people["programme"])


def test_the_team_records_a_decision_over_http_and_a_missing_justification_answers_400(client, jury, project, people):
    client.force_login(people["programme"])
    url = f"/programme/espace/jurys/{jury.pk}/"
    data = {
        "project": project.pk,
        "track": "territory_startup",
        "justification": "",
        "owner": people["programme"].pk,
        "next_review_on": "2027-01-07",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Une décision doit être justifiée par écrit." in response.content.decode()
    assert not JuryDecision.objects.exists()
    response = client.post(url, {**data, "justification": "Partenariat beta.gouv.fr."})
    assert response.status_code == 302
    assert JuryDecision.objects.get().track == "territory_startup"
    response = client.post(f"{url}publier/")
    assert response.status_code == 302
    jury.refresh_from_db()
    assert jury.is_published


def test_a_jury_member_sees_recorded_decisions_of_their_session(client, jury, project, people):
    record(jury, project, people, justification="Avis motivé du jury.")
    client.force_login(people["jure"])
    page = client.get(f"/programme/espace/jurys/{jury.pk}/").content.decode()
    assert "Avis motivé du jury." in page and "Enregistrer une décision" not in page
