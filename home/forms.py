"""The public side of FormPage (honeypot, rate limit, 400 on invalid input, confirmation e-mail) and the
"was this page useful?" box (FeedbackForm)."""

from django import forms
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.email import send_template_email_after_commit
from core.forms import HONEYPOT_FIELD, with_honeypot  # noqa: F401 (home.models.form_pages uses with_honeypot)
from core.pagination import MAX_ID
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


FEEDBACK_COMMENT_MAX = 1000


class FeedbackForm(forms.Form):
    """One anonymous answer to "was this page useful?" (home/includes/feedback.html, views.page_feedback).
    Its ids start with "avis-" (auto_id): the box sits in pages that have forms of their own."""

    page = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    utile = forms.ChoiceField(
        label=gettext_lazy("Cette page vous a-t-elle été utile ?"),
        choices=[("oui", gettext_lazy("Oui")), ("non", gettext_lazy("Non"))],
        widget=forms.RadioSelect,
    )
    commentaire = forms.CharField(
        label=gettext_lazy("Un commentaire ? (facultatif)"),
        required=False,
        max_length=FEEDBACK_COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "N'indiquez ni votre nom ni vos coordonnées : nous ne pourrons pas vous répondre. 1 000 caractères au plus."
        ),
        error_messages={"max_length": gettext_lazy("Votre commentaire dépasse %(limit_value)d caractères.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "avis-%s")
        super().__init__(*args, **kwargs)
