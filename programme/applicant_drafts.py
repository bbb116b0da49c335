"""Drafts and edits, the applicant's side of an application around its submission.

- A draft keeps what one typed into an open call's form (attachments are added at submission): one per
  person and call, an ApplicationDraft, never an Application, so no list, count, export or funnel sees
  it. Submitting the form turns it into the application (programme.calls deletes the draft).
- A submitted application can be edited by its author while the call is open and no decision was taken;
  each edit is logged (ApplicationEdit) and shown in its history. After the deadline it is read-only."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.forms import HONEYPOT_FIELD

from . import calls
from .models import ApplicationDraft, ApplicationEdit, ApplicationFile
from .workflow import Stage


def draft_for(call, user):
    if not user.is_authenticated:
        return None
    return ApplicationDraft.objects.filter(call=call, applicant=user).first()


def my_drafts(user):
    return ApplicationDraft.objects.filter(applicant=user).select_related("call")


def delete_draft(user, pk):
    """Delete one's own draft; anyone else's is not found."""
    deleted, _rows = ApplicationDraft.objects.filter(pk=pk, applicant=user).delete()
    return bool(deleted)


def can_edit(application, moment=None):
    call = application.call
    return (
        application.stage == Stage.SUBMITTED
        and call is not None
        and call.is_open(moment)
        and application.archived_at is None
        and application.anonymised_at is None
    )


def initial_from_answers(application):
    """The form's initial values from the submitted snapshot (file fields are left empty)."""
    initial = {}
    for answer in application.answers:
        kind, value = answer.get("type"), answer.get("value", "")
        if kind == calls.FILE_FIELD:
            continue
        if kind in calls.MULTIPLE_TYPES:
            value = [item for item in value.split(", ") if item] if value else []
        elif kind == "checkbox":
            value = value == "True"
        initial[answer["name"]] = value
    return initial


def edit_form(application, data=None, files=None):
    """The call's form for editing: no consent box (given at submission) and attachments optional
    (a new file replaces the one sent for that question)."""
    call = application.call
    form = call.get_form(data, files, page=call, user=application.applicant, initial=initial_from_answers(application))
    form.fields.pop(calls.CONSENT_FIELD, None)
    form.fields.pop(HONEYPOT_FIELD, None)  # the author is signed in and already applied
    for field in call.get_form_fields():
        if field.field_type == calls.FILE_FIELD and field.clean_name in form.fields:
            form.fields[field.clean_name].required = False
    return form


def edit_application(application, form, user):
    """Apply a valid edit form to `application`, while the call is open: the new snapshot, replaced
    attachments, and an ApplicationEdit naming the questions that changed (None when nothing did)."""
    if application.applicant_id != user.pk:
        raise PermissionDenied(_("Cette candidature n'est pas la vôtre."))
    call = application.call
    answers, uploads, title, applicant_name, applicant_email = calls.collect_answers(call, form)
    with transaction.atomic():
        current = type(application).objects.select_for_update().get(pk=application.pk)
        if not can_edit(current):
            raise ValidationError(
                _("Cette candidature ne se modifie plus : l'appel est clos ou une décision a été prise.")
            )
        before = {answer["name"]: answer for answer in current.answers}
        replaced = {field.clean_name for field, _upload in uploads}
        merged = []
        for answer in answers:
            if answer["type"] == calls.FILE_FIELD and answer["name"] not in replaced:
                answer = {**answer, "value": before.get(answer["name"], {}).get("value", "")}
            merged.append(answer)
        changed = [
            answer["label"]
            for answer in merged
            if answer["name"] in replaced or before.get(answer["name"], {}).get("value") != answer["value"]
        ]
        if not changed:
            return None
        for old in ApplicationFile.objects.filter(application=current, field_name__in=replaced):
            old.file.delete(save=False)
            old.delete()
        calls.store_uploads(current, uploads)
        current.answers = merged
        current.title = title[:255]
        current.applicant_name = (applicant_name or current.applicant_name)[:200]
        current.applicant_email = applicant_email or current.applicant_email
        current.save(update_fields=["answers", "title", "applicant_name", "applicant_email", "updated_at"])
        edit = ApplicationEdit.objects.create(application=current, by=user, at=timezone.now(), changed=changed)
    application.refresh_from_db()
    return edit
