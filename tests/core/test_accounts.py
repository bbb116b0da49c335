"""Login lock-out (django-axes) on both login pages, and the "mot de passe oublié" pages."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from home.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_PAGES = ["/connexion/", "/admin/login/"]
LOCKED = "Connexion bloquée"


def try_login(client, page, username, password, address="198.51.100.1"):
    return client.post(page, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, page, times, username="editeur", address="198.51.100.1"):
    """`times` wrong passwords: the form again with its error, and the lock-out page from the 10th on."""
    for n in range(1, times + 1):
        response = try_login(client, page, username, "mauvais-mot-de-passe", address)
        assert response.status_code == (429 if n >= 10 else 200), response.status_code


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_ten_wrong_passwords_lock_the_account_out_of_both_login_pages(client, demo_accounts, clock, page):
    fail(client, page, 9)
    assert try_login(client, page, "editeur", DEMO_PASSWORD).status_code == 302  # 9 failures: still open
    client.logout()
    fail(client, page, 9)
    response = try_login(client, page, "editeur", "encore-faux")
    assert response.status_code == 429
    assert LOCKED in response.content.decode() and "30 minutes" in response.content.decode()
    # The right password no longer opens the account, on either page, from another address too.
    for other_page in LOGIN_PAGES:
        response = try_login(client, other_page, "editeur", DEMO_PASSWORD, address="203.0.113.50")
        assert response.status_code == 429 and LOCKED in response.content.decode()
        assert "_auth_user_id" not in client.session
    # Other accounts from other addresses are not affected.
    assert try_login(client, page, "moderateur", DEMO_PASSWORD, address="203.0.113.51").status_code == 302


@pytest.mark.parametrize("page", LOGIN_PAGES)
def test_ten_failures_from_one_address_lock_that_address_whatever_the_account(client, demo_accounts, page):
    for n in range(10):
        try_login(client, page, f"inconnu{n}", "mauvais-mot-de-passe", address="198.51.100.9")
    response = try_login(client, page, "moderateur", DEMO_PASSWORD, address="198.51.100.9")
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert try_login(client, page, "moderateur", DEMO_PASSWORD, address="198.51.100.10").status_code == 302


def test_the_lock_out_ends_after_the_cool_off(client, demo_accounts, clock):
    fail(client, "/connexion/", 10)
    assert try_login(client, "/connexion/", "editeur", DEMO_PASSWORD).status_code == 429
    clock.shift(dt.timedelta(minutes=31))
    assert try_login(client, "/connexion/", "editeur", DEMO_PASSWORD).status_code == 302


def test_behind_the_trusted_proxy_one_visitors_failures_do_not_lock_the_others(client, demo_accounts, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for n in range(10):
        client.post(
            "/connexion/",
            {"username": f"inconnu{n}", "password": "faux"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )
    other = client.post(
        "/connexion/",
        {"username": "editeur", "password": DEMO_PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )
    assert other.status_code == 302


# --- password reset -------------------------------------------------------------------------------


def test_the_login_page_links_to_the_password_reset(client, db):
    html = client.get("/connexion/").content.decode()
    assert 'href="/connexion/mot-de-passe-oublie/"' in html and "Mot de passe oublié" in html


def test_a_person_chooses_a_new_password_from_the_link_mailed_to_them(
    client, demo_accounts, django_capture_on_commit_callbacks
):
    user = demo_accounts["editeur"]
    user.email = "editeur@maregion.example"
    user.save()
    page = client.get("/connexion/mot-de-passe-oublie/").content.decode()
    assert "Indiquez l'adresse électronique de votre compte" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/connexion/mot-de-passe-oublie/", {"email": "editeur@maregion.example"})
    assert response.status_code == 302 and response["Location"] == "/connexion/mot-de-passe-oublie/envoye/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Ma Région : choisir un nouveau mot de passe"
    assert "« editeur »" in message.body
    link = re.search(r"http://testserver(/connexion/nouveau-mot-de-passe/\S+/)", message.body).group(1)
    form_url = client.get(link)["Location"]  # Django hides the token behind a redirect
    assert "Nouveau mot de passe" in client.get(form_url).content.decode()
    short = client.post(form_url, {"new_password1": "court-8c", "new_password2": "court-8c"})
    assert short.status_code == 200 and "12 caractères" in short.content.decode()
    new_password = "un-nouveau-mot-de-passe-solide"
    done = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert done["Location"] == "/connexion/nouveau-mot-de-passe/fait/"
    assert get_user_model().objects.get(pk=user.pk).check_password(new_password)
    again = client.get(link, follow=True).content.decode()
    assert "Ce lien n'est pas valide" in again


def test_a_password_reset_unlocks_the_account(client, demo_accounts, django_capture_on_commit_callbacks):
    user = demo_accounts["editeur"]
    user.email = "editeur@maregion.example"
    user.save()
    fail(client, "/connexion/", 10)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/connexion/mot-de-passe-oublie/", {"email": user.email})
    link = re.search(r"http://testserver(/connexion/nouveau-mot-de-passe/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    new_password = "un-nouveau-mot-de-passe-solide"
    client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert try_login(client, "/connexion/", "editeur", new_password, address="203.0.113.60").status_code == 302


def test_reset_e_mails_to_one_address_are_limited_and_the_page_says_nothing_more(
    client, demo_accounts, django_capture_on_commit_callbacks
):
    user = demo_accounts["editeur"]
    user.email = "editeur@maregion.example"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            response = client.post(
                "/connexion/mot-de-passe-oublie/", {"email": user.email}, REMOTE_ADDR=f"198.51.100.{n}"
            )
            assert response["Location"] == "/connexion/mot-de-passe-oublie/envoye/"
    assert len(mail.outbox) == 3


def test_an_unknown_address_gets_the_same_answer_and_no_e_mail(client, db):
    response = client.post("/connexion/mot-de-passe-oublie/", {"email": "personne@example.org"})
    assert response["Location"] == "/connexion/mot-de-passe-oublie/envoye/"
    assert mail.outbox == []


def test_the_admin_has_no_second_unlimited_password_reset(client, demo_accounts):
    """Wagtail's /admin/password_reset/ sent a reset e-mail for every request; the site's page is the
    only one, and it is rate-limited (above)."""
    user = demo_accounts["editeur"]
    user.email = "editeur@maregion.example"
    user.save()
    for n in range(5):
        response = client.post("/admin/password_reset/", {"email": user.email}, REMOTE_ADDR=f"198.51.100.{n}")
        assert response.status_code in (302, 404) and "password_reset/done" not in response.get("Location", "")
    assert mail.outbox == []
    assert "/admin/password_reset/" not in client.get("/admin/login/").content.decode()
