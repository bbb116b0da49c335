"""The programme team's space (and what reviewers and jury members may see of it), the exports,
and the public CSV of an indicator. Views parse, check access per object, call one domain function."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.exports import csv_response, xlsx_response
from core.pagination import BadParameter, paginate
from core.storage import private_file_response

from . import access, applicant_drafts, applicants, project_pages, selection_views
from .assignment import anonymised_answers, current_round
from .dashboard import edition_funnel, funnel_chart, phase_chart, projects_by_phase, women_share
from .forms import (
    ApplicationFilterForm,
    ApplicationScopeForm,
    ArchiveForm,
    ConflictForm,
    DecisionForm,
    HoldReviewForm,
    PresenceForm,
    ScoreForm,
    TransitionForm,
    WithdrawApplicationForm,
    WithdrawDecisionForm,
)
from .impact import MEASUREMENT_HEADER, measurement_rows
from .juries import mark_present, publication_problems, publish_session, record_decision, withdraw_decision
from .models import (
    Application,
    ApplicationFile,
    Edition,
    Indicator,
    JuryDecision,
    JurySession,
    ProjectReview,
    Review,
    ReviewRound,
)
from .reviews import hold_review
from .scoring import declare_conflict, ranking, submit_review
from .workflow import apply_transition, archive_application, restore_application


def space_view(team_only=False):
    """Anonymous visitors go to the login page; a signed-in person without a programme role gets 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if access.is_team(user):
                return view(request, *args, **kwargs)
            if team_only or not (access.is_reviewer(user) or access.visible_jury_sessions(user).exists()):
                raise PermissionDenied(_("Cet espace est réservé à l'équipe du programme."))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


APPLICATIONS_PER_PAGE = 100
# The conflict and transition forms share the application's page and both have a `reason` field.
CONFLICT_FORM_IDS = "conflict_%s"


def _bad_request(request, message):
    return TemplateResponse(request, "programme/space/error.html", {"message": message}, status=400)


@space_view()
def space_index(request):
    user = request.user
    context = {
        "is_team": access.is_team(user),
        "applications": access.visible_applications(user).select_related("edition")[:200],
        "sessions": access.visible_jury_sessions(user).select_related("edition"),
        "editions": Edition.objects.prefetch_related("rounds"),
        "current_rounds": ReviewRound.objects.filter(
            is_current=True, assignments__reviewer=user, assignments__removed_at__isnull=True
        ).distinct(),
    }
    return TemplateResponse(request, "programme/space/index.html", context)


@space_view(team_only=True)
def application_list(request):
    archived = request.GET.get("archivees") == "1"
    form = ApplicationFilterForm(request.GET)
    context = {"form": form, "is_team": True, "archived": archived}
    if not form.is_valid():
        # The filters again, each error next to its field; no list for a selection that does not exist.
        return TemplateResponse(request, "programme/space/application_list.html", context, status=400)
    edition, review_round, stage = (form.cleaned_data[name] for name in ("edition", "tour", "stage"))
    # The list shows no answers: leave the JSON snapshots and the editions' texts in the database.
    applications = (
        Application.objects.filter(archived_at__isnull=not archived)
        .select_related("edition")
        .only("id", "title", "stage", "submitted_at", "archived_at", "edition__id", "edition__year")
    )
    if edition:
        applications = applications.filter(edition=edition)
    if stage:
        applications = applications.filter(stage=stage)
    # Ranks over the whole selection (in the chosen round, or each edition's current one), then one page.
    ranked = ranking(applications, review_round)
    try:
        page_obj = paginate(ranked, request, APPLICATIONS_PER_PAGE, count=len(ranked))
    except BadParameter as error:
        return _bad_request(request, error.message)
    context |= {
        "applications": page_obj.object_list,
        "page_obj": page_obj,
        "total": len(ranked),
        "edition": edition,
        "review_round": review_round,
    }
    return TemplateResponse(request, "programme/space/application_list.html", context)


EXPORT_HEADER = [
    "reference",
    "edition",
    "title",
    "applicant_name",
    "applicant_email",
    "stage",
    "submitted_at",
    "average",
    "rank",
    "reviews",
    "round",
]


def _export_rows(applications, review_round=None):
    question_labels = []
    for application in applications:
        for answer in application.answers:
            if answer["label"] not in question_labels:
                question_labels.append(answer["label"])
    rows = []
    for application in applications:
        answers = {answer["label"]: answer["value"] for answer in application.answers}
        rows.append(
            [
                application.reference,
                application.edition.year,
                application.title,
                application.applicant_name,
                application.applicant_email,
                application.get_stage_display(),
                application.submitted_at.isoformat(timespec="minutes"),
                "" if application.average is None else round(application.average, 2),
                application.rank or "",
                application.review_count,
                review_round.name if review_round else _("tour en cours"),
            ]
            + [answers.get(label, "") for label in question_labels]
        )
    return EXPORT_HEADER + question_labels, rows


@space_view(team_only=True)
def application_export(request, fmt):
    form = ApplicationScopeForm(request.GET)
    if not form.is_valid():
        return _bad_request(request, form.first_error())
    edition, review_round = form.cleaned_data["edition"], form.cleaned_data["tour"]
    applications = Application.objects.counted().select_related("edition")
    if edition:
        applications = applications.filter(edition=edition)
    header, rows = _export_rows(ranking(applications, review_round), review_round)
    name = f"candidatures-{edition.year if edition else 'toutes'}"
    if review_round:
        name += f"-{slugify(review_round.name)}"
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", header, rows, sheet_title=_("Candidatures"))
    return csv_response(f"{name}.csv", header, rows)


def _visible_application(request, pk):
    application = get_object_or_404(Application.objects.select_related("edition"), pk=pk)
    if not access.visible_applications(request.user).filter(pk=pk).exists():
        raise PermissionDenied(_("Cette candidature n'est pas accessible avec votre rôle."))
    return application


def _detail(request, application, status=200, **forms):
    user = request.user
    is_team = access.is_team(user)
    review_round = current_round(application.edition)
    # An anonymised round hides the applicant from reviewers (programme.assignment); the team sees all.
    anonymised = bool(review_round and review_round.anonymised and not is_team)
    context = {
        "application": application,
        "is_team": is_team,
        "files": application.files.all(),
        "can_review": access.can_review(user, application),
        "review_round": review_round,
        "anonymised": anonymised,
        "answers": anonymised_answers(application) if anonymised else application.answers,
    }
    own_review = (
        Review.objects.filter(application=application, reviewer=user, review_round=review_round)
        .prefetch_related("scores")
        .first()
    )
    criteria = list(review_round.criteria.all()) if review_round else []
    if context["can_review"]:
        initial = {score.criterion_id: score.value for score in own_review.scores.all()} if own_review else {}
        context["score_form"] = forms.get("score_form") or ScoreForm(
            criteria=criteria, initial_scores=initial, initial={"comment": own_review.comment if own_review else ""}
        )
        context["conflict_form"] = forms.get("conflict_form") or ConflictForm(auto_id=CONFLICT_FORM_IDS)
    if is_team:
        roles = access.roles(user)
        context["archive_form"] = forms.get("archive_form") or ArchiveForm()
        context["transition_form"] = forms.get("transition_form") or TransitionForm(
            application=application, roles=roles
        )
        context["stage_changes"] = application.stage_changes.select_related("by")
        context["reviews"] = application.reviews.select_related("reviewer", "review_round").prefetch_related(
            "scores__criterion"
        )
        context["assignments"] = application.assignments.select_related("review_round", "reviewer", "removed_by")
        context["conflicts"] = application.conflicts.select_related("reviewer")
        context["ranked"] = ranking([application])[0]
        context["edits"] = application.edits.select_related("by")
        context["project_page"] = project_pages.existing_page(application)
        context["project_refusal"] = project_pages.refusal(application)
        context["selection_decisions"] = application.selection_decisions.select_related("session")
    return TemplateResponse(request, "programme/space/application_detail.html", context, status=status)


@space_view()
def application_detail(request, pk):
    return _detail(request, _visible_application(request, pk))


@space_view(team_only=True)
def application_transition(request, pk):
    application = _visible_application(request, pk)
    if request.method != "POST":
        return redirect("programme:application_detail", pk=pk)
    roles = access.roles(request.user)
    form = TransitionForm(request.POST, application=application, roles=roles)
    if not form.is_valid():
        return _detail(request, application, status=400, transition_form=form)
    try:
        change = apply_transition(
            application, form.cleaned_data["target"], request.user, roles, form.cleaned_data["reason"]
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _detail(request, application, status=400, transition_form=form)
    applicants.notify_applicant(application, change)
    messages.success(request, _("Étape mise à jour : %(stage)s.") % {"stage": application.get_stage_display()})
    return redirect("programme:application_detail", pk=pk)


@space_view(team_only=True)
def application_project_page(request, pk):
    """POST: create the selected application's project page (a draft) and open it in the admin."""
    application = _visible_application(request, pk)
    if request.method != "POST":
        return redirect("programme:application_detail", pk=pk)
    try:
        page = project_pages.create_project_page(application, request.user)
    except ValidationError as error:
        return _bad_request(request, error.messages[0])
    messages.success(request, _("Page projet créée en brouillon, liée à la candidature."))
    return redirect("wagtailadmin_pages:edit", page.pk)


@space_view(team_only=True)
def application_archive(request, pk):
    """Archive spam or a duplicate (kept, not counted), or restore it (`restore=1`)."""
    application = _visible_application(request, pk)
    if request.method != "POST":
        return redirect("programme:application_detail", pk=pk)
    if request.POST.get("restore") == "1":
        restore_application(application)
        messages.success(request, _("Candidature rétablie : elle est de nouveau comptée."))
        return redirect("programme:application_detail", pk=pk)
    form = ArchiveForm(request.POST)
    if not form.is_valid():
        return _detail(request, application, status=400, archive_form=form)
    try:
        archive_application(application, request.user, form.cleaned_data["reason"])
    except ValidationError as error:
        form.add_error(None, error)
        return _detail(request, application, status=400, archive_form=form)
    messages.success(request, _("Candidature archivée : conservée, elle n'est plus comptée."))
    return redirect("programme:application_list")


@space_view()
def application_review(request, pk):
    application = _visible_application(request, pk)
    if request.method != "POST":
        return redirect("programme:application_detail", pk=pk)
    if not access.can_review(request.user, application):
        raise PermissionDenied(_("Vous ne pouvez pas noter cette candidature."))
    form = ScoreForm(request.POST, criteria=current_round(application.edition).criteria.all())
    if not form.is_valid():
        return _detail(request, application, status=400, score_form=form)
    try:
        submit_review(application, request.user, form.values(), form.cleaned_data["comment"])
    except ValidationError as error:
        form.add_error(None, error)
        return _detail(request, application, status=400, score_form=form)
    messages.success(request, _("Évaluation enregistrée."))
    return redirect("programme:application_detail", pk=pk)


@space_view()
def application_conflict(request, pk):
    application = _visible_application(request, pk)
    if request.method != "POST":
        return redirect("programme:application_detail", pk=pk)
    if not access.can_review(request.user, application):
        raise PermissionDenied(
            _("Seules les personnes à qui la candidature est attribuée déclarent un conflit d'intérêts.")
        )
    form = ConflictForm(request.POST, auto_id=CONFLICT_FORM_IDS)
    if not form.is_valid():
        return _detail(request, application, status=400, conflict_form=form)
    declare_conflict(application, request.user, form.cleaned_data["reason"])
    messages.success(request, _("Conflit d'intérêts enregistré : vous ne noterez pas cette candidature."))
    return redirect("programme:space")


@space_view()
def application_file(request, pk, file_pk):
    application = _visible_application(request, pk)
    attachment = get_object_or_404(ApplicationFile, pk=file_pk, application=application)
    review_round = None if access.is_team(request.user) else current_round(application.edition)
    # In an anonymised round, the file's name (often the applicant's) is not given to reviewers.
    return _file_response(attachment, anonymous=bool(review_round and review_round.anonymised))


def _file_response(attachment, anonymous=False):
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("Fichier introuvable.")) from error
    name = attachment.original_name
    if anonymous:
        extension = name.rsplit(".", 1)[-1] if "." in name else ""
        name = f"piece-jointe-{attachment.pk}.{extension}" if extension else f"piece-jointe-{attachment.pk}"
    return private_file_response(handle, name, content_type=attachment.content_type)


def _visible_session(request, pk):
    session = get_object_or_404(JurySession.objects.select_related("edition"), pk=pk)
    if not access.visible_jury_sessions(request.user).filter(pk=pk).exists():
        raise PermissionDenied(_("Vous ne siégez pas dans ce jury."))
    return session


def _session_page(request, session, status=200, **forms):
    is_team = access.is_team(request.user)
    editable = is_team and not session.is_published
    context = {
        "session": session,
        "is_team": is_team,
        "form": forms.get("form") or (DecisionForm(session=session) if editable else None),
        "presence_form": forms.get("presence_form") or (PresenceForm(session=session) if editable else None),
        "withdraw_form": WithdrawDecisionForm() if editable else None,
        "decisions": session.decisions.active().select_related("project", "owner", "recorded_by", "replaces__session"),
        "withdrawn": session.decisions.filter(withdrawn_at__isnull=False).select_related("project", "withdrawn_by"),
        "members": session.members.all(),
        "present": session.present.all(),
        "problems": publication_problems(session) if editable else [],
    }
    return TemplateResponse(request, "programme/space/jury_session.html", context, status=status)


def _editable_session(request, pk):
    """The session, for the team's changes: 403 for others, and refused (ValidationError) once published."""
    session = _visible_session(request, pk)
    if not access.is_team(request.user):
        raise PermissionDenied(_("Seule l'équipe du programme enregistre les décisions."))
    return session


@space_view()
def jury_session(request, pk):
    session = _visible_session(request, pk)
    selection = session.kind == JurySession.Kind.SELECTION
    if request.method != "POST":
        return selection_views.session_page(request, session) if selection else _session_page(request, session)
    session = _editable_session(request, pk)
    if session.is_published:
        return _bad_request(request, _("Cette session est publiée : ses décisions ne changent plus."))
    if selection:
        return selection_views.record(request, session)
    form = DecisionForm(request.POST, session=session)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record_decision(
                session,
                data["project"],
                data["track"],
                data["justification"],
                data["owner"],
                data["next_review_on"],
                request.user,
                replaces=data["replaces"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Décision enregistrée (non publiée)."))
            return redirect("programme:jury_session", pk=pk)
    return _session_page(request, session, status=400, form=form)


@space_view(team_only=True)
def jury_presence(request, pk):
    session = _editable_session(request, pk)
    if request.method != "POST":
        return redirect("programme:jury_session", pk=pk)
    form = PresenceForm(request.POST, session=session)
    if form.is_valid():
        try:
            mark_present(session, form.cleaned_data["present"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Présences enregistrées."))
            return redirect("programme:jury_session", pk=pk)
    if session.kind == JurySession.Kind.SELECTION:
        return selection_views.session_page(request, session, status=400, presence_form=form)
    return _session_page(request, session, status=400, presence_form=form)


@space_view(team_only=True)
def jury_withdraw(request, pk, decision_pk):
    session = _editable_session(request, pk)
    decision = get_object_or_404(JuryDecision, pk=decision_pk, session=session)
    if request.method != "POST":
        return redirect("programme:jury_session", pk=pk)
    form = WithdrawDecisionForm(request.POST)
    if not form.is_valid():
        return _bad_request(request, form.errors["reason"][0])
    try:
        withdraw_decision(decision, request.user, form.cleaned_data["reason"])
    except ValidationError as error:
        return _bad_request(request, error.messages[0])
    messages.success(request, _("Décision retirée ; le retrait reste consigné."))
    return redirect("programme:jury_session", pk=pk)


@space_view(team_only=True)
def jury_withdraw_selection(request, pk, decision_pk):
    session = _editable_session(request, pk)
    if request.method != "POST":
        return redirect("programme:jury_session", pk=pk)
    try:
        return selection_views.withdraw(request, session, decision_pk)
    except ValidationError as error:
        return _bad_request(request, error.messages[0])


@space_view(team_only=True)
def jury_publish(request, pk):
    """GET: what will be published, and what prevents it; POST (with `confirm`): publish."""
    session = _visible_session(request, pk)
    if request.method == "POST" and request.POST.get("confirm") == "1":
        try:
            publish_session(session, request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("programme:jury_publish", pk=pk)
        messages.success(request, _("Décisions publiées."))
        return redirect("programme:jury_session", pk=pk)
    if session.is_published:
        return redirect("programme:jury_session", pk=pk)
    context = {
        "session": session,
        "is_team": True,
        "decisions": session.decisions.active().select_related("project", "replaces__session"),
        "selection_decisions": session.selection_decisions.active().select_related("application", "replaces__session"),
        "present": session.present.all(),
        "problems": publication_problems(session),
    }
    return TemplateResponse(request, "programme/space/jury_publish.html", context)


@space_view(team_only=True)
def dashboard(request):
    editions = []
    for edition in Edition.objects.all():
        funnel = edition_funnel(edition, published_only=False)
        women, recorded, total = women_share(edition)
        editions.append(
            {
                "edition": edition,
                "funnel": funnel,
                "chart": funnel_chart(edition, funnel),
                "women": women,
                "recorded": recorded,
                "total": total,
                "share": round(100 * women / recorded) if recorded else None,
            }
        )
    grouped = projects_by_phase()
    women, recorded, total = women_share()
    context = {
        "editions": editions,
        "phase_chart": phase_chart(grouped),
        "women": women,
        "is_team": True,
        "recorded": recorded,
        "total": total,
        "share": round(100 * women / recorded) if recorded else None,
    }
    return TemplateResponse(request, "programme/space/dashboard.html", context)


def _hold_review_form(review_pk, data=None):
    """The form recording one upcoming review (one per row: ids end with the review's number)."""
    return HoldReviewForm(data, auto_id=f"%s-{review_pk}", initial={"review": review_pk})


@space_view(team_only=True)
def review_calendar(request):
    reviews = ProjectReview.objects.select_related("project", "owner").order_by("held_on", "due_on")
    upcoming = [r for r in reviews if r.held_on is None]
    row_forms = {review.pk: _hold_review_form(review.pk) for review in upcoming}
    status = 200
    if request.method == "POST":
        form = HoldReviewForm(request.POST)
        if form.is_valid():
            review = get_object_or_404(ProjectReview, pk=form.cleaned_data["review"], held_on__isnull=True)
            following = hold_review(review, form.cleaned_data["held_on"], form.cleaned_data["notes"])
            messages.success(
                request,
                _("Revue enregistrée ; la suivante est prévue le %(date)s.")
                % {"date": following.due_on.strftime("%d/%m/%Y")},
            )
            return redirect("programme:review_calendar")
        review_pk = form.cleaned_data.get("review")
        if review_pk not in row_forms:
            return _bad_request(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        # The calendar again, the refused values and their errors in the review's row.
        row_forms[review_pk] = _hold_review_form(review_pk, request.POST)
        row_forms[review_pk].is_valid()
        status = 400
    return TemplateResponse(
        request,
        "programme/space/review_calendar.html",
        {
            "is_team": True,
            "upcoming": [(review, row_forms[review.pk]) for review in upcoming],
            "held": [r for r in reviews if r.held_on],
        },
        status=status,
    )


def _signed_in(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def _withdraw_form(application_pk, data=None):
    """The withdrawal's confirmation of one application (one per application: ids end with its number)."""
    return WithdrawApplicationForm(data, auto_id=f"%s-{application_pk}")


def _my_applications_page(request, refused=None, status=200):
    """Mes candidatures; `refused` ({application's pk: withdrawal form in error}) replaces that form."""
    refused = refused or {}
    items = []
    for application in applicants.my_applications(request.user).prefetch_related(
        "stage_changes", "files", "edits", "selection_decisions__session"
    ):
        can_withdraw = applicants.can_withdraw(application)
        items.append(
            {
                "application": application,
                "status": applicants.plain_status(application.stage),
                "history": applicants.history(application),
                "files": list(application.files.all()),
                "can_withdraw": can_withdraw,
                "withdraw_form": (refused.get(application.pk) or _withdraw_form(application.pk))
                if can_withdraw
                else None,
                "can_edit": applicant_drafts.can_edit(application),
            }
        )
    context = {"items": items, "drafts": applicant_drafts.my_drafts(request.user)}
    return TemplateResponse(request, "programme/applicant/my_applications.html", context, status=status)


@_signed_in
def my_applications(request):
    """Mes candidatures: the signed-in person's own applications, nobody else's."""
    return _my_applications_page(request)


def _my_application(request, pk):
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    if application.applicant_id != request.user.pk:
        raise PermissionDenied(_("Cette candidature n'est pas la vôtre."))
    return application


@_signed_in
def my_application_withdraw(request, pk):
    application = _my_application(request, pk)
    if request.method != "POST":
        return redirect("programme:my_applications")
    form = _withdraw_form(application.pk, request.POST)
    if not form.is_valid():
        return _my_applications_page(request, refused={application.pk: form}, status=400)
    try:
        applicants.withdraw(application, request.user)
    except ValidationError as error:
        return _bad_request(request, error.messages[0])
    messages.success(request, _("Votre candidature est retirée."))
    return redirect("programme:my_applications")


@_signed_in
def my_application_file(request, pk, file_pk):
    application = _my_application(request, pk)
    return _file_response(get_object_or_404(ApplicationFile, pk=file_pk, application=application))


def indicator_csv(request, pk):
    """Public: the measurements of an indicator of a published project."""
    indicator = get_object_or_404(Indicator.objects.select_related("project"), pk=pk, project__live=True)
    return csv_response(f"indicateur-{slugify(indicator.name)}.csv", MEASUREMENT_HEADER, measurement_rows(indicator))
