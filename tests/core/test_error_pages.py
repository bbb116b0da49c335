"""The site's own French error pages (site/templates, core/errors.py) and error reporting (LOGGING, ADMINS)."""

import logging

import pytest
from django.core import mail
from django.test import Client

from home.demo import DEMO_PASSWORD


def test_a_malformed_request_gets_the_french_400_page(db, client):
    response = client.get("/", HTTP_HOST="hote invalide")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Demande incorrecte" in page
    assert 'href="/"' in page


def test_an_association_opening_the_directory_gets_the_sites_french_403_page(demo_accounts, client):
    client.force_login(demo_accounts["association"])
    response = client.get("/belette/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Accès refusé" in page
    assert "demander l'accès" in page
    assert 'class="site-header"' in page  # the site's page, not Django's bare one


def test_a_page_that_does_not_exist_gets_the_french_404_page(home_page, client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_a_wrong_method_gets_the_french_405_page_and_keeps_allow(home_page, client):
    response = client.get("/deconnexion/")
    assert response.status_code == 405
    assert "Action impossible sur cette page" in response.content.decode()
    assert "POST" in response["Allow"]


def test_a_form_without_its_csrf_token_gets_the_french_csrf_page_and_changes_nothing(demo_accounts):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/connexion/", {"username": "editeur", "password": DEMO_PASSWORD})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Le formulaire a expiré" in page
    assert "_auth_user_id" not in client.session


def test_the_500_page_is_french_and_says_what_to_do(client):
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "Une erreur est survenue" in page
    assert "réessayer dans quelques minutes" in page


@pytest.mark.django_db
def test_a_server_error_is_mailed_to_admins_with_its_request(settings, rf):
    settings.ADMINS = [("Équipe web", "web@maregion.example")]
    request = rf.get("/aides/une-aide/?page=2")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logging.getLogger("django.request").error(
            "Internal Server Error: %s", request.path, exc_info=True, extra={"status_code": 500, "request": request}
        )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["web@maregion.example"]
    assert "/aides/une-aide/" in mail.outbox[0].subject
    assert "RuntimeError" in mail.outbox[0].body


def test_admins_are_read_from_the_environment(monkeypatch):
    from maregion.settings.base import env_admins

    monkeypatch.setenv("ADMINS", "Équipe web <web@maregion.example>, astreinte@maregion.example")
    assert env_admins("ADMINS") == [("Équipe web", "web@maregion.example"), ("", "astreinte@maregion.example")]
    monkeypatch.setenv("ADMINS", "")
    assert env_admins("ADMINS") == []


def test_server_errors_go_to_the_mail_handler_when_debug_is_off():
    from django.conf import settings

    for logger in ("django.request", "django.security"):
        assert "mail_admins" in settings.LOGGING["loggers"][logger]["handlers"]
    handler = settings.LOGGING["handlers"]["mail_admins"]
    assert handler["class"] == "django.utils.log.AdminEmailHandler" and handler["level"] == "ERROR"


@pytest.mark.parametrize("logger", ["wagtail.admin", "django_tasks"])
def test_a_failed_notification_or_task_is_mailed_to_admins(settings, logger):
    """Wagtail logs a notification it could not send (a page title with a line break made its subject
    invalid) and django-tasks a failed task, then carry on: ADMINS hear of it."""
    settings.ADMINS = [("Équipe web", "web@maregion.example")]
    try:
        raise ValueError("Header values can't contain newlines")
    except ValueError:
        logging.getLogger(logger).exception("Failed to send notification email")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["web@maregion.example"]
    assert "Failed to send notification email" in mail.outbox[0].subject
