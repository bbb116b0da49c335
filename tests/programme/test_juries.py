"""Jury sessions: decisions recorded beforehand with a written justification, published together once
the quorum sits; publication opens the six-month review calendar."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone

from programme.dashboard import edition_funnel
from programme.juries import mark_present, publish_session, record_decision, withdraw_decision
from programme.models import BudgetEnvelope, BudgetTranche, JuryDecision, JurySession, ProjectReview
from tests.conftest import TEST_NOW
from tests.core.test_form_rendering import assert_consistent

pytestmark = pytest.mark.django_db
TODAY = TEST_NOW.date()
NEXT_REVIEW = TODAY + datetime.timedelta(days=37)  # a follow-up review five weeks after the clock's day


def record(jury, project, people, **overrides):
    values = {
        "track": "internal_startup",
        "justification": "Besoin interne confirmé.",
        "owner": people["programme"],
        "next_review_on": NEXT_REVIEW,
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
        replaces=values.get("replaces"),
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
            next_review_on=TODAY + datetime.timedelta(days=31),
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


def test_the_quorum_counts_members_marked_present_not_members_listed(jury, project, people):
    record(jury, project, people)
    jury.present.set([people["jure"]])
    with pytest.raises(ValidationError, match="1 membre\\(s\\) présent\\(s\\) pour un quorum de 2"):
        publish_session(jury, people["programme"])
    mark_present(jury, [people["jure"], people["programme"]])
    publish_session(jury, people["programme"])
    assert jury.is_published


def test_only_members_can_be_marked_present(jury, people):
    with pytest.raises(ValidationError):
        mark_present(jury, [people["agent"]])
    assert set(jury.present.all()) == {people["jure"], people["programme"]}


def test_a_session_is_not_published_before_its_date(jury, project, people, clock):
    jury.date = timezone.localdate() + datetime.timedelta(days=1)
    jury.save()
    record(jury, project, people)
    with pytest.raises(ValidationError, match="ne se publient pas avant"):
        publish_session(jury, people["programme"])
    clock.shift(datetime.timedelta(days=1))
    publish_session(jury, people["programme"])
    assert jury.is_published


def test_publishing_opens_the_review_calendar_and_freezes_the_decisions(jury, project, people):
    record(jury, project, people, next_review_on=NEXT_REVIEW)
    publish_session(jury, people["programme"])
    review = ProjectReview.objects.get()
    assert (review.project.pk, review.due_on, review.owner) == (
        project.pk,
        NEXT_REVIEW,
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
        "next_review_on": NEXT_REVIEW.isoformat(),
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Une décision doit être justifiée par écrit." in response.content.decode()
    assert not JuryDecision.objects.exists()
    response = client.post(url, {**data, "justification": "Partenariat beta.gouv.fr."})
    assert response.status_code == 302
    assert JuryDecision.objects.get().track == "territory_startup"
    confirmation = client.get(f"{url}publier/")
    assert confirmation.status_code == 200 and "Confirmer la publication" in confirmation.content.decode()
    client.post(f"{url}publier/")  # without the confirmation: nothing happens
    jury.refresh_from_db()
    assert not jury.is_published
    response = client.post(f"{url}publier/", {"confirm": "1"})
    assert response.status_code == 302
    jury.refresh_from_db()
    assert jury.is_published


def test_a_jury_member_sees_recorded_decisions_of_their_session(client, jury, project, people):
    record(jury, project, people, justification="Avis motivé du jury.")
    client.force_login(people["jure"])
    page = client.get(f"/programme/espace/jurys/{jury.pk}/").content.decode()
    assert "Avis motivé du jury." in page and "Enregistrer une décision" not in page


def test_a_withdrawn_decision_leaves_a_trace_and_is_not_published(client, jury, project, people):
    decision = record(jury, project, people, justification="Premier avis, à revoir.")
    client.force_login(people["programme"])
    url = f"/programme/espace/jurys/{jury.pk}/decisions/{decision.pk}/retirer/"
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Saisie sur le mauvais projet."}).status_code == 302
    decision.refresh_from_db()
    assert decision.withdrawn_at is not None and decision.withdrawn_by == people["programme"]
    assert decision.withdrawal_reason == "Saisie sur le mauvais projet."
    page = client.get(f"/programme/espace/jurys/{jury.pk}/").content.decode()
    assert "Décisions retirées avant publication" in page and "Saisie sur le mauvais projet." in page
    record(jury, project, people, justification="Avis définitif.")  # a new decision on the same project
    publish_session(jury, people["programme"])
    public = client.get(project.url).content.decode()
    assert "Avis définitif." in public and "Premier avis, à revoir." not in public
    assert JuryDecision.objects.filter(pk=decision.pk).exists()


def test_a_published_decision_cannot_be_withdrawn(client, jury, project, people):
    decision = record(jury, project, people)
    publish_session(jury, people["programme"])
    with pytest.raises(ValidationError):
        withdraw_decision(decision, people["programme"], "Trop tard.")
    client.force_login(people["programme"])
    response = client.post(f"/programme/espace/jurys/{jury.pk}/decisions/{decision.pk}/retirer/", {"reason": "x"})
    assert response.status_code == 400
    decision.refresh_from_db()
    assert decision.withdrawn_at is None


def test_a_jury_member_can_neither_withdraw_nor_mark_presences(client, jury, project, people):
    decision = record(jury, project, people)
    client.force_login(people["jure"])
    url = f"/programme/espace/jurys/{jury.pk}/"
    assert client.post(f"{url}decisions/{decision.pk}/retirer/", {"reason": "x"}).status_code == 403
    assert client.post(f"{url}presences/", {"present": [people["jure"].pk]}).status_code == 403
    assert client.post(f"{url}publier/", {"confirm": "1"}).status_code == 403
    decision.refresh_from_db()
    jury.refresh_from_db()
    assert decision.withdrawn_at is None and jury.present.count() == 2 and not jury.is_published


def test_a_correction_is_a_new_published_decision_that_names_the_one_it_replaces(client, jury, project, people):
    first = record(jury, project, people, track="internal_startup", justification="Startup interne.")
    publish_session(jury, people["programme"])
    later = JurySession.objects.create(edition=jury.edition, kind="decision", date=jury.date, quorum=1)
    later.members.set([people["programme"]])
    later.present.set([people["programme"]])
    with pytest.raises(ValidationError, match="une autre session"):
        record(later, project, people, replaces=record(later, project, people))
    record(later, project, people, track="stop", justification="Erreur matérielle corrigée.", replaces=first)
    publish_session(later, people["programme"])
    page = client.get(project.url).content.decode()
    assert "Startup interne." in page and "Remplacée par la décision du" in page
    assert "Correction : remplace la décision du" in page and "Erreur matérielle corrigée." in page
    assert edition_funnel(jury.edition)["outcomes"] == [("Arrêt", 1)]
    with pytest.raises(ValidationError, match="déjà été remplacée"):
        third = JurySession.objects.create(edition=jury.edition, kind="decision", date=jury.date, quorum=1)
        record(third, project, people, replaces=first)


@pytest.fixture
def published(jury, project, people):
    record(jury, project, people)
    publish_session(jury, people["programme"])
    return jury


def test_a_published_session_cannot_be_deleted_or_changed_in_the_database(published, people):
    with pytest.raises(ProtectedError), transaction.atomic():
        published.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        JurySession.objects.filter(pk=published.pk).delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        published.decisions.all().delete()
    with pytest.raises(ValidationError), transaction.atomic():
        published.members.add(people["agent"])
    with pytest.raises(ValidationError), transaction.atomic():
        people["agent"].programme_juries.add(published)
    with pytest.raises(ValidationError), transaction.atomic():
        published.quorum = 1
        published.save()
    published.refresh_from_db()
    assert published.quorum == 2 and published.decisions.count() == 1 and published.members.count() == 2


ADMIN = "/admin/snippets/programme/jurysession"


@pytest.mark.parametrize("username", ["admin", "programme"])
def test_every_admin_url_refuses_to_edit_or_delete_a_published_session(client, published, people, username):
    """Edit (GET and POST), delete (GET and POST) and the listing's bulk delete, for the superuser and
    the programme team (the only roles with access to the model)."""
    client.force_login(people[username])
    edit = client.get(f"{ADMIN}/edit/{published.pk}/")
    assert edit.status_code == 302 and edit["Location"] == f"{ADMIN}/inspect/{published.pk}/"
    assert client.get(edit["Location"]).status_code == 200
    data = {
        "edition": published.edition_id,
        "kind": "decision",
        "date": (TODAY - datetime.timedelta(days=365)).isoformat(),
        "quorum": "0",
    }
    assert client.post(f"{ADMIN}/edit/{published.pk}/", {**data, "members": [people["agent"].pk]}).status_code == 302
    assert client.get(f"{ADMIN}/delete/{published.pk}/").status_code == 302
    assert client.post(f"{ADMIN}/delete/{published.pk}/").status_code == 302
    bulk = f"/admin/bulk/programme/jurysession/delete/?id={published.pk}"
    assert client.get(bulk).status_code == 200
    assert client.post(bulk).status_code in (200, 302)
    published.refresh_from_db()
    assert published.quorum == 2 and published.date == timezone.localdate() - datetime.timedelta(days=1)
    assert set(published.members.all()) == {people["jure"], people["programme"]}
    assert published.decisions.count() == 1


def test_a_published_session_with_a_budget_tranche_is_refused_without_an_error_page(client, published, people):
    decision = published.decisions.get()
    envelope = BudgetEnvelope.objects.create(edition=published.edition, label="Startup", amount=50000)
    BudgetTranche.objects.create(
        page=decision.project,
        decision=decision,
        envelope=envelope,
        label="Tranche 1",
        amount=10000,
        starts_on=TODAY + datetime.timedelta(days=31),
        ends_on=TODAY + datetime.timedelta(days=211),
    )
    client.force_login(people["admin"])
    assert client.post(f"{ADMIN}/delete/{published.pk}/").status_code == 302
    assert JurySession.objects.filter(pk=published.pk).exists()


def test_an_unpublished_session_can_still_be_deleted(client, jury, project, people):
    record(jury, project, people)
    client.force_login(people["programme"])
    assert client.post(f"{ADMIN}/delete/{jury.pk}/").status_code == 302
    assert not JurySession.objects.filter(pk=jury.pk).exists()


def test_each_decision_row_has_its_own_withdraw_field_drawn_by_the_field_template(client, jury, project, people):
    decision = record(jury, project, people)
    client.force_login(people["programme"])
    html = client.get(f"/programme/espace/jurys/{jury.pk}/").content.decode()
    assert_consistent(html)
    assert f'<label for="withdraw-{decision.pk}-reason">Motif du retrait' in html
    assert f'name="reason" maxlength="255" required id="withdraw-{decision.pk}-reason"' in html
