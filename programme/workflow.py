"""The selection pipeline, written once as data: stages, the transitions between them, and who
may make each. Views, admin and demo all go through `allowed_transitions` and `apply_transition`;
nothing else changes an application's stage. The models import the stages from here, so this module
imports no model: it works on the application it is given and its `stage_changes`."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Stage(TextChoices):
    SUBMITTED = "submitted", _("Déposée")
    PRESELECTED = "preselected", _("Présélectionnée (hackathon)")
    SELECTED = "selected", _("Sélectionnée")
    PRE_INCUBATION = "pre_incubation", _("En pré-incubation")
    JURY_DECISION = "jury_decision", _("Décision du jury rendue")
    NOT_RETAINED = "not_retained", _("Non retenue")
    WITHDRAWN = "withdrawn", _("Retirée par la personne candidate")


# Roles are names, not groups: programme.access maps a user to the roles they hold.
TEAM = "team"
# The person who applied (programme.applicants checks that the application is theirs).
APPLICANT = "applicant"


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    label: str
    roles: frozenset


TRANSITIONS = (
    (
        Transition(Stage.SUBMITTED, Stage.PRESELECTED, _("Présélectionner pour le hackathon"), frozenset({TEAM})),
        Transition(Stage.PRESELECTED, Stage.SELECTED, _("Sélectionner (jury de sélection)"), frozenset({TEAM})),
        Transition(Stage.SELECTED, Stage.PRE_INCUBATION, _("Entrer en pré-incubation"), frozenset({TEAM})),
        Transition(
            Stage.PRE_INCUBATION, Stage.JURY_DECISION, _("Passer devant le jury de décision"), frozenset({TEAM})
        ),
    )
    + tuple(
        # An application can leave the pipeline at any stage before the decision jury.
        Transition(stage, Stage.NOT_RETAINED, _("Ne pas retenir"), frozenset({TEAM}))
        for stage in (Stage.SUBMITTED, Stage.PRESELECTED, Stage.SELECTED, Stage.PRE_INCUBATION)
    )
    + (
        # The applicant may withdraw before any decision (and, programme.applicants checks, before the call closes).
        Transition(Stage.SUBMITTED, Stage.WITHDRAWN, _("Retirer ma candidature"), frozenset({APPLICANT})),
    )
)

# The order in which an application climbs the funnel (not_retained is off the ladder).
LADDER = (Stage.SUBMITTED, Stage.PRESELECTED, Stage.SELECTED, Stage.PRE_INCUBATION, Stage.JURY_DECISION)


def transitions_from(stage):
    return [transition for transition in TRANSITIONS if transition.source == stage]


def allowed_transitions(application, roles):
    """The transitions out of the application's stage that a holder of `roles` may make."""
    return [transition for transition in transitions_from(application.stage) if transition.roles & set(roles)]


def apply_transition(application, target, user, roles, reason):
    """Move `application` to `target`, logging who, when and why. Raises ValidationError for a move
    the pipeline does not have or without a reason, PermissionDenied for a role that may not make it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Indiquez la raison de ce changement d'étape."))
    with transaction.atomic():
        # Re-read under a lock: two team members clicking at once make one change, not two.
        current = type(application).objects.select_for_update().get(pk=application.pk)
        matching = [t for t in transitions_from(current.stage) if t.target == target]
        if not matching:
            raise ValidationError(
                _("Passage impossible de « %(source)s » à « %(target)s ».")
                % {
                    "source": Stage(current.stage).label,
                    "target": Stage(target).label if target in Stage.values else target,
                }
            )
        if not matching[0].roles & set(roles):
            raise PermissionDenied(_("Votre rôle ne permet pas ce changement d'étape."))
        change = current.stage_changes.create(source=current.stage, target=target, by=user, reason=reason)
        current.stage = target
        current.save(update_fields=["stage", "updated_at"])
    application.stage = target
    return change


def reached(stage_history, stage):
    """Whether an application whose stages were `stage_history` ever reached `stage` on the ladder."""
    index = LADDER.index(stage)
    return any(s in LADDER and LADDER.index(s) >= index for s in stage_history)


def archive_application(application, user, reason):
    """Archive spam or a duplicate: the application is kept (with who, when and why) and no longer
    counted anywhere (funnel, rankings, reviewers' lists). `restore_application` undoes it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Indiquez pourquoi la candidature est archivée (spam, doublon…)."))
    updated = (
        type(application)
        .objects.filter(pk=application.pk, archived_at__isnull=True)
        .update(archived_at=timezone.now(), archived_by=user, archive_reason=reason[:255])
    )
    if not updated:
        raise ValidationError(_("Cette candidature est déjà archivée."))
    application.refresh_from_db()
    return application


def restore_application(application):
    type(application).objects.filter(pk=application.pk).update(archived_at=None, archived_by=None, archive_reason="")
    application.refresh_from_db()
    return application
