"""The aid page's call to action follows the aid's status on the test's clock, and says when it was updated."""

import datetime

import pytest

from tests.conftest import TEST_NOW

from .conftest import AidePageFactory

pytestmark = pytest.mark.django_db

TODAY = TEST_NOW.date()
APPLY = "https://demarches.example.org/aide"


def aid_page(client, aid_index, **dates):
    AidePageFactory(parent=aid_index, title="Aide au permis", slug="permis", apply_url=APPLY, **dates)
    response = client.get("/aides/permis/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_open_aid_offers_the_online_application(clock, client, aid_index):
    html = aid_page(client, aid_index, closes_on=TODAY + datetime.timedelta(days=30))
    assert f'href="{APPLY}"' in html and "Faire ma demande en ligne" in html
    assert "clôturée depuis" not in html


def test_a_closed_aid_has_no_apply_button_says_when_it_closed_and_what_to_do(clock, client, aid_index):
    closed = TODAY - datetime.timedelta(days=400)
    html = aid_page(client, aid_index, closes_on=closed)
    assert APPLY not in html and "Faire ma demande en ligne" not in html
    assert f"clôturée depuis le {closed.day} " in html
    assert 'href="/aides/?ouvertes=1"' in html


def test_an_upcoming_aid_says_when_it_opens_and_offers_no_button_yet(clock, client, aid_index):
    opens = TODAY + datetime.timedelta(days=10)
    html = aid_page(client, aid_index, opens_on=opens, closes_on=opens + datetime.timedelta(days=60))
    assert APPLY not in html
    assert "Les demandes seront ouvertes à partir du" in html and str(opens.year) in html


def test_the_status_moves_with_the_clock_without_a_new_publication(clock, client, aid_index):
    AidePageFactory(parent=aid_index, title="Aide", slug="aide", apply_url=APPLY, closes_on=TODAY)
    assert APPLY in client.get("/aides/aide/").content.decode()
    clock.move_to(TEST_NOW + datetime.timedelta(days=1))
    assert APPLY not in client.get("/aides/aide/").content.decode()


def test_every_aid_page_says_when_it_was_last_updated(clock, client, aid_index):
    html = aid_page(client, aid_index)
    assert "Mise à jour le" in html
    assert f'<time datetime="{TODAY.isoformat()}' in html
