"""Review rounds and assignment: each round has its criteria and its scores; the team assigns reviewers
(one by one, or in bulk and balanced), never to their own application nor after a declared conflict; a
reviewer sees and scores only what is assigned to them in the current round; progress, reminders and
anonymised review."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from programme import assignment
from programme.models import (
    ApplicationFile,
    Assignment,
    ConflictOfInterest,
    Criterion,
    Review,
    ReviewRound,
)
from programme.scoring import declare_conflict, ranking, submit_review

from .conftest import ApplicationFactory, assign_to, make_user

pytestmark = pytest.mark.django_db


def scores(review_round, *values):
    return dict(zip(review_round.criteria.order_by("sort_order").values_list("pk", flat=True), values, strict=True))


@pytest.fixture
def hackathon(edition):
    """A second round of the edition, reviewing the preselected applications on criteria of its own."""
    review_round = ReviewRound.objects.create(edition=edition, name="Hackathon", stage="preselected", sort_order=1)
    Criterion.objects.create(review_round=review_round, name="Prototype", weight=1, sort_order=0)
    return review_round


# Rounds and their scores


def test_each_round_keeps_its_own_scores_and_ranking(edition, review_round, hackathon, people):
    reviewer = people["relectrice"]
    application = ApplicationFactory(edition=edition)
    assign_to(application, reviewer)
    submit_review(application, reviewer, scores(review_round, 5, 1))  # (3×5 + 1×1) / 4 = 4
    application.stage = "preselected"
    application.save()
    hackathon.is_current = True
    hackathon.save()
    review_round.refresh_from_db()
    assert not review_round.is_current  # one current round per edition
    Assignment.objects.create(review_round=hackathon, application=application, reviewer=reviewer)
    submit_review(application, reviewer, scores(hackathon, 2))

    assert Review.objects.filter(application=application).count() == 2
    assert ranking([application], review_round)[0].average == 4
    assert ranking([application], hackathon)[0].average == 2
    assert ranking([application])[0].average == 2  # by default, the current round


def test_the_ranking_and_the_export_are_per_round(client, edition, review_round, hackathon, people):
    reviewer = people["relectrice"]
    first, second = ApplicationFactory.create_batch(2, edition=edition)
    assign_to(first, reviewer)
    assign_to(second, reviewer)
    submit_review(first, reviewer, scores(review_round, 2, 2))
    submit_review(second, reviewer, scores(review_round, 5, 5))
    client.force_login(people["programme"])

    page = client.get(f"/programme/espace/candidatures/?tour={review_round.pk}").content.decode()
    assert page.index(second.reference) < page.index(first.reference) and "– Présélection</h1>" in page
    response = client.get(f"/programme/espace/candidatures/export.csv?tour={review_round.pk}")
    assert "preselection" in response["Content-Disposition"]
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    records = [dict(zip(header, row, strict=True)) for row in rows]
    assert [(r["title"], r["average"], r["round"]) for r in records] == [
        (second.title, "5.0", "Présélection"),
        (first.title, "2.0", "Présélection"),
    ]
    # The hackathon's ranking has no score yet: nobody ranked.
    response = client.get(f"/programme/espace/candidatures/export.csv?tour={hackathon.pk}")
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {dict(zip(header, row, strict=True))["rank"] for row in rows} == {""}


@pytest.mark.parametrize("query, message", [("tour=abc", "numéro d"), ("tour=99999", "Aucun tour")])
def test_a_bad_round_answers_400_in_french(client, edition, people, query, message):
    client.force_login(people["programme"])
    for url in ("/programme/espace/candidatures/", "/programme/espace/candidatures/export.csv"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400 and message in response.content.decode()


def test_a_round_of_another_edition_is_refused_with_the_edition_filter(client, edition, people):
    other = ReviewRound.objects.create(edition=ApplicationFactory(edition__year=2020).edition, name="Présélection")
    client.force_login(people["programme"])
    response = client.get(f"/programme/espace/candidatures/?edition=2026&tour={other.pk}")
    assert response.status_code == 400


# Assignment, one by one


def test_nobody_is_assigned_their_own_application(client, edition, review_round, people):
    reviewer = people["relectrice"]
    own = ApplicationFactory(edition=edition, applicant=reviewer)
    client.force_login(people["programme"])
    response = client.post(
        f"/programme/espace/tours/{review_round.pk}/attribuer/", {"application": own.pk, "reviewer": reviewer.pk}
    )
    assert response.status_code == 400
    assert "ne peut pas évaluer sa propre candidature" in response.content.decode()
    assert not Assignment.objects.exists()


def test_the_team_assigns_one_application_and_removes_it_with_a_reason(client, edition, review_round, people):
    application = ApplicationFactory(edition=edition)
    client.force_login(people["programme"])
    url = f"/programme/espace/tours/{review_round.pk}/attribuer/"
    data = {"application": application.pk, "reviewer": people["relectrice"].pk}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 400 and "évalue déjà" in again.content.decode()
    given = Assignment.objects.get()
    assert given.assigned_by == people["programme"]
    page = client.get(f"/programme/espace/tours/{review_round.pk}/").content.decode()
    assert f'<label for="remove-{given.pk}-reason">Motif du retrait' in page  # one field per assignment

    remove_url = f"/programme/espace/tours/{review_round.pk}/attributions/{given.pk}/retirer/"
    assert client.post(remove_url, {"reason": ""}).status_code == 400
    assert client.post(remove_url, {"reason": "Trop de dossiers"}).status_code == 302
    given.refresh_from_db()
    assert given.removed_at and given.removed_by == people["programme"] and given.removed_reason == "Trop de dossiers"
    page = client.get(f"/programme/espace/tours/{review_round.pk}/").content.decode()
    assert "Trop de dossiers" in page


def test_someone_outside_the_editions_reviewers_is_not_assigned(edition, review_round, people):
    with pytest.raises(Exception, match="ne fait pas partie des évaluateurs"):
        assignment.assign(review_round, ApplicationFactory(edition=edition), people["jure"], people["programme"])


def test_a_declared_conflict_removes_the_assignment_and_prevents_reassignment(edition, review_round, people):
    reviewer = people["relectrice"]
    application = ApplicationFactory(edition=edition)
    assignment.assign(review_round, application, reviewer, people["programme"])
    declare_conflict(application, reviewer, "Ma collègue de bureau")

    removed = Assignment.objects.get()
    assert removed.removed_at is not None and "Ma collègue de bureau" in removed.removed_reason
    assert removed.removed_by == reviewer
    with pytest.raises(Exception, match="a déclaré un conflit d'intérêts"):
        assignment.assign(review_round, application, reviewer, people["programme"])
    assignment.bulk_assign(review_round, 2, people["programme"])
    assert not Assignment.objects.active().filter(reviewer=reviewer).exists()


# Assignment in bulk


@pytest.fixture
def pool(edition, people):
    """Four reviewers of the edition, in account order."""
    reviewers = [people["relectrice"], people["relecteur_lie"], make_user("r3"), make_user("r4")]
    edition.reviewers.add(*reviewers)
    return reviewers


def loads(review_round):
    counts = {}
    for reviewer_id in (
        Assignment.objects.active().filter(review_round=review_round).values_list("reviewer_id", flat=True)
    ):
        counts[reviewer_id] = counts.get(reviewer_id, 0) + 1
    return counts


def test_bulk_assignment_spreads_the_load_evenly_and_deterministically(edition, review_round, pool, people):
    applications = ApplicationFactory.create_batch(6, edition=edition)
    ApplicationFactory(edition=edition, stage="not_retained")  # not reviewed in this round
    created, short = assignment.bulk_assign(review_round, 2, people["programme"])
    assert created == 12 and short == []
    assert loads(review_round) == {reviewer.pk: 3 for reviewer in pool}
    pairs = list(Assignment.objects.values_list("application_id", "reviewer_id").order_by("application_id", "pk"))
    first = [r.pk for r in pool]
    assert pairs[:4] == [
        (applications[0].pk, first[0]),
        (applications[0].pk, first[1]),
        (applications[1].pk, first[2]),
        (applications[1].pk, first[3]),
    ]
    # Again: every application already has its two reviewers, nothing changes.
    assert assignment.bulk_assign(review_round, 2, people["programme"]) == (0, [])


def test_bulk_assignment_skips_own_and_conflicted_applications_and_says_who_is_short(
    edition, review_round, pool, people
):
    own = ApplicationFactory(edition=edition, applicant=pool[0])
    conflicted = ApplicationFactory(edition=edition)
    ConflictOfInterest.objects.create(application=conflicted, reviewer=pool[1], reason="Même service")
    created, short = assignment.bulk_assign(review_round, 4, people["programme"])
    assert created == 6 and short == [own, conflicted]
    assert not Assignment.objects.filter(application=own, reviewer=pool[0]).exists()
    assert not Assignment.objects.filter(application=conflicted, reviewer=pool[1]).exists()


def test_bulk_assignment_over_http_and_a_bad_number_answers_400(client, edition, review_round, pool, people):
    ApplicationFactory.create_batch(2, edition=edition)
    client.force_login(people["programme"])
    url = f"/programme/espace/tours/{review_round.pk}/attribuer-en-masse/"
    for bad, message in (("0", "Au moins un"), ("x", "nombre entier"), ("11", "Au plus 10")):
        response = client.post(url, {"per_application": bad})
        assert response.status_code == 400 and message in response.content.decode()
    assert not Assignment.objects.exists()
    assert client.post(url, {"per_application": "3"}).status_code == 302
    assert Assignment.objects.count() == 6


# What a reviewer may reach: every reviewer-facing URL × every relation to the application


@pytest.fixture
def cases(edition, review_round, hackathon, people):
    """For the reviewer `relectrice`: one application per relation she can have to it."""
    reviewer = people["relectrice"]
    applications = {
        "assigned": ApplicationFactory(edition=edition, title="Attribuée"),
        "not_assigned": ApplicationFactory(edition=edition, title="Pas attribuée"),
        "own": ApplicationFactory(edition=edition, applicant=reviewer, title="La sienne"),
        "conflicted": ApplicationFactory(edition=edition, title="En conflit"),
        "removed": ApplicationFactory(edition=edition, title="Reprise par l'équipe"),
        "other_round": ApplicationFactory(edition=edition, title="Autre tour", stage="preselected"),
    }
    for application in applications.values():
        ApplicationFile.objects.create(
            application=application,
            field_name="presentation",
            label="Présentation",
            file=SimpleUploadedFile("dossier.pdf", b"%PDF-1.4 x"),
            original_name="dossier.pdf",
            content_type="application/pdf",
            size=10,
        )
    assign_to(applications["assigned"], reviewer)
    # Her own application can only have reached her by hand: assignment refuses it.
    Assignment.objects.create(review_round=review_round, application=applications["own"], reviewer=reviewer)
    assign_to(applications["conflicted"], reviewer)
    declare_conflict(applications["conflicted"], reviewer, "Ma sœur")
    assign_to(applications["removed"], reviewer)
    assignment.remove(applications["removed"].assignments.get(), people["programme"], "Rééquilibrage")
    # Assigned in the hackathon round, which is not the current one.
    Assignment.objects.create(review_round=hackathon, application=applications["other_round"], reviewer=reviewer)
    return applications


REVIEWER_URLS = ("detail", "file", "review", "conflict")


def request(client, url_name, application, review_round):
    base = f"/programme/espace/candidatures/{application.pk}/"
    if url_name == "detail":
        return client.get(base)
    if url_name == "file":
        return client.get(f"{base}fichiers/{application.files.get().pk}/")
    if url_name == "review":
        return client.post(f"{base}evaluation/", {f"criterion_{k}": v for k, v in scores(review_round, 4, 3).items()})
    return client.post(f"{base}conflit/", {"reason": "Je la connais"})


@pytest.mark.parametrize("url_name", REVIEWER_URLS)
@pytest.mark.parametrize("relation", ["assigned", "not_assigned", "own", "conflicted", "removed", "other_round"])
def test_a_reviewer_reaches_only_what_is_assigned_to_them_in_the_current_round(
    client, cases, review_round, people, relation, url_name
):
    client.force_login(people["relectrice"])
    application = cases[relation]
    reviews_before = Review.objects.count()
    conflicts_before = ConflictOfInterest.objects.count()
    response = request(client, url_name, application, review_round)
    if relation == "assigned":
        assert response.status_code == (200 if url_name in ("detail", "file") else 302)
    else:
        assert response.status_code == 403
        assert Review.objects.count() == reviews_before
        assert ConflictOfInterest.objects.count() == conflicts_before


def test_a_reviewers_list_shows_only_the_assigned_application(client, cases, people):
    client.force_login(people["relectrice"])
    page = client.get("/programme/espace/").content.decode()
    assert "Attribuée" in page
    for relation in ("not_assigned", "own", "conflicted", "removed", "other_round"):
        assert cases[relation].title not in page


@pytest.mark.parametrize(
    "path", ["", "attribuer/", "attribuer-en-masse/", "rappel/", "attributions/{assignment}/retirer/"]
)
def test_the_round_pages_are_for_the_team_only(client, cases, review_round, people, path):
    url = f"/programme/espace/tours/{review_round.pk}/" + path.format(assignment=Assignment.objects.first().pk)
    client.force_login(people["relectrice"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"per_application": "2", "reason": "x"}).status_code == 403
    client.force_login(people["agent"])
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


# Progress and reminders


def test_the_team_sees_each_reviewers_progress(client, edition, review_round, pool, people):
    first, second = ApplicationFactory.create_batch(2, edition=edition)
    assign_to(first, pool[0], pool[1])
    assign_to(second, pool[0])
    submit_review(first, pool[0], scores(review_round, 3, 3))
    rows = {row["reviewer"]: (row["done"], row["assigned"]) for row in assignment.progress(review_round)}
    assert rows == {pool[0]: (1, 2), pool[1]: (0, 1)}
    client.force_login(people["programme"])
    page = client.get(f"/programme/espace/tours/{review_round.pk}/").content.decode()
    assert "Avancement des évaluateurs" in page and "<td>1</td><td>2</td><td>1</td>" in page


def test_the_team_reminds_only_reviewers_with_unfinished_reviews(
    client, edition, review_round, pool, people, django_capture_on_commit_callbacks
):
    first, second = ApplicationFactory.create_batch(2, edition=edition)
    assign_to(first, pool[0], pool[1])
    submit_review(first, pool[0], scores(review_round, 3, 3))
    assign_to(second, pool[2])
    client.force_login(people["programme"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/programme/espace/tours/{review_round.pk}/rappel/")
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted([pool[1].email, pool[2].email])
    assert "Présélection : 1 évaluation à rendre" in mail.outbox[0].subject
    assert "/programme/espace/" in mail.outbox[0].body


def test_the_reminder_command_follows_the_rounds_due_date_and_does_not_pester(
    edition, review_round, pool, clock, django_capture_on_commit_callbacks
):
    assign_to(ApplicationFactory(edition=edition), pool[0])
    today = timezone.localdate()
    review_round.due_on = today + datetime.timedelta(days=10)
    review_round.save()

    def run():
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_programme_round_reminders", stdout=out)
        return out.getvalue().strip()

    assert run() == "0 rappel(s) d'évaluation envoyé(s)."  # due in 10 days: not yet
    clock.shift(datetime.timedelta(days=4))  # due in 6 days
    assert run() == "1 rappel(s) d'évaluation envoyé(s)."
    assert "à rendre" in mail.outbox[0].subject
    assert run().startswith("0 ")  # reminded today
    clock.shift(datetime.timedelta(days=3))
    assert run().startswith("1 ")
    assert len(mail.outbox) == 2


# Anonymised review


@pytest.fixture
def anonymised(edition, review_round, people):
    review_round.anonymised = True
    review_round.save()
    application = ApplicationFactory(
        edition=edition,
        title="Projet sans nom",
        applicant_name="Dominique Lambert",
        applicant_email="dominique.lambert@example.org",
        answers=[
            {"name": "nom_et_prenom", "label": "Nom et prénom", "type": "singleline", "value": "Dominique Lambert"},
            {"name": "e_mail_professionnel", "label": "E-mail", "type": "email", "value": "d@example.org"},
            {"name": "service", "label": "Service", "type": "singleline", "value": "Direction des lycées"},
            {"name": "le_probleme", "label": "Le problème", "type": "multiline", "value": "Des salles vides."},
        ],
    )
    ApplicationFile.objects.create(
        application=application,
        field_name="presentation",
        label="Présentation",
        file=SimpleUploadedFile("CV-Lambert.pdf", b"%PDF-1.4 x"),
        original_name="CV-Lambert.pdf",
        content_type="application/pdf",
        size=10,
    )
    assign_to(application, people["relectrice"])
    return application


def test_an_anonymised_round_hides_the_applicant_from_reviewers(client, anonymised, people):
    client.force_login(people["relectrice"])
    page = client.get(f"/programme/espace/candidatures/{anonymised.pk}/").content.decode()
    assert "Des salles vides." in page and "Évaluation anonymisée" in page
    for identity in ("Dominique", "Lambert", "d@example.org", "Direction des lycées", "CV-Lambert"):
        assert identity not in page
    response = client.get(f"/programme/espace/candidatures/{anonymised.pk}/fichiers/{anonymised.files.get().pk}/")
    assert response.status_code == 200 and "Lambert" not in response["Content-Disposition"]


def test_the_team_still_sees_who_applied_in_an_anonymised_round(client, anonymised, people):
    client.force_login(people["programme"])
    page = client.get(f"/programme/espace/candidatures/{anonymised.pk}/").content.decode()
    for identity in ("Dominique Lambert", "d@example.org", "Direction des lycées", "CV-Lambert.pdf"):
        assert identity in page


def test_without_anonymity_the_reviewer_sees_the_applicant(client, anonymised, review_round, people):
    review_round.anonymised = False
    review_round.save()
    client.force_login(people["relectrice"])
    page = client.get(f"/programme/espace/candidatures/{anonymised.pk}/").content.decode()
    assert "Dominique Lambert" in page and "CV-Lambert.pdf" in page


def test_the_round_page_keeps_a_bounded_number_of_queries(
    client, edition, review_round, pool, people, django_assert_max_num_queries
):
    ApplicationFactory.create_batch(30, edition=edition)
    assignment.bulk_assign(review_round, 2, people["programme"])
    client.force_login(people["programme"])
    url = f"/programme/espace/tours/{review_round.pk}/"
    client.get(url)  # warm the session and content types
    # Ours: session, user, team, round, criteria, progress (3), applications and their assignments (2),
    # the two choice lists, the other rounds; the portal's layout takes its share, whatever the size.
    with django_assert_max_num_queries(30):
        response = client.get(url)
    assert response.status_code == 200 and response.content.decode().count("Projet n°") >= 30


def test_the_team_creates_a_round_with_its_criteria_in_the_admin(client, edition, people):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    client.force_login(people["programme"])
    url = "/admin/snippets/programme/reviewround/add/"
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "edition": edition.pk,
            "name": "Jury final",
            "stage": "selected",
            "sort_order": "2",
            "is_current": "on",
            "due_on": "",
            "criteria": inline_formset([{"name": "Impact", "description": "", "weight": "2"}]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    created = ReviewRound.objects.get(name="Jury final")
    assert created.is_current and list(created.criteria.values_list("name", "weight")) == [("Impact", 2)]
    assert list(edition.rounds.filter(is_current=True)) == [created]  # the pre-selection is no longer current


def test_the_round_page_lists_its_applications_a_hundred_at_a_time(client, edition, review_round, people):
    ApplicationFactory.create_batch(101, edition=edition)
    client.force_login(people["programme"])
    url = f"/programme/espace/tours/{review_round.pk}/"
    assert client.get(url).content.decode().count('<th scope="row"><a href') == 100
    assert client.get(f"{url}?page=2").content.decode().count('<th scope="row"><a href') == 1
    response = client.get(f"{url}?page=x")
    assert response.status_code == 400 and "entier positif" in response.content.decode()


def test_taking_someone_off_the_editions_reviewers_ends_their_access(client, edition, people):
    application = ApplicationFactory(edition=edition)
    assign_to(application, people["relectrice"])
    client.force_login(people["relectrice"])
    assert client.get(f"/programme/espace/candidatures/{application.pk}/").status_code == 200
    edition.reviewers.remove(people["relectrice"])
    assert client.get(f"/programme/espace/candidatures/{application.pk}/").status_code == 403
