"""Background work of the programme (django-tasks)."""

from django.utils.translation import gettext as _
from django_tasks import task

from core.email import send_email


@task()
def send_review_reminder(review_id):
    from .models import ProjectReview
    from .reviews import reminder_text

    review = ProjectReview.objects.select_related("project", "owner").filter(pk=review_id).first()
    if review is None or review.held_on or not review.owner.email:
        return 0
    return send_email.call(
        _("Revue du projet %(project)s le %(date)s")
        % {"project": review.project.title, "date": review.due_on.strftime("%d/%m/%Y")},
        reminder_text(review),
        [review.owner.email],
    )
