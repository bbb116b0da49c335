"""The staff-only pages of La Belette: search, one page per entry, org chart, corrections."""

from datetime import timedelta

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import roles
from core.email import absolute_url, send_template_email_after_commit
from core.exports import csv_response
from core.text import highlight

from . import corrections, freshness
from .access import can_review_proposals, referent_required, staff_required
from .documents import KIND_LABELS
from .forms import ProposalForm, ReviewForm, SearchForm
from .models import Agent, ChangeRecord, CorrectionProposal, Dispositif, ReferentReminder, Unit
from .search import get_directory_backend

PAGE_SIZE = 10
STALE_AFTER = timedelta(days=365)


def _agents():
    return Agent.objects.select_related("unit", "backup", "backup__unit")


def _dispositifs():
    return Dispositif.objects.select_related("unit").prefetch_related(
        Prefetch("contacts", queryset=Agent.objects.select_related("unit").order_by("last_name", "first_name"))
    )


def _entries(results):
    """The database objects behind a page of results (three queries at most), in the results' order."""
    wanted = {kind: [row["id"] for row in results if row["kind"] == kind] for kind in KIND_LABELS}
    found = {}
    if wanted["agent"]:
        found.update({("agent", obj.hr_id): obj for obj in _agents().filter(hr_id__in=wanted["agent"])})
    if wanted["unit"]:
        found.update(
            {("unit", obj.code): obj for obj in Unit.objects.select_related("parent").filter(code__in=wanted["unit"])}
        )
    if wanted["dispositif"]:
        found.update({("dispositif", obj.code): obj for obj in _dispositifs().filter(code__in=wanted["dispositif"])})
    return [(row, found.get((row["kind"], row["id"]))) for row in results]


@staff_required
def search_page(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "kind_labels": KIND_LABELS}
    if not request.GET:
        context["recent"] = Dispositif.objects.select_related("unit").order_by("name")[:12]
        return render(request, "belette/search.html", context)
    if not form.is_valid():
        return render(request, "belette/search.html", context, status=400)
    data = form.cleaned_data
    page_number = data["page"] or 1
    facets = {"pole": data["pole"], "site": data["site"]}
    outcome = get_directory_backend().search(
        data["q"], kind=data["kind"] or None, limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE, facets=facets
    )
    entries = []
    for row, obj in _entries(outcome.results):
        entries.append(
            {
                "row": row,
                "obj": obj,
                # Both escaped HTML with <mark>: highlight() escapes every piece, the backends escape snippets.
                "name_html": highlight(row["name"], outcome.matched_terms, prefix=False),
                "snippet_html": row["snippet"],
            }
        )
    paginator = Paginator(range(outcome.count), PAGE_SIZE)
    context.update(
        query=data["q"],
        outcome=outcome,
        entries=entries,
        page_obj=paginator.get_page(page_number) if outcome.count else None,
        selected={"kind": data["kind"], "pole": data["pole"], "site": data["site"]},
    )
    return render(request, "belette/search.html", context)


def _ancestors(unit):
    units = {item.pk: item for item in Unit.objects.only("pk", "code", "name", "acronym", "parent_id")}
    chain, pk = [], unit.parent_id
    while pk in units and len(chain) < 10:
        chain.append(units[pk])
        pk = units[pk].parent_id
    return list(reversed(chain))


def _history(kind, key):
    return ChangeRecord.objects.filter(target_kind=kind, target_key=key).select_related("user")[:10]


@staff_required
def agent_detail(request, key):
    agent = get_object_or_404(_agents(), hr_id=key)
    return render(
        request,
        "belette/agent.html",
        {
            "agent": agent,
            "ancestors": _ancestors(agent.unit) + [agent.unit],
            "dispositifs": agent.dispositifs.select_related("unit").order_by("name"),
            "backing_up": agent.backed_up.filter(active=False).order_by("last_name", "first_name"),
            "history": _history("agent", agent.hr_id),
            "kind": "agent",
            "key": agent.hr_id,
        },
    )


@staff_required
def unit_detail(request, key):
    unit = get_object_or_404(Unit.objects.select_related("parent"), code=key)
    return render(
        request,
        "belette/unit.html",
        {
            "unit": unit,
            "ancestors": _ancestors(unit),
            "children": unit.children.annotate(people=Count("agents", filter=Q(agents__active=True))).order_by("name"),
            "agents": unit.agents.select_related("backup").order_by("-active", "last_name", "first_name"),
            "dispositifs": unit.dispositifs.order_by("name"),
            "aid_pages": _portal_aid_pages(unit),
            "history": _history("unit", unit.code),
            "kind": "unit",
            "key": unit.code,
        },
    )


def _portal_aid_pages(unit):
    """The portal's live aid pages that name this unit as responsible. They hold its code (a plain
    reference): read by model label, so that La Belette imports nothing of the portal."""
    aid_page = apps.get_model("home", "AidePage")
    return aid_page.objects.live().filter(responsible_unit_code=unit.code).order_by("title")


@staff_required
def dispositif_detail(request, key):
    dispositif = get_object_or_404(_dispositifs(), code=key)
    return render(
        request,
        "belette/dispositif.html",
        {
            "dispositif": dispositif,
            "ancestors": _ancestors(dispositif.unit) + [dispositif.unit],
            "history": _history("dispositif", dispositif.code),
            "kind": "dispositif",
            "key": dispositif.code,
        },
    )


@staff_required
def my_entry(request):
    """« Ma fiche »: the signed-in agent's own entry, confirmed in one click (the 12-month clock restarts)."""
    agent = freshness.own_entry(request.user)
    if request.method == "POST":
        if agent is None:
            raise Http404
        freshness.confirm(agent, request.user)
        messages.success(request, _("Merci ! Votre fiche est confirmée pour un an."))
        return redirect("belette:my_entry")
    return render(request, "belette/my_entry.html", {"agent": agent})


@staff_required
def org_chart(request):
    units = list(
        Unit.objects.select_related("head")
        .annotate(people=Count("agents", filter=Q(agents__active=True)))
        .order_by("name")
    )
    children = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)

    def branch(parent_id, depth=0):
        nodes = []
        for unit in children.get(parent_id, []):
            below = branch(unit.pk, depth + 1) if depth < 10 else []
            # Direct members, and everyone in the unit and the units under it.
            total = unit.people + sum(node["total"] for node in below)
            nodes.append({"unit": unit, "depth": depth, "children": below, "total": total})
        return nodes

    return render(request, "belette/org_chart.html", {"tree": branch(None)})


def _target(kind, key):
    models = {"agent": (Agent, "hr_id"), "unit": (Unit, "code"), "dispositif": (Dispositif, "code")}
    if kind not in models:
        raise Http404
    model, field = models[kind]
    return get_object_or_404(model, **{field: key})


@staff_required
def report_error(request, kind, key):
    target = _target(kind, key)
    form = ProposalForm(request.POST or None)
    values = corrections.values_form(kind, target, request.POST or None)
    context = {"form": form, "values": values, "target": target, "kind": kind}
    if request.method == "POST":
        if form.is_valid() and values.is_valid():
            with transaction.atomic():
                proposal = form.save(commit=False)
                proposal.target_kind, proposal.target_key, proposal.target_label = kind, key, str(target)[:255]
                proposal.proposed_values = corrections.proposed_changes(kind, target, values.cleaned_data)
                proposal.author = request.user
                proposal.save()
                _notify_referents(proposal)
            messages.success(request, _("Merci ! Votre signalement a été transmis aux référents La Belette."))
            return redirect(target.get_absolute_url())
        return render(request, "belette/report_error.html", context, status=400)
    return render(request, "belette/report_error.html", context)


def _notify_referents(proposal):
    app_label, codename = roles.REVIEW_DIRECTORY_PROPOSALS.split(".")
    permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
    users = (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True) | Q(user_permissions=permission) | Q(groups__permissions=permission), is_active=True
        )
        .exclude(email="")
        .distinct()
    )
    recipients = sorted({user.email for user in users})
    if recipients:
        send_template_email_after_commit(
            "belette/emails/new_proposal",
            {"proposal": proposal, "queue_url": absolute_url(reverse("belette:proposals"))},
            recipients,
        )


@referent_required
def proposal_queue(request):
    status = request.GET.get("etat", CorrectionProposal.Status.PENDING)
    if status not in CorrectionProposal.Status.values:
        status = CorrectionProposal.Status.PENDING
    proposals = CorrectionProposal.objects.filter(status=status).select_related("author", "reviewer")
    page = Paginator(proposals, 25).get_page(request.GET.get("page"))
    for proposal in page.object_list:
        # One form per proposal, its ids numbered by the proposal (note-12): several on one page.
        proposal.review_form = ReviewForm(auto_id=f"%s-{proposal.pk}")
    return render(
        request,
        "belette/proposals.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": CorrectionProposal.Status.choices,
            "pending_count": CorrectionProposal.objects.filter(status=CorrectionProposal.Status.PENDING).count(),
        },
    )


@referent_required
def review_proposal(request, pk):
    """One screen: the entry's current values beside the proposal, editable, applied on « Corrigé »."""
    proposal = get_object_or_404(CorrectionProposal.objects.select_related("author"), pk=pk)
    target = corrections.target_of(proposal.target_kind, proposal.target_key)
    kind = proposal.target_kind
    fields = corrections.CORRECTABLE[kind]
    initial = {name: proposal.proposed_values.get(name, getattr(target, name)) for name in fields}
    values = corrections.values_form(kind, target, request.POST or None, initial=initial)
    form = ReviewForm(request.POST or None)
    context = {
        "proposal": proposal,
        "target": target,
        "values": values,
        "review_form": form,
        "rows": [(row, values[row[0]]) for row in corrections.rows(kind, target, proposal)],
        "admin_url": reverse(f"wagtailsnippets_belette_{kind}:edit", args=[target.pk]),
    }
    if request.method != "POST":
        return render(request, "belette/review_proposal.html", context)
    if not form.is_valid() or not values.is_valid():
        messages.error(request, _("Choisissez une décision valide et corrigez les valeurs signalées."))
        return render(request, "belette/review_proposal.html", context, status=400)
    try:
        proposal, _record = corrections.review(
            proposal.pk,
            form.cleaned_data["decision"],
            form.cleaned_data["note"],
            request.user,
            # Only the values the screen sent (the queue's quick buttons send none: nothing is changed).
            {name: value for name, value in values.cleaned_data.items() if values.add_prefix(name) in request.POST},
        )
    except corrections.AlreadyReviewed:
        messages.warning(request, _("Ce signalement a déjà été traité."))
        return redirect("belette:proposals")
    except corrections.ValidationError as error:
        for field, problems in error.message_dict.items():
            if field in values.fields:
                values.add_error(field, problems)
            else:
                messages.error(request, " ".join(problems))
        return render(request, "belette/review_proposal.html", context, status=400)
    messages.success(
        request,
        _("Signalement « %(label)s » : %(status)s.")
        % {"label": proposal.target_label, "status": proposal.get_status_display()},
    )
    return redirect("belette:proposals")


@referent_required
def stale_report(request):
    limit = timezone.now() - STALE_AFTER
    sections = [
        ("unit", _("Unités"), Unit.objects.filter(updated_at__lt=limit).order_by("updated_at")),
        (
            "agent",
            _("Agents en poste"),
            Agent.objects.filter(updated_at__lt=limit, active=True).select_related("unit").order_by("updated_at"),
        ),
        ("dispositif", _("Dispositifs"), Dispositif.objects.filter(updated_at__lt=limit).order_by("updated_at")),
    ]
    if request.GET.get("format") == "csv":
        rows = [
            (KIND_LABELS[kind], obj.key, str(obj), obj.updated_at.date().isoformat())
            for kind, _label, queryset in sections
            for obj in queryset
        ]
        return csv_response(
            "belette-a-mettre-a-jour.csv", [_("Type"), _("Identifiant"), _("Entrée"), _("Mis à jour le")], rows
        )
    return render(
        request,
        "belette/stale.html",
        {
            "limit": limit,
            "sections": [(kind, label, queryset.count(), queryset[:100]) for kind, label, queryset in sections],
            "can_review": can_review_proposals(request.user),
            "unit_reminders": _unit_reminders(),
        },
    )


def _unit_reminders():
    """Per unit with stale entries: how many, its référents (its own or an ancestor's), and when each
    was last sent the list (belette_remind_unit_referents)."""
    stale = freshness.stale_entries_by_unit()
    units = Unit.objects.in_bulk(list(stale))
    referents = freshness.referents_by_unit()
    last = {}
    for reminder in ReferentReminder.objects.filter(unit_id__in=list(stale)).order_by("sent_at"):
        last[(reminder.unit_id, reminder.referent_id)] = reminder.sent_at
    rows = []
    for pk in sorted(stale, key=lambda pk: units[pk].name):
        people = [(user, last.get((pk, user.pk))) for user in referents.get(pk, [])]
        rows.append({"unit": units[pk], "count": len(stale[pk]), "referents": people})
    return rows
