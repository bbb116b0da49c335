"""Corrections that apply (issue 19): a report proposes values, the référent sees current beside
proposed, edits and applies them in one screen; the entry changes, the history says old → new in
French, the author is told, and the entry leaves the 12-month report. Contacts removed in the admin
are in the dispositif's history."""

from datetime import timedelta

from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from belette.models import Agent, ChangeRecord, CorrectionProposal, Dispositif
from tests.conftest import TEST_NOW
from tests.core.test_form_rendering import assert_consistent


def test_a_report_proposes_values_and_applying_it_changes_the_entry(
    clock, client, directory, staff_user, referent_user, django_capture_on_commit_callbacks
):
    Agent.objects.filter(hr_id="A1").update(updated_at=TEST_NOW - timedelta(days=400))
    reporter = Client()
    reporter.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = reporter.post(
            reverse("belette:report_error", args=["agent", "A1"]),
            {"message": "Son numéro a changé.", "value-phone": "03 74 27 99 99", "value-title": ""},
        )
    assert response.status_code == 302
    proposal = CorrectionProposal.objects.get()
    assert proposal.proposed_values == {"phone": "03 74 27 99 99"}  # empty and unchanged fields left out

    client.force_login(referent_user)
    assert "Isabelle Dupont" in client.get(reverse("belette:stale")).content.decode()
    screen = client.get(reverse("belette:review_proposal", args=[proposal.pk]))
    html = screen.content.decode()
    assert screen.status_code == 200
    assert "03 74 27 11 11" in html and "03 74 27 99 99" in html  # current beside proposed
    assert "/admin/snippets/belette/agent/edit/" in html

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("belette:review_proposal", args=[proposal.pk]),
            {
                "decision": "accepted",
                "note": "Merci.",
                "value-phone": "03 74 27 99 98",  # the référent corrects the proposal before applying
                "value-title": "Chargée de mission",
                "value-email": "t000000@hautsdefrance.fr",
                "value-site": "Lille – Siège",
            },
        )
    assert response.status_code == 302
    agent = Agent.objects.get(hr_id="A1")
    assert agent.phone == "03 74 27 99 98"
    record = ChangeRecord.objects.get(target_key="A1", source="proposal")
    assert record.changes["phone"] == ["03 74 27 11 11", "03 74 27 99 98"]
    assert ("téléphone", "03 74 27 11 11", "03 74 27 99 98") in record.labelled_changes()
    proposal.refresh_from_db()
    assert proposal.status == "accepted"
    assert any(staff_user.email in message.to and "03 74 27 99 98" in message.body for message in mail.outbox)
    # The history on the entry's page, in French, old → new.
    page = client.get(reverse("belette:agent", args=["A1"])).content.decode()
    assert "Téléphone" in page and "03 74 27 11 11" in page and "→" in page
    # The entry left the 12-month report.
    assert "Isabelle Dupont" not in client.get(reverse("belette:stale")).content.decode()


def test_an_invalid_value_is_refused_with_a_french_message_and_changes_nothing(
    client, directory, staff_user, referent_user
):
    proposal = CorrectionProposal.objects.create(
        target_kind="agent", target_key="A1", target_label="Isabelle Dupont", message="Courriel", author=staff_user
    )
    client.force_login(referent_user)
    response = client.post(
        reverse("belette:review_proposal", args=[proposal.pk]),
        {"decision": "accepted", "value-email": "pas-une-adresse"},
    )
    assert response.status_code == 400
    assert "Saisissez une adresse e-mail valide" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    assert Agent.objects.get(hr_id="A1").email == "a1@hautsdefrance.fr"


def test_removing_a_contact_in_the_admin_is_in_the_dispositif_history(client, directory, demo_accounts):
    client.force_login(demo_accounts["admin"])
    dispositif = Dispositif.objects.get(code="TER-PLUS26")
    keep = Agent.objects.get(hr_id="A1")
    url = reverse("wagtailsnippets_belette_dispositif:edit", args=[dispositif.pk])
    response = client.post(
        url,
        {
            "code": dispositif.code,
            "name": dispositif.name,
            "aliases": '["carte TER adulte"]',
            "summary": dispositif.summary,
            "audience": "[]",
            "unit": dispositif.unit_id,
            "contacts": [keep.pk],
            "portal_url": "",
            "portal_page": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    record = ChangeRecord.objects.get(target_key="TER-PLUS26", source="admin")
    assert record.changes["contacts"] == [
        ["Isabelle Dupont (A1)", "Marc Parti (A6)"],
        ["Isabelle Dupont (A1)"],
    ]
    labels = record.labelled_changes()
    assert ("contacts", "Isabelle Dupont (A1), Marc Parti (A6)", "Isabelle Dupont (A1)") in labels
    page = client.get(reverse("belette:dispositif", args=["TER-PLUS26"])).content.decode()
    assert "Marc Parti (A6)" in page
    # The same change, in French, in Wagtail's own log of the object (the admin's history).
    entry = ModelLogEntry.objects.filter(action="belette.change", object_id=str(dispositif.pk)).latest("timestamp")
    assert "Contacts : Isabelle Dupont (A1), Marc Parti (A6) → Isabelle Dupont (A1)" in entry.message


def test_an_applied_correction_is_in_the_admin_history_in_french(client, directory, staff_user, demo_accounts):
    from belette import corrections

    proposal = CorrectionProposal.objects.create(
        target_kind="agent", target_key="A1", target_label="Isabelle Dupont", message="Tél.", author=staff_user
    )
    corrections.review(proposal.pk, "accepted", "", demo_accounts["admin"], {"phone": "03 00 00 00 01"})
    agent = Agent.objects.get(hr_id="A1")
    entry = ModelLogEntry.objects.filter(action="belette.change", object_id=str(agent.pk)).latest("timestamp")
    assert "Téléphone : 03 74 27 11 11 → 03 00 00 00 01" in entry.message
    assert entry.user == demo_accounts["admin"]
    client.force_login(demo_accounts["admin"])
    html = client.get(reverse("wagtailsnippets_belette_agent:history", args=[agent.pk])).content.decode()
    assert "Téléphone : 03 74 27 11 11 → 03 00 00 00 01" in html


def test_each_proposal_of_the_queue_has_its_own_answer_field(client, directory, staff_user, referent_user):
    first, second = (
        CorrectionProposal.objects.create(
            target_kind="agent", target_key="A1", target_label="Isabelle Dupont", author=staff_user, message=text
        )
        for text in ("Numéro changé.", "Bureau changé.")
    )
    client.force_login(referent_user)
    html = client.get(reverse("belette:proposals")).content.decode()
    assert_consistent(html)  # no id given twice, every label points at its control
    for proposal in (first, second):
        assert f'<label for="note-{proposal.pk}">Réponse (facultative)</label>' in html
        assert f'id="note-{proposal.pk}"' in html
