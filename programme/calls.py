"""Calls for applications: the form editors build, the opening dates, attachments, and the
transformation of one submission into one Application (with its snapshot and e-mails)."""

import logging
import os

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.contrib.forms.forms import FormBuilder

from core.email import send_template_email_after_commit
from core.forms import HONEYPOT_FIELD, with_honeypot
from core.ratelimit import allow
from core.roles import APPLY_STAFF_CALL
from core.uploads import CONTENT_TYPES, MEGABYTE, check_upload, formats_label

from .models.applications import Application, ApplicationFile
from .models.drafts import ApplicationDraft
from .workflow import Stage

logger = logging.getLogger(__name__)

CONSENT_FIELD = "consentement_rgpd"
# The field type editors choose for an attachment (next to Wagtail's own types).
FILE_FIELD = "file"
ATTACHMENT_EXTENSIONS = ("pdf", "odt", "docx", "png", "jpg", "jpeg")


# Submissions one client may make to a call in an hour (a person applies once; drafts are not posted here).
SUBMISSIONS_PER_HOUR = 5


def max_upload_bytes():
    return getattr(settings, "PROGRAMME_MAX_UPLOAD_BYTES", 5 * MEGABYTE)


class AttachmentField(forms.FileField):
    """A file checked by core.uploads: its extension, its first bytes and its size."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return upload
        upload.programme_extension = check_upload(upload, ATTACHMENT_EXTENSIONS, max_upload_bytes())
        return upload


class CallFormBuilder(FormBuilder):
    """Wagtail's form builder, plus attachments and the GDPR consent every call asks for."""

    def create_file_field(self, field, options):
        options.pop("initial", None)
        options["help_text"] = (
            (options.get("help_text") or "")
            + " "
            + str(
                gettext_lazy("%(formats)s, %(size)s Mo au maximum.")
                % {"formats": formats_label(ATTACHMENT_EXTENSIONS), "size": f"{max_upload_bytes() / MEGABYTE:g}"}
            )
        )
        options["help_text"] = options["help_text"].strip()
        return AttachmentField(**options)

    def get_form_class(self):
        form_class = super().get_form_class()

        class CallForm(form_class):
            def __init__(self, *args, consent_text="", **kwargs):
                super().__init__(*args, **kwargs)
                self.fields[CONSENT_FIELD] = forms.BooleanField(
                    label=consent_text or _("J'accepte le traitement de mes données pour instruire ma candidature."),
                    required=True,
                    error_messages={"required": _("Votre consentement est nécessaire pour déposer une candidature.")},
                )

        return with_honeypot(CallForm)


def closed_message(call, moment=None):
    status = call.status(moment)
    if status == "upcoming":
        return _("Cet appel ouvre le %(date)s : les candidatures ne sont pas encore reçues.") % {
            "date": date_format(timezone.localtime(call.opens_at), "DATETIME_FORMAT")
        }
    return _("Cet appel est clos depuis le %(date)s : les candidatures ne sont plus reçues.") % {
        "date": date_format(timezone.localtime(call.closes_at), "DATETIME_FORMAT")
    }


def refusal(call, user):
    """Why `user` may not apply to `call` (a French sentence), or None when they may."""
    if not user.is_authenticated:
        return _("Connectez-vous pour déposer une candidature.")
    if call.audience == call.Audience.STAFF and not user.has_perm(APPLY_STAFF_CALL):
        return _("Cet appel est réservé aux agents de la Région : votre compte ne permet pas d'y candidater.")
    if not call.allow_several_applications and active_applications(call, user).exists():
        return _("Vous avez déjà déposé une candidature à cet appel : une seule candidature par personne.")
    return None


def active_applications(call, user):
    """The applications that count for "one per person": not archived, not withdrawn by their author."""
    return Application.objects.filter(call=call, applicant=user, archived_at__isnull=True).exclude(
        stage=Stage.WITHDRAWN
    )


def _render(call, request, status=200, **extra):
    context = call.get_context(request)
    context["honeypot_field"] = HONEYPOT_FIELD
    context.update(extra)
    return TemplateResponse(request, call.get_template(request), context, status=status)


def serve_call(call, request, *args, **kwargs):
    """The call page. Outside the opening dates a submission answers 400; an anonymous one leads to
    the login page; one from an account that may not apply answers 403; in every case nothing is
    stored. Robots filling the honeypot get the thank-you page and nothing is stored either."""
    if not call.is_open():
        status = 400 if request.method == "POST" else 200
        return _render(call, request, status=status, closed_message=closed_message(call))
    user = request.user
    refused = refusal(call, user)
    if request.method != "POST":
        if refused:
            return _render(call, request, refusal=refused, login_needed=not user.is_authenticated)
        draft = ApplicationDraft.objects.filter(call=call, applicant=user).first()
        initial = draft.values if draft else {}
        return _render(call, request, form=call.get_form(page=call, user=user, initial=initial), draft=draft)
    if not user.is_authenticated:
        return redirect_to_login(call.url)
    if refused:
        return _render(call, request, status=403, refusal=refused)
    if request.POST.get(DRAFT_ACTION[0]) == DRAFT_ACTION[1]:
        return _save_draft(call, request)
    form = call.get_form(request.POST, request.FILES, page=call, user=user)
    if not form.is_valid():
        return _render(call, request, status=400, form=form)
    # Only a valid application counts towards the limit: correcting a form never locks anyone out.
    if not allow(request, f"programme-call:{call.pk}", SUBMISSIONS_PER_HOUR, 3600):
        message = _("Vous avez envoyé beaucoup de candidatures en peu de temps. Merci de réessayer dans une heure.")
        return _render(call, request, status=429, form=form, rate_limited=message)
    if form.looks_automated:
        return call.render_landing_page(request, None, *args, **kwargs)
    form.cleaned_data.pop(HONEYPOT_FIELD, None)
    application = call.process_form_submission(form)
    if application is None:  # a second submission raced the first one
        return _render(call, request, status=403, refusal=refusal(call, user))
    return call.render_landing_page(request, application, *args, **kwargs)


# A draft keeps text, not novels: each answer is cut to this length.
MAX_DRAFT_ANSWER = 10_000
MULTIPLE_TYPES = ("checkboxes", "multiselect")


def save_draft(call, user, data):
    """Keep the non-file answers of `data` (a POST) as `user`'s draft for `call`; nothing is checked
    but the call being open and the person allowed to apply."""
    if not call.is_open():
        raise ValidationError(closed_message(call))
    refused = refusal(call, user)
    if refused:
        raise PermissionDenied(refused)
    values = {}
    for field in call.get_form_fields():
        if field.field_type == FILE_FIELD:
            continue
        if field.field_type in MULTIPLE_TYPES:
            values[field.clean_name] = [item[:MAX_DRAFT_ANSWER] for item in data.getlist(field.clean_name)][:50]
        elif field.field_type == "checkbox":
            values[field.clean_name] = bool(data.get(field.clean_name))
        else:
            values[field.clean_name] = (data.get(field.clean_name) or "")[:MAX_DRAFT_ANSWER]
    draft, _created = ApplicationDraft.objects.update_or_create(call=call, applicant=user, defaults={"values": values})
    return draft


# The name and value of the form's second button, "Enregistrer le brouillon".
DRAFT_ACTION = ("action", "brouillon")


def _save_draft(call, request):
    """Keep the answers as the person's draft (nothing required, nothing sent, nothing counted), then
    show the call page again with them."""
    if request.POST.get(HONEYPOT_FIELD):
        return redirect(call.url)
    save_draft(call, request.user, request.POST)
    messages.success(
        request,
        _("Brouillon enregistré. Il n'est pas envoyé : seule vous le voyez, jusqu'à l'envoi de la candidature."),
    )
    return redirect(call.url)


def _display(value):
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def collect_answers(call, form):
    """From a valid form: the snapshot [{name, label, type, value}], the uploads [(field, file)], and
    the title, name and e-mail found among the answers."""
    fields = list(call.get_form_fields())
    answers, uploads = [], []
    title = applicant_name = applicant_email = ""
    for field in fields:
        value = form.cleaned_data.get(field.clean_name)
        if field.field_type == FILE_FIELD:
            if value:
                uploads.append((field, value))
            answers.append(
                {
                    "name": field.clean_name,
                    "label": field.label,
                    "type": field.field_type,
                    "value": value.name if value else "",
                }
            )
            continue
        text = _display(value)
        answers.append({"name": field.clean_name, "label": field.label, "type": field.field_type, "value": text})
        if field.field_type == "email" and not applicant_email:
            applicant_email = text
        elif field.field_type == "singleline":
            if not title and "titre" in field.clean_name:
                title = text
            elif not applicant_name and "nom" in field.clean_name:
                applicant_name = text
    if not title:
        title = next((a["value"] for a in answers if a["type"] == "singleline" and a["value"]), _("Sans titre"))
    return answers, uploads, title, applicant_name, applicant_email


def store_uploads(application, uploads):
    for field, upload in uploads:
        ApplicationFile.objects.create(
            application=application,
            field_name=field.clean_name,
            label=field.label,
            file=upload,
            original_name=os.path.basename(upload.name)[:255],
            content_type=CONTENT_TYPES[upload.programme_extension],
            size=upload.size,
        )


def create_application(call, form, user):
    """One Application from a valid form, linked to `user`: the snapshot of labels and answers, the
    attachments in private storage, the confirmation to the applicant and a content-free notice to the
    team. None when `user` may not apply any more (checked again under a lock on the account). The
    person's draft for this call, if any, goes: it has become the application."""
    answers, uploads, title, applicant_name, applicant_email = collect_answers(call, form)
    applicant_email = applicant_email or user.email
    applicant_name = applicant_name or user.get_full_name()
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        if refusal(call, user):
            return None
        application = Application.objects.create(
            edition=call.edition,
            call=call,
            applicant=user,
            title=title[:255],
            applicant_name=applicant_name[:200],
            applicant_email=applicant_email,
            answers=answers,
            consent_given_at=timezone.now(),
        )
        store_uploads(application, uploads)
        ApplicationDraft.objects.filter(call=call, applicant=user).delete()
        context = {"call": call, "application": application}
        if applicant_email:
            send_template_email_after_commit("programme/emails/application_confirmation", context, [applicant_email])
        if call.to_address:
            # The notice names no applicant: mailboxes are read by more people than the team.
            addresses = [address.strip() for address in call.to_address.split(",")]
            send_template_email_after_commit("programme/emails/application_notice", context, addresses)
    logger.info("programme: application %s received on call %s", application.pk, call.pk)
    return application
