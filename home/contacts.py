"""The public contact of an aid's responsible service ("Qui contacter ?"), from whichever app knows it.

An app answers through the Wagtail hook `register_aid_contact`: a function taking an aid page and
returning a PublicContact or None (La Belette gives the unit's shared mailbox and phone). home names no
such app. Only a service's own details are shown: never a person's name, e-mail or phone."""

from dataclasses import dataclass

from wagtail import hooks

HOOK = "register_aid_contact"


@dataclass(frozen=True)
class PublicContact:
    service: str  # the service's name
    email: str = ""  # its shared mailbox
    phone: str = ""


def public_contact(page):
    """The first contact an app gives for this aid page, or None."""
    for hook in hooks.get_hooks(HOOK):
        contact = hook(page)
        if contact is not None and (contact.email or contact.phone):
            return contact
    return None
