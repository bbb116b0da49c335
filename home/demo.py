"""The portal's part of the demo: the site tree, the roles' groups with the "Relecture" workflow, one
account per role, then the portal's content (demo_content)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    Locale,
    Page,
    PageLogEntry,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core import roles

from .demo_content import load_content
from .demo_images import attach_demo_images
from .models import HomePage

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
WORKFLOW_NAME = "Relecture"
WORKFLOW_TASK_NAME = "Relecture par un modérateur"


def load(command):
    with transaction.atomic():
        home = ensure_site_tree()
        ensure_groups(home)
        ensure_accounts()
        load_content(home, command)
        attach_demo_images(home)
    command.stdout.write(f"  site : « {home.title} », comptes : {len(DEMO_ACCOUNTS)}")


def ensure_site_tree():
    """One default Site whose root is our HomePage; Wagtail's welcome page is removed."""
    ensure_wagtail_roots()
    home = HomePage.objects.first()
    if home is None:
        # A transactional test flush removes even the tree root that Wagtail's migrations create.
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = HomePage(
            title="Ma Région Hauts-de-France",
            slug="accueil",
            seo_title="Ma Région – le portail de la Région Hauts-de-France",
            search_description="Aides, services et actualités de la Région Hauts-de-France.",
            intro="<p>Aides, services, actualités : tout ce que la Région fait pour vous, au même endroit.</p>",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Ma Région Hauts-de-France"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Ma Région Hauts-de-France"
        site.save()
    # Wagtail's migrations create a "Welcome" page; it has no place in our tree.
    for page in Page.objects.filter(depth=2).exclude(pk=home.pk).filter(content_type__model="page"):
        page_id = page.pk
        page.delete()
        # Its "deleted" log entry would point at nothing (dumpdata and the history view trip on it).
        PageLogEntry.objects.filter(page_id=page_id).delete()
    return home


def ensure_wagtail_roots():
    """The rows Wagtail's migrations create (default locale, root collection). A transactional
    test's flush removes them; recreating them here keeps every test and the demo on one path."""
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def ensure_groups(home):
    """Every role's group with its permissions (core.roles: page permissions on the home page, image
    and document permissions on the root collection), and the "Relecture" workflow."""
    roles.sync_roles(root_page=home, root_collection=Collection.get_first_root_node())
    ensure_workflow(home)


def ensure_workflow(home):
    """Editors submit, a moderator approves (which publishes): the "Relecture" workflow on the whole site."""
    moderators = roles.group_for(roles.MODERATOR)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_TASK_NAME)
    if not task.groups.filter(pk=moderators.pk).exists():
        task.groups.add(moderators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
    return workflow


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
