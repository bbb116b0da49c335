"""Who sees what in the programme. Applications are confidential: the programme team sees them all;
a reviewer sees only the applications of the editions they review, at a stage open to review and
without a declared conflict; a jury member sees only their sessions; nobody else sees anything."""

from core.roles import MANAGE_PROGRAMME

from .models import Application, JurySession
from .workflow import TEAM, Stage

REVIEWABLE_STAGES = (Stage.SUBMITTED, Stage.PRESELECTED)


def is_team(user):
    """Whether `user` holds the permission to manage the programme (superusers do; Django caches a
    user's permissions on the user, so asking twice costs one query)."""
    return user.is_authenticated and user.has_perm(MANAGE_PROGRAMME)


def roles(user):
    return {TEAM} if is_team(user) else set()


def is_reviewer(user):
    return user.is_authenticated and user.programme_editions_reviewed.exists()


def visible_applications(user):
    if is_team(user):
        return Application.objects.all()
    if not user.is_authenticated:
        return Application.objects.none()
    # Never one's own application, whatever one's role on the edition.
    return (
        Application.objects.counted()
        .filter(edition__reviewers=user, stage__in=REVIEWABLE_STAGES)
        .exclude(conflicts__reviewer=user)
        .exclude(applicant=user)
    )


def can_review(user, application):
    """A reviewer may score an application of an edition they review, at a reviewable stage, unless
    they declared a conflict of interest on it, it is their own, or it was archived."""
    if not user.is_authenticated or application.stage not in REVIEWABLE_STAGES:
        return False
    if application.applicant_id == user.pk or application.archived_at is not None:
        return False
    if application.conflicts.filter(reviewer=user).exists():
        return False
    return application.edition.reviewers.filter(pk=user.pk).exists()


def visible_jury_sessions(user):
    if is_team(user):
        return JurySession.objects.all()
    if not user.is_authenticated:
        return JurySession.objects.none()
    return JurySession.objects.filter(members=user)
