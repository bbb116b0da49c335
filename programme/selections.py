"""Selection juries decide on applications: selected, not selected or waiting list, each with a public
justification (sent to the applicant) and an internal note. The rules are the follow-up juries' ones
(programme.juries): recorded beforehand, withdrawn with a trace until publication, published with the
whole session, corrected by a new published decision naming the one it replaces. Publishing moves
each application's stage through programme.workflow and e-mails its applicant."""

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .applicants import notify_applicant, notify_waiting_list
from .models import Application, JurySession, SelectionDecision, SelectionOutcome
from .workflow import TEAM, Stage, apply_transition, transitions_from

# The stage an application reaches when the decision is published (the waiting list moves nothing).
TARGET_STAGE = {SelectionOutcome.SELECTED: Stage.SELECTED, SelectionOutcome.NOT_SELECTED: Stage.NOT_RETAINED}
# The applications a selection jury decides on: preselected ones, and (for a correction) those a
# published decision already moved.
DECIDABLE_STAGES = (Stage.PRESELECTED, Stage.SELECTED, Stage.NOT_RETAINED)


def decidable_applications(session):
    return Application.objects.counted().filter(edition=session.edition, stage__in=DECIDABLE_STAGES).order_by("title")


def stage_problem(application, outcome):
    """Why the pipeline cannot take `application` where `outcome` leads (a French sentence), or None."""
    if outcome == SelectionOutcome.WAITING_LIST:
        if application.stage != Stage.PRESELECTED:
            return _("« %(title)s » n'est plus présélectionnée : elle ne peut pas aller en liste d'attente.") % {
                "title": application.title
            }
        return None
    target = TARGET_STAGE[outcome]
    if application.stage == target or any(t.target == target for t in transitions_from(application.stage)):
        return None
    return _("« %(title)s » est à l'étape « %(stage)s » : la décision « %(outcome)s » ne peut plus s'y appliquer.") % {
        "title": application.title,
        "stage": Stage(application.stage).label,
        "outcome": SelectionOutcome(outcome).label,
    }


def _refuse_if_published(session):
    session.refuse_if_published()


def record_selection(session, application, outcome, justification, internal_note, user, replaces=None):
    """Record (or replace, before publication) the session's decision on `application`."""
    justification = (justification or "").strip()
    _refuse_if_published(session)
    if session.kind != JurySession.Kind.SELECTION:
        raise ValidationError(_("Seul un jury de sélection décide sur les candidatures."))
    if not justification:
        raise ValidationError(_("Une décision doit être justifiée par écrit."))
    if application.edition_id != session.edition_id:
        raise ValidationError(_("Cette candidature n'appartient pas à l'édition de ce jury."))
    if application.archived_at is not None:
        raise ValidationError(_("Cette candidature est archivée : elle ne se décide pas."))
    if outcome not in SelectionOutcome.values:
        raise ValidationError(_("Décision inconnue."))
    current = SelectionDecision.objects.current().filter(application=application).exclude(session=session)
    if replaces is None and current.exists():
        raise ValidationError(
            _("Cette candidature a déjà une décision publiée : enregistrez une correction qui la remplace.")
        )
    if replaces is not None:
        if replaces.application_id != application.pk:
            raise ValidationError(_("La décision remplacée concerne une autre candidature."))
        if replaces.session_id == session.pk:
            raise ValidationError(_("Une correction se décide dans une autre session que la décision corrigée."))
        if not current.filter(pk=replaces.pk).exists():
            raise ValidationError(_("Seule une décision publiée et non remplacée peut être corrigée."))
    problem = stage_problem(application, outcome)
    if problem:
        raise ValidationError(problem)
    decision, _created = SelectionDecision.objects.update_or_create(
        session=session,
        application=application,
        withdrawn_at__isnull=True,
        defaults={
            "outcome": outcome,
            "justification": justification,
            "internal_note": (internal_note or "").strip(),
            "recorded_by": user,
            "recorded_at": timezone.now(),
            "replaces": replaces,
        },
    )
    return decision


def withdraw_selection(decision, user, reason):
    """Withdraw a recorded decision before publication (kept, marked withdrawn: who, when, why)."""
    return decision.withdraw(user, reason)


def publication_problems(session):
    """What, in the applications' stages, prevents publishing the session's selection decisions."""
    decisions = session.selection_decisions.active().select_related("application")
    return [problem for d in decisions if (problem := stage_problem(d.application, d.outcome))]


def apply_published(session, user):
    """Called by programme.juries.publish_session inside its transaction, once the session is marked
    published: each decision moves its application's stage and e-mails the applicant (after commit).
    A refusal raises ValidationError and the whole publication rolls back."""
    decisions = session.selection_decisions.active().select_related("application__edition", "session")
    for decision in decisions:
        application = decision.application
        problem = stage_problem(application, decision.outcome)
        if problem:
            raise ValidationError(problem)
        target = TARGET_STAGE.get(decision.outcome)
        if target is None:
            notify_waiting_list(application, decision.justification)
            continue
        if application.stage != target:  # a stage the team already set by hand is not set twice
            apply_transition(application, target, user, {TEAM}, _("Décision du %(session)s.") % {"session": session})
        notify_applicant(application, SimpleNamespace(target=target), justification=decision.justification)
