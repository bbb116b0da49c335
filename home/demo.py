"""The portal's part of the demo: one account per role, then the portal's content (demo_content). The site
tree, the groups and the "Relecture" workflow come from setup_site (home/setup.py), which load_demo runs first."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from core import roles

from .demo_content import load_content
from .demo_images import attach_demo_images
from .setup import WORKFLOW_NAME, WORKFLOW_TASK_NAME, ensure_groups, ensure_site_tree, ensure_workflow  # noqa: F401

# A demo password, printed by load_demo and written in the README: these accounts exist only in
# the demo database that `make run` builds on a laptop.
DEMO_PASSWORD = "demo-maregion-2026"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str  # what the account may do, in words (load_demo prints it)
    first_name: str
    last_name: str
    # Roles of core.roles: the account joins each role's group.
    roles: tuple = ()
    is_superuser: bool = False


DEMO_ACCOUNTS = (
    DemoAccount("admin", "administrateur (tous les droits)", "Alix", "Admin", (), True),
    DemoAccount("editeur", "éditeur du portail (rédige, soumet en relecture)", "Élise", "Rédac", (roles.EDITOR,)),
    DemoAccount("moderateur", "modérateur (relit et publie)", "Marc", "Relecteur", (roles.MODERATOR,)),
    DemoAccount("gestionnaire", "gestionnaire de lycée (Shareloc)", "Gaëlle", "Intendance", (roles.LYCEE_MANAGER,)),
    DemoAccount(
        "association", "membre d'une association (réserve des espaces)", "Arnaud", "Asso", (roles.ASSOCIATION,)
    ),
    DemoAccount("agent", "agent de la Région (annuaire La Belette)", "Agnès", "Agent", (roles.STAFF,)),
    DemoAccount(
        "programme",
        "équipe du programme d'intrapreneuriat",
        "Paul",
        "Programme",
        (roles.PROGRAMME_TEAM, roles.STAFF),
    ),
)


def load(command):
    with transaction.atomic():
        home = ensure_site_tree()
        ensure_groups(home)
        ensure_accounts()
        load_content(home, command)
        attach_demo_images(home)
    command.stdout.write(f"  site : « {home.title} », comptes : {len(DEMO_ACCOUNTS)}")


def ensure_accounts():
    User = get_user_model()
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "email": f"{account.username}@demo.maregion.example",
                "is_superuser": account.is_superuser,
                "is_staff": account.is_superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user.groups.set([roles.group_for(role) for role in account.roles])
