"""Keeping entries fresh: an agent signed in finds their own entry ("ma fiche") and confirms it is
still right (the 12-month clock restarts), a yearly reminder asks the agents whose entry has not
changed for a year to confirm it, and a monthly one sends each unit's référents, in one e-mail, the
entries of their units not updated for a year."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.email import absolute_url, send_template_email_after_commit

from . import history
from .access import can_view_directory
from .models import Agent, ChangeRecord, Dispositif, ReferentReminder, Unit

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


# A unit's référents get the list of the unit's stale entries at most once in this many days.
REFERENT_INTERVAL = timedelta(days=30)


def stale_entries_by_unit(now=None):
    """{unit pk: [entry, ...]}: the units, agents in post and dispositifs not updated for 12 months,
    each under its unit (a unit under itself, a dispositif under its responsible unit)."""
    limit = (now or timezone.now()) - STALE_AFTER
    by_unit = {}
    for unit in Unit.objects.filter(updated_at__lt=limit).order_by("name"):
        by_unit.setdefault(unit.pk, []).append(unit)
    for agent in Agent.objects.filter(active=True, updated_at__lt=limit).order_by("last_name", "first_name"):
        by_unit.setdefault(agent.unit_id, []).append(agent)
    for dispositif in Dispositif.objects.filter(updated_at__lt=limit).order_by("name"):
        by_unit.setdefault(dispositif.unit_id, []).append(dispositif)
    return by_unit


def referents_by_unit():
    """{unit pk: [user, ...]}: each unit's own référents or, without any, its nearest ancestor's. Only
    active accounts with an e-mail that may read the directory: nobody else is sent agents' names."""
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    links = Unit.referents.through.objects.select_related("user").order_by("user__username")
    allowed = {}
    own = {}
    for link in links:
        user = link.user
        if user.pk not in allowed:
            allowed[user.pk] = bool(user.email) and can_view_directory(user)
        if allowed[user.pk]:
            own.setdefault(link.unit_id, []).append(user)

    def effective(pk):
        seen = 0
        while pk is not None and seen < 20:
            if pk in own:
                return own[pk]
            pk, seen = parents.get(pk), seen + 1
        return []

    return {pk: effective(pk) for pk in parents}


def referent_digests(now=None):
    """([(référent, [(unit, entries), ...]), ...], [(unit, entries) of units that nobody looks after])."""
    stale = stale_entries_by_unit(now)
    units = Unit.objects.in_bulk(list(stale))
    referents = referents_by_unit()
    digests, orphans = {}, []
    for pk in sorted(stale, key=lambda pk: units[pk].name):
        people = referents.get(pk, [])
        if not people:
            orphans.append((units[pk], stale[pk]))
        for user in people:
            digests.setdefault(user.pk, (user, []))[1].append((units[pk], stale[pk]))
    return sorted(digests.values(), key=lambda item: item[0].get_username()), orphans


def send_referent_reminders(now=None, dry_run=False):
    """Mail each unit's référent, in one e-mail, the entries of their units not updated for 12 months
    (at most once per REFERENT_INTERVAL) and record who was asked about which unit, and when.
    Returns (the [(référent, [(unit, entries)])] asked, the units with stale entries and no référent)."""
    now = now or timezone.now()
    digests, orphans = referent_digests(now)
    recent = set(
        ReferentReminder.objects.filter(sent_at__gt=now - REFERENT_INTERVAL).values_list("referent_id", flat=True)
    )
    due = [(user, units) for user, units in digests if user.pk not in recent]
    if dry_run:
        return due, orphans
    report_url = absolute_url(reverse("belette:stale"))
    with transaction.atomic():
        for user, units in due:
            sections = [
                {
                    "unit": unit,
                    "entries": [(entry, absolute_url(entry.get_absolute_url())) for entry in entries],
                }
                for unit, entries in units
            ]
            context = {
                "referent": user,
                "sections": sections,
                "count": sum(len(entries) for _unit, entries in units),
                "report_url": report_url,
            }
            send_template_email_after_commit("belette/emails/unit_referent_reminder", context, [user.email])
        ReferentReminder.objects.bulk_create(
            ReferentReminder(unit=unit, referent=user, entries=len(entries), sent_at=now)
            for user, units in due
            for unit, entries in units
        )
    return due, orphans
