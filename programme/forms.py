"""Forms of the team space: pipeline moves, scores, conflicts of interest, jury decisions."""

from dateutil.relativedelta import relativedelta
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import JuryDecision, ProjectPage, Track
from .workflow import allowed_transitions

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
