"""Self-service freshness (issue 19): an agent sees « ma fiche », confirms it in one click (the 12-month
clock restarts, the history says so); a yearly reminder asks agents whose entry is a year old, once."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from belette.models import Agent, ChangeRecord
from tests.conftest import TEST_NOW


def test_an_agent_confirms_their_own_entry_and_the_clock_restarts(clock, client, directory, staff_user, referent_user):
    agent = Agent.objects.get(hr_id="A3")
    Agent.objects.filter(pk=agent.pk).update(email=staff_user.email, updated_at=TEST_NOW - timedelta(days=400))
    client.force_login(referent_user)
    assert "Charles Lefebvre" in client.get(reverse("belette:stale")).content.decode()

    client.force_login(staff_user)
    page = client.get(reverse("belette:my_entry"))
    assert page.status_code == 200
    assert "Charles Lefebvre" in page.content.decode() and "Ma fiche est toujours juste" in page.content.decode()
    response = client.post(reverse("belette:my_entry"))
    assert response.status_code == 302
    agent.refresh_from_db()
    assert agent.updated_at >= TEST_NOW
    record = ChangeRecord.objects.get(target_key="A3", action="confirmed")
    assert record.user == staff_user and record.source == "self"

    client.force_login(referent_user)
    assert "Charles Lefebvre" not in client.get(reverse("belette:stale")).content.decode()
    clock.move_to(TEST_NOW + timedelta(days=366))
    client.force_login(referent_user)  # the session of a year ago has expired
    assert "Charles Lefebvre" in client.get(reverse("belette:stale")).content.decode()


def test_someone_without_an_entry_is_told_so_and_cannot_confirm_anything(client, directory, staff_user):
    client.force_login(staff_user)
    page = client.get(reverse("belette:my_entry"))
    assert page.status_code == 200 and "Aucune fiche" in page.content.decode()
    assert client.post(reverse("belette:my_entry")).status_code == 404
    assert not ChangeRecord.objects.filter(action="confirmed").exists()


def test_my_entry_is_for_directory_staff_only(client, directory, staff_user, demo_accounts):
    client.force_login(demo_accounts["editeur"])
    assert client.get(reverse("belette:my_entry")).status_code == 403


def test_the_yearly_reminder_asks_each_stale_agent_once_a_year(
    clock, directory, referent_client, django_capture_on_commit_callbacks
):
    Agent.objects.filter(hr_id__in=["A3", "A4"]).update(updated_at=TEST_NOW - timedelta(days=400))
    out = StringIO()
    call_command("belette_remind_confirmation", "--dry-run", stdout=out)
    assert "2 agent(s) seraient relancés" in out.getvalue() and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        call_command("belette_remind_confirmation", stdout=out)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        Agent.objects.filter(hr_id__in=["A3", "A4"]).values_list("email", flat=True)
    )
    assert "/belette/ma-fiche/" in mail.outbox[0].body
    html = referent_client.get(reverse("belette:stale")).content.decode()
    assert "confirmation demandée le 1 décembre 2026" in html
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("belette_remind_confirmation", stdout=out)  # asked already this year
    assert not mail.outbox
    clock.move_to(TEST_NOW + timedelta(days=370))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("belette_remind_confirmation", stdout=out)
    # A year on, they are asked again (with every other entry now a year old).
    asked = {message.to[0] for message in mail.outbox}
    assert set(Agent.objects.filter(hr_id__in=["A3", "A4"]).values_list("email", flat=True)) <= asked
