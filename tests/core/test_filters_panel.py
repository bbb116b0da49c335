"""core/filters_toggle.html's count of chosen criteria (`active_filter_count`)."""

from django import forms
from django.http import QueryDict

from core.templatetags.filters_panel import active_filter_count


class Filters(forms.Form):
    q = forms.CharField(required=False)
    kind = forms.MultipleChoiceField(required=False, choices=[("a", "A"), ("b", "B")])
    page = forms.IntegerField(required=False)


def test_each_chosen_value_counts_once_and_ignored_names_or_empty_fields_not_at_all():
    form = Filters(QueryDict("q=&kind=a&kind=b&page=3&utm=x"))
    assert active_filter_count(form, "page") == 2
    assert active_filter_count(form) == 3
    assert active_filter_count(Filters(QueryDict("q=salle")), "page") == 1


def test_an_unbound_or_missing_form_counts_nothing():
    assert active_filter_count(Filters()) == 0
    assert active_filter_count(None) == 0
