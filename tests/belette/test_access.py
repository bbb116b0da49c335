"""Only signed-in staff with the directory permission see La Belette, on every page and endpoint."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from belette.access import can_view_directory

PAGES = [
    ("belette:search", ()),
    ("belette:org_chart", ()),
    ("belette:agent", ("A1",)),
    ("belette:unit", ("DTR-TER",)),
    ("belette:dispositif", ("TER-PLUS26",)),
    ("belette:report_error", ("agent", "A1")),
]
REFERENT_PAGES = [("belette:proposals", ()), ("belette:stale", ())]
APIS = ["/api/belette/search/?q=dupont", "/api/belette/autocomplete/?q=dup"]


def test_anonymous_is_sent_to_the_login_page(client, directory):
    for name, args in PAGES + REFERENT_PAGES:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302, name
        assert response["Location"].startswith("/connexion/?next="), name


@pytest.mark.parametrize("username", ["editeur", "moderateur", "gestionnaire", "association"])
def test_signed_in_users_without_the_staff_permission_are_refused(
    client, directory, staff_user, demo_accounts, username
):
    client.force_login(demo_accounts[username])
    for name, args in PAGES + REFERENT_PAGES:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 403, name
        assert b"Dupont" not in response.content


def test_staff_see_every_page(staff_client, directory):
    for name, args in PAGES:
        assert staff_client.get(reverse(name, args=args)).status_code == 200, name


@pytest.mark.parametrize("name, args", REFERENT_PAGES)
def test_referent_pages_are_refused_to_plain_staff_and_open_to_referents(
    client, directory, staff_user, referent_user, name, args
):
    client.force_login(staff_user)
    assert client.get(reverse(name, args=args)).status_code == 403
    client.force_login(referent_user)
    assert client.get(reverse(name, args=args)).status_code == 200


def test_superuser_and_programme_team_member_in_staff_group_can_view(staff_user, demo_accounts):
    assert can_view_directory(demo_accounts["admin"])
    assert can_view_directory(demo_accounts["programme"])  # also in "Agents de la Région"
    assert not can_view_directory(demo_accounts["association"])


def test_inactive_staff_account_cannot_view(staff_user):
    staff_user.is_active = False
    assert not can_view_directory(staff_user)


@pytest.mark.parametrize("url", APIS)
def test_api_refuses_anonymous_without_data(client, directory, url):
    response = client.get(url)
    assert response.status_code in (401, 403)
    assert "results" not in response.json()


@pytest.mark.parametrize("url", APIS)
def test_api_refuses_users_without_the_permission(client, directory, staff_user, demo_accounts, url):
    client.force_login(demo_accounts["association"])
    response = client.get(url)
    assert response.status_code == 403 and "results" not in response.json()


@pytest.mark.parametrize("url", APIS)
def test_api_accepts_a_session_or_a_token(client, directory, staff_user, url):
    token = Token.objects.create(user=staff_user)
    response = client.get(url, HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200 and response.json()["results"]
    client.force_login(staff_user)
    assert client.get(url).status_code == 200


def test_api_refuses_a_bad_token(client, directory):
    response = client.get(APIS[0], HTTP_AUTHORIZATION="Token nope")
    assert response.status_code in (401, 403) and "results" not in response.json()
