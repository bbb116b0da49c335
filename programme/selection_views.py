"""The selection jury's page in the team space: record decisions on applications, withdraw them before
publication, and see them once published. Access is checked by programme.views (the session's
visibility) before these views run; changes are the team's only."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import access
from .forms import PresenceForm, WithdrawDecisionForm
from .juries import publication_problems
from .models import SelectionDecision
from .selection_forms import SelectionDecisionForm
from .selections import record_selection, withdraw_selection


def session_page(request, session, status=200, form=None, presence_form=None):
    is_team = access.is_team(request.user)
    editable = is_team and not session.is_published
    decisions = session.selection_decisions.select_related(
        "application__edition", "recorded_by", "withdrawn_by", "replaces__session"
    )
    context = {
        "session": session,
        "is_team": is_team,
        "form": form or (SelectionDecisionForm(session=session) if editable else None),
        "presence_form": presence_form or (PresenceForm(session=session) if editable else None),
        "withdraw_form": WithdrawDecisionForm() if editable else None,
        "selection_decisions": [d for d in decisions if not d.is_withdrawn],
        "withdrawn_selections": [d for d in decisions if d.is_withdrawn],
        "members": session.members.all(),
        "present": session.present.all(),
        "problems": publication_problems(session) if editable else [],
    }
    return TemplateResponse(request, "programme/space/selection_session.html", context, status=status)


def record(request, session):
    """POST on a selection session's page (the caller checked that the user is the team's)."""
    if session.is_published:
        raise ValidationError(_("Cette session est publiée : ses décisions ne changent plus."))
    form = SelectionDecisionForm(request.POST, session=session)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record_selection(
                session,
                data["application"],
                data["outcome"],
                data["justification"],
                data["internal_note"],
                request.user,
                replaces=data["replaces"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Décision enregistrée (non publiée)."))
            return redirect("programme:jury_session", pk=session.pk)
    return session_page(request, session, status=400, form=form)


def withdraw(request, session, decision_pk):
    if not access.is_team(request.user):
        raise PermissionDenied(_("Seule l'équipe du programme enregistre les décisions."))
    decision = get_object_or_404(SelectionDecision, pk=decision_pk, session=session)
    form = WithdrawDecisionForm(request.POST)
    if not form.is_valid():
        raise ValidationError(form.errors["reason"][0])
    withdraw_selection(decision, request.user, form.cleaned_data["reason"])
    messages.success(request, _("Décision retirée ; le retrait reste consigné."))
    return redirect("programme:jury_session", pk=session.pk)
