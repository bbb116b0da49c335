"""Heading levels never skip one, whether the heading is a block of its own or a title inside rich text."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError

from home.blocks import BodyBlock

from .conftest import AidePageFactory

SKIPPED = "Ce titre de niveau 4 suit un titre de niveau 1 : un niveau est sauté."


def clean(children):
    block = BodyBlock()
    return block.clean(block.to_python([{"type": kind, "value": value} for kind, value in children]))


def test_an_h4_inside_a_text_block_straight_after_the_page_title_is_refused_in_french():
    with pytest.raises(StreamBlockValidationError) as error:
        clean([("paragraph", "<h4>Conditions</h4><p>Être apprenti.</p>")])
    assert [e.message for e in error.value.block_errors.values()] == [SKIPPED]


def test_an_h3_inside_text_after_an_h2_heading_block_is_fine_and_the_order_runs_across_blocks():
    assert len(clean([("heading", {"text": "A", "level": "h2"}), ("paragraph", "<h3>B</h3><h4>C</h4>")])) == 2
    # The rich text's h4 counts: a heading block h2 after it is fine, an h4 after an h2 is not.
    with pytest.raises(StreamBlockValidationError) as error:
        clean(
            [
                ("heading", {"text": "A", "level": "h2"}),
                ("paragraph", "<p>Texte</p>"),
                ("paragraph", "<h4>D</h4>"),
            ]
        )
    assert list(error.value.block_errors) == [2]


@pytest.mark.django_db
def test_an_aid_text_field_may_not_start_with_an_h4_under_the_templates_h2(aid_index):
    aid = AidePageFactory(parent=aid_index, slug="permis")
    aid.eligibility = "<h3>Qui ?</h3><p>Les apprentis.</p>"
    aid.full_clean()
    aid.how_to_apply = "<h4>Étapes</h4><p>En ligne.</p>"
    with pytest.raises(ValidationError) as error:
        aid.full_clean()
    assert error.value.message_dict["how_to_apply"] == [
        "Ce titre de niveau 4 suit un titre de niveau 2 : un niveau est sauté."
    ]
