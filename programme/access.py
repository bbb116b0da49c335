"""Who sees what in the programme. Applications are confidential: the programme team sees them all;
a reviewer sees only the applications assigned to them in their edition's current review round, while
the application is at the stage that round reviews, never their own nor one on which they declared a
conflict; a jury member sees only their sessions; nobody else sees anything."""

from django.db.models import F

from core.roles import MANAGE_PROGRAMME

from .models import Application, Assignment, JurySession
from .workflow import TEAM


def is_team(user):
    """Whether `user` holds the permission to manage the programme (superusers do; Django caches a
    user's permissions on the user, so asking twice costs one query)."""
    return user.is_authenticated and user.has_perm(MANAGE_PROGRAMME)


def roles(user):
    return {TEAM} if is_team(user) else set()


def is_reviewer(user):
    """Listed as a reviewer of an edition, or holding an assignment in a current round."""
    if not user.is_authenticated:
        return False
    return (
        user.programme_editions_reviewed.exists()
        or Assignment.objects.active().filter(reviewer=user, review_round__is_current=True).exists()
    )


def assigned_applications(user):
    """The applications `user` reviews now: assigned in the current round of their edition (the
    assignment not removed, the person still one of the edition's reviewers), at the stage that round
    reviews, not archived, not their own, no conflict. At most one row per application (one current
    round per edition, one assignment per person and round)."""
    if not user.is_authenticated:
        return Application.objects.none()
    return (
        Application.objects.counted()
        .filter(
            # Taking someone off the edition's reviewers (admin) ends their access at once.
            edition__reviewers=user,
            assignments__reviewer=user,
            assignments__removed_at__isnull=True,
            assignments__review_round__is_current=True,
            assignments__review_round__stage=F("stage"),
        )
        .exclude(conflicts__reviewer=user)
        .exclude(applicant=user)
    )


def visible_applications(user):
    if is_team(user):
        return Application.objects.all()
    return assigned_applications(user)


def can_review(user, application):
    """Whoever is assigned the application in the current round scores it (team members too, when
    assigned); never their own, never after declaring a conflict, never once archived."""
    return assigned_applications(user).filter(pk=application.pk).exists()


def visible_jury_sessions(user):
    if is_team(user):
        return JurySession.objects.all()
    if not user.is_authenticated:
        return JurySession.objects.none()
    return JurySession.objects.filter(members=user)
