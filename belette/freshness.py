"""Keeping entries fresh: an agent signed in finds their own entry ("ma fiche") and confirms it is
still right (the 12-month clock restarts), and a yearly reminder asks the agents whose entry has not
changed for a year to confirm it."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.email import absolute_url, send_template_email_after_commit

from . import history
from .models import Agent, ChangeRecord

STALE_AFTER = timedelta(days=365)


def own_entry(user):
    """The active agent whose e-mail is the signed-in user's (case-insensitive), or None."""
    if not (user and user.is_authenticated and user.email):
        return None
    return Agent.objects.select_related("unit").filter(active=True, email__iexact=user.email.strip()).first()


def confirm(agent, user):
    """The entry is still right: its clock restarts, and the history says who confirmed it."""
    with transaction.atomic():
        agent.save(update_fields=["updated_at"])  # auto_now: now
        history.record("agent", agent.hr_id, ChangeRecord.Action.CONFIRMED, {}, ChangeRecord.Source.SELF, user)
    return agent


def due_for_reminder(now=None):
    """Active agents with an e-mail, not updated for 12 months, not asked in the last 12 months."""
    now = now or timezone.now()
    limit = now - STALE_AFTER
    return (
        Agent.objects.filter(active=True, updated_at__lt=limit)
        .exclude(email="")
        .filter(Q(confirmation_requested_at__isnull=True) | Q(confirmation_requested_at__lt=limit))
        .order_by("hr_id")
    )


def send_reminders(now=None, dry_run=False):
    """Mail each agent due (see due_for_reminder) a link to confirm their entry; returns the agents."""
    now = now or timezone.now()
    agents = list(due_for_reminder(now))
    if dry_run:
        return agents
    url = absolute_url(reverse("belette:my_entry"))
    with transaction.atomic():
        for agent in agents:
            context = {"agent": agent, "url": url}
            send_template_email_after_commit("belette/emails/confirm_entry", context, [agent.email])
        Agent.objects.filter(pk__in=[agent.pk for agent in agents]).update(confirmation_requested_at=now)
    return agents
