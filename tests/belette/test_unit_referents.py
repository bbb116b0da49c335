"""The monthly reminder to units' référents (issue 19): one e-mail per référent listing their units'
entries not updated for 12 months, a unit without référents looked after by its nearest ancestor's,
nobody without the directory permission written to, who was asked and when shown in the report."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from belette.models import Agent, Dispositif, ReferentReminder, Unit
from core import roles
from tests.conftest import TEST_NOW

OLD = TEST_NOW - timedelta(days=400)


@pytest.fixture
def stale_directory(clock, directory, staff_user, django_user_model):
    Unit.objects.filter(code="DTR-TER").update(updated_at=OLD)
    Agent.objects.filter(hr_id__in=["A1", "A5", "A6", "A2", "A4"]).update(updated_at=OLD)  # A6 is not in post
    Dispositif.objects.filter(code="TER-PLUS26").update(updated_at=OLD)

    def account(username, group=roles.STAFF):
        user = django_user_model.objects.create_user(username, f"{username}@hautsdefrance.fr", "x", first_name=username)
        if group:
            user.groups.add(roles.group_for(group))
        return user

    people = {"mobilite": account("mobilite"), "lycees": account("lycees"), "outsider": account("outsider", None)}
    Unit.objects.get(code="PMT").referents.add(people["mobilite"])  # DTR-TER has none: its pôle's
    Unit.objects.get(code="DLYC-REST").referents.add(people["lycees"])
    Unit.objects.get(code="DEUR-FSE").referents.add(people["outsider"])  # may not read the directory
    return people


def run(*args):
    out = StringIO()
    call_command("belette_remind_unit_referents", *args, stdout=out)
    return out.getvalue()


def test_each_referent_gets_one_email_listing_their_units_stale_entries(
    stale_directory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        out = run()
    assert "2 référent(s) relancés" in out
    assert sorted(message.to for message in mail.outbox) == [
        ["lycees@hautsdefrance.fr"],
        ["mobilite@hautsdefrance.fr"],
    ]
    to_mobility = next(message for message in mail.outbox if message.to == ["mobilite@hautsdefrance.fr"])
    body = to_mobility.body
    assert "4 fiches de vos unités à revoir" in to_mobility.subject
    for entry in ("Service TER et offre ferroviaire", "Isabelle Dupont", "Lucie Remplaçante", "Carte TER"):
        assert entry in body
    assert "Marc Parti" not in body  # not in post
    assert "Restauration" not in body and "/belette/agents/A1/" in body
    to_lycees = next(message for message in mail.outbox if message.to == ["lycees@hautsdefrance.fr"])
    assert "Isabelle Dupont" in to_lycees.body and "TER" not in to_lycees.body
    # The FSE service's only référent may not read the directory: nobody is sent its agents' names.
    assert "Vandenbussche" not in "".join(message.body for message in mail.outbox)
    assert "DEUR-FSE" in out  # said to have nobody
    reminder = ReferentReminder.objects.get(referent=stale_directory["mobilite"])
    assert (reminder.unit.code, reminder.entries) == ("DTR-TER", 4)
    assert TEST_NOW <= reminder.sent_at < TEST_NOW + timedelta(minutes=1)
    assert not ReferentReminder.objects.filter(referent=stale_directory["outsider"]).exists()


def test_dry_run_sends_and_records_nothing(stale_directory, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        out = run("--dry-run")
    assert "2 référent(s) seraient relancés" in out and "mobilite : 4 fiche(s) dans 1 unité(s)" in out
    assert not mail.outbox and not ReferentReminder.objects.exists()


def test_a_referent_is_written_to_at_most_once_a_month(stale_directory, clock, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run()
    mail.outbox.clear()
    clock.move_to(TEST_NOW + timedelta(days=29))
    with django_capture_on_commit_callbacks(execute=True):
        assert "0 référent(s) relancés" in run()
    assert not mail.outbox
    clock.move_to(TEST_NOW + timedelta(days=31))
    with django_capture_on_commit_callbacks(execute=True):
        run()
    assert len(mail.outbox) == 2


def test_the_report_shows_who_was_asked_and_when(stale_directory, referent_client, django_capture_on_commit_callbacks):
    html = referent_client.get(reverse("belette:stale")).content.decode()
    assert "Relances des référents d’unité" in html and "pas encore relancé·e" in html
    with django_capture_on_commit_callbacks(execute=True):
        run()
    html = referent_client.get(reverse("belette:stale")).content.decode()
    section = html.split('id="stale-referents"')[1]
    assert "mobilite – relancé·e le 1 décembre 2026" in section
    assert "aucun référent" in section  # the FSE service: its one référent may not read the directory


def test_only_directory_staff_can_be_made_a_units_referent(directory, staff_user, demo_accounts, client):
    client.force_login(demo_accounts["admin"])
    unit = Unit.objects.get(code="DTR-TER")
    url = reverse("wagtailsnippets_belette_unit:edit", args=[unit.pk])
    data = {
        "code": unit.code,
        "name": unit.name,
        "acronym": "",
        "kind": unit.kind,
        "parent": unit.parent_id,
        "head": "",
        "email": unit.email,
        "phone": unit.phone,
        "site": unit.site,
    }
    page = client.get(url).content.decode()
    select = page.split('id="id_referents"')[1].split("</select>")[0]
    assert f'value="{staff_user.pk}"' in select and f'value="{demo_accounts["editeur"].pk}"' not in select
    refused = client.post(url, {**data, "referents": [demo_accounts["editeur"].pk]})
    assert refused.status_code == 200 and "Sélectionnez un choix valide" in refused.content.decode()
    assert not unit.referents.exists()
    accepted = client.post(url, {**data, "referents": [staff_user.pk]})
    assert accepted.status_code == 302
    assert list(unit.referents.all()) == [staff_user]
