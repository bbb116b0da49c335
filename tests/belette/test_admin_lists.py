"""Aliases, topics and audiences in the admin (issue 19): typed as a list (one per line or with commas,
chips with JavaScript), never as JSON; they come back unchanged; bad input gets a French message and
changes nothing."""

import pytest
from django.urls import reverse

from belette.models import Agent, ChangeRecord, Dispositif


@pytest.fixture
def admin_client(client, directory, demo_accounts):
    client.force_login(demo_accounts["admin"])
    return client


def dispositif_data(dispositif, **values):
    data = {
        "code": dispositif.code,
        "name": dispositif.name,
        "aliases": "\n".join(dispositif.aliases),
        "summary": dispositif.summary,
        "audience": "\n".join(dispositif.audience),
        "unit": dispositif.unit_id,
        "contacts": list(dispositif.contacts.values_list("pk", flat=True)),
        "portal_url": "",
        "portal_page": "",
    }
    return {**data, **values}


def test_aliases_typed_with_commas_are_saved_as_a_list(admin_client):
    dispositif = Dispositif.objects.get(code="FSE")
    url = reverse("wagtailsnippets_belette_dispositif:edit", args=[dispositif.pk])
    page = admin_client.get(url).content.decode()
    assert "data-list-input" in page and "core/list_input.js" in page
    assert ">\nFSE\nFSE+</textarea>" in page  # one value per line, not JSON
    response = admin_client.post(
        url, dispositif_data(dispositif, aliases="FRSU, fonds d'urgence", audience="étudiant\nlycéen\n")
    )
    assert response.status_code == 302
    dispositif.refresh_from_db()
    assert dispositif.aliases == ["FRSU", "fonds d'urgence"]
    assert dispositif.audience == ["étudiant", "lycéen"]
    change = ChangeRecord.objects.filter(target_key="FSE", source="admin").latest("pk")
    assert ("autres noms et sigles", "FSE, FSE+", "FRSU, fonds d'urgence") in change.labelled_changes()


def test_saving_the_form_as_shown_changes_no_value(admin_client):
    agent = Agent.objects.get(hr_id="A1")
    agent.topics = ["TER", "tarifs, abonnements"]
    agent.save()
    url = reverse("wagtailsnippets_belette_agent:edit", args=[agent.pk])
    page = admin_client.get(url).content.decode()
    shown = page.split('name="topics"')[1].split(">", 1)[1].split("</textarea>")[0]
    data = {
        "hr_id": agent.hr_id,
        "first_name": agent.first_name,
        "last_name": agent.last_name,
        "title": agent.title,
        "unit": agent.unit_id,
        "email": agent.email,
        "phone": agent.phone,
        "site": agent.site,
        "topics": shown.removeprefix("\n"),  # what the browser sends back
        "backup": "",
        "active": "on",
    }
    before = ChangeRecord.objects.count()
    assert admin_client.post(url, data).status_code == 302
    agent.refresh_from_db()
    assert agent.topics == ["TER", "tarifs, abonnements"]
    assert ChangeRecord.objects.count() == before  # nothing changed, nothing recorded


def test_a_bad_list_is_refused_in_french_and_changes_nothing(admin_client):
    dispositif = Dispositif.objects.get(code="FSE")
    url = reverse("wagtailsnippets_belette_dispositif:edit", args=[dispositif.pk])
    response = admin_client.post(url, dispositif_data(dispositif, aliases="FSE\n" + "x" * 200))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chaque valeur compte au plus 120 caractères" in html
    assert "Saisissez du contenu JSON valide" not in html
    dispositif.refresh_from_db()
    assert dispositif.aliases == ["FSE", "FSE+"]
