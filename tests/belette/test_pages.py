"""The pages under /belette/: search with inline contacts and facets, entries, org chart, corrections."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from belette.models import Agent, ChangeRecord, CorrectionProposal, Unit
from tests.conftest import TEST_NOW


@pytest.fixture
def page(staff_client, directory):
    return staff_client


def test_search_page_without_query_shows_the_form_and_some_dispositifs(page):
    response = page.get("/belette/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="combobox"' in html and 'aria-controls="belette-suggestions"' in html
    assert "Carte TER Hauts-de-France +26 ans" in html


def test_search_page_shows_dispositif_with_its_unit_and_contacts_inline(page):
    html = page.get("/belette/", {"q": "cartes TER"}).content.decode()
    assert "<mark>Carte</mark> <mark>TER</mark> Hauts-de-France +26 ans" in html
    assert "Unité responsable" in html and "Service TER et offre ferroviaire" in html
    assert "Isabelle Dupont" in html and "a1@hautsdefrance.fr" in html.lower()


def test_search_page_shows_the_backup_of_an_inactive_agent(page):
    html = page.get("/belette/", {"q": "marc parti"}).content.decode()
    assert "plus en poste" in html
    assert "Lucie Remplaçante" in html and "03 00 00 00 05" in html


def test_search_page_facets_link_and_filter(page):
    html = page.get("/belette/", {"q": "isabelle dupont"}).content.decode()
    assert "Pôle Mobilité et Transports" in html and "pole=PMT" in html and "site=Amiens" in html
    filtered = page.get("/belette/", {"q": "isabelle dupont", "site": "Amiens"}).content.decode()
    assert "Service Restauration et hébergement" in filtered and "1 résultat" in filtered
    assert "/belette/agents/A1/" not in filtered


@pytest.mark.parametrize(
    "params",
    [{"q": "ter", "kind": "personne"}, {"q": "ter", "page": "zéro"}, {"q": "ter", "page": "0"}, {"q": "x" * 300}],
)
def test_bad_search_parameters_answer_400_with_a_french_message(page, params):
    response = page.get("/belette/", params)
    assert response.status_code == 400
    assert "La recherche n’a pas pu être faite" in response.content.decode()


def test_search_page_query_count_is_bounded(page, django_assert_max_num_queries):
    page.get("/belette/", {"q": "ter"})
    # 5 for the session, the user and the permission, 4 for the results, 7 for the portal's layout.
    with django_assert_max_num_queries(16):
        assert page.get("/belette/", {"q": "ter"}).status_code == 200


def test_agent_page_shows_contact_unit_path_dispositifs_and_history(page, directory):
    html = page.get("/belette/agents/A1/").content.decode()
    assert "Isabelle Dupont" in html and "03 74 27 11 11" in html
    assert 'href="/belette/unites/PMT/"' in html  # its place in the tree
    assert "Carte TER Hauts-de-France +26 ans" in html
    assert "Signaler une erreur" in html


def test_inactive_agent_page_points_to_the_backup(page):
    html = page.get("/belette/agents/A6/").content.decode()
    assert "N’est plus en poste" in html and "/belette/agents/A5/" in html


def test_unit_page_lists_children_people_and_dispositifs(page, directory, django_assert_max_num_queries):
    html = page.get("/belette/unites/PMT/").content.decode()
    assert "Service TER et offre ferroviaire" in html
    html = page.get("/belette/unites/DTR-TER/").content.decode()
    assert "Isabelle Dupont" in html and "Carte TER Hauts-de-France +26 ans" in html and "plus en poste" in html
    with django_assert_max_num_queries(14):
        page.get("/belette/unites/DTR-TER/")


def test_dispositif_page_shows_unit_contacts_and_public_link(page):
    html = page.get("/belette/dispositifs/TER-PLUS26/").content.decode()
    assert "Réduction sur les trains régionaux." in html and "carte TER adulte" in html
    assert "Isabelle Dupont" in html and "Lucie Remplaçante" in html  # the backup of the contact who left


def test_unknown_entries_answer_404(page):
    for url in (
        "/belette/agents/NOPE/",
        "/belette/unites/NOPE/",
        "/belette/dispositifs/NOPE/",
        "/belette/signaler/personne/A1/",
    ):
        assert page.get(url).status_code == 404


def test_org_chart_nests_every_unit(page, django_assert_max_num_queries):
    page.get("/belette/organigramme/")
    with django_assert_max_num_queries(13):  # one for the whole tree, the rest is the session and the layout
        html = page.get("/belette/organigramme/").content.decode()
    assert (
        html.index("Direction générale des services")
        < html.index("Pôle Mobilité et Transports")
        < html.index("Service TER et offre ferroviaire")
    )
    assert "<details" in html and "<summary>" in html


def test_org_chart_shows_heads_and_direct_and_total_counts(page, directory):
    pole = Unit.objects.get(code="PMT")
    pole.head = Agent.objects.get(hr_id="A5")
    pole.save()
    html = page.get("/belette/organigramme/").content.decode()
    # The pôle has no direct member; its TER service has 2 active agents (Marc Parti is not in post).
    assert "responsable :" in html and "Lucie Remplaçante" in html
    chunk = html[html.index("Pôle Mobilité et Transports") : html.index("Service TER et offre ferroviaire")]
    assert "(0 agents dans l’unité, 2 au total)" in chunk


def test_reporting_an_error_creates_a_proposal_and_mails_the_referents(
    page, referent_user, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = page.post("/belette/signaler/agent/A1/", {"message": "Son numéro a changé : 03 99 99 99 99."})
    assert response.status_code == 302 and response["Location"] == "/belette/agents/A1/"
    proposal = CorrectionProposal.objects.get()
    assert (proposal.target_kind, proposal.target_key, proposal.author) == ("agent", "A1", staff_user)
    assert proposal.status == "pending"
    assert any("referent@hautsdefrance.fr" in message.to for message in mail.outbox)


def test_the_referents_mail_names_the_entry_and_links_to_the_queue(
    page, referent_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page.post("/belette/signaler/agent/A1/", {"message": "Son bureau n'est plus au 2e étage."})
    message = next(message for message in mail.outbox if "referent@hautsdefrance.fr" in message.to)
    assert message.subject == "La Belette : nouveau signalement d'erreur"
    assert "« Isabelle Dupont" in message.body and "Son bureau n'est plus au 2e étage." in message.body
    assert "http://testserver/belette/signalements/" in message.body


def test_empty_error_report_answers_400_and_creates_nothing(page):
    response = page.post("/belette/signaler/unit/DTR-TER/", {"message": "  "})
    assert response.status_code == 400
    assert not CorrectionProposal.objects.exists()


def test_referent_accepts_a_proposal_which_is_written_to_the_history(
    client, directory, staff_user, referent_user, django_capture_on_commit_callbacks
):
    proposal = CorrectionProposal.objects.create(
        target_kind="agent",
        target_key="A1",
        target_label="Isabelle Dupont",
        message="Mauvais numéro",
        author=staff_user,
    )
    client.force_login(referent_user)
    assert "Mauvais numéro" in client.get("/belette/signalements/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("belette:review_proposal", args=[proposal.pk]),
            {"decision": "accepted", "note": "Corrigé dans la fiche."},
        )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "accepted" and proposal.reviewer == referent_user
    record = ChangeRecord.objects.get(target_key="A1", source="proposal")
    assert record.user == referent_user
    assert any(staff_user.email in message.to for message in mail.outbox)
    # A second decision on the same proposal changes nothing.
    client.post(reverse("belette:review_proposal", args=[proposal.pk]), {"decision": "rejected"})
    proposal.refresh_from_db()
    assert proposal.status == "accepted"


def test_review_with_an_unknown_decision_changes_nothing(client, directory, staff_user, referent_user):
    proposal = CorrectionProposal.objects.create(
        target_kind="unit", target_key="PMT", target_label="PMT", message="Mauvais site", author=staff_user
    )
    client.force_login(referent_user)
    client.post(reverse("belette:review_proposal", args=[proposal.pk]), {"decision": "peut-être"})
    proposal.refresh_from_db()
    assert proposal.status == "pending"


def test_plain_staff_cannot_review(page, directory, staff_user):
    proposal = CorrectionProposal.objects.create(
        target_kind="unit", target_key="PMT", target_label="PMT", message="Mauvais site", author=staff_user
    )
    response = page.post(reverse("belette:review_proposal", args=[proposal.pk]), {"decision": "accepted"})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == "pending"


def test_stale_report_lists_entries_not_updated_for_twelve_months(clock, referent_client, directory):
    old = TEST_NOW - timedelta(days=400)
    Unit.objects.filter(code="PLE").update(updated_at=old)
    Agent.objects.filter(hr_id="A3").update(updated_at=old)
    Agent.objects.filter(hr_id="A6").update(updated_at=old)  # not in post: not worth chasing
    html = referent_client.get("/belette/a-mettre-a-jour/").content.decode()
    assert "Pôle Lycées et Éducation" in html and "Charles Lefebvre" in html
    assert "Marc Parti" not in html and "Isabelle Dupont" not in html
    export = referent_client.get("/belette/a-mettre-a-jour/", {"format": "csv"})
    assert export["Content-Type"].startswith("text/csv")
    assert export["Cache-Control"] == "private, no-store"  # agents' names: no cache keeps them
    text = export.content.decode("utf-8-sig")
    assert "PLE" in text and "A3" in text and "A1" not in text


def test_admin_edit_of_an_agent_is_written_to_the_history(client, directory, demo_accounts):
    client.force_login(demo_accounts["admin"])
    agent = directory["agents"]["lefebvre"]
    url = reverse("wagtailsnippets_belette_agent:edit", args=[agent.pk])
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "hr_id": "A3",
        "first_name": "Charles",
        "last_name": "Lefebvre",
        "title": "Chef de service",
        "unit": agent.unit_id,
        "email": agent.email,
        "phone": agent.phone,
        "site": agent.site,
        "topics": '["apprentis"]',
        "backup": "",
        "active": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    record = ChangeRecord.objects.get(target_key="A3", source="admin")
    assert record.changes == {"title": ["Chargée de mission", "Chef de service"]}
    assert record.user == demo_accounts["admin"]
