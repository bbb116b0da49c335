"""« Créer la page projet »: the team turns a selected application into a draft project page, pre-filled
from the answers and linked both ways; refused for an application not selected or already a project."""

import pytest

from programme.models import Organisation, ProjectPage
from programme.workflow import TEAM, apply_transition

from .conftest import ApplicationFactory

pytestmark = pytest.mark.django_db

ANSWERS = [
    {"name": "nom", "label": "Nom et prénom", "type": "singleline", "value": "Élodie Porteuse"},
    {"name": "direction", "label": "Direction ou service", "type": "singleline", "value": "direction des lycées"},
    {"name": "titre", "label": "Titre du projet", "type": "singleline", "value": "Salles partagées"},
    {
        "name": "probleme",
        "label": "Le problème constaté",
        "type": "multiline",
        "value": "Salles vides <le soir>.\nGymnases fermés.",
    },
    {"name": "usagers", "label": "Les usagers concernés", "type": "multiline", "value": "Associations."},
]


@pytest.fixture
def selected(edition, people, programme):
    application = ApplicationFactory(
        edition=edition, title="Salles partagées", applicant_name="Élodie Porteuse", answers=ANSWERS
    )
    for stage in ("preselected", "selected"):
        apply_transition(application, stage, people["programme"], {TEAM}, "Jury.")
    return application


def url(application):
    return f"/programme/espace/candidatures/{application.pk}/page-projet/"


def test_the_team_creates_a_prefilled_draft_linked_both_ways(client, selected, people):
    sponsor = Organisation.objects.create(name="Direction des lycées", is_sponsor=True)
    client.force_login(people["programme"])
    detail = f"/programme/espace/candidatures/{selected.pk}/"
    assert "Créer la page projet" in client.get(detail).content.decode()
    response = client.post(url(selected))
    page = ProjectPage.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert not page.live and page.get_latest_revision() is not None
    assert page.title == "Salles partagées" and page.edition == selected.edition
    assert page.sponsor == sponsor
    assert page.problem == "<p>Salles vides &lt;le soir&gt;.</p><p>Gymnases fermés.</p>"
    assert page.target_users == "<p>Associations.</p>"
    assert [member.name for member in page.team_members.all()] == ["Élodie Porteuse"]
    selected.refresh_from_db()
    assert selected.project == page
    assert f"/admin/pages/{page.pk}/edit/" in client.get(detail).content.decode()


def test_a_second_page_is_refused_and_the_detail_links_to_the_first(client, selected, people):
    client.force_login(people["programme"])
    client.post(url(selected))
    response = client.post(url(selected))
    assert response.status_code == 400
    assert "déjà sa page projet" in response.content.decode()
    assert ProjectPage.objects.count() == 1


def test_an_application_not_selected_is_refused(client, edition, people, programme):
    preselected = ApplicationFactory(edition=edition)
    apply_transition(preselected, "preselected", people["programme"], {TEAM}, "Hackathon.")
    client.force_login(people["programme"])
    response = client.post(url(preselected))
    assert response.status_code == 400
    assert "Seule une candidature sélectionnée devient un projet." in response.content.decode()
    assert (
        "Créer la page projet" not in client.get(f"/programme/espace/candidatures/{preselected.pk}/").content.decode()
    )
    assert not ProjectPage.objects.exists()


@pytest.mark.parametrize("username", ["relectrice", "jure", "agent", "editeur"])
def test_only_the_team_creates_a_project_page(client, selected, people, username):
    client.force_login(people[username])
    assert client.post(url(selected)).status_code == 403
    assert not ProjectPage.objects.exists()


def test_the_admin_link_back_is_the_teams_only(client, selected, people, demo_accounts):
    client.force_login(people["programme"])
    client.post(url(selected))
    page = ProjectPage.objects.get()
    client.force_login(demo_accounts["admin"])  # a superuser is of the team
    editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f"/programme/espace/candidatures/{selected.pk}/" in editor and "Candidature d&#x27;origine" in editor
    client.force_login(demo_accounts["editeur"])
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert f"/programme/espace/candidatures/{selected.pk}/" not in response.content.decode()
