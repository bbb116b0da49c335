"""Forms of the programme: the team space (pipeline moves, filters of the list, archiving, scores,
conflicts of interest, jury decisions, reviews) and the applicant's withdrawal. Every one is drawn by the
site's field template (core/forms/field.html) and validated by its view."""

from dateutil.relativedelta import relativedelta
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.pagination import BadParameter, parse_positive_int

from .models import Edition, JuryDecision, ProjectPage, ReviewRound, Track
from .workflow import Stage, allowed_transitions

NOT_APPLICABLE = "na"
SCORE_CHOICES = [("", "—")] + [(str(value), str(value)) for value in range(6)] + [(NOT_APPLICABLE, _("sans objet"))]


class TransitionForm(forms.Form):
    target = forms.ChoiceField(label=_("Nouvelle étape"))
    reason = forms.CharField(
        label=_("Raison"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Indiquez la raison de ce changement d'étape.")},
    )

    def __init__(self, *args, application, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(t.target.value, t.label) for t in allowed_transitions(application, roles)]


class ScoreForm(forms.Form):
    """One 0–5 / not-applicable choice per criterion of the edition, weighted in the ranking."""

    comment = forms.CharField(label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, criteria, initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        initial_scores = initial_scores or {}
        for criterion in self.criteria:
            current = initial_scores.get(criterion.pk, "")
            self.fields[f"criterion_{criterion.pk}"] = forms.ChoiceField(
                label=f"{criterion.name} (×{criterion.weight})",
                choices=SCORE_CHOICES,
                help_text=criterion.description,
                initial=NOT_APPLICABLE if current is None else str(current),
                error_messages={
                    "required": _("Notez ce critère de 0 à 5, ou choisissez « sans objet »."),
                    "invalid_choice": _("Une note va de 0 à 5, ou « sans objet »."),
                },
            )

    def values(self):
        return {
            criterion.pk: (
                None
                if self.cleaned_data[f"criterion_{criterion.pk}"] == NOT_APPLICABLE
                else int(self.cleaned_data[f"criterion_{criterion.pk}"])
            )
            for criterion in self.criteria
        }


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Nature du lien (hiérarchie, proximité, projet concurrent…)"),
        max_length=255,
        error_messages={"required": _("Décrivez le lien qui crée le conflit d'intérêts.")},
    )


class DecisionForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Projet"), queryset=ProjectPage.objects.none())
    track = forms.ChoiceField(label=_("Suite donnée"), choices=Track.choices)
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Une décision doit être justifiée par écrit.")},
    )
    owner = forms.ModelChoiceField(label=_("Responsable du suivi"), queryset=get_user_model().objects.none())
    next_review_on = forms.DateField(
        label=_("Prochaine revue"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Date attendue au format AAAA-MM-JJ.")},
    )

    replaces = forms.ModelChoiceField(
        label=_("Corrige la décision (facultatif)"),
        queryset=JuryDecision.objects.none(),
        required=False,
        help_text=_("Une décision publiée ne change plus : sa correction est une nouvelle décision qui la remplace."),
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = ProjectPage.objects.filter(edition=session.edition).order_by("title")
        self.fields["replaces"].queryset = (
            JuryDecision.objects.current()
            .filter(session__edition=session.edition)
            .exclude(session=session)
            .select_related("project", "session")
        )
        self.fields["replaces"].label_from_instance = lambda decision: f"{decision.session} – {decision}"
        self.fields["owner"].queryset = get_user_model().objects.filter(is_active=True).order_by("last_name")
        self.fields["next_review_on"].initial = session.date + relativedelta(months=6)

    def clean_justification(self):
        value = self.cleaned_data["justification"].strip()
        if not value:
            raise forms.ValidationError(_("Une décision doit être justifiée par écrit."))
        return value


class WithdrawDecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du retrait"),
        max_length=255,
        error_messages={"required": _("Indiquez pourquoi la décision est retirée.")},
    )


class PresenceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Membres présents"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = session.members.order_by("last_name", "username")
        self.fields["present"].label_from_instance = lambda user: user.get_full_name() or user.get_username()
        self.fields["present"].initial = list(session.present.values_list("pk", flat=True))


class HoldReviewForm(forms.Form):
    review = forms.IntegerField(widget=forms.HiddenInput)
    held_on = forms.DateField(
        label=_("Tenue le"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Indiquez la date de la revue."),
            "invalid": _("Date attendue au format AAAA-MM-JJ."),
        },
    )
    notes = forms.CharField(label=_("Compte rendu"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EditionChoiceField(forms.ModelChoiceField):
    """An edition named by its year (`?edition=2026`), with a French message for a malformed or unknown year."""

    def to_python(self, value):
        raw = "" if value is None else str(value).strip()
        if not raw:
            return None
        try:
            year = parse_positive_int(raw, maximum=9999)
        except BadParameter:
            raise forms.ValidationError(
                _("Le paramètre « edition » doit être une année (par exemple 2026)."), code="invalid"
            ) from None
        edition = self.queryset.filter(year=year).first()
        if edition is None:
            raise forms.ValidationError(_("Aucune édition %(year)s."), code="invalid_choice", params={"year": raw})
        return edition


class RoundChoiceField(forms.ModelChoiceField):
    """A review round named by its number (`?tour=12`), among the field's queryset (the chosen edition's)."""

    def to_python(self, value):
        raw = "" if value is None else str(value).strip()
        if not raw:
            return None
        try:
            pk = parse_positive_int(raw)
        except BadParameter:
            raise forms.ValidationError(
                _("Le paramètre « tour » doit être le numéro d'un tour d'évaluation."), code="invalid"
            ) from None
        review_round = self.queryset.select_related("edition").filter(pk=pk).first()
        if review_round is None:
            raise forms.ValidationError(
                _("Aucun tour d'évaluation n° %(tour)s pour cette édition."),
                code="invalid_choice",
                params={"tour": raw},
            )
        return review_round


class ApplicationScopeForm(forms.Form):
    """The edition and review round of the list of applications and of its exports (GET parameters
    `edition` and `tour`). A round alone implies its edition; a round of another edition is refused."""

    edition = EditionChoiceField(
        label=_("Édition"),
        queryset=Edition.objects.all(),
        to_field_name="year",
        required=False,
        empty_label=_("Toutes"),
    )
    tour = RoundChoiceField(
        label=_("Tour d'évaluation"),
        queryset=ReviewRound.objects.all(),
        required=False,
        empty_label=_("Tour en cours"),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(*args, **kwargs)

    def clean_tour(self):
        review_round = self.cleaned_data.get("tour")
        edition = self.cleaned_data.get("edition")
        if review_round and edition and review_round.edition_id != edition.pk:
            raise forms.ValidationError(
                _("Aucun tour d'évaluation n° %(tour)s pour cette édition.") % {"tour": review_round.pk}
            )
        return review_round

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("tour") and not cleaned.get("edition") and "edition" not in self.errors:
            cleaned["edition"] = cleaned["tour"].edition
        # Once the scope is known, the list offers the rounds of its edition only.
        edition = cleaned.get("edition")
        self.fields["tour"].queryset = edition.rounds.all() if edition else ReviewRound.objects.none()
        return cleaned

    def first_error(self):
        """The first message, in the order of the fields (for answers that show one sentence)."""
        for field in self:
            if field.errors:
                return field.errors[0]
        return self.non_field_errors()[0]


class ApplicationFilterForm(ApplicationScopeForm):
    """The filters of the list of applications: edition, stage, review round."""

    stage = forms.ChoiceField(
        label=_("Étape"),
        choices=[("", _("Toutes"))] + list(Stage.choices),
        required=False,
        error_messages={"invalid_choice": _("Étape inconnue : « %(value)s ».")},
    )

    field_order = ["edition", "stage", "tour"]

    def clean_stage(self):
        return self.cleaned_data["stage"].strip()


class ArchiveForm(forms.Form):
    """Archive spam or a duplicate (kept, no longer counted): why, in a few words."""

    reason = forms.CharField(
        label=_("Motif de l'archivage"),
        max_length=255,
        error_messages={"required": _("Indiquez pourquoi la candidature est archivée (spam, doublon…).")},
    )

    def __init__(self, *args, **kwargs):
        # The application's page also has the transition's and the conflict's `reason` fields.
        kwargs.setdefault("auto_id", "archive-%s")
        super().__init__(*args, **kwargs)


class WithdrawApplicationForm(forms.Form):
    """The applicant confirms withdrawing an application (one form per application on the page: give
    each its own ids with `auto_id="%s-<pk>"`)."""

    confirm = forms.BooleanField(
        label=_("Je confirme vouloir retirer cette candidature"),
        error_messages={"required": _("Cochez la case de confirmation pour retirer votre candidature.")},
    )
