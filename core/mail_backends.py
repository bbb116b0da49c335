"""Django's e-mail backends with one addition: every message's subject and addresses are put on one line
before sending. Our own e-mails already go through core.email.header_safe; this catches the rest
(Wagtail's moderation and workflow notifications, whose subject carries a page title, Django's password
reset, the error mails to ADMINS). Without it a CR or LF typed in a page title makes Django refuse the
whole message ("Header values can't contain newlines") and the moderator is never told.

EMAIL_URL / EMAIL_BACKEND in the settings choose among these (docs/deploy.md)."""

from django.core.mail.backends import console, locmem, smtp

from .email import header_safe

ADDRESS_LISTS = ("to", "cc", "bcc", "reply_to")


def flatten_headers(message):
    message.subject = header_safe(message.subject)
    for name in ADDRESS_LISTS:
        setattr(message, name, [header_safe(address) for address in getattr(message, name, None) or []])
    message.from_email = header_safe(message.from_email) if message.from_email else message.from_email
    return message


class HeaderSafeMixin:
    def send_messages(self, email_messages):
        return super().send_messages([flatten_headers(message) for message in email_messages or []])


class SMTPBackend(HeaderSafeMixin, smtp.EmailBackend):
    pass


class ConsoleBackend(HeaderSafeMixin, console.EmailBackend):
    pass


class LocmemBackend(HeaderSafeMixin, locmem.EmailBackend):
    pass
