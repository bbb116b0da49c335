"""Programme test data: a small programme (one edition, one review round with two criteria, one open
call, one project) and one account per role the programme knows: team, reviewer, conflicted reviewer,
jury member, plus the portal's other roles who must see nothing."""

import datetime

import factory
import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from programme.models import (
    Application,
    CallFormField,
    CallPage,
    Criterion,
    Edition,
    JurySession,
    Organisation,
    ProgrammePage,
    ProjectPage,
    ProjectPhase,
    ReviewRound,
)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        django_get_or_create = ("year",)

    year = 2026
    name = factory.LazyAttribute(lambda o: f"Édition {o.year}")


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    edition = factory.SubFactory(EditionFactory)
    title = factory.Sequence(lambda n: f"Projet n° {n}")
    applicant_name = "Camille Agent"
    applicant_email = "camille@example.org"
    answers = factory.LazyAttribute(
        lambda o: [{"name": "titre_du_projet", "label": "Titre du projet", "type": "singleline", "value": o.title}]
    )


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.PROGRAMME_FILES_ROOT = tmp_path / "private"
    return settings.PROGRAMME_FILES_ROOT


def make_user(username, *groups):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw", first_name=username)
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


# Pages are added live without a revision: tests that need Wagtail's publishing call it themselves,
# and the suite stays fast.
@pytest.fixture
def programme(home_page):
    page = ProgrammePage(title="Programme d'intrapreneuriat", slug="programme", aim="<p>Objectif.</p>")
    home_page.add_child(instance=page)
    return page


@pytest.fixture
def edition(db):
    """The 2026 edition, with its current review round (pre-selection of submitted applications)."""
    edition = EditionFactory(year=2026)
    review_round = ReviewRound.objects.create(edition=edition, name="Présélection", is_current=True)
    Criterion.objects.create(review_round=review_round, name="Problème", weight=3, sort_order=0)
    Criterion.objects.create(review_round=review_round, name="Faisabilité", weight=1, sort_order=1)
    return edition


@pytest.fixture
def review_round(edition):
    return edition.rounds.get(is_current=True)


def assign_to(application, *reviewers):
    """Assign `application` to `reviewers` in its edition's current round (as the team would)."""
    from programme.models import Assignment

    review_round = application.edition.rounds.get(is_current=True)
    for reviewer in reviewers:
        Assignment.objects.create(review_round=review_round, application=application, reviewer=reviewer)


@pytest.fixture
def call(programme, edition, clock):
    now = timezone.now()  # the clock's instant
    page = CallPage(
        title="Appel 2026",
        slug="appel-2026",
        edition=edition,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=30),
        to_address="equipe@example.org",
        subject="Nouvelle candidature",
    )
    page.form_fields = [
        CallFormField(label="Nom et prénom", field_type="singleline", required=True, sort_order=0),
        CallFormField(label="E-mail professionnel", field_type="email", required=True, sort_order=1),
        CallFormField(label="Titre du projet", field_type="singleline", required=True, sort_order=2),
        CallFormField(label="Le problème", field_type="multiline", required=True, sort_order=3),
        CallFormField(label="Présentation", field_type="file", required=False, sort_order=4),
    ]
    programme.add_child(instance=page)
    return page


@pytest.fixture
def project(programme, edition):
    sponsor = Organisation.objects.create(name="Direction des lycées", is_sponsor=True)
    page = ProjectPage(
        title="Shareloc", slug="shareloc", edition=edition, problem="<p>Salles vides.</p>", sponsor=sponsor
    )
    page.phases = [ProjectPhase(phase="pre_incubation", started_on=datetime.date(2020, 4, 1), sort_order=0)]
    programme.add_child(instance=page)
    return page


@pytest.fixture
def people(demo_accounts, edition):
    """Every role: team (`programme`), reviewer, conflicted reviewer, jury member, and the portal's
    others (`agent`, `editeur`, `association`) who have no business here."""
    reviewer = make_user("relectrice")
    conflicted = make_user("relecteur_lie")
    juror = make_user("jure")
    edition.reviewers.add(reviewer, conflicted)
    return {**demo_accounts, "relectrice": reviewer, "relecteur_lie": conflicted, "jure": juror}


@pytest.fixture
def jury(edition, people, clock):
    """A decision jury held the day before the clock's date, both members marked present."""
    held_on = timezone.localdate() - datetime.timedelta(days=1)
    session = JurySession.objects.create(edition=edition, kind="decision", date=held_on, quorum=2)
    session.members.set([people["jure"], people["programme"]])
    session.present.set([people["jure"], people["programme"]])
    return session
