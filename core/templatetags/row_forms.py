"""`{% row_field form "reason" "withdraw" decision.pk as field %}`: one field of a small form repeated on each
row of a table (withdraw this decision, remove this assignment), its ids made unique by the row
(withdraw-12-reason), so that each row's label, help text and errors point at its own control. Drawn by
the field template: {{ field.as_field_group }}."""

import copy

from django import template

register = template.Library()


@register.simple_tag
def row_field(form, name, prefix, key):
    row = copy.copy(form)  # the same fields and data; only the ids change
    row.auto_id = f"{prefix}-{key}-%s"
    row._bound_fields_cache = {}
    return row[name]
