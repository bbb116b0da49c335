"""The site's own account pages around Django's auth views: the login lock-out page (django-axes)
and the "mot de passe oublié" form, whose e-mail goes through core.email and is rate-limited."""

from axes.backends import AxesStandaloneBackend
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.views import PasswordResetConfirmView
from django.shortcuts import render
from django.urls import reverse

from core.email import absolute_url, send_template_email_after_commit
from core.ratelimit import allow, allow_value

# At most this many reset e-mails per address, and requests per client address, in an hour.
RESET_EMAILS_PER_ADDRESS = 3
RESET_REQUESTS_PER_CLIENT = 10


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check, first of AUTHENTICATION_BACKENDS. Every login page passes the request; a call
    without one comes from our own code (a shell, `Client.login` in tests), not from a visitor, and is
    let through to the next backend instead of failing."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer once an account or a client address is locked out (both login pages)."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(
        request,
        "registration/locked_out.html",
        {"cooloff_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


class SitePasswordResetForm(PasswordResetForm):
    """Django's reset form; the e-mail is the site's template, sent once the transaction commits.

    Past the limits nothing is sent, and the page says the same as usual: it never tells whether an
    address has an account."""

    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"]
        if not allow_value("password_reset", email, RESET_EMAILS_PER_ADDRESS, 3600):
            return
        if request is not None and not allow(request, "password_reset", RESET_REQUESTS_PER_CLIENT, 3600):
            return
        super().save(*args, request=request, **kwargs)

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, *args, **kw):
        url = absolute_url(reverse("password_reset_confirm", args=[context["uid"], context["token"]]))
        email_context = {"url": url, "username": context["user"].get_username()}
        send_template_email_after_commit("core/emails/password_reset", email_context, [to_email])


class SitePasswordResetConfirmView(PasswordResetConfirmView):
    """Django's "choose a new password" page; a person who proved they own the account's mailbox is
    no longer locked out by failed logins on that account name."""

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=self.user.get_username())
        return response
