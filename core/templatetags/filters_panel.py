"""`{% active_filter_count form ignore="page tri" as count %}`: how many criteria a visitor chose in a
filter form (each ticked box or filled field counts once), for core/filters_toggle.html's button."""

from django import template

register = template.Library()


@register.simple_tag
def active_filter_count(form, ignore=""):
    """Counted from what was sent, so that the button says it even when a value is refused."""
    if form is None or not form.is_bound:
        return 0
    skipped = set(ignore.split())
    data = form.data
    count = 0
    for name in form.fields:
        if name in skipped:
            continue
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        count += sum(1 for value in values if value not in (None, ""))
    return count
