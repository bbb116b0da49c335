"""The programme's demo tells the 2020 edition exactly as it happened, and runs twice unchanged."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management.base import BaseCommand
from wagtail.models import Revision

from programme import demo
from programme.dashboard import edition_funnel
from programme.models import (
    Application,
    CallPage,
    Edition,
    JuryDecision,
    JurySession,
    Measurement,
    ProgrammePage,
    ProjectPage,
    StageChange,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(demo_accounts):
    command = BaseCommand(stdout=io.StringIO())
    demo.load(command)
    return command


def test_the_2020_funnel_is_19_applied_9_preselected_6_selected(loaded):
    funnel = edition_funnel(Edition.objects.get(year=2020))
    assert [count for _label, count in funnel["steps"]] == [19, 9, 6]


def test_the_2020_calendar_and_juries_have_the_real_dates(loaded):
    edition = Edition.objects.get(year=2020)
    events = {event.kind: (event.starts_on, event.ends_on) for event in edition.events.all()}
    assert events["selection_jury"] == (datetime.date(2020, 3, 5), None)
    assert events["pre_incubation"] == (datetime.date(2020, 4, 1), datetime.date(2020, 7, 31))
    assert events["decision_jury"] == (datetime.date(2020, 7, 7), None)
    assert set(JurySession.objects.filter(edition=edition).values_list("kind", "date")) == {
        ("selection", datetime.date(2020, 3, 5)),
        ("decision", datetime.date(2020, 7, 7)),
    }


def test_the_six_projects_and_their_decisions(loaded):
    decisions = dict(JuryDecision.objects.values_list("project__title", "track"))
    assert decisions == {
        "Tout est permis": "territory_startup",
        "La Belette": "internal_startup",
        "Ma Région": "internal_incubator",
        "Shareloc": "extended_investigation",
        "Suivi des porteurs de projets subventionnés": "classic_project",
        "Procédures de contrôle allégées": "classic_project",
    }
    assert all(decision.justification for decision in JuryDecision.objects.all())
    shareloc = ProjectPage.objects.get(slug="shareloc")
    assert [p.phase for p in shareloc.phases.all()].count("investigation") == 2  # extended investigation


def test_the_2020_budget(loaded):
    envelopes = {e.label: (e.amount, e.amount_max, e.period) for e in Edition.objects.get(year=2020).envelopes.all()}
    assert envelopes == {
        "Partenariat beta.gouv.fr": (Decimal(40000), None, ""),
        "Startup de territoire": (Decimal(50000), Decimal(100000), "par semestre"),
    }


def test_demo_measurements_are_all_marked_as_demo_figures(loaded):
    assert Measurement.objects.exists() and not Measurement.objects.filter(is_demo=False).exists()


def test_the_2026_call_is_open_under_the_programme_page(loaded, client):
    call = CallPage.objects.get(slug="appel-2026")
    assert call.get_parent().specific.__class__ is ProgrammePage and call.url == "/programme/appel-2026/"
    assert call.is_open(datetime.datetime(2026, 11, 22, 12, 0, tzinfo=datetime.UTC))
    assert client.get("/programme/").status_code == 200


def test_a_second_run_changes_nothing(loaded):
    def counts():
        return [
            Application.objects.count(),
            StageChange.objects.count(),
            ProjectPage.objects.count(),
            JuryDecision.objects.count(),
            Measurement.objects.count(),
            Revision.objects.count(),
        ]

    before = counts()
    demo.load(BaseCommand(stdout=io.StringIO()))
    assert counts() == before


def test_the_programme_page_says_three_months_of_pre_incubation(loaded, client):
    page = client.get("/programme/").content.decode()
    assert "trois mois de pré-incubation (d&#x27;avril à juillet en 2020)" in page or (
        "trois mois de pré-incubation (d'avril à juillet en 2020)" in page
    )
    assert "quatre mois" not in page


def test_each_edition_reviews_in_two_rounds_with_their_own_criteria(loaded):
    for year, current in ((2020, "Hackathon"), (2026, "Présélection")):
        rounds = Edition.objects.get(year=year).rounds.order_by("sort_order")
        assert [(r.name, r.stage) for r in rounds] == [("Présélection", "submitted"), ("Hackathon", "preselected")]
        assert [r.name for r in rounds if r.is_current] == [current]
        preselection, hackathon = rounds
        assert preselection.criteria.count() == 4 and hackathon.criteria.count() == 3
        assert not set(preselection.criteria.values_list("pk", flat=True)) & set(
            hackathon.criteria.values_list("pk", flat=True)
        )
    demo.load(BaseCommand(stdout=io.StringIO()))  # again: nothing added
    assert Edition.objects.get(year=2020).rounds.count() == 2
    assert Edition.objects.get(year=2020).rounds.get(name="Hackathon").criteria.count() == 3
