"""The team's admin screens render: page editors for calls and projects, the programme snippets."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_page_editors_of_calls_and_projects_render(client, people, call, project):
    client.force_login(people["admin"])
    for page in (call, project, project.get_parent()):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    programme = project.get_parent()
    assert client.get(f"/admin/pages/add/programme/callpage/{programme.pk}/").status_code == 200
    assert client.get(f"/admin/pages/add/programme/projectpage/{programme.pk}/").status_code == 200


@pytest.mark.parametrize("model", ["edition", "organisation", "jurysession", "indicator", "projectreview"])
def test_the_programme_snippets_list_and_create_screens_render(client, people, edition, model):
    client.force_login(people["admin"])
    assert client.get(f"/admin/snippets/programme/{model}/").status_code == 200
    assert client.get(f"/admin/snippets/programme/{model}/add/").status_code == 200


def test_the_team_space_menu_item_is_shown_to_the_team_only(client, people):
    client.force_login(people["programme"])
    assert "/programme/espace/" in client.get("/admin/").content.decode()
    client.force_login(people["editeur"])
    assert "/programme/espace/" not in client.get("/admin/").content.decode()


def test_wagtail_forms_screens_show_no_application(client, people, call):
    from .test_call import answers

    client.force_login(people["agent"])
    client.post("/programme/appel-2026/", answers())
    client.force_login(people["admin"])
    assert client.get("/admin/forms/").status_code == 200
    response = client.get(f"/admin/forms/submissions/{call.pk}/")
    assert response.status_code == 200
    assert "Covoiturage des antennes" not in response.content.decode()
