"""Content freshness: the pages whose "review by" date has passed, and the reminders to their owners."""

from collections import defaultdict

from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page

from core.email import absolute_url, send_template_email_after_commit

from .models import freshness_models


def overdue_pages(today=None):
    """Pages whose "review by" date has passed, owners loaded (one query per page type, then one)."""
    today = today or timezone.localdate()
    ids = []
    for model in freshness_models():
        ids += model.objects.filter(review_by__lt=today).values_list("pk", flat=True)
    return Page.objects.filter(pk__in=ids).select_related("owner")


def reminders(today=None):
    """{owner: [pages]} for live pages past their review date whose owner has an e-mail address."""
    by_owner = defaultdict(list)
    for page in overdue_pages(today).filter(live=True).specific().order_by("path"):
        if page.owner_id and page.owner.email and page.owner.is_active:
            by_owner[page.owner].append(page)
    return by_owner


@task()
def send_review_reminders():
    """One e-mail per owner listing their overdue pages; returns the number of e-mails queued."""
    count = 0
    for owner, pages in reminders().items():
        context = {
            "owner_name": owner.get_full_name() or owner.get_username(),
            "pages": [
                {
                    "title": page.title,
                    "review_by": page.review_by,
                    "edit_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[page.pk])),
                }
                for page in pages
            ],
        }
        send_template_email_after_commit("home/emails/review_reminder", context, [owner.email])
        count += 1
    return count
