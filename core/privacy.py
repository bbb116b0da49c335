"""Personal data that people type where it does not belong (a search box, a comment on a page): masked
before anything is stored, by one rule for the whole site.

The rule errs on the side of privacy: whatever touches an "@" is taken for an e-mail address, and any
run of seven digits or more (spaces, dots or dashes between them allowed, with an optional "+33"-style
prefix) for a phone number or a personal identifier.
"""

import re

EMAIL = re.compile(r"\S+@\S+")
LONG_NUMBER = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\d[\s.-]?){6,}\d")


def mask_personal_data(text, *, email_label="[courriel masqué]", number_label="[téléphone masqué]"):
    """The text with e-mail addresses and long numbers replaced by the labels (what a reader sees instead)."""
    text = EMAIL.sub(email_label, text or "")
    return LONG_NUMBER.sub(number_label, text)
