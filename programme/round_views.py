"""The team's page of a review round: who reviews what (assign one by one or in bulk, remove), each
reviewer's progress, and the reminder to those who have not finished. Team only."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.pagination import BadParameter, paginate

from . import assignment as assignments
from .models import Assignment, ReviewRound
from .views import _bad_request, space_view


class AssignForm(forms.Form):
    application = forms.ModelChoiceField(
        label=gettext_lazy("Candidature"),
        queryset=None,
        error_messages={"required": gettext_lazy("Choisissez une candidature de ce tour.")},
    )
    reviewer = forms.ModelChoiceField(
        label=gettext_lazy("Évaluateur ou évaluatrice"),
        queryset=None,
        error_messages={"required": gettext_lazy("Choisissez un évaluateur de cette édition.")},
    )

    def __init__(self, *args, review_round, **kwargs):
        super().__init__(*args, **kwargs)
        invalid = gettext_lazy("Ce choix ne fait pas partie de ce tour.")
        self.fields["application"].queryset = (
            assignments.round_applications(review_round).select_related("edition").order_by("pk")
        )
        self.fields["application"].error_messages["invalid_choice"] = invalid
        self.fields["application"].label_from_instance = lambda a: f"{a.reference} – {a.title}"
        self.fields["reviewer"].queryset = review_round.edition.reviewers.order_by("last_name", "username")
        self.fields["reviewer"].error_messages["invalid_choice"] = invalid
        self.fields["reviewer"].label_from_instance = assignments.display_name


class BulkAssignForm(forms.Form):
    per_application = forms.IntegerField(
        label=gettext_lazy("Évaluateurs par candidature"),
        min_value=1,
        max_value=assignments.MAX_PER_APPLICATION,
        initial=2,
        error_messages={
            "required": gettext_lazy("Indiquez le nombre d'évaluateurs par candidature."),
            "invalid": gettext_lazy("Le nombre d'évaluateurs par candidature est un nombre entier."),
            "min_value": gettext_lazy("Au moins un évaluateur par candidature."),
            "max_value": gettext_lazy("Au plus %(limit_value)s évaluateurs par candidature."),
        },
    )


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motif du retrait"),
        max_length=255,
        error_messages={"required": gettext_lazy("Indiquez pourquoi l'attribution est retirée.")},
    )


APPLICATIONS_PER_PAGE = 100


def _round_page(request, review_round, status=200, **forms_):
    applications = (
        assignments.round_applications(review_round)
        .select_related("edition")
        .order_by("pk")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(review_round=review_round).select_related("reviewer", "removed_by"),
                to_attr="round_assignments",
            )
        )
    )
    try:
        page_obj = paginate(applications, request, APPLICATIONS_PER_PAGE)
    except BadParameter as error:
        return _bad_request(request, error.message)
    context = {
        "is_team": True,
        "review_round": review_round,
        "criteria": review_round.criteria.all(),
        "progress": assignments.progress(review_round),
        "applications": page_obj.object_list,
        "page_obj": page_obj,
        "assign_form": forms_.get("assign_form") or AssignForm(review_round=review_round),
        "bulk_form": forms_.get("bulk_form") or BulkAssignForm(),
        "remove_form": RemoveForm(),  # one per assignment, drawn by {% row_field %}
        "other_rounds": ReviewRound.objects.filter(edition_id=review_round.edition_id).exclude(pk=review_round.pk),
    }
    return TemplateResponse(request, "programme/space/review_round.html", context, status=status)


def _round(pk):
    return get_object_or_404(ReviewRound.objects.select_related("edition"), pk=pk)


@space_view(team_only=True)
def round_detail(request, pk):
    return _round_page(request, _round(pk))


@space_view(team_only=True)
def round_assign(request, pk):
    review_round = _round(pk)
    if request.method != "POST":
        return redirect("programme:round_detail", pk=pk)
    form = AssignForm(request.POST, review_round=review_round)
    if form.is_valid():
        try:
            assignments.assign(
                review_round, form.cleaned_data["application"], form.cleaned_data["reviewer"], request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Candidature attribuée."))
            return redirect("programme:round_detail", pk=pk)
    return _round_page(request, review_round, status=400, assign_form=form)


@space_view(team_only=True)
def round_bulk_assign(request, pk):
    review_round = _round(pk)
    if request.method != "POST":
        return redirect("programme:round_detail", pk=pk)
    form = BulkAssignForm(request.POST)
    if form.is_valid():
        try:
            created, short = assignments.bulk_assign(review_round, form.cleaned_data["per_application"], request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(count)s attribution(s) créée(s).") % {"count": created})
            if short:
                messages.warning(
                    request,
                    _("Pas assez d'évaluateurs possibles pour : %(list)s.")
                    % {"list": ", ".join(a.reference for a in short)},
                )
            return redirect("programme:round_detail", pk=pk)
    return _round_page(request, review_round, status=400, bulk_form=form)


@space_view(team_only=True)
def round_remove(request, pk, assignment_pk):
    review_round = _round(pk)
    assignment = get_object_or_404(Assignment, pk=assignment_pk, review_round=review_round)
    if request.method != "POST":
        return redirect("programme:round_detail", pk=pk)
    form = RemoveForm(request.POST)
    if not form.is_valid():
        return _bad_request(request, form.errors["reason"][0])
    try:
        assignments.remove(assignment, request.user, form.cleaned_data["reason"])
    except ValidationError as error:
        return _bad_request(request, error.messages[0])
    messages.success(request, _("Attribution retirée ; le retrait reste consigné."))
    return redirect("programme:round_detail", pk=pk)


@space_view(team_only=True)
def round_remind(request, pk):
    review_round = _round(pk)
    if request.method != "POST":
        return redirect("programme:round_detail", pk=pk)
    count = assignments.send_round_reminders(review_round)
    messages.success(request, _("Rappel envoyé à %(count)s évaluateur(s).") % {"count": count})
    return redirect("programme:round_detail", pk=pk)
