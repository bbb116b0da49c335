"""The client address behind a reverse proxy, and the rate limits that count per client in the cache.

The requests go through Django's test client as nginx would send them: REMOTE_ADDR is the proxy, and
X-Forwarded-For ends with the visitor's address."""

import pytest
from django.test import RequestFactory
from wagtail.contrib.forms.models import FormSubmission

from core.client_address import client_address
from core.ratelimit import allow, allow_value, exceeded
from home.models import FormField, FormPage, PageFeedback
from tests.home.conftest import ContentPageFactory

PROXY = "10.0.0.2"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8:ffff::/48"]


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        (PROXY, "198.51.100.1", "198.51.100.1"),
        (PROXY, "1.2.3.4, 198.51.100.1", "198.51.100.1"),  # the left part is whatever the visitor wrote
        (PROXY, "198.51.100.1, 10.0.0.7", "198.51.100.1"),  # two proxies of ours
        (PROXY, "198.51.100.1:4711", "198.51.100.1"),
        (PROXY, "[2001:db8::5]:443", "2001:db8::5"),
        (PROXY, "pas-une-adresse", PROXY),
        (PROXY, "", PROXY),
        (PROXY, None, PROXY),
        ("203.0.113.9", "198.51.100.1", "203.0.113.9"),  # not a trusted proxy: the header is ignored
        ("2001:db8:ffff::1", "198.51.100.3", "198.51.100.3"),
    ],
)
def test_the_forwarded_address_is_believed_only_from_a_trusted_proxy(behind_proxy, remote, forwarded, expected):
    assert client_address(request_from(remote, forwarded)) == expected


def test_without_trusted_proxies_the_forwarded_header_is_never_read(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from(PROXY, "198.51.100.1")) == PROXY


def test_the_rate_limit_counts_per_client_behind_the_proxy(behind_proxy):
    first, second = request_from(PROXY, "198.51.100.1"), request_from(PROXY, "198.51.100.2")
    assert [allow(first, "test", 2, 60) for _ in range(3)] == [True, True, False]
    assert exceeded(first, "test", 2) and not exceeded(second, "test", 2)
    assert allow(second, "test", 2, 60)


def test_a_value_limit_is_independent_of_case_and_client():
    assert [allow_value("signup", "Camille@Example.org", 2, 60) for _ in range(2)] == [True, True]
    assert not allow_value("signup", "camille@example.org ", 2, 60)
    assert allow_value("signup", "dominique@example.org", 2, 60)


# --- the site's forms, end to end -----------------------------------------------------------------


@pytest.fixture
def contact(db, home_page):
    page = FormPage(title="Nous contacter", slug="contact", to_address="accueil@maregion.example", subject="Message")
    page.form_fields = [
        FormField(sort_order=0, label="Votre nom", field_type="singleline", required=True),
        FormField(sort_order=1, label="Votre message", field_type="multiline", required=True),
    ]
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


MESSAGE = {"votre_nom": "Camille", "votre_message": "Bonjour"}


def post_contact(client, visitor, remote=PROXY, data=MESSAGE):
    return client.post("/contact/", data, REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=visitor)


def test_two_visitors_behind_the_trusted_proxy_each_get_their_own_contact_limit(client, contact, behind_proxy):
    assert [post_contact(client, "198.51.100.1").status_code for _ in range(6)] == [200] * 5 + [429]
    assert [post_contact(client, "198.51.100.2").status_code for _ in range(5)] == [200] * 5
    assert FormSubmission.objects.count() == 10


def test_an_untrusted_forwarded_header_does_not_buy_a_new_limit(client, contact, behind_proxy):
    codes = [post_contact(client, f"198.51.100.{n}", remote="203.0.113.9").status_code for n in range(6)]
    assert codes == [200] * 5 + [429]


def test_invalid_submissions_do_not_count_towards_the_limit(client, contact, behind_proxy):
    for _ in range(8):
        assert post_contact(client, "198.51.100.1", data={"votre_nom": "Camille"}).status_code == 400
    assert [post_contact(client, "198.51.100.1").status_code for _ in range(5)] == [200] * 5


def test_six_visitors_behind_the_proxy_each_give_their_page_feedback(client, home_page, behind_proxy):
    guide = ContentPageFactory(parent=home_page, title="Guide", slug="guide")
    for n in range(6):
        response = client.post(
            "/avis-page/", {"page": guide.pk, "utile": "oui"}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        )
        assert response["Location"].endswith("?avis=merci#avis")
    assert PageFeedback.objects.count() == 6


def test_invalid_feedback_does_not_use_up_the_visitors_answer(client, home_page, behind_proxy):
    guide = ContentPageFactory(parent=home_page, title="Guide", slug="guide")
    headers = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    assert client.post("/avis-page/", {"page": guide.pk, "utile": "bof"}, **headers).status_code == 400
    assert client.post("/avis-page/", {"page": guide.pk, "utile": "oui"}, **headers)["Location"].endswith("merci#avis")
