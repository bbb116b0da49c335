"""A list of short values (aliases, topics, audiences...) stored as a JSON list and typed as people
type them: one value per line, or several on one line separated by commas. With JavaScript
(core/static/core/list_input.js) the box becomes chips, each with a button to remove it, and a text
input that adds a value on Enter or a comma; without it, the textarea works as is.

Why not Wagtail's tag widget: it serves django-taggit, whose parser sorts the tags and treats quotes
and spaces its own way, so a JSON list would not come back in its order nor unchanged."""

import csv
import io
import json

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import clean_terms


def split_values(text):
    """The values of a typed text. Several lines: each line is a value (it may hold commas). One line:
    its commas separate values, and a value in double quotes keeps its commas (« "a, b", c »)."""
    lines = [line for line in str(text or "").splitlines() if line.strip()]
    if len(lines) == 1:
        lines = next(csv.reader(lines, skipinitialspace=True), [])
    return clean_terms(lines)


def join_values(values):
    """The text that split_values() reads back as exactly these values: one per line, or the one value
    quoted as in CSV when it holds a comma or a double quote."""
    values = [str(value) for value in values or []]
    if len(values) != 1:
        return "\n".join(values)
    line = io.StringIO()
    csv.writer(line, lineterminator="").writerow(values)
    return line.getvalue()


class ListInput(forms.Textarea):
    template_name = "core/widgets/list_input.html"

    def __init__(self, attrs=None):
        super().__init__({"rows": 4, **(attrs or {})})

    class Media:
        css = {"all": ["core/list_input.css"]}
        js = ["core/list_input.js"]

    def format_value(self, value):
        if isinstance(value, (list, tuple)):
            return join_values(value)
        return super().format_value(value)


class ListField(forms.Field):
    """A JSON list of strings, cleaned (trimmed, blank ones dropped, each kept once whatever its case)."""

    widget = ListInput
    default_error_messages = {
        "too_many": _("Saisissez au plus %(max)s valeurs (il y en a %(count)s)."),
        "too_long": _("Chaque valeur compte au plus %(max)s caractères : « %(value)s… » est trop longue."),
        "required": _("Saisissez au moins une valeur."),
    }

    def __init__(self, *, max_items=50, max_length=120, **kwargs):
        self.max_items, self.max_length = max_items, max_length
        kwargs.setdefault(
            "help_text", _("Une valeur par ligne (ou plusieurs sur une ligne, séparées par des virgules).")
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return join_values(value)
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return []
        if isinstance(value, (list, tuple)):
            return clean_terms(value)
        text = str(value).strip()
        if text.startswith("[") and text.endswith("]"):
            # A JSON list, as these fields were typed before: read as such when it is one.
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = None
            if isinstance(parsed, list) and all(isinstance(item, str) for item in parsed):
                return clean_terms(parsed)
        return split_values(value)

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(value) > self.max_items:
            raise forms.ValidationError(
                self.error_messages["too_many"], code="too_many", params={"max": self.max_items, "count": len(value)}
            )
        for item in value:
            if len(item) > self.max_length:
                raise forms.ValidationError(
                    self.error_messages["too_long"],
                    code="too_long",
                    params={"max": self.max_length, "value": item[:30]},
                )

    def has_changed(self, initial, data):
        try:
            return self.to_python(initial) != self.to_python(data)
        except forms.ValidationError:
            return True
