"""Sign-up: the 12-character password rule, the verification e-mails' rate limits, and the RNA or SIRET
taken only once the e-mail address is confirmed."""

import datetime as dt
import html
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from shareloc.bookings.models import Association

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "name": "Chorale de Roubaix",
    "rna": "W594001234",
    "siret": "",
    "contact_name": "Inès Martin",
    "contact_phone": "",
    "email": "ines@example.org",
    "username": "ines",
    "password": "un-mot-de-passe-long",
}


def sign_up(client, n, address="198.51.100.1", **change):
    data = SIGN_UP | {"rna": f"W59400{n:04d}", "username": f"ines{n}", "email": f"ines{n}@example.org"} | change
    return client.post("/shareloc/inscription/", data, REMOTE_ADDR=address)


def test_an_eight_character_password_is_refused_with_the_help_texts_rule(client):
    response = client.post("/shareloc/inscription/", SIGN_UP | {"password": "abcd-x9z"})
    assert response.status_code == 400
    assert "12 caractères" in " ".join(response.context["form"].errors["password"])
    assert not get_user_model().objects.filter(username="ines").exists()
    assert client.post("/shareloc/inscription/", SIGN_UP | {"password": "abcd-x9z-1234"}).status_code == 200


def test_sign_ups_from_one_client_are_limited(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        codes = [sign_up(client, n).status_code for n in range(6)]
    assert codes == [200] * 5 + [429]
    assert len(mail.outbox) == 5 and Association.objects.count() == 5
    refused = sign_up(client, 7)
    assert "Trop d'inscriptions en peu de temps" in html.unescape(refused.content.decode())
    assert sign_up(client, 8, address="198.51.100.2").status_code == 200


def test_verification_e_mails_to_one_address_are_limited(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        codes = [sign_up(client, n, address=f"198.51.100.{n}", email="cible@example.org").status_code for n in range(4)]
    assert codes == [200, 200, 200, 429]
    assert len(mail.outbox) == 3


def test_invalid_sign_ups_do_not_count(client):
    for n in range(6):
        assert sign_up(client, n, rna="W12").status_code == 400
    assert sign_up(client, 9).status_code == 200


# --- the RNA or SIRET is only taken once the e-mail address is confirmed ---------------------------


def verification_link(message):
    return re.search(r"http://testserver(/shareloc/inscription/confirmer/\S+/)", message.body).group(1)


def test_an_unconfirmed_sign_up_does_not_block_the_real_association(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        squatter = sign_up(client, 1, address="203.0.113.66", rna="W594001234")
        real = sign_up(client, 2, address="198.51.100.2", rna="W594001234")
    assert squatter.status_code == 200 and real.status_code == 200
    squatter_link, real_link = (verification_link(message) for message in mail.outbox)
    assert client.get(real_link).status_code == 200
    confirmed = Association.objects.get(rna="W594001234", email_confirmed=True)
    assert confirmed.members.get().user.username == "ines2"
    # The late confirmation is told the number is taken; its account stays inactive.
    late = client.get(squatter_link)
    assert late.status_code == 409 and "Une autre association a confirmé ce numéro" in late.content.decode()
    assert not get_user_model().objects.get(username="ines1").is_active
    # Once confirmed, the number is refused to new sign-ups.
    again = sign_up(client, 3, rna="W594001234")
    assert again.status_code == 400 and "Une association porte déjà ce numéro RNA." in again.content.decode()


def test_unconfirmed_sign_ups_expire_with_their_link(client, clock, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, 1)
    link = verification_link(mail.outbox[0])
    clock.shift(dt.timedelta(days=3, hours=1))
    assert client.get(link).status_code == 400  # the link expired
    out = io.StringIO()
    call_command("shareloc_expire_sign_ups", stdout=out)
    assert "1 inscription(s) non confirmée(s) supprimée(s)." in out.getvalue()
    assert not Association.objects.exists() and not get_user_model().objects.filter(username="ines1").exists()


def test_a_new_sign_up_clears_expired_ones_and_keeps_recent_and_confirmed_ones(client, clock):
    sign_up(client, 1)
    clock.shift(dt.timedelta(days=2))
    sign_up(client, 2)
    Association.objects.filter(rna="W594000002").update(email_confirmed=True)
    clock.shift(dt.timedelta(days=1, hours=1))
    sign_up(client, 3, address="198.51.100.3")
    assert sorted(Association.objects.values_list("rna", flat=True)) == ["W594000002", "W594000003"]
