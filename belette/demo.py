"""La Belette's part of the demo: the sample directory, its two roles (staff and référents, from
core/roles.py), a few entries aged past the 12-month mark and two pending corrections. Idempotent:
a second run changes nothing."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from core import roles

from .imports import import_directory
from .models import Agent, CorrectionProposal, Dispositif, Unit
from .text import normalise

SAMPLE_DIR = Path(settings.BASE_DIR) / "data" / "sample" / "belette"
# Entries dated before the 12-month mark, so that the référents' report shows something.
OLD_DATE = datetime(2025, 3, 3, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
OLD_UNITS = ("DTR-SCOL-02", "DAT-RURAL", "DMG-BAT")
OLD_AGENTS = ("A500009", "A500026", "A500031", "A500042", "A500078", "A500083")


def load(command):
    with transaction.atomic():
        report = import_directory(SAMPLE_DIR)
        ensure_permissions()
        linked = link_portal_pages()
        age_some_entries()
        ensure_referents()
        ensure_proposals()
    command.stdout.write("  annuaire : " + " ; ".join(file.summary() for file in report.files))
    if linked:
        command.stdout.write(f"  {linked} dispositif(s) reliés à leur page d'aide du portail")


def ensure_permissions():
    """The directory's roles as groups with their permissions (core/roles.py decides which)."""
    for role in (roles.STAFF, roles.DIRECTORY_REFERENT):
        roles.sync_role(role)


def link_portal_pages():
    """Link each dispositif to the portal's aid page of the same name, when there is one (read by model
    label: La Belette imports nothing of the portal)."""
    aid_page = apps.get_model("home", "AidePage")
    pages = {normalise(page.title): page.pk for page in aid_page.objects.only("pk", "title")}
    linked = 0
    for dispositif in Dispositif.objects.filter(portal_page__isnull=True):
        page_id = pages.get(normalise(dispositif.name))
        if page_id:
            dispositif.portal_page_id = page_id
            dispositif.save(update_fields=["portal_page"])
            linked += 1
    return linked


def age_some_entries():
    Unit.objects.filter(code__in=OLD_UNITS).exclude(updated_at=OLD_DATE).update(updated_at=OLD_DATE)
    Agent.objects.filter(hr_id__in=OLD_AGENTS).exclude(updated_at=OLD_DATE).update(updated_at=OLD_DATE)


def ensure_referents():
    """The aged units get a référent, so that the freshness report and the monthly reminder
    (belette_remind_unit_referents) have someone to ask: the demo's administrator, the one demo account
    that may read the directory and act on it."""
    referent = get_user_model().objects.filter(username="admin").first()
    if referent is None:
        return
    for unit in Unit.objects.filter(code__in=OLD_UNITS):
        unit.referents.add(referent)


def ensure_proposals():
    author = get_user_model().objects.filter(username="agent").first()
    if author is None:
        return
    for kind, key, label, message in (
        ("agent", "A500001", "Isabelle Dupont", "Isabelle Dupont a changé de numéro : 03 74 27 39 89."),
        ("dispositif", "PASS-PASS", "Carte Pass Pass", "Le contact principal de ce dispositif a quitté le service."),
    ):
        CorrectionProposal.objects.get_or_create(
            target_kind=kind, target_key=key, message=message, defaults={"target_label": label, "author": author}
        )
