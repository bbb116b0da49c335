from django import forms
from django.utils.translation import gettext_lazy as _

from .documents import KIND_LABELS
from .models import CorrectionProposal

MAX_QUERY = 200


class SearchForm(forms.Form):
    """The parameters of the search page (and, through the same rules, of the API)."""

    q = forms.CharField(
        label=_("Qui fait quoi ?"),
        required=False,
        max_length=MAX_QUERY,
        error_messages={"max_length": _("La recherche est trop longue (%(limit_value)d caractères au plus).")},
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Tout"))] + [(key, label) for key, label in KIND_LABELS.items()],
        error_messages={"invalid_choice": _("Type inconnu : choisissez agent, unit ou dispositif.")},
    )
    pole = forms.CharField(label=_("Pôle ou direction"), required=False, max_length=40)
    site = forms.CharField(label=_("Site"), required=False, max_length=120)
    page = forms.IntegerField(
        label=_("Page"),
        required=False,
        min_value=1,
        max_value=1000,
        error_messages={
            "invalid": _("Le numéro de page doit être un nombre entier."),
            "min_value": _("Le numéro de page commence à 1."),
            "max_value": _("Numéro de page trop grand."),
        },
    )


class ProposalForm(forms.ModelForm):
    class Meta:
        model = CorrectionProposal
        fields = ["message"]
        labels = {"message": _("Quelle erreur avez-vous vue ? Quelle est la bonne information ?")}
        help_texts = {"message": _("Un référent La Belette vérifiera et corrigera la fiche.")}
        widgets = {"message": forms.Textarea(attrs={"rows": 5, "maxlength": 2000})}

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 5:
            raise forms.ValidationError(_("Décrivez l'erreur en quelques mots."))
        if len(message) > 2000:
            raise forms.ValidationError(_("2 000 caractères au plus."))
        return message


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[("accepted", _("Corrigé")), ("rejected", _("Refusé"))],
        error_messages={"invalid_choice": _("Décision inconnue.")},
    )
    note = forms.CharField(
        label=_("Réponse (facultative)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
