"""Jury sessions: decisions are recorded beforehand, then published together once the quorum sits.
Publishing opens each project's six-month review calendar."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import JuryDecision, JurySession, ProjectReview


def record_decision(session, project, track, justification, owner, next_review_on, user):
    justification = (justification or "").strip()
    # Read from the database: a session published since `session` was loaded is frozen too.
    if JurySession.objects.filter(pk=session.pk, published_at__isnull=False).exists():
        raise ValidationError(_("Cette session est publiée : ses décisions ne changent plus."))
    if not justification:
        raise ValidationError(_("Une décision doit être justifiée par écrit."))
    if project.edition_id != session.edition_id:
        raise ValidationError(_("Ce projet n'appartient pas à l'édition de ce jury."))
    decision, _created = JuryDecision.objects.update_or_create(
        session=session,
        project=project,
        defaults={
            "track": track,
            "justification": justification,
            "owner": owner,
            "next_review_on": next_review_on,
            "recorded_by": user,
            "recorded_at": timezone.now(),
        },
    )
    return decision


def publish_session(session, user):
    """Make every decision of the session public at once. Refused without quorum or decisions."""
    given = session
    with transaction.atomic():
        session = JurySession.objects.select_for_update().get(pk=session.pk)
        if session.is_published:
            raise ValidationError(_("Cette session est déjà publiée."))
        members = session.members.count()
        if members < session.quorum:
            raise ValidationError(
                _("Quorum non atteint : %(members)d membre(s) pour un quorum de %(quorum)d.")
                % {"members": members, "quorum": session.quorum}
            )
        decisions = list(session.decisions.select_related("project"))
        if not decisions:
            raise ValidationError(_("Aucune décision à publier."))
        session.published_at = timezone.now()
        session.published_by = user
        session.save(update_fields=["published_at", "published_by"])
        for decision in decisions:
            ProjectReview.objects.get_or_create(
                project=decision.project,
                due_on=decision.next_review_on,
                defaults={"owner": decision.owner, "decision": decision},
            )
    given.published_at, given.published_by = session.published_at, user
    return session
