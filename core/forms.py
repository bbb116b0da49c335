"""How every form of the site is drawn: one field template, one form template (settings.FORM_RENDERER).

`{{ form }}` gives the error summary, then each field; `{{ form.name.as_field_group }}` gives one field
where a page groups fields itself (fieldsets). The templates live in core/templates/core/forms/.
"""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _


class SiteFormRenderer(DjangoTemplates):
    """Django's own renderer (widgets included) with the site's field and form templates.

    Wagtail's admin draws its fields with its own templates, so it is not affected."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class LoginForm(AuthenticationForm):
    """Django's login form with the site's wording, and without `autofocus`: the page opens at its top,
    where the skip links are, like every other page."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Identifiant")
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["password"].label = _("Mot de passe")


HONEYPOT_FIELD = "site_internet"


def with_honeypot(form_class):
    """The form class plus a field people never see (hidden by CSS, class `honeypot`) and robots fill in.
    Used by the contact form (home) and the programme's calls."""

    class HoneypotForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields[HONEYPOT_FIELD] = forms.CharField(
                label=_("Ne pas remplir ce champ"),
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
            )

        @property
        def looks_automated(self):
            return bool(self.cleaned_data.get(HONEYPOT_FIELD))

    return HoneypotForm
