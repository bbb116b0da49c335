"""The planning pages' GET parameters as forms, with their French names kept (links and bookmarks use
them): ?vue=jour|semaine|mois&date=YYYY-MM-DD for every planning (PlanningForm, read by parse_request),
plus ?departement=NN&commune=<INSEE code or name> for the Région's (AreaPlanningForm, drawn by
shareloc/includes/area_planning.html)."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import DEPARTMENTS, Commune, commune_key
from .planning import MAX_OFFSET_DAYS, VIEWS, WEEK


class PlanningForm(forms.Form):
    """The period shown: a view and a day in it (today when absent). `today` bounds the day."""

    vue = forms.ChoiceField(
        label=_("Vue"),
        required=False,
        choices=list(VIEWS.items()),
        error_messages={"invalid_choice": _("« vue » vaut jour, semaine ou mois.")},
    )
    date = forms.DateField(
        label=_("Date"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, data, today, **kwargs):
        self.today = today
        super().__init__(data, **kwargs)
        self.fields["date"].error_messages["invalid"] = _(
            "« date » doit être une date AAAA-MM-JJ, par exemple %(example)s."
        ) % {"example": today.isoformat()}

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day is not None and abs(day - self.today) > timedelta(days=MAX_OFFSET_DAYS):
            raise ValidationError(_("« date » doit tomber dans les deux ans qui viennent ou les deux ans passés."))
        return day

    def period(self):
        """(view, anchor) once validated: a refused value gives way to the week of today."""
        return self.cleaned_data.get("vue") or WEEK, self.cleaned_data.get("date") or self.today

    def messages_by_parameter(self):
        """Each refused parameter and its French message."""
        return {name: str(errors[0]) for name, errors in self.errors.items()}


def parse_request(params, today):
    """(view, anchor, errors) from ?vue=jour|semaine|mois&date=YYYY-MM-DD; errors maps a parameter to
    its French message (the view is then the week of today)."""
    form = PlanningForm(params, today)
    form.is_valid()
    return *form.period(), form.messages_by_parameter()


class AreaPlanningForm(PlanningForm):
    """The Région's planning: a département or a commune (one of them is needed to show a grid; both
    narrow it together), and the period. The commune is drawn by the combobox include
    (core/forms/combobox.html), the other fields by the field template."""

    departement = forms.ChoiceField(
        label=_("Département"),
        required=False,
        choices=[("", _("— tous —")), *DEPARTMENTS],
        error_messages={"invalid_choice": _("« departement » vaut 02, 59, 60, 62 ou 80.")},
    )
    commune = forms.CharField(
        label=_("Commune"),
        required=False,
        help_text=_(
            "Son nom ou son code INSEE, par exemple Amiens ou 80021 ; des communes sont proposées pendant la saisie."
        ),
        # No database takes a null character in a query (PostgreSQL refuses it).
        error_messages={"null_characters_not_allowed": _("« commune » contient un caractère nul.")},
    )
    field_order = ["departement", "commune", "vue", "date"]

    def __init__(self, data, today, **kwargs):
        kwargs.setdefault("auto_id", "area-%s")  # area-departement, area-vue, area-date
        super().__init__(data, today, **kwargs)

    def clean_commune(self):
        """The Commune named by its INSEE code or its name (None when empty)."""
        raw = self.cleaned_data["commune"][:100]
        if not raw:
            return None
        if raw[:1].isdigit():
            matches = list(Commune.objects.filter(code_insee=raw.upper())[:2])
        else:
            matches = list(Commune.objects.filter(search_name=commune_key(raw)).order_by("code_insee")[:6])
        if not matches:
            raise ValidationError(
                _("Commune inconnue : « %(name)s » (son nom ou son code INSEE, par exemple 59350).") % {"name": raw}
            )
        if len(matches) > 1:
            codes = ", ".join(f"{c.code_insee} ({c.department})" for c in matches)
            raise ValidationError(
                _("Plusieurs communes s'appellent « %(name)s » : indiquez le code INSEE (%(codes)s).")
                % {"name": raw, "codes": codes}
            )
        return matches[0]
