"""Programme figures: the funnel of each edition, projects by phase, budget against commitments,
the share of women among intrapreneurs. Shared by the public programme page and the team dashboard."""

from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from core.charts import bar_chart

from .models.applications import Application, StageChange
from .models.call_page import CallPage
from .models.editions import Edition, Organisation
from .models.juries import JuryDecision, Track
from .models.projects import BudgetTranche, Phase, ProjectPage, TeamMember
from .workflow import LADDER, Stage, reached


def stage_histories(applications):
    """{application id: every stage it has been in}, from its current stage and its logged moves."""
    histories = {application_id: {stage} for application_id, stage in applications.values_list("id", "stage")}
    changes = StageChange.objects.filter(application__in=applications).values_list("application_id", "source", "target")
    for application_id, source, target in changes:
        histories[application_id].update((source, target))
    return histories


def edition_funnel(edition, histories=None, published_only=True):
    """Counts of applications that reached each step, and the decision jury's outcomes by track."""
    if histories is None:
        histories = list(stage_histories(Application.objects.counted().filter(edition=edition)).values())
    steps = [
        (_("Candidatures"), len(histories)),
        (_("Présélectionnées (hackathon)"), sum(reached(h, Stage.PRESELECTED) for h in histories)),
        (_("Sélectionnées"), sum(reached(h, Stage.SELECTED) for h in histories)),
    ]
    decisions = JuryDecision.objects.filter(session__edition=edition)
    if published_only:
        decisions = decisions.current()
    else:
        decisions = decisions.active()
    outcomes = Counter(decisions.values_list("track", flat=True))
    return {"steps": steps, "outcomes": [(Track(track).label, count) for track, count in sorted(outcomes.items())]}


def funnel_chart(edition, funnel):
    applied, preselected, selected = (count for _label, count in funnel["steps"])
    if applied:
        sentence = _(
            "%(selected)d projet(s) sélectionné(s) sur %(applied)d candidature(s), après %(pre)d présélection(s)."
        ) % {"selected": selected, "applied": applied, "pre": preselected}
    else:
        sentence = _("Pas encore de candidature.")
    return bar_chart(
        _("Entonnoir de l'édition %(year)s") % {"year": edition.year},
        sentence,
        funnel["steps"],
        chart_id=f"entonnoir-{edition.year}",
        label_header=_("Étape"),
        value_header=_("Nombre"),
    )


def projects_by_phase(projects=None):
    projects = projects if projects is not None else live_projects()
    groups = defaultdict(list)
    for project in projects:
        phase = project.current_phase
        groups[phase.phase if phase else ""].append(project)
    ordered = [(Phase(value).label, groups[value]) for value in Phase.values if groups.get(value)]
    if groups.get(""):
        ordered.append((_("Phase non renseignée"), groups[""]))
    return ordered


def phase_chart(grouped):
    total = sum(len(projects) for _label, projects in grouped)
    if grouped:
        biggest = max(grouped, key=lambda item: len(item[1]))
        sentence = _("%(total)d projet(s) ; la phase la plus fréquente est « %(phase)s » (%(count)d).") % {
            "total": total,
            "phase": biggest[0],
            "count": len(biggest[1]),
        }
    else:
        sentence = _("Aucun projet publié.")
    return bar_chart(
        _("Projets par phase"),
        sentence,
        [(label, len(projects)) for label, projects in grouped],
        chart_id="projets-par-phase",
        label_header=_("Phase"),
        value_header=_("Projets"),
    )


def live_projects():
    return list(
        ProjectPage.objects.live().select_related("edition", "sponsor").prefetch_related("phases").order_by("title")
    )


def women_share(edition=None):
    """(women, intrapreneurs whose gender is recorded, all intrapreneurs) for live projects."""
    members = TeamMember.objects.filter(is_intrapreneur=True, page__live=True)
    if edition is not None:
        members = members.filter(page__edition=edition)
    total = members.count()
    recorded = members.exclude(gender="")
    return recorded.filter(gender=TeamMember.Gender.WOMAN).count(), recorded.count(), total


def budget_rows(edition):
    """Each envelope of the edition against the tranches committed on it."""
    committed = dict(
        BudgetTranche.objects.filter(envelope__edition=edition)
        .values_list("envelope")
        .annotate(total=Sum("amount"))
        .values_list("envelope", "total")
    )
    return [
        {
            "envelope": envelope,
            "committed": committed.get(envelope.pk, Decimal("0")),
            "overrun": committed.get(envelope.pk, Decimal("0")) > (envelope.amount_max or envelope.amount),
        }
        for envelope in edition.envelopes.select_related("partner")
    ]


def programme_overview(page=None, published_only=True):
    editions = list(Edition.objects.prefetch_related("events", "envelopes__partner").order_by("-year"))
    histories = stage_histories(Application.objects.counted())
    by_edition = defaultdict(list)
    for application_id, edition_id in Application.objects.counted().values_list("id", "edition_id"):
        by_edition[edition_id].append(histories[application_id])
    rows = []
    for edition in editions:
        funnel = edition_funnel(edition, by_edition[edition.pk], published_only=published_only)
        rows.append(
            {
                "edition": edition,
                "events": sorted(edition.events.all(), key=lambda e: e.starts_on),
                "funnel": funnel,
                "funnel_chart": funnel_chart(edition, funnel),
                "budget": budget_rows(edition),
            }
        )
    grouped = projects_by_phase()
    return {
        "editions": rows,
        "projects_by_phase": grouped,
        "phase_chart": phase_chart(grouped),
        "partners": Organisation.objects.filter(is_partner=True),
        "open_calls": [call for call in CallPage.objects.live().order_by("-opens_at") if call.is_open()],
        "ladder": LADDER,
    }
