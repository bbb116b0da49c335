"""Impact indicators (takeaway, chart, CSV), the programme figures, and the six-month reviews."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from programme.dashboard import edition_funnel, projects_by_phase, women_share
from programme.impact import takeaway
from programme.models import Indicator, Measurement, ProjectReview, TeamMember
from programme.reviews import hold_review, send_reminders
from programme.workflow import TEAM, Stage, apply_transition
from tests.conftest import TEST_NOW

from .conftest import ApplicationFactory

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = TEST_NOW.date()
DUE = TODAY + datetime.timedelta(days=37)  # the project review's due date, five weeks after the clock's day
HELD = DUE + datetime.timedelta(days=3)


@pytest.fixture
def indicator(project):
    indicator = Indicator.objects.create(
        project=project, name="Délai de réponse", unit="jours", direction="down", target=Decimal(5)
    )
    for day, value in ((D(2021, 6, 30), 21), (D(2022, 6, 30), 9)):
        Measurement.objects.create(
            indicator=indicator, measured_on=day, value=Decimal(value), is_demo=True, source="=cmd|' /C calc'!A0"
        )
    return indicator


def test_the_takeaway_says_where_the_indicator_stands_against_its_target(indicator):
    measurements = list(indicator.measurements.order_by("measured_on"))
    assert takeaway(indicator, measurements) == (
        "Dernière mesure (juin 2022) : 9 jours, en baisse de 12 jours depuis juin 2021 (amélioration) ; "
        "objectif de 5 jours pas encore atteint."
    )
    assert takeaway(indicator, []) == "Pas encore de mesure pour cet indicateur."


def test_the_project_page_shows_the_chart_its_table_and_marks_demo_figures(client, indicator, project):
    page = client.get(project.url).content.decode()
    assert 'role="img"' in page and "en baisse de 12 jours" in page
    assert "<caption>Délai de réponse</caption>" in page
    assert "Chiffres de démonstration" in page
    assert f"/programme/indicateurs/{indicator.pk}.csv" in page


def test_the_indicator_csv_is_public_and_neutralised(client, indicator):
    response = client.get(f"/programme/indicateurs/{indicator.pk}.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["date", "value", "unit", "demo", "source"]
    assert rows[1][:4] == ["2021-06-30", "21.00", "jours", "oui"]
    assert rows[1][4] == "'=cmd|' /C calc'!A0"


def test_the_csv_of_an_unpublished_project_is_not_served(client, indicator, project):
    project.unpublish()
    assert client.get(f"/programme/indicateurs/{indicator.pk}.csv").status_code == 404


def test_the_funnel_counts_every_application_that_reached_a_stage(edition, people):
    applications = ApplicationFactory.create_batch(4, edition=edition)
    team = people["programme"]
    for application in applications[:3]:
        apply_transition(application, Stage.PRESELECTED, team, {TEAM}, "hackathon")
    apply_transition(applications[0], Stage.SELECTED, team, {TEAM}, "jury")
    apply_transition(applications[0], Stage.PRE_INCUBATION, team, {TEAM}, "début")
    apply_transition(applications[1], Stage.NOT_RETAINED, team, {TEAM}, "non retenue")
    funnel = edition_funnel(edition)
    assert [count for _label, count in funnel["steps"]] == [4, 3, 1]


def test_projects_are_grouped_by_their_current_phase(project):
    assert [(label, [p.title for p in projects]) for label, projects in projects_by_phase()] == [
        ("Pré-incubation", ["Shareloc"])
    ]


def test_the_share_of_women_counts_only_recorded_genders(project):
    TeamMember.objects.bulk_create(
        [
            TeamMember(page=project, name="A", gender="woman", sort_order=0),
            TeamMember(page=project, name="B", gender="man", sort_order=1),
            TeamMember(page=project, name="C", gender="", sort_order=2),
            TeamMember(page=project, name="D", gender="woman", is_intrapreneur=False, sort_order=3),
        ]
    )
    assert women_share() == (1, 2, 3)


def test_the_team_dashboard_shows_funnel_phases_and_share_of_women(client, project, people):
    TeamMember.objects.create(page=project, name="A", gender="woman", sort_order=0)
    client.force_login(people["programme"])
    page = client.get("/programme/espace/tableau-de-bord/").content.decode()
    assert "Entonnoir de l&#x27;édition 2026" in page or "Entonnoir de l'édition 2026" in page
    assert "Projets par phase" in page and "100 %" in page


@pytest.fixture
def review(project, people, clock):
    return ProjectReview.objects.create(project=project, due_on=DUE, owner=people["programme"])


def test_a_reminder_goes_to_the_owner_once_two_weeks_before(review, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(today=TODAY) == 0
        assert send_reminders(today=DUE - datetime.timedelta(days=14)) == 1
        assert send_reminders(today=DUE - datetime.timedelta(days=13)) == 0
    assert [m.to for m in mail.outbox] == [["programme@demo.maregion.example"]]
    assert "Shareloc" in mail.outbox[0].subject and DUE.strftime("%d/%m/%Y") in mail.outbox[0].body
    review.refresh_from_db()
    assert review.reminder_sent_at is not None


def test_the_reminder_command_reports_what_it_sent(review, clock, django_capture_on_commit_callbacks):
    review.due_on = timezone.localdate()  # the clock's day
    review.save()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_programme_review_reminders", stdout=out)
    assert out.getvalue().strip() == "1 rappel(s) de revue envoyé(s)."
    assert len(mail.outbox) == 1


def test_holding_a_review_schedules_the_next_one_six_months_later(review):
    following = hold_review(review, HELD, "Objectifs tenus.")
    assert following.due_on == HELD + relativedelta(months=6) and following.owner == review.owner
    assert ProjectReview.objects.count() == 2


def test_the_team_records_a_held_review_and_a_bad_date_answers_400(client, review, people):
    client.force_login(people["programme"])
    response = client.post("/programme/espace/revues/", {"review": review.pk, "held_on": f"{HELD.year}-13-45"})
    assert response.status_code == 400 and "AAAA-MM-JJ" in response.content.decode()
    response = client.post(
        "/programme/espace/revues/", {"review": review.pk, "held_on": HELD.isoformat(), "notes": "Objectifs tenus."}
    )
    assert response.status_code == 302
    assert list(ProjectReview.objects.order_by("due_on").values_list("due_on", "held_on")) == [
        (DUE, HELD),
        (HELD + relativedelta(months=6), None),
    ]
