"""The rules every block shares: the rich-text features, heading order (blocks and rich text), field errors.

Kept apart from the block classes so that home/blocks.py and home/layout_blocks.py both import it."""

import re

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from wagtail.blocks import StructBlockValidationError

RICH_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


RICH_TEXT_HEADING = re.compile(r"<h([1-6])\b", re.IGNORECASE)
SKIPPED_LEVEL = _("Ce titre de niveau %(level)s suit un titre de niveau %(previous)s : un niveau est sauté.")


def heading_order_error(levels, previous):
    """(message or None, last level): the first level of `levels` that skips one after `previous`."""
    for level in levels:
        if level > previous + 1:
            return SKIPPED_LEVEL % {"level": level, "previous": previous}, level
        previous = level
    return None, previous


@deconstructible
class RichTextHeadingOrder:
    """A RichTextField validator: its headings may not skip a level after the template's heading `after_level`."""

    def __init__(self, after_level):
        self.after_level = after_level

    def __call__(self, html):
        levels = [int(level) for level in RICH_TEXT_HEADING.findall(html or "")]
        message, _last = heading_order_error(levels, self.after_level)
        if message:
            raise ValidationError(message)

    def __eq__(self, other):
        return isinstance(other, RichTextHeadingOrder) and other.after_level == self.after_level


def field_error(name, message):
    """The error a StructBlock's clean() raises to show `message` under its sub-block `name`."""
    return StructBlockValidationError(block_errors={name: ErrorList([ValidationError(message)])})
