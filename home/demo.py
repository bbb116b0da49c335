"""The portal's part of the demo: the site tree and one account per role."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, GroupPagePermission, Locale, Page, PageLogEntry, Site

from .models import HomePage

# A demo password, printed by load_demo and written in the README: these accounts exist only in
# the demo database that `make run` builds on a laptop.
DEMO_PASSWORD = "demo-maregion-2026"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    first_name: str
    last_name: str
    groups: tuple = ()
    is_superuser: bool = False


# Group names are shared with the other apps' demo loaders and with the README.
EDITORS = "Éditeurs"
MODERATORS = "Modérateurs"
LYCEE_MANAGERS = "Gestionnaires de lycée"
ASSOCIATIONS = "Associations"
STAFF = "Agents de la Région"
PROGRAMME_TEAM = "Équipe du programme"

DEMO_ACCOUNTS = (
    DemoAccount("admin", "administrateur (tous les droits)", "Alix", "Admin", (), True),
    DemoAccount("editeur", "éditeur du portail (rédige, soumet en relecture)", "Élise", "Rédac", (EDITORS,)),
    DemoAccount("moderateur", "modérateur (relit et publie)", "Marc", "Relecteur", (MODERATORS,)),
    DemoAccount("gestionnaire", "gestionnaire de lycée (Shareloc)", "Gaëlle", "Intendance", (LYCEE_MANAGERS,)),
    DemoAccount("association", "membre d'une association (réserve des espaces)", "Arnaud", "Asso", (ASSOCIATIONS,)),
    DemoAccount("agent", "agent de la Région (annuaire La Belette)", "Agnès", "Agent", (STAFF,)),
    DemoAccount("programme", "équipe du programme d'intrapreneuriat", "Paul", "Programme", (PROGRAMME_TEAM, STAFF)),
)


def load(command):
    from .demo_content import load_content

    with transaction.atomic():
        home = ensure_site_tree()
        ensure_groups(home)
        ensure_accounts()
        load_content(home, command)
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
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for name in (EDITORS, MODERATORS, LYCEE_MANAGERS, PROGRAMME_TEAM):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access)
    Group.objects.get_or_create(name=ASSOCIATIONS)
    Group.objects.get_or_create(name=STAFF)
    page_permissions = {
        EDITORS: ("add_page", "change_page"),
        MODERATORS: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    }
    for name, codenames in page_permissions.items():
        group = Group.objects.get(name=name)
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
    media_codenames = (
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    )
    for name in (EDITORS, MODERATORS):
        group = Group.objects.get(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label__in=("wagtailimages", "wagtaildocs"), codename__in=media_codenames
            )
        )


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
            user.groups.set(Group.objects.filter(name__in=account.groups))
