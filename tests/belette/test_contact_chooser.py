"""A dispositif's contacts chosen with their job title and unit (two « Isabelle Dupont » told apart), and
the agent chooser of the admin: names only for holders of the directory permission (issue 19)."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from belette.access import can_view_directory
from belette.models import Agent, ChangeRecord, Dispositif

ROLES = ["gestionnaire", "editeur", "moderateur", "association", "programme", "agent", "admin"]


@pytest.fixture
def admin_client(client, directory, demo_accounts):
    client.force_login(demo_accounts["admin"])
    return client


def edit_data(dispositif, **values):
    data = {
        "code": dispositif.code,
        "name": dispositif.name,
        "aliases": "\n".join(dispositif.aliases),
        "summary": dispositif.summary,
        "audience": "",
        "unit": dispositif.unit_id,
        "contacts": list(dispositif.contacts.values_list("pk", flat=True)),
        "portal_url": "",
        "portal_page": "",
    }
    return {**data, **values}


def chooser_urls():
    agent = Agent.objects.get(hr_id="A2")
    return [
        reverse("belette_contact_search") + "?q=isabelle+dupont",
        reverse("wagtailsnippetchoosers_belette_agent:choose"),
        reverse("wagtailsnippetchoosers_belette_agent:choose") + "?q=dupont",
        reverse("wagtailsnippetchoosers_belette_agent:choose_results") + "?q=dupont",
        reverse("wagtailsnippetchoosers_belette_agent:chosen", args=[agent.pk]),
    ]


def test_the_edit_form_shows_contacts_with_title_and_unit_not_a_list_of_every_agent(admin_client):
    dispositif = Dispositif.objects.get(code="TER-PLUS26")
    page = admin_client.get(reverse("wagtailsnippets_belette_dispositif:edit", args=[dispositif.pk])).content.decode()
    assert "Isabelle Dupont — Chargée de mission, Service TER et offre ferroviaire (A1)" in page
    assert "Marc Parti — Chargée de mission, Service TER et offre ferroviaire (A6) – plus en poste" in page
    assert "Vandenbussche" not in page  # not a contact: no longer a <select> of every agent
    assert "belette/contact_chooser.js" in page and 'name="contacts-ajout"' in page


def test_suggestions_tell_homonyms_apart_by_unit_and_title(admin_client):
    found = admin_client.get(reverse("belette_contact_search"), {"q": "isabelle dupont"}).json()["results"]
    labels = {row["hr_id"]: row["label"] for row in found}
    assert labels["A1"] == "Isabelle Dupont — Chargée de mission, Service TER et offre ferroviaire (A1)"
    assert labels["A2"] == "Isabelle Dupont — Chargée de mission, Service Restauration et hébergement (A2)"
    best = admin_client.get(reverse("belette_contact_search"), {"q": "isabelle dupont cantine"}).json()["results"]
    assert best[0]["hr_id"] == "A2" and best[0]["unit"] == "Service Restauration et hébergement"
    assert admin_client.get(reverse("belette_contact_search"), {"q": "a"}).json() == {"results": []}


def test_the_admin_agent_chooser_searches_and_shows_title_and_unit(admin_client):
    html = admin_client.get(
        reverse("wagtailsnippetchoosers_belette_agent:choose_results"), {"q": "dupont"}
    ).content.decode()
    assert "Service TER et offre ferroviaire" in html and "Service Restauration et hébergement" in html
    assert "Chargée de mission" in html and "Vandenbussche" not in html


def test_contacts_are_added_by_matricule_and_removed_by_unticking_with_history(admin_client):
    dispositif = Dispositif.objects.get(code="TER-PLUS26")
    url = reverse("wagtailsnippets_belette_dispositif:edit", args=[dispositif.pk])
    a1 = Agent.objects.get(hr_id="A1")
    response = admin_client.post(url, edit_data(dispositif, contacts=[a1.pk], **{"contacts-ajout": "a2, A4"}))
    assert response.status_code == 302
    assert sorted(dispositif.contacts.values_list("hr_id", flat=True)) == ["A1", "A2", "A4"]
    record = ChangeRecord.objects.filter(target_key="TER-PLUS26", source="admin").latest("pk")
    old, new = record.changes["contacts"]
    assert "Marc Parti (A6)" in old and "Marc Parti (A6)" not in new and "Régis Vandenbussche (A4)" in new


def test_an_unknown_matricule_is_refused_in_french_and_changes_nothing(admin_client):
    dispositif = Dispositif.objects.get(code="TER-PLUS26")
    url = reverse("wagtailsnippets_belette_dispositif:edit", args=[dispositif.pk])
    response = admin_client.post(url, edit_data(dispositif, contacts=[], **{"contacts-ajout": "A2 ZZ9"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Matricule inconnu : ZZ9." in html
    assert 'value="A2 ZZ9"' in html  # what was typed is kept
    assert sorted(dispositif.contacts.values_list("hr_id", flat=True)) == ["A1", "A6"]


@pytest.mark.parametrize("username", ROLES + ["belette_editor_without_directory", "anonymous"])
def test_the_choosers_give_names_only_to_directory_staff(
    directory, staff_user, demo_accounts, django_user_model, username
):
    client = Client()
    if username == "belette_editor_without_directory":
        # The leak that once was: admin access and every model permission on the directory, but not the
        # directory permission itself.
        user = django_user_model.objects.create_user(username, "x@hautsdefrance.fr", "x")
        user.user_permissions.add(
            *Permission.objects.filter(content_type__app_label="belette").exclude(codename="view_directory"),
            Permission.objects.get(codename="access_admin"),
        )
    elif username != "anonymous":
        user = demo_accounts[username]
    if username != "anonymous":
        client.force_login(user)
    allowed = username != "anonymous" and can_view_directory(user) and user.has_perm("wagtailadmin.access_admin")
    for url in chooser_urls():
        response = client.get(url)
        body = response.content.decode(errors="replace")
        if allowed:
            assert response.status_code == 200, (username, url)
            assert "Dupont" in body, (username, url)
        else:
            assert response.status_code in (302, 403), (username, url, response.status_code)
            assert "Dupont" not in body and "Restauration" not in body, (username, url)
            if username == "anonymous":
                assert "/login/" in response["Location"] or "/connexion/" in response["Location"]
