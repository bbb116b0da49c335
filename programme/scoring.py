"""Reviews: weighted scores (0–5, or not applicable) per review round, conflicts of interest, averages
and the ranking of a round."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from .access import can_review
from .assignment import current_round, remove_for_conflict
from .models import Assignment, ConflictOfInterest, Review, Score


def declare_conflict(application, reviewer, reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Décrivez le lien qui crée le conflit d'intérêts."))
    with transaction.atomic():
        conflict, created = ConflictOfInterest.objects.get_or_create(
            application=application, reviewer=reviewer, defaults={"reason": reason}
        )
        # A conflict declared after scoring withdraws the score: it must not weigh on the ranking.
        Review.objects.filter(application=application, reviewer=reviewer).delete()
        # ... and removes the assignment (kept, with the reason), which cannot be given again.
        remove_for_conflict(application, reviewer, conflict.reason)
    return conflict


def submit_review(application, reviewer, values, comment=""):
    """Record `reviewer`'s scores in the current round of the application's edition: `values` maps
    each of that round's criterion ids -> 0..5 or None (not applicable)."""
    if application.conflicts.filter(reviewer=reviewer).exists():
        raise PermissionDenied(
            _("Vous avez déclaré un conflit d'intérêts sur cette candidature : vous ne pouvez pas la noter.")
        )
    if not can_review(reviewer, application):
        raise PermissionDenied(_("Vous n'évaluez pas cette candidature."))
    review_round = current_round(application.edition_id)
    criteria = {criterion.pk: criterion for criterion in review_round.criteria.all()}
    if set(values) != set(criteria):
        raise ValidationError(_("Notez chaque critère (ou indiquez « sans objet »)."))
    for value in values.values():
        if value is not None and not (0 <= value <= 5):
            raise ValidationError(_("Une note va de 0 à 5."))
    try:
        with transaction.atomic():
            review, _created = Review.objects.update_or_create(
                application=application, reviewer=reviewer, review_round=review_round, defaults={"comment": comment}
            )
            for criterion_id, value in values.items():
                Score.objects.update_or_create(review=review, criterion_id=criterion_id, defaults={"value": value})
    except IntegrityError as error:  # a conflict declared at the same instant
        raise PermissionDenied(_("Évaluation refusée.")) from error
    return review


def weighted_average(scores):
    """Weighted mean of (weight, value) pairs, ignoring "not applicable" (None); None if nothing scored."""
    pairs = [(weight, value) for weight, value in scores if value is not None]
    total_weight = sum(weight for weight, _ in pairs)
    if not total_weight:
        return None
    return sum(weight * value for weight, value in pairs) / total_weight


def counted_scores(review_round=None):
    """The scores that count in a round (by default, each edition's current round): those of reviewers
    still assigned (a score given before the team removed the assignment stays, uncounted)."""
    scores = Score.objects.all()
    if review_round is None:
        scores = scores.filter(review__review_round__is_current=True)
    else:
        scores = scores.filter(review__review_round=review_round)
    still_assigned = Assignment.objects.active().filter(
        review_round=OuterRef("review__review_round"),
        application=OuterRef("review__application"),
        reviewer=OuterRef("review__reviewer"),
    )
    return scores.filter(Exists(still_assigned))


def ranking(applications, review_round=None):
    """The applications with `average` (mean of the reviewers' weighted averages in `review_round`, by
    default each edition's current round), `review_count` and `rank` (1 = best; ties share a rank;
    unscored last, unranked), in that order. Two queries."""
    applications = list(applications)
    by_review = {}
    # Plain tuples, not model instances: the ranking of hundreds of applications stays cheap.
    rows = (
        counted_scores(review_round)
        .filter(review__application__in=[a.pk for a in applications])
        .values_list("review__application_id", "review_id", "criterion__weight", "value")
    )
    for application_id, review_id, weight, value in rows:
        by_review.setdefault((application_id, review_id), []).append((weight, value))
    per_application = {}
    for (application_id, _review_id), scores in by_review.items():
        average = weighted_average(scores)
        if average is not None:
            per_application.setdefault(application_id, []).append(average)
    for application in applications:
        averages = per_application.get(application.pk, [])
        application.review_count = len(averages)
        application.average = sum(averages) / len(averages) if averages else None
    applications.sort(key=lambda a: (a.average is None, -(a.average or 0), a.pk))
    rank, previous = 0, object()
    for position, application in enumerate(applications, start=1):
        if application.average is None:
            application.rank = None
            continue
        if application.average != previous:
            rank, previous = position, application.average
        application.rank = rank
    return applications
