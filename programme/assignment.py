"""Who reviews what, round by round: assigning reviewers (one by one or in bulk, balanced), removing an
assignment, each reviewer's progress, and the reminders to those who have not finished.

Nobody is ever assigned their own application, nor one on which they declared a conflict of interest;
both are refused with a French message, also in bulk (where they are simply skipped)."""

import datetime
from collections import Counter, defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.email import absolute_url, send_template_email_after_commit

from .models import Application, Assignment, ConflictOfInterest, Review, ReviewRound

MAX_PER_APPLICATION = 10
# The scheduled reminder writes to a reviewer at most once in this many days.
REMINDER_INTERVAL_DAYS = 3
# ... starting this many days before the round's due date (and after it, until the reviews are in).
REMIND_DAYS_BEFORE = 7


def display_name(user):
    return user.get_full_name() or user.get_username()


def current_round(edition):
    return ReviewRound.objects.filter(edition=edition, is_current=True).first()


def round_applications(review_round):
    """The applications a round reviews: its edition's, at its stage, not archived."""
    return Application.objects.counted().filter(edition_id=review_round.edition_id, stage=review_round.stage)


def refusal(review_round, application, reviewer):
    """Why `reviewer` may not be assigned `application` in `review_round` (a French sentence), or None."""
    name = display_name(reviewer)
    if application.edition_id != review_round.edition_id:
        return _("Cette candidature n'appartient pas à l'édition de ce tour.")
    if application.archived_at is not None:
        return _("Cette candidature est archivée : elle n'est plus évaluée.")
    if application.applicant_id == reviewer.pk:
        return _("%(name)s ne peut pas évaluer sa propre candidature.") % {"name": name}
    if ConflictOfInterest.objects.filter(application=application, reviewer=reviewer).exists():
        return _(
            "%(name)s a déclaré un conflit d'intérêts sur cette candidature : elle ne peut pas lui être attribuée."
        ) % {"name": name}
    if not review_round.edition.reviewers.filter(pk=reviewer.pk).exists():
        return _(
            "%(name)s ne fait pas partie des évaluateurs de cette édition "
            "(à ajouter dans l'admin, Programme › Éditions)."
        ) % {"name": name}
    return None


def assign(review_round, application, reviewer, by):
    """Assign one application to one reviewer in the round (again, if the team had removed it)."""
    message = refusal(review_round, application, reviewer)
    if message:
        raise ValidationError(message)
    with transaction.atomic():
        assignment, created = Assignment.objects.select_for_update().get_or_create(
            review_round=review_round, application=application, reviewer=reviewer, defaults={"assigned_by": by}
        )
        if not created and assignment.removed_at is None:
            raise ValidationError(
                _("%(name)s évalue déjà cette candidature dans ce tour.") % {"name": display_name(reviewer)}
            )
        if not created:
            assignment.assigned_by, assignment.assigned_at = by, timezone.now()
            assignment.removed_at, assignment.removed_by, assignment.removed_reason = None, None, ""
            assignment.save()
    return assignment


def remove(assignment, by, reason):
    """The team takes an application back from a reviewer: kept with who, when and why; the reviewer's
    scores in that round, if any, stay in the database but no longer count (programme.scoring)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Indiquez pourquoi l'attribution est retirée."))
    updated = Assignment.objects.filter(pk=assignment.pk, removed_at__isnull=True).update(
        removed_at=timezone.now(), removed_by=by, removed_reason=reason[:255]
    )
    if not updated:
        raise ValidationError(_("Cette attribution est déjà retirée."))
    assignment.refresh_from_db()
    return assignment


def remove_for_conflict(application, reviewer, reason):
    """A declared conflict of interest removes the reviewer's assignments on the application (every round)."""
    return (
        Assignment.objects.active()
        .filter(application=application, reviewer=reviewer)
        .update(
            removed_at=timezone.now(),
            removed_by=reviewer,
            removed_reason=(_("Conflit d'intérêts déclaré : %(reason)s") % {"reason": reason})[:255],
        )
    )


def bulk_assign(review_round, per_application, by):
    """Give every application of the round `per_application` reviewers, spreading the load evenly.

    Applications are served in order of reference; each takes the eligible reviewers with the fewest
    assignments in the round so far (ties: the earliest account), so the result is the same on every run
    and no reviewer has more than one application more than another, unless exclusions (own
    applications, conflicts, assignments the team removed) force it. Existing assignments count and
    are kept. Returns (number created, applications left short of reviewers)."""
    if not isinstance(per_application, int) or not 1 <= per_application <= MAX_PER_APPLICATION:
        raise ValidationError(
            _("Le nombre d'évaluateurs par candidature va de 1 à %(max)s.") % {"max": MAX_PER_APPLICATION}
        )
    with transaction.atomic():
        # One bulk assignment at a time per round: two clicks do not double the load.
        ReviewRound.objects.select_for_update().get(pk=review_round.pk)
        reviewers = list(review_round.edition.reviewers.order_by("pk"))
        if not reviewers:
            raise ValidationError(
                _("Cette édition n'a pas encore d'évaluateurs : ajoutez-les dans l'admin (Programme › Éditions).")
            )
        applications = list(round_applications(review_round).order_by("pk").only("pk", "applicant_id"))
        existing = Assignment.objects.filter(review_round=review_round).values_list(
            "application_id", "reviewer_id", "removed_at"
        )
        active, taken = defaultdict(set), set()
        load = Counter()
        for application_id, reviewer_id, removed_at in existing:
            taken.add((application_id, reviewer_id))  # a removed assignment is not handed out again
            if removed_at is None:
                active[application_id].add(reviewer_id)
                load[reviewer_id] += 1
        conflicts = set(
            ConflictOfInterest.objects.filter(application__in=[a.pk for a in applications]).values_list(
                "application_id", "reviewer_id"
            )
        )
        created, short = [], []
        for application in applications:
            needed = per_application - len(active[application.pk])
            if needed <= 0:
                continue
            candidates = [
                reviewer
                for reviewer in reviewers
                if reviewer.pk != application.applicant_id
                and (application.pk, reviewer.pk) not in taken
                and (application.pk, reviewer.pk) not in conflicts
            ]
            candidates.sort(key=lambda reviewer: (load[reviewer.pk], reviewer.pk))
            for reviewer in candidates[:needed]:
                created.append(
                    Assignment(review_round=review_round, application=application, reviewer=reviewer, assigned_by=by)
                )
                load[reviewer.pk] += 1
            if len(candidates) < needed:
                short.append(application)
        Assignment.objects.bulk_create(created)
    return len(created), short


def progress(review_round):
    """Per reviewer of the round: {reviewer, assigned, done, remaining}, by name. Three queries."""
    assigned = defaultdict(set)
    for application_id, reviewer_id in (
        Assignment.objects.active()
        .filter(review_round=review_round, application__archived_at__isnull=True)
        .values_list("application_id", "reviewer_id")
    ):
        assigned[reviewer_id].add(application_id)
    done = defaultdict(set)
    for application_id, reviewer_id in Review.objects.filter(review_round=review_round).values_list(
        "application_id", "reviewer_id"
    ):
        done[reviewer_id].add(application_id)
    users = review_round.edition.reviewers.model.objects.filter(pk__in=assigned).order_by(
        "last_name", "first_name", "username"
    )
    rows = []
    for user in users:
        finished = len(assigned[user.pk] & done[user.pk])
        rows.append(
            {
                "reviewer": user,
                "assigned": len(assigned[user.pk]),
                "done": finished,
                "remaining": len(assigned[user.pk]) - finished,
            }
        )
    return rows


def unfinished(review_round):
    """{reviewer: [assignments still to review]} in the round."""
    reviewed = set(Review.objects.filter(review_round=review_round).values_list("application_id", "reviewer_id"))
    pending = defaultdict(list)
    for assignment in (
        Assignment.objects.active()
        .filter(review_round=review_round, application__archived_at__isnull=True)
        .select_related("reviewer")
        .order_by("reviewer_id", "application_id")
    ):
        if (assignment.application_id, assignment.reviewer_id) not in reviewed:
            pending[assignment.reviewer].append(assignment)
    return pending


def send_round_reminders(review_round, only_not_reminded_since=None):
    """E-mail each reviewer with unfinished reviews in the round (one e-mail each), and note when.
    With `only_not_reminded_since`, leave out those reminded since that instant. Returns the count."""
    count = 0
    link = absolute_url(reverse("programme:space"))
    for reviewer, assignments in unfinished(review_round).items():
        if only_not_reminded_since and any(
            a.reminded_at and a.reminded_at >= only_not_reminded_since for a in assignments
        ):
            continue
        if not reviewer.email:
            continue
        with transaction.atomic():
            Assignment.objects.filter(pk__in=[a.pk for a in assignments]).update(reminded_at=timezone.now())
            send_template_email_after_commit(
                "programme/emails/round_reminder",
                {"review_round": review_round, "reviewer": reviewer, "remaining": len(assignments), "link": link},
                [reviewer.email],
            )
        count += 1
    return count


def send_due_reminders(today=None, days_before=REMIND_DAYS_BEFORE, interval_days=REMINDER_INTERVAL_DAYS):
    """For cron: in every current round whose due date is at most `days_before` days away (or passed),
    remind the reviewers who have not finished, at most once every `interval_days` days."""
    today = today or timezone.localdate()
    since = timezone.now() - datetime.timedelta(days=interval_days)
    count = 0
    for review_round in ReviewRound.objects.filter(
        is_current=True, due_on__isnull=False, due_on__lte=today + datetime.timedelta(days=days_before)
    ).select_related("edition"):
        count += send_round_reminders(review_round, only_not_reminded_since=since)
    return count


# Anonymised review: the answers that identify the applicant. Calls are built by editors, so their
# fields are recognised by type (e-mail) and by the words of their name (nom_et_prenom, service...).
IDENTITY_WORDS = frozenset(
    {"nom", "prenom", "prenoms", "email", "mail", "courriel", "service", "direction", "telephone", "tel", "equipe"}
)


def is_identity_answer(answer, application):
    if answer.get("type") == "email":
        return True
    words = set(str(answer.get("name", "")).replace("-", "_").split("_"))
    if words & IDENTITY_WORDS:
        return True
    value = str(answer.get("value") or "")
    return any(part and part in value for part in (application.applicant_name, application.applicant_email))


def anonymised_answers(application):
    """The answers a reviewer of an anonymised round sees: identity answers hidden."""
    return [answer for answer in application.answers if not is_identity_answer(answer, application)]
