"""Project pages: the phase history rule, the product link, budget tranches tied to decisions."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from programme.models import BudgetTranche, ProjectPhase
from programme.phases import validate_phase_history

D = datetime.date


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
    decision = record_decision(
        jury, other, "stop", "Arrêt motivé.", people["programme"], D(2027, 1, 1), people["programme"]
    )
    tranche = BudgetTranche(
        page=project, decision=decision, label="T1", amount=1000, starts_on=D(2026, 9, 1), ends_on=D(2027, 2, 28)
    )
    with pytest.raises(ValidationError, match="autre projet"):
        tranche.full_clean()


@pytest.mark.django_db
def test_page_editors_are_offered_only_published_decisions_of_the_project_for_a_tranche(client, jury, project, people):
    from programme.juries import publish_session, record_decision

    record_decision(
        jury, project, "stop", "Décision encore secrète.", people["programme"], D(2027, 1, 1), people["programme"]
    )
    client.force_login(people["admin"])
    assert "Décision encore secrète" not in client.get(f"/admin/pages/{project.pk}/edit/").content.decode()
    assert "Shareloc : Arrêt" not in client.get(f"/admin/pages/{project.pk}/edit/").content.decode()
    publish_session(jury, people["programme"])
    assert "Shareloc : Arrêt" in client.get(f"/admin/pages/{project.pk}/edit/").content.decode()
