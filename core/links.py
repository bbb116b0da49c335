"""The one link rule: every address a person types and the site renders in an `href`.

Allowed: http(s) addresses, `mailto:`, `tel:` and paths of this site (`/aides/`). Anything else
(`javascript:`, `data:`, `vbscript:`, protocol-relative `//host`, control characters that browsers
strip before reading the scheme) is refused with a French message. Model fields and StreamField
blocks that hold a link name `validate_link` in their validators; tests/core/test_links.py walks
every model and every block of the project and fails when a link-like one does not.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext_lazy as _

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Browsers drop ASCII tab and newlines anywhere in a URL ("java\tscript:") and control characters.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TEL = re.compile(r"^\+?[0-9 .()\-]{2,30}$")
_http = URLValidator(schemes=["http", "https"])
_email = EmailValidator()

MESSAGE = _(
    "Adresse refusée : donnez une adresse web (https://…), un courriel (mailto:…), "
    "un numéro de téléphone (tel:…) ou un chemin du site commençant par « / »."
)


def _refuse():
    raise ValidationError(MESSAGE, code="link")


def validate_link(value):
    """Refuse every address that is not http(s), mailto:, tel: or a path of this site."""
    if value is None or value == "":
        return
    if not isinstance(value, str) or _CONTROL.search(value):
        _refuse()
    text = value.strip()
    if not text:
        return
    if text.startswith("/"):
        # "//host" and "/\host" leave the site (browsers read a backslash as a slash).
        if text[1:2] in ("/", "\\"):
            _refuse()
        return
    match = _SCHEME.match(text)
    if not match:
        _refuse()
    scheme = match.group(1).lower()
    rest = text[match.end() :]
    if scheme in ("http", "https"):
        try:
            _http(text)
        except ValidationError:
            _refuse()
    elif scheme == "mailto":
        try:
            _email(rest.split("?", 1)[0])
        except ValidationError:
            _refuse()
    elif scheme == "tel":
        if not _TEL.match(rest):
            _refuse()
    else:
        _refuse()


def is_safe_link(value):
    """True when `value` passes the link rule (for rendering data saved before the rule existed)."""
    try:
        validate_link(value)
    except ValidationError:
        return False
    return True
