"""Jury sessions: decisions are recorded beforehand (and may be withdrawn, with a trace, until then),
then published together once the session's date has come and its quorum of members sat. A published
session never changes: a correction is a new decision, in a later session, that names the one it
replaces. Publishing opens each project's six-month review calendar."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selections
from .models import JuryDecision, JurySession, ProjectReview


def _refuse_if_published(session):
    session.refuse_if_published()


def _check_replaced(session, project, replaces):
    if replaces is None:
        return
    if replaces.session_id == session.pk:
        raise ValidationError(_("Une correction se décide dans une autre session que la décision corrigée."))
    if replaces.project_id != project.pk:
        raise ValidationError(_("La décision remplacée concerne un autre projet."))
    if not JuryDecision.objects.published().filter(pk=replaces.pk).exists():
        raise ValidationError(_("Seule une décision publiée peut être remplacée par une correction."))
    if JuryDecision.objects.current().filter(pk=replaces.pk).count() == 0:
        raise ValidationError(_("Cette décision a déjà été remplacée."))


def record_decision(session, project, track, justification, owner, next_review_on, user, replaces=None):
    justification = (justification or "").strip()
    _refuse_if_published(session)
    if not justification:
        raise ValidationError(_("Une décision doit être justifiée par écrit."))
    if project.edition_id != session.edition_id:
        raise ValidationError(_("Ce projet n'appartient pas à l'édition de ce jury."))
    _check_replaced(session, project, replaces)
    decision, _created = JuryDecision.objects.update_or_create(
        session=session,
        project=project,
        withdrawn_at__isnull=True,
        defaults={
            "track": track,
            "justification": justification,
            "owner": owner,
            "next_review_on": next_review_on,
            "recorded_by": user,
            "recorded_at": timezone.now(),
            "replaces": replaces,
        },
    )
    return decision


def withdraw_decision(decision, user, reason):
    """Withdraw a recorded decision before publication (kept, marked withdrawn: who, when, why)."""
    return decision.withdraw(user, reason)


def mark_present(session, present):
    """Record which members sat. Only members may be marked present; refused once published."""
    _refuse_if_published(session)
    members = set(session.members.values_list("pk", flat=True))
    chosen = {user.pk for user in present}
    if not chosen <= members:
        raise ValidationError(_("Seuls les membres de la session peuvent être marqués présents."))
    session.present.set(chosen)


def publication_problems(session):
    """Why `session` cannot be published now, in French (empty when it can)."""
    problems = []
    if session.is_published:
        return [_("Cette session est déjà publiée.")]
    today = timezone.localdate()
    if session.date > today:
        problems.append(
            _("La session a lieu le %(date)s : ses décisions ne se publient pas avant.")
            % {"date": session.date.strftime("%d/%m/%Y")}
        )
    present = session.present.filter(pk__in=session.members.values("pk")).count()
    if present < session.quorum:
        problems.append(
            _("Quorum non atteint : %(present)d membre(s) présent(s) pour un quorum de %(quorum)d.")
            % {"present": present, "quorum": session.quorum}
        )
    if not session.decisions.active().exists() and not session.selection_decisions.active().exists():
        problems.append(_("Aucune décision à publier."))
    problems.extend(selections.publication_problems(session))
    return problems


def publish_session(session, user):
    """Make every decision of the session public at once, after the checks of publication_problems."""
    given = session
    with transaction.atomic():
        session = JurySession.objects.select_for_update().get(pk=session.pk)
        problems = publication_problems(session)
        if problems:
            raise ValidationError(problems)
        decisions = list(session.decisions.active().select_related("project"))
        session.published_at = timezone.now()
        session.published_by = user
        session.save(update_fields=["published_at", "published_by"])
        for decision in decisions:
            ProjectReview.objects.get_or_create(
                project=decision.project,
                due_on=decision.next_review_on,
                defaults={"owner": decision.owner, "decision": decision},
            )
        # A selection jury's decisions move their applications' stages and e-mail the applicants.
        selections.apply_published(session, user)
    given.published_at, given.published_by = session.published_at, user
    return session
