"""Personal data that people type where it does not belong (a search box, a comment on a page): masked
before anything is stored, by one rule for the whole site.

The rule errs on the side of privacy: whatever touches an "@" is taken for an e-mail address, and any
run of seven digits or more (spaces, dots or dashes between them allowed, with an optional "+33"-style
prefix) for a phone number or a personal identifier.
"""

import re

EMAIL = re.compile(r"\S+@\S+")
# An address spelled out to dodge the "@": "jean.dupont at gmail.com", "jean arobase gmail point com".
SPELLED_EMAIL = re.compile(
    r"\S+\s*(?:\(at\)|\[at\]|\bat\b|\barobase\b)\s*\S+(?:\s*(?:\.|\bpoint\b|\bdot\b)\s*[a-z]{2,6}\b)+",
    re.IGNORECASE,
)
# A street address: a number, then a kind of street and its name ("12 bis rue des Lilas").
STREET_ADDRESS = re.compile(
    r"\b\d{1,4}\s*(?:bis|ter|b)?\s*,?\s*(?:rue|avenue|av|boulevard|bd|place|pl|chemin|impasse|allée|allee|"
    r"route|quai|cours|square|résidence|residence|lotissement|hameau)\b\.?(?:\s+[\w'’-]+){0,5}",
    re.IGNORECASE,
)
LONG_NUMBER = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\d[\s.-]?){6,}\d")


def mask_personal_data(text, *, email_label="[courriel masqué]", number_label="[téléphone masqué]"):
    """The text with e-mail addresses (spelled out with "at" or "arobase" too) and long numbers replaced by
    the labels (what a reader sees instead)."""
    text = EMAIL.sub(email_label, text or "")
    text = SPELLED_EMAIL.sub(email_label, text)
    return LONG_NUMBER.sub(number_label, text)


def mask_street_address(text, label="[adresse masquée]"):
    """The text with street addresses ("12 rue des Lilas") replaced by the label."""
    return STREET_ADDRESS.sub(label, text or "")
