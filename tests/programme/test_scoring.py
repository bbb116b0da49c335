"""Reviews: weighted criteria 0–5 or not applicable, conflicts of interest, averages and ranking."""

import pytest
from django.core.exceptions import PermissionDenied

from programme.models import Review, Score
from programme.scoring import declare_conflict, ranking, submit_review, weighted_average

from .conftest import ApplicationFactory, assign_to

pytestmark = pytest.mark.django_db


def criteria_ids(edition):
    problem, feasibility = edition.rounds.get(is_current=True).criteria.order_by("sort_order")
    return problem.pk, feasibility.pk


def test_weighted_average_leaves_not_applicable_out_instead_of_counting_zero():
    assert weighted_average([(3, 5), (1, 1)]) == 4
    assert weighted_average([(3, 4), (1, None)]) == 4
    assert weighted_average([(3, None)]) is None


def test_ranking_orders_by_the_mean_of_reviewers_weighted_averages_ties_share_a_rank(edition, people):
    problem, feasibility = criteria_ids(edition)
    best, tied_a, tied_b, unscored = ApplicationFactory.create_batch(4, edition=edition)
    for application in (best, tied_a, tied_b, unscored):
        assign_to(application, people["relectrice"], people["relecteur_lie"])
    submit_review(best, people["relectrice"], {problem: 5, feasibility: 5})
    submit_review(best, people["relecteur_lie"], {problem: 4, feasibility: None})  # 4.0
    submit_review(tied_a, people["relectrice"], {problem: 3, feasibility: 3})
    submit_review(tied_b, people["relectrice"], {problem: 3, feasibility: 3})
    ranked = ranking([unscored, tied_b, tied_a, best])
    assert [a.pk for a in ranked] == [best.pk, tied_a.pk, tied_b.pk, unscored.pk]
    assert [a.rank for a in ranked] == [1, 2, 2, None]
    assert ranked[0].average == 4.5 and ranked[0].review_count == 2
    assert ranked[3].average is None and ranked[3].review_count == 0


def test_ranking_takes_three_queries_whatever_the_number_of_applications(
    edition, people, django_assert_max_num_queries
):
    problem, feasibility = criteria_ids(edition)
    applications = ApplicationFactory.create_batch(15, edition=edition)
    for application in applications:
        assign_to(application, people["relectrice"])
        submit_review(application, people["relectrice"], {problem: 2, feasibility: 4})
    with django_assert_max_num_queries(3):
        ranking(type(applications[0]).objects.filter(edition=edition))


def test_a_conflicted_reviewer_cannot_score(edition, people):
    problem, feasibility = criteria_ids(edition)
    application = ApplicationFactory(edition=edition)
    assign_to(application, people["relectrice"])
    declare_conflict(application, people["relectrice"], "C'est ma collègue directe")
    with pytest.raises(PermissionDenied):
        submit_review(application, people["relectrice"], {problem: 5, feasibility: 5})
    assert not Review.objects.exists()


def test_declaring_a_conflict_after_scoring_withdraws_the_score(edition, people):
    problem, feasibility = criteria_ids(edition)
    application = ApplicationFactory(edition=edition)
    assign_to(application, people["relectrice"])
    submit_review(application, people["relectrice"], {problem: 5, feasibility: 5})
    declare_conflict(application, people["relectrice"], "Je la connais")
    assert not Score.objects.exists()
    assert ranking([application])[0].average is None


def test_a_conflicted_reviewer_posting_scores_gets_403_and_nothing_is_stored(client, edition, people):
    problem, feasibility = criteria_ids(edition)
    application = ApplicationFactory(edition=edition)
    assign_to(application, people["relectrice"])
    declare_conflict(application, people["relectrice"], "Même équipe")
    client.force_login(people["relectrice"])
    response = client.post(
        f"/programme/espace/candidatures/{application.pk}/evaluation/",
        {f"criterion_{problem}": "5", f"criterion_{feasibility}": "5"},
    )
    assert response.status_code == 403
    assert not Review.objects.exists()


def test_someone_who_is_not_a_reviewer_of_the_edition_cannot_score(client, edition, people):
    problem, feasibility = criteria_ids(edition)
    application = ApplicationFactory(edition=edition)
    with pytest.raises(PermissionDenied):
        submit_review(application, people["jure"], {problem: 1, feasibility: 1})


def test_a_reviewer_scores_over_http_and_a_bad_score_answers_400(client, edition, people):
    problem, feasibility = criteria_ids(edition)
    application = ApplicationFactory(edition=edition)
    assign_to(application, people["relectrice"])
    client.force_login(people["relectrice"])
    url = f"/programme/espace/candidatures/{application.pk}/evaluation/"
    response = client.post(url, {f"criterion_{problem}": "7", f"criterion_{feasibility}": "na"})
    assert response.status_code == 400
    assert "Une note va de 0 à 5" in response.content.decode()
    assert not Review.objects.exists()
    response = client.post(url, {f"criterion_{problem}": "4", f"criterion_{feasibility}": "na", "comment": "Clair"})
    assert response.status_code == 302
    review = Review.objects.get()
    assert {s.criterion_id: s.value for s in review.scores.all()} == {problem: 4, feasibility: None}


def test_a_reviewer_declares_a_conflict_over_http_and_then_loses_access(client, edition, people):
    application = ApplicationFactory(edition=edition)
    assign_to(application, people["relectrice"])
    client.force_login(people["relectrice"])
    url = f"/programme/espace/candidatures/{application.pk}/conflit/"
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Ma sœur"}).status_code == 302
    assert client.get(f"/programme/espace/candidatures/{application.pk}/").status_code == 403


def test_a_reviewer_never_reviews_their_own_application(client, edition, people):
    """An agent who is both applicant and reviewer of the edition can neither open nor score their
    application (it used to move its average from 3.55 to 4.03); the others they still review."""
    problem, feasibility = criteria_ids(edition)
    reviewer = people["relectrice"]
    own = ApplicationFactory(edition=edition, applicant=reviewer, title="Mon propre projet")
    other = ApplicationFactory(edition=edition)
    assign_to(other, reviewer)
    client.force_login(reviewer)
    assert client.get(f"/programme/espace/candidatures/{own.pk}/").status_code == 403
    response = client.post(
        f"/programme/espace/candidatures/{own.pk}/evaluation/",
        {f"criterion_{problem}": "5", f"criterion_{feasibility}": "5"},
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        submit_review(own, reviewer, {problem: 5, feasibility: 5})
    assert not Review.objects.exists()
    space = client.get("/programme/espace/").content.decode()
    assert "Mon propre projet" not in space and other.title in space
    assert client.get(f"/programme/espace/candidatures/{other.pk}/").status_code == 200
