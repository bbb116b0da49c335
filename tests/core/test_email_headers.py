"""A CR or LF in a name that ends up in an e-mail header does not stop the e-mail."""

import pytest
from django.core import mail

from core.email import header_safe, send_email_after_commit

pytestmark = pytest.mark.django_db


def test_a_name_with_a_line_break_is_mailed_on_one_header_line(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_email_after_commit(
            "Nouvelle demande de Club\r\nBcc: victime@example.org",
            "Bonjour",
            ["gestion@maregion.example"],
            reply_to=["Camille\nDupont <camille@example.org>"],
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0].message()
    assert message["Subject"] == "Nouvelle demande de Club Bcc: victime@example.org"
    assert message["Bcc"] is None
    assert message["Reply-To"] == "Camille Dupont <camille@example.org>"


@pytest.mark.parametrize("text", ["Club\r\nBcc: x@example.org", "Club\rX", "Club\nX", "  Club   X "])
def test_header_safe_keeps_one_line(text):
    assert "\n" not in header_safe(text) and "\r" not in header_safe(text)
