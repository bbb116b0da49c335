"""E-mail through django-tasks, sent only once the surrounding transaction has committed.

Every app sends mail with `send_email_after_commit(...)`: a rolled-back change never mails
anyone, and the request never waits for the SMTP server."""

import logging
from functools import partial

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_email(subject, body, to, html_body=None, reply_to=None):
    recipients = [address for address in to if address]
    if not recipients:
        return 0
    message = EmailMultiAlternatives(subject=subject, body=body, to=recipients, reply_to=reply_to or None)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    sent = message.send()
    logger.info("e-mail sent: %r to %d recipient(s)", subject, len(recipients))
    return sent


def send_email_after_commit(subject, body, to, html_body=None, reply_to=None):
    """Enqueue `send_email` when the current transaction commits (at once outside one)."""
    to = list(to)
    transaction.on_commit(partial(send_email.enqueue, subject, body, to, html_body, reply_to))
