"""The public side of FormPage: honeypot, rate limit, 400 on invalid input, confirmation e-mail."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.email import send_template_email_after_commit
from core.forms import HONEYPOT_FIELD, with_honeypot  # noqa: F401 (home.models.form_pages uses with_honeypot)
from core.ratelimit import allow


def serve_form_page(page, request, *args, **kwargs):
    if request.method != "POST":
        return render_form(page, request, page.get_form(page=page, user=request.user))
    form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
    if not form.is_valid():
        return render_form(
            page,
            request,
            form,
            status=400,
            error=_("Le formulaire contient des erreurs : corrigez les champs signalés."),
        )
    # Only a valid message counts towards the limit: correcting a form never locks anyone out.
    if not allow(request, f"form:{page.pk}", page.submissions_per_hour, 3600):
        message = _("Vous avez envoyé beaucoup de messages en peu de temps. Merci de réessayer dans une heure.")
        return render_form(page, request, form, status=429, error=message)
    if form.looks_automated:
        # Robots get the same thank-you page, but nothing is stored or sent.
        return page.render_landing_page(request, None, *args, **kwargs)
    form.cleaned_data.pop(HONEYPOT_FIELD, None)
    submission = page.process_form_submission(form)
    send_confirmation(page, form)
    return page.render_landing_page(request, submission, *args, **kwargs)


def render_form(page, request, form, status=200, error=None):
    context = page.get_context(request)
    context.update({"form": form, "form_error": error, "honeypot_field": HONEYPOT_FIELD})
    return TemplateResponse(request, page.get_template(request), context, status=status)


def send_confirmation(page, form):
    """A copy of the message to the address the person typed (the form's first e-mail field)."""
    email_fields = [field.clean_name for field in page.get_form_fields() if field.field_type == "email"]
    address = next((form.cleaned_data.get(name) for name in email_fields if form.cleaned_data.get(name)), None)
    if not address:
        return
    context = {"page": page, "answers": page.render_email(form)}
    send_template_email_after_commit("home/emails/form_confirmation", context, [address])


def send_notification(page, form):
    """The message to the service's addresses (the page's `to_address`, comma-separated)."""
    addresses = [address.strip() for address in page.to_address.split(",") if address.strip()]
    context = {"page": page, "answers": page.render_email(form)}
    send_template_email_after_commit("home/emails/form_notification", context, addresses)
