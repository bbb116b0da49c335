"""The list field (core/list_input.py): what people type becomes a clean JSON list, the list is shown
back so that it reads as the same values, and bad input gets a French message."""

import pytest
from django import forms

from core.list_input import ListField, ListInput, join_values, split_values


class Form(forms.Form):
    values = ListField(label="Valeurs", required=False, max_items=3, max_length=20)


def clean(text):
    form = Form({"values": text})
    assert form.is_valid(), form.errors
    return form.cleaned_data["values"]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("FRSU, fonds d'urgence", ["FRSU", "fonds d'urgence"]),  # the example, on one line
        ("FRSU\r\nfonds d'urgence\r\n", ["FRSU", "fonds d'urgence"]),  # one per line, as a browser sends it
        ("FRSU, fonds d'urgence\n", ["FRSU", "fonds d'urgence"]),  # one line ended by Enter
        ("carte TER, adulte\nTER", ["carte TER, adulte", "TER"]),  # lines keep their commas
        ('"carte TER, adulte"', ["carte TER, adulte"]),  # a quoted value keeps its commas
        ("  TER ,, ter,  train   régional ", ["TER", "train régional"]),  # trimmed, blanks and repeats out
        ('["FRSU", "fonds d\'urgence"]', ["FRSU", "fonds d'urgence"]),  # JSON, as typed before
        ("", []),
    ],
)
def test_typed_text_becomes_a_clean_list(typed, expected):
    assert clean(typed) == expected


@pytest.mark.parametrize(
    "values",
    [
        ["FRSU", "fonds d'urgence"],
        ["carte TER, adulte"],
        ['Le "Pass" Région'],
        ['"Pass" Région', "x"],
        ["a, b", "c"],
        ["Île-de-France"],
        [],
    ],
)
def test_values_round_trip_unchanged_through_the_widget(values):
    form = Form(initial={"values": values})
    shown = form["values"].value()
    text = ListInput().format_value(form.fields["values"].prepare_value(shown))
    assert split_values(text) == values
    assert clean(text) == values
    assert join_values(values) == text or not values
    assert not Form({"values": text}, initial={"values": values}).has_changed()


def test_too_many_or_too_long_values_are_refused_in_french():
    form = Form({"values": "a, b, c, d"})
    assert not form.is_valid()
    assert form.errors["values"] == ["Saisissez au plus 3 valeurs (il y en a 4)."]
    form = Form({"values": "un nom bien trop long pour ce champ"})
    assert not form.is_valid()
    assert "au plus 20 caractères" in form.errors["values"][0] and "« un nom bien trop long" in form.errors["values"][0]


def test_a_required_list_asks_for_one_value():
    class Required(forms.Form):
        values = ListField(label="Valeurs")

    form = Required({"values": " ,\n "})
    assert not form.is_valid() and form.errors["values"] == ["Saisissez au moins une valeur."]


def test_the_widget_is_a_labelled_textarea_enhanced_by_the_script():
    html = str(Form(initial={"values": ["FRSU", "fonds d'urgence"]})["values"])
    assert "<textarea" in html and "data-list-input" in html and 'id="id_values"' in html
    assert "FRSU\nfonds d&#x27;urgence</textarea>" in html
    media = str(Form().media)
    assert "core/list_input.js" in media and "core/list_input.css" in media
