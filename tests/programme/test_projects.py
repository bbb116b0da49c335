"""Project pages: the phase history rule, the product link, budget tranches tied to decisions."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from programme.models import BudgetTranche, ProjectPhase
from programme.phases import validate_phase_history
from tests.conftest import TEST_NOW

D = datetime.date
TODAY = TEST_NOW.date()


def days(n):
    """The clock's day plus `n` days (decisions, reviews and tranches are dated from it)."""
    return TODAY + datetime.timedelta(days=n)


def test_phases_in_date_order_are_accepted_and_a_phase_may_come_back():
    validate_phase_history(
        [
            ("pre_incubation", D(2020, 4, 1)),
            ("investigation", D(2020, 7, 8)),
            ("investigation", D(2020, 10, 8)),
            ("construction", D(2020, 10, 8)),
        ]
    )


def test_a_phase_starting_before_the_previous_one_is_refused_with_its_position():
    with pytest.raises(ValidationError, match="Phase n° 2 : elle commence le 01/03/2020"):
        validate_phase_history([("pre_incubation", D(2020, 4, 1)), ("investigation", D(2020, 3, 1))])


def test_a_phase_without_date_is_refused():
    with pytest.raises(ValidationError, match="Phase n° 1"):
        validate_phase_history([("investigation", None)])


@pytest.mark.django_db
def test_a_project_page_with_phases_out_of_order_cannot_be_saved(project):
    project.phases = [
        ProjectPhase(phase="investigation", started_on=D(2020, 7, 8), sort_order=0),
        ProjectPhase(phase="pre_incubation", started_on=D(2020, 4, 1), sort_order=1),
    ]
    with pytest.raises(ValidationError):
        project.save_revision()


@pytest.mark.django_db
def test_the_admin_refuses_a_phase_history_out_of_order(client, project, people):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    client.force_login(people["admin"])
    data = nested_form_data(
        {
            "title": project.title,
            "slug": project.slug,
            "edition": project.edition.pk,
            "problem": rich_text("Salles vides."),
            "tagline": "",
            "sponsor": project.sponsor.pk,
            "target_users": rich_text(""),
            "hypotheses": rich_text(""),
            "learnings": rich_text(""),
            "next_steps": rich_text(""),
            "product_label": "",
            "product_page": "",
            "product_path": "",
            "team_members": inline_formset([]),
            "tranches": inline_formset([]),
            "phases": inline_formset(
                [
                    {"phase": "investigation", "started_on": "2020-07-08", "note": ""},
                    {"phase": "pre_incubation", "started_on": "2020-04-01", "note": ""},
                ]
            ),
        }
    )
    response = client.post(f"/admin/pages/{project.pk}/edit/", data)
    assert response.status_code == 200  # the form again, with the error; nothing saved
    assert "avant la phase précédente" in response.content.decode()
    assert [p.phase for p in project.phases.all()] == ["pre_incubation"]


@pytest.mark.django_db
def test_the_current_phase_is_the_latest_one_and_the_page_shows_it(client, project):
    project.phases = [
        ProjectPhase(phase="pre_incubation", started_on=D(2020, 4, 1), sort_order=0),
        ProjectPhase(phase="investigation", started_on=D(2020, 7, 8), sort_order=1),
    ]
    project.save_revision().publish()
    project.refresh_from_db()
    assert project.current_phase.phase == "investigation"
    assert "Investigation (depuis le 8 juillet 2020)" in client.get(project.url).content.decode()


@pytest.mark.django_db
def test_a_product_path_must_be_a_path_of_this_site(project):
    project.product_path = "https://ailleurs.example/"
    with pytest.raises(ValidationError):
        project.full_clean()


@pytest.mark.django_db
def test_a_tranche_must_be_opened_by_a_decision_on_the_same_project(jury, project, programme, edition, people):
    from programme.juries import record_decision
    from programme.models import ProjectPage

    other = ProjectPage(title="Autre", slug="autre", edition=edition, problem="<p>x</p>")
    programme.add_child(instance=other)
    decision = record_decision(jury, other, "stop", "Arrêt motivé.", people["programme"], days(31), people["programme"])
    tranche = BudgetTranche(
        page=project, decision=decision, label="T1", amount=1000, starts_on=days(-91), ends_on=days(89)
    )
    with pytest.raises(ValidationError, match="autre projet"):
        tranche.full_clean()


@pytest.mark.django_db
def test_page_editors_are_offered_only_published_decisions_of_the_project_for_a_tranche(client, jury, project, people):
    from programme.juries import publish_session, record_decision

    record_decision(
        jury, project, "stop", "Décision encore secrète.", people["programme"], days(31), people["programme"]
    )
    client.force_login(people["admin"])
    assert "Décision encore secrète" not in client.get(f"/admin/pages/{project.pk}/edit/").content.decode()
    assert "Shareloc : Arrêt" not in client.get(f"/admin/pages/{project.pk}/edit/").content.decode()
    publish_session(jury, people["programme"])
    assert "Shareloc : Arrêt" in client.get(f"/admin/pages/{project.pk}/edit/").content.decode()


def tranche_post(client, project, tranches, initial=0):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    data = nested_form_data(
        {
            "title": project.title,
            "slug": project.slug,
            "edition": project.edition.pk,
            "problem": rich_text("Salles vides."),
            "tagline": "",
            "sponsor": project.sponsor.pk,
            "target_users": rich_text(""),
            "hypotheses": rich_text(""),
            "learnings": rich_text(""),
            "next_steps": rich_text(""),
            "product_label": "",
            "product_page": "",
            "product_path": "",
            "team_members": inline_formset([]),
            "phases": inline_formset([{"phase": "pre_incubation", "started_on": "2020-04-01", "note": ""}]),
            "tranches": inline_formset(tranches, initial=initial),
        }
    )
    data["action-publish"] = "1"
    return client.post(f"/admin/pages/{project.pk}/edit/", data)


@pytest.mark.django_db
def test_a_tranche_draws_on_its_editions_envelopes_within_what_is_left(client, project, jury, people):
    """2020 showed "Engagé 300 000 €" against a 50–100 k€ envelope: now refused unless the team confirms
    the overrun, which the public pages then say."""
    from programme.juries import publish_session, record_decision
    from programme.models import BudgetEnvelope, Edition

    decision = record_decision(
        jury, project, "territory_startup", "Partenariat.", people["programme"], days(182), people["programme"]
    )
    publish_session(jury, people["programme"])
    envelope = BudgetEnvelope.objects.create(edition=project.edition, label="Startup", amount=50000, amount_max=100000)
    other_edition = Edition.objects.create(year=2021, name="Édition 2021")
    elsewhere = BudgetEnvelope.objects.create(edition=other_edition, label="Autre", amount=900000)
    client.force_login(people["admin"])
    row = {
        "decision": decision.pk,
        "label": "Six mois",
        "starts_on": days(31).isoformat(),
        "ends_on": days(211).isoformat(),
        "overrun_confirmed": "",
    }

    response = tranche_post(client, project, [{**row, "envelope": elsewhere.pk, "amount": "1000"}])
    assert response.status_code == 200 and "appartient à une autre édition" in response.content.decode()
    response = tranche_post(client, project, [{**row, "envelope": envelope.pk, "amount": "300000"}])
    assert response.status_code == 200 and "n&#x27;a plus que 100 000 €" in response.content.decode()
    assert not BudgetTranche.objects.exists()

    response = tranche_post(client, project, [{**row, "envelope": envelope.pk, "amount": "60000"}])
    first = BudgetTranche.objects.get()
    assert response.status_code == 302 and first.amount == 60000
    response = tranche_post(
        client,
        project,
        [
            {**row, "id": first.pk, "envelope": envelope.pk, "amount": "60000"},
            {**row, "envelope": envelope.pk, "amount": "60000", "label": "Six mois de plus"},
        ],
        initial=1,
    )
    assert response.status_code == 200 and "n&#x27;a plus que 40 000 €" in response.content.decode()
    response = tranche_post(
        client,
        project,
        [
            {**row, "id": first.pk, "envelope": envelope.pk, "amount": "60000"},
            {**row, "envelope": envelope.pk, "amount": "60000", "label": "Six mois de plus", "overrun_confirmed": "on"},
        ],
        initial=1,
    )
    assert response.status_code == 302 and BudgetTranche.objects.count() == 2
    page = client.get(project.url).content.decode()
    assert "(dépassement de l'enveloppe, confirmé par l'équipe)" in page
