"""The selection pipeline as data: its shape, and the one function that moves an application."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from programme.models import StageChange
from programme.workflow import (
    APPLICANT,
    LADDER,
    TEAM,
    TRANSITIONS,
    Stage,
    allowed_transitions,
    apply_transition,
    reached,
)

from .conftest import ApplicationFactory


def test_the_pipeline_climbs_the_ladder_one_stage_at_a_time():
    forward = {(t.source, t.target) for t in TRANSITIONS if t.target not in (Stage.NOT_RETAINED, Stage.WITHDRAWN)}
    assert forward == set(zip(LADDER, LADDER[1:], strict=False))


def test_an_application_can_be_not_retained_at_any_stage_before_the_decision_jury():
    sources = {t.source for t in TRANSITIONS if t.target == Stage.NOT_RETAINED}
    assert sources == {Stage.SUBMITTED, Stage.PRESELECTED, Stage.SELECTED, Stage.PRE_INCUBATION}


def test_final_stages_have_no_way_out():
    assert not [t for t in TRANSITIONS if t.source in (Stage.JURY_DECISION, Stage.NOT_RETAINED, Stage.WITHDRAWN)]


def test_every_transition_names_the_roles_that_may_make_it():
    """The team makes every move but one: only the applicant withdraws, and only before any decision."""
    assert all(t.roles == {TEAM} for t in TRANSITIONS if t.target != Stage.WITHDRAWN)
    assert [(t.source, t.roles) for t in TRANSITIONS if t.target == Stage.WITHDRAWN] == [(Stage.SUBMITTED, {APPLICANT})]


@pytest.mark.django_db
def test_a_transition_is_logged_with_who_when_and_why(people):
    application = ApplicationFactory()
    apply_transition(application, Stage.PRESELECTED, people["programme"], {TEAM}, "  Bon dossier  ")
    application.refresh_from_db()
    assert application.stage == Stage.PRESELECTED
    change = StageChange.objects.get(application=application)
    assert (change.source, change.target, change.by, change.reason) == (
        Stage.SUBMITTED,
        Stage.PRESELECTED,
        people["programme"],
        "Bon dossier",
    )
    assert change.at is not None


@pytest.mark.django_db
def test_a_move_the_pipeline_does_not_have_is_refused_and_changes_nothing(people):
    application = ApplicationFactory()
    with pytest.raises(ValidationError):
        apply_transition(application, Stage.JURY_DECISION, people["programme"], {TEAM}, "raccourci")
    application.refresh_from_db()
    assert application.stage == Stage.SUBMITTED
    assert not StageChange.objects.exists()


@pytest.mark.django_db
def test_a_move_without_a_reason_is_refused(people):
    application = ApplicationFactory()
    with pytest.raises(ValidationError):
        apply_transition(application, Stage.PRESELECTED, people["programme"], {TEAM}, "   ")
    assert not StageChange.objects.exists()


@pytest.mark.django_db
def test_a_role_without_the_transition_may_not_make_it(people):
    application = ApplicationFactory()
    assert allowed_transitions(application, set()) == []
    with pytest.raises(PermissionDenied):
        apply_transition(application, Stage.PRESELECTED, people["agent"], set(), "je veux")
    application.refresh_from_db()
    assert application.stage == Stage.SUBMITTED


def test_reached_counts_later_stages_as_having_passed_earlier_ones():
    assert reached({Stage.SUBMITTED, Stage.SELECTED}, Stage.PRESELECTED)
    assert not reached({Stage.SUBMITTED, Stage.NOT_RETAINED}, Stage.PRESELECTED)


@pytest.mark.django_db
def test_the_team_moves_an_application_over_http_and_a_bad_target_answers_400(client, people):
    application = ApplicationFactory()
    client.force_login(people["programme"])
    url = f"/programme/espace/candidatures/{application.pk}/etape/"
    response = client.post(url, {"target": "jury_decision", "reason": "raccourci"})
    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in response.content.decode()
    response = client.post(url, {"target": "preselected", "reason": ""})
    assert response.status_code == 400
    assert "Indiquez la raison" in response.content.decode()
    application.refresh_from_db()
    assert application.stage == Stage.SUBMITTED
    response = client.post(url, {"target": "preselected", "reason": "Retenue pour le hackathon"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.PRESELECTED
