"""Who may apply to a call: signed-in people only, Région staff for a staff call (the default), once
per person unless the call allows more; rate limit and honeypot; spam archived, kept, not counted."""

import pytest
from django.core import mail
from django.core.cache import cache

from programme.calls import SUBMISSIONS_PER_HOUR
from programme.dashboard import edition_funnel
from programme.models import Application, CallPage

from .test_call import URL, answers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def test_a_call_is_for_region_staff_by_default_and_says_so(client, call):
    assert call.audience == CallPage.Audience.STAFF
    page = client.get(URL).content.decode()
    assert "Qui peut candidater : Agents de la Région" in page and "Une candidature par personne." in page


def test_an_anonymous_post_stores_nothing_and_leads_to_the_login_page(client, call, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, answers())
    assert response.status_code == 302 and response["Location"].startswith("/connexion/?next=/programme/appel-2026/")
    assert not Application.objects.exists() and mail.outbox == []
    page = client.get(URL).content.decode()
    assert 'name="titre_du_projet"' not in page and "Se connecter pour candidater" in page


@pytest.mark.parametrize("username", ["association", "editeur", "moderateur", "gestionnaire"])
def test_an_account_without_the_staff_role_cannot_apply_to_a_staff_call(client, call, demo_accounts, username):
    client.force_login(demo_accounts[username])
    assert 'name="titre_du_projet"' not in client.get(URL).content.decode()
    response = client.post(URL, answers())
    assert response.status_code == 403
    assert "réservé aux agents de la Région" in response.content.decode()
    assert not Application.objects.exists() and mail.outbox == []


def test_a_call_open_to_every_account_takes_an_association(client, call, demo_accounts):
    call.audience = CallPage.Audience.ACCOUNTS
    call.save()
    client.force_login(demo_accounts["association"])
    assert client.post(URL, answers()).status_code == 200
    assert Application.objects.get().applicant == demo_accounts["association"]


def test_an_agent_applies_once_and_the_application_is_linked_to_the_account(client, call, demo_accounts):
    agent = demo_accounts["agent"]
    client.force_login(agent)
    assert client.post(URL, answers()).status_code == 200
    assert Application.objects.get().applicant == agent
    second = client.post(URL, answers(titre_du_projet="Autre idée"))
    assert second.status_code == 403 and "une seule candidature par personne" in second.content.decode()
    assert Application.objects.count() == 1
    call.allow_several_applications = True
    call.save()
    assert client.post(URL, answers(titre_du_projet="Autre idée")).status_code == 200
    assert Application.objects.count() == 2


def test_submissions_are_rate_limited(client, call, demo_accounts):
    call.allow_several_applications = True
    call.save()
    client.force_login(demo_accounts["agent"])
    for _ in range(SUBMISSIONS_PER_HOUR):
        assert client.post(URL, answers()).status_code == 200
    response = client.post(URL, answers())
    assert response.status_code == 429 and "réessayer dans une heure" in response.content.decode()
    assert Application.objects.count() == SUBMISSIONS_PER_HOUR


def test_invalid_submissions_do_not_count_towards_the_limit(client, call, demo_accounts):
    """Correcting a form never locks anyone out: only a valid application is counted (issue 13)."""
    client.force_login(demo_accounts["agent"])
    for _ in range(SUBMISSIONS_PER_HOUR + 1):
        assert client.post(URL, answers(titre_du_projet="")).status_code == 400
    assert client.post(URL, answers()).status_code == 200
    assert Application.objects.count() == 1


def test_a_robot_filling_the_honeypot_gets_the_thank_you_page_and_nothing_is_stored(
    client, call, demo_accounts, django_capture_on_commit_callbacks
):
    client.force_login(demo_accounts["agent"])
    assert 'class="honeypot"' in client.get(URL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, answers(site_internet="http://spam.example"))
    assert response.status_code == 200
    assert not Application.objects.exists() and mail.outbox == []


def test_the_team_archives_spam_which_is_kept_and_no_longer_counted(client, call, demo_accounts, people):
    client.force_login(demo_accounts["agent"])
    client.post(URL, answers())
    application = Application.objects.get()
    assert edition_funnel(call.edition)["steps"][0][1] == 1
    client.force_login(people["relectrice"])
    url = f"/programme/espace/candidatures/{application.pk}/archiver/"
    assert client.post(url, {"reason": "Spam"}).status_code == 403
    client.force_login(people["programme"])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Doublon de la candidature 12"}).status_code == 302
    application.refresh_from_db()
    assert application.archived_by == people["programme"] and application.archive_reason.startswith("Doublon")
    assert edition_funnel(call.edition)["steps"][0][1] == 0
    assert application.title not in client.get("/programme/espace/candidatures/").content.decode()
    assert application.title in client.get("/programme/espace/candidatures/?archivees=1").content.decode()
    client.force_login(people["relectrice"])
    assert client.get(f"/programme/espace/candidatures/{application.pk}/").status_code == 403
    # An archived application no longer blocks its author from applying again.
    client.force_login(demo_accounts["agent"])
    assert client.post(URL, answers()).status_code == 200
