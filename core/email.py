"""E-mail through django-tasks, sent only once the surrounding transaction has committed.

Every app sends mail with `send_email_after_commit(...)`: a rolled-back change never mails
anyone, and the request never waits for the SMTP server."""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django_tasks import task

logger = logging.getLogger(__name__)


def header_safe(text):
    """A header value on one line: a CR or LF typed in a name (a person's, an association's) would make
    Django refuse the whole message ("Header values can't contain newlines") and nobody be told."""
    return " ".join(str(text or "").split())


@task()
def send_email(subject, body, to, html_body=None, reply_to=None):
    subject = header_safe(subject)
    to = [header_safe(address) for address in to]
    reply_to = [header_safe(address) for address in reply_to or [] if address]
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
    subject = header_safe(subject)
    to = [header_safe(address) for address in to]
    transaction.on_commit(partial(send_email.enqueue, subject, body, to, html_body, reply_to))


def render_email(template, context):
    """(subject, text body, HTML body or None) from `<template>_subject.txt`, `<template>.txt` and the
    optional `<template>.html`. Links in e-mails are absolute: build them with `absolute_url(reverse(...))`."""
    subject = header_safe(render_to_string(f"{template}_subject.txt", context))
    body = render_to_string(f"{template}.txt", context).strip() + "\n"
    try:
        html_body = render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:
        html_body = None
    return subject, body, html_body


def send_template_email_after_commit(template, context, to, reply_to=None):
    """Render an e-mail template (see `render_email`) and send it once the transaction commits."""
    subject, body, html_body = render_email(template, context)
    send_email_after_commit(subject, body, to, html_body=html_body, reply_to=reply_to)


def absolute_url(path):
    """`path` (from reverse() or a page's URL) on the site's public base address."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
