"""Corrections that apply: a staff member proposes new values for an entry's fields; a référent sees
the current values beside the proposal, edits them and applies them in one step. Applying changes the
entry (so its 12-month clock restarts), writes old → new to the history, and tells the author."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.email import send_template_email_after_commit

from . import history
from .models import Agent, ChangeRecord, CorrectionProposal, Dispositif, Unit

# The fields a correction may change, per kind (the key, the unit and the links stay with the référents'
# admin forms).
CORRECTABLE = {
    "agent": ("title", "email", "phone", "site"),
    "unit": ("name", "acronym", "email", "phone", "site"),
    "dispositif": ("name", "summary", "portal_url"),
}
MODELS = {"agent": (Agent, "hr_id"), "unit": (Unit, "code"), "dispositif": (Dispositif, "code")}


def target_of(kind, key):
    model, field = MODELS[kind]
    return get_object_or_404(model, **{field: key})


def values_form(kind, target, data=None, initial=None, prefix="value"):
    """A form with one optional field per correctable field, labelled in French, drawn from the model."""
    model = MODELS[kind][0]
    form = forms.Form(data=data, initial=initial, prefix=prefix)
    for name in CORRECTABLE[kind]:
        field = model._meta.get_field(name).formfield(required=False)
        form.fields[name] = field
    return form


def proposed_changes(kind, target, cleaned):
    """The values that differ from the entry's current ones (empty proposals ignored)."""
    out = {}
    for name in CORRECTABLE[kind]:
        value = (cleaned.get(name) or "").strip() if isinstance(cleaned.get(name), str) else cleaned.get(name)
        if value and value != getattr(target, name):
            out[name] = value
    return out


def rows(kind, target, proposal):
    """(field name, French label, current value, proposed value) for the review screen."""
    model = MODELS[kind][0]
    return [
        (name, model._meta.get_field(name).verbose_name, getattr(target, name), proposal.proposed_values.get(name))
        for name in CORRECTABLE[kind]
    ]


class AlreadyReviewed(Exception):
    pass


def review(proposal_pk, decision, note, reviewer, values=None):
    """Accept (applying `values` to the entry) or reject a pending proposal, in one transaction; the
    author is told by mail. Raises AlreadyReviewed or ValidationError (nothing changed then)."""
    with transaction.atomic():
        proposal = CorrectionProposal.objects.select_for_update().get(pk=proposal_pk)
        if proposal.status != CorrectionProposal.Status.PENDING:
            raise AlreadyReviewed
        record = None
        if decision == CorrectionProposal.Status.ACCEPTED:
            target = target_of(proposal.target_kind, proposal.target_key)
            for name, value in (values or {}).items():
                if name in CORRECTABLE[proposal.target_kind]:
                    setattr(target, name, value if value is not None else "")
            target.full_clean(validate_unique=False)
            target.save()  # updated_at moves: the entry leaves the 12-month report
            record = history.record_instance_edit(target, ChangeRecord.Source.PROPOSAL, reviewer)
            if record is None:
                # Accepted without a field change (the entry was right): say so in the history.
                record = history.record(
                    proposal.target_kind,
                    proposal.target_key,
                    ChangeRecord.Action.UPDATED,
                    {},
                    ChangeRecord.Source.PROPOSAL,
                    reviewer,
                )
        proposal.status = decision
        proposal.review_note = note
        proposal.reviewer = reviewer
        proposal.reviewed_at = timezone.now()
        proposal.save()
        if proposal.author and proposal.author.email:
            send_template_email_after_commit(
                "belette/emails/proposal_reviewed", {"proposal": proposal, "record": record}, [proposal.author.email]
            )
    return proposal, record


__all__ = ["AlreadyReviewed", "ValidationError", "review", "rows", "values_form", "proposed_changes", "target_of"]
