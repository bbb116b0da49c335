"""The synonym set as editors write it: one term per line, not JSON."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from core.models import clean_terms

MAX_TERM_LENGTH = 100


class TermsField(forms.CharField):
    """A list of terms typed one per line (a comma or « | » also separates them)."""

    widget = forms.Textarea(attrs={"rows": 6})

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return clean_terms(value)
        text = super().to_python(value) or ""
        for separator in ("|", ","):
            text = text.replace(separator, "\n")
        return clean_terms(text.splitlines())

    def validate(self, value):
        if len(value) < 2:
            raise forms.ValidationError(
                _("Un ensemble de synonymes compte au moins deux termes, un par ligne."), code="too_few"
            )
        too_long = [term for term in value if len(term) > MAX_TERM_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("Un terme compte au plus %(max)s caractères : « %(term)s… ».")
                % {"max": MAX_TERM_LENGTH, "term": too_long[0][:30]},
                code="too_long",
            )


class SynonymSetForm(WagtailAdminModelForm):
    terms = TermsField(
        label=_("Termes"),
        help_text=_(
            "Un terme par ligne : des mots ou expressions qui veulent dire la même chose pour qui cherche "
            "(« train », « TER », « train régional »)."
        ),
    )
