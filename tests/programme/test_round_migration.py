"""Migration 0010: an edition's criteria and its reviewers' scores move into a first round, current,
so that existing scores keep their meaning and count in its ranking and progress."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("programme", "0009_identity_from_settings")]
AFTER = [("programme", "0010_review_rounds_and_assignments")]


@pytest.mark.django_db(transaction=True)
def test_existing_criteria_and_scores_move_into_a_first_round_per_edition(django_user_model):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Edition = old.get_model("programme", "Edition")
    reviewer = old.get_model("auth", "User").objects.create(username="relectrice_historique")
    team = old.get_model("auth", "Group").objects.create(name="Équipe du programme")
    edition = Edition.objects.create(year=2019, name="Édition 2019")
    empty = Edition.objects.create(year=2018, name="Édition 2018")
    problem = old.get_model("programme", "Criterion").objects.create(edition=edition, name="Problème", weight=3)
    application = old.get_model("programme", "Application").objects.create(edition=edition, title="Ancienne")
    review = old.get_model("programme", "Review").objects.create(application=application, reviewer=reviewer)
    old.get_model("programme", "Score").objects.create(review=review, criterion=problem, value=4)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    ReviewRound = new.get_model("programme", "ReviewRound")
    first = ReviewRound.objects.get(edition_id=edition.pk)
    assert (first.name, first.stage, first.is_current) == ("Présélection", "submitted", True)
    assert list(new.get_model("programme", "Criterion").objects.values_list("review_round_id", "name")) == [
        (first.pk, "Problème")
    ]
    assert new.get_model("programme", "Review").objects.get().review_round_id == first.pk
    assignment = new.get_model("programme", "Assignment").objects.get()
    assert (assignment.review_round_id, assignment.application_id, assignment.reviewer_id) == (
        first.pk,
        application.pk,
        reviewer.pk,
    )
    assert ReviewRound.objects.filter(edition_id=empty.pk, is_current=True).count() == 1
    granted = new.get_model("auth", "Group").objects.get(pk=team.pk).permissions.values_list("codename", flat=True)
    assert {"add_reviewround", "change_reviewround"} <= set(granted)


@pytest.mark.django_db(transaction=True)
def test_the_migration_goes_back_with_each_criterion_on_its_edition():
    executor = MigrationExecutor(connection)
    new = executor.loader.project_state(AFTER).apps
    edition = new.get_model("programme", "Edition").objects.create(year=2019, name="Édition 2019")
    review_round = new.get_model("programme", "ReviewRound").objects.create(edition=edition, name="Présélection")
    new.get_model("programme", "Criterion").objects.create(review_round=review_round, name="Problème", weight=3)

    executor.migrate(BEFORE)
    old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
    assert list(old.get_model("programme", "Criterion").objects.values_list("edition_id", "name")) == [
        (edition.pk, "Problème")
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
