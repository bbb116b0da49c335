"""The public contact of an aid's responsible service ("Qui contacter ?"), from whichever app knows it.

An app answers through the Wagtail hook `register_aid_contact`: a function taking a list of aid page ids
and returning {page id: PublicContact} for those it knows (La Belette gives the unit's shared mailbox and
phone), in a fixed number of queries whatever the number of pages, since the search results list asks for
all its aids at once. home names no such app. Only a service's own details are shown: never a person's
name, e-mail or phone."""

from dataclasses import dataclass

from wagtail import hooks

HOOK = "register_aid_contact"


@dataclass(frozen=True)
class PublicContact:
    service: str  # the service's name
    email: str = ""  # its shared mailbox
    phone: str = ""


def public_contacts(page_ids):
    """{page id: PublicContact} of these aid pages: for each, the first contact an app gives."""
    wanted, found = list(dict.fromkeys(page_ids)), {}
    for hook in hooks.get_hooks(HOOK):
        remaining = [pk for pk in wanted if pk not in found]
        if not remaining:
            break
        for pk, contact in (hook(remaining) or {}).items():
            if contact is not None and (contact.email or contact.phone):
                found.setdefault(pk, contact)
    return found


def public_contact(page):
    """The public contact of one aid page, or None."""
    return public_contacts([page.pk]).get(page.pk)
