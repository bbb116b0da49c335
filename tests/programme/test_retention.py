"""Retention: applications never selected are anonymised after PROGRAMME_RETENTION_DAYS (two years by
default) by a daily command; selected ones are kept with their project; the funnel still counts them."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from programme.dashboard import edition_funnel
from programme.models import Application, ApplicationFile
from programme.scoring import declare_conflict
from programme.workflow import TEAM, Stage, apply_transition

from .conftest import ApplicationFactory, assign_to

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("anonymise_programme_applications", *args, stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def old_applications(edition, people, clock):
    """Two applications submitted two years and a day before the clock: one not retained, one selected."""
    submitted = timezone.now() - datetime.timedelta(days=731)
    rejected = ApplicationFactory(
        edition=edition,
        submitted_at=submitted,
        applicant=people["agent"],
        applicant_name="Camille Agent",
        applicant_email="camille@example.org",
        title="Idée non retenue",
    )
    ApplicationFile.objects.create(
        application=rejected,
        field_name="presentation",
        label="Présentation",
        file=ContentFile(b"%PDF-1.4 x", name="x.pdf"),
        original_name="x.pdf",
        content_type="application/pdf",
        size=10,
    )
    assign_to(rejected, people["relecteur_lie"])
    declare_conflict(rejected, people["relecteur_lie"], "Collègue de Camille")
    apply_transition(rejected, Stage.NOT_RETAINED, people["programme"], {TEAM}, "Hors sujet pour Camille.")
    selected = ApplicationFactory(
        edition=edition, submitted_at=submitted, applicant_name="Sélectionnée", title="Projet sélectionné"
    )
    apply_transition(selected, Stage.PRESELECTED, people["programme"], {TEAM}, "Hackathon.")
    apply_transition(selected, Stage.SELECTED, people["programme"], {TEAM}, "Jury.")
    return rejected, selected


def test_the_retention_period_defaults_to_two_years(settings):
    del settings.PROGRAMME_RETENTION_DAYS
    from programme.retention import retention_days

    assert retention_days() == 730


def test_unselected_applications_are_anonymised_after_the_period(old_applications, edition, private_files):
    rejected, selected = old_applications
    path = rejected.files.get().file.path
    funnel = edition_funnel(edition)
    assert run("--dry-run") == "1 candidature(s) à anonymiser (conservation : 730 jours)."
    assert run() == "1 candidature(s) anonymisée(s)."
    rejected.refresh_from_db()
    assert rejected.anonymised_at is not None and rejected.applicant is None
    assert (rejected.applicant_name, rejected.applicant_email) == ("", "")
    assert "Camille" not in str(rejected.answers) and rejected.title.startswith("Candidature anonymisée")
    assert not rejected.files.exists() and not __import__("os").path.exists(path)
    assert rejected.conflicts.get().reason == "" and rejected.stage_changes.get().reason == ""
    assert rejected.assignments.get().removed_reason == ""
    assert rejected.stage == Stage.NOT_RETAINED  # the history stays: the funnel counts it
    assert edition_funnel(edition) == funnel
    selected.refresh_from_db()
    assert selected.anonymised_at is None and selected.applicant_name == "Sélectionnée"
    assert run() == "0 candidature(s) anonymisée(s)."


def test_nothing_is_anonymised_before_the_period(old_applications, clock):
    clock.move_to(timezone.now() - datetime.timedelta(days=2))
    assert run() == "0 candidature(s) anonymisée(s)."
    assert not Application.objects.filter(anonymised_at__isnull=False).exists()
