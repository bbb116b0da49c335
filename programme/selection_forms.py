"""Forms of the selection jury's page: a decision on an application, a correction, a withdrawal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Application, SelectionDecision, SelectionOutcome
from .selections import decidable_applications


class SelectionDecisionForm(forms.Form):
    application = forms.ModelChoiceField(
        label=_("Candidature"),
        queryset=Application.objects.none(),
        error_messages={"invalid_choice": _("Choisissez une candidature présélectionnée de cette édition.")},
    )
    outcome = forms.ChoiceField(label=_("Décision"), choices=SelectionOutcome.choices)
    justification = forms.CharField(
        label=_("Justification publique"),
        help_text=_("Envoyée à la personne candidate avec la décision, une fois publiée."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Une décision doit être justifiée par écrit.")},
    )
    internal_note = forms.CharField(
        label=_("Note interne"),
        help_text=_("Lue par l'équipe seulement."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    replaces = forms.ModelChoiceField(
        label=_("Corrige la décision (facultatif)"),
        queryset=SelectionDecision.objects.none(),
        required=False,
        help_text=_("Une décision publiée ne change plus : sa correction est une nouvelle décision qui la remplace."),
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = decidable_applications(session).select_related("edition")
        self.fields["application"].label_from_instance = lambda a: f"{a.reference} – {a.title}"
        self.fields["replaces"].queryset = (
            SelectionDecision.objects.current()
            .filter(session__edition=session.edition)
            .exclude(session=session)
            .select_related("application", "session")
        )
        self.fields["replaces"].label_from_instance = lambda decision: f"{decision.session} – {decision}"

    def clean_justification(self):
        value = self.cleaned_data["justification"].strip()
        if not value:
            raise forms.ValidationError(_("Une décision doit être justifiée par écrit."))
        return value
