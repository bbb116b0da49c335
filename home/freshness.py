"""Content freshness: remind page owners of the pages whose "review by" date has passed."""

from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from core.email import send_email_after_commit

from .reports import overdue_pages


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
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    count = 0
    for owner, pages in reminders().items():
        lines = [
            f"- {page.title} ({_('à relire avant le')} {page.review_by:%d/%m/%Y}) : "
            f"{base}{reverse('wagtailadmin_pages:edit', args=[page.pk])}"
            for page in pages
        ]
        body = "\n".join(
            [
                _("Bonjour %(name)s,") % {"name": owner.get_full_name() or owner.get_username()},
                "",
                _(
                    "Ces pages du portail dont vous êtes propriétaire ont dépassé leur date de relecture. Vérifiez "
                    "qu'elles sont toujours exactes, puis repoussez leur date « à relire avant le » :"
                ),
                "",
                *lines,
                "",
                _("Le portail Ma Région"),
            ]
        )
        subject = _("%(count)d page(s) à relire sur le portail") % {"count": len(pages)}
        send_email_after_commit(subject, body, [owner.email])
        count += 1
    return count
