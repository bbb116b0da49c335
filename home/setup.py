"""The portal's part of `setup_site`: what a real installation needs before anyone writes a page.

The Wagtail roots, the home page and the default Site (host and port from SITE_HOSTNAME / SITE_PORT),
the roles' groups with their page and collection permissions, the "Relecture" workflow, the aid
catalogue and news pages, the site map, and the legal pages as drafts for the Région to fill.
Idempotent: what exists (even edited by an administrator) is left as it is."""

import os

from django.conf import settings
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

from .models import AideIndexPage, ContentPage, HomePage, NewsIndexPage, SitemapPage

DEFAULT_HOSTNAME = "localhost"
DEFAULT_PORT = 8000
WORKFLOW_NAME = "Relecture"
WORKFLOW_TASK_NAME = "Relecture par un modérateur"
# The legal pages every public site must have: created as drafts, their text is the Région's to write.
LEGAL_PAGES = (
    ("mentions-legales", "Mentions légales", "Éditeur, hébergement et conditions d'utilisation du site."),
    ("accessibilite", "Déclaration d'accessibilité", "État de conformité du site au RGAA 4.1."),
    ("donnees-personnelles", "Données personnelles", "Quelles données nous traitons, pourquoi et combien de temps."),
)


def setup(command):
    with transaction.atomic():
        home = ensure_site_tree()
        ensure_groups(home)
        created = ensure_portal_pages(home)
    site = Site.objects.get(is_default_site=True)
    command.stdout.write(f"  site : {site.root_url}/, « {home.title} », {created} page(s) créée(s)")


def site_address():
    """(hostname, port) of the default Site, from SITE_HOSTNAME and SITE_PORT (default localhost:8000)."""
    hostname = os.environ.get("SITE_HOSTNAME", "").strip() or DEFAULT_HOSTNAME
    port = os.environ.get("SITE_PORT", "").strip()
    try:
        port = int(port) if port else DEFAULT_PORT
    except ValueError:
        raise SystemExit(f"SITE_PORT doit être un nombre (reçu : {port!r}).") from None
    return hostname, port


def ensure_site_tree():
    """One default Site whose root is our HomePage; Wagtail's welcome page is removed. The Site's host
    and port follow SITE_HOSTNAME / SITE_PORT when they are set (the sitemap, canonical and og:url use them)."""
    ensure_wagtail_roots()
    home = HomePage.objects.first()
    if home is None:
        # A transactional test flush removes even the tree root that Wagtail's migrations create.
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = HomePage(
            title=settings.WAGTAIL_SITE_NAME,
            slug="accueil",
            seo_title=f"{settings.WAGTAIL_SITE_NAME} – le portail de la {settings.ORGANISATION_NAME}",
            search_description=f"Aides, services et actualités de la {settings.ORGANISATION_NAME}.",
            intro="<p>Aides, services, actualités : tout ce que la Région fait pour vous, au même endroit.</p>",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    hostname, port = site_address()
    explicit = bool(os.environ.get("SITE_HOSTNAME", "").strip() or os.environ.get("SITE_PORT", "").strip())
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True, site_name=settings.WAGTAIL_SITE_NAME
        )
    else:
        # The first setup replaces Wagtail's initial Site (localhost:80, on its welcome page).
        first = site.root_page_id != home.pk
        if first or (explicit and (site.hostname, site.port) != (hostname, port)):
            site.root_page = home
            site.hostname, site.port = hostname, port
            site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
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


def child_by_slug(parent, slug):
    return parent.get_children().filter(slug=slug).first()


def ensure_child(parent, page, publish=True):
    """`page` under `parent` unless a child with its slug exists (then that one, untouched).
    Returns (page, created)."""
    existing = child_by_slug(parent, page.slug)
    if existing is not None:
        return existing.specific, False
    if not publish:
        page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish(skip_permission_checks=True)
    return page, True


def ensure_portal_pages(home):
    """The aid catalogue, the news, the site map (published: they list what editors publish) and the
    legal pages (drafts). Returns how many pages were created."""
    pages = [
        AideIndexPage(
            title="Les aides de la Région",
            slug="aides",
            show_in_menus=True,
            search_description="Transport, études, apprentissage, emploi, santé : trouvez les aides de la Région "
            "qui vous concernent.",
            intro="Filtrez par public, thème ou département pour trouver les aides qui vous concernent, puis "
            "faites votre demande en ligne.",
        ),
        NewsIndexPage(
            title="Actualités",
            slug="actualites",
            show_in_menus=True,
            search_description="Les actualités de la Région.",
            intro="Les dernières nouvelles de la Région.",
        ),
        SitemapPage(
            title="Plan du site",
            slug="plan-du-site",
            search_description="Toutes les pages du portail.",
            intro="Toutes les rubriques et pages du portail.",
        ),
    ]
    created = sum(ensure_child(home, page)[1] for page in pages)
    for slug, title, description in LEGAL_PAGES:
        created += ensure_child(home, ContentPage(title=title, slug=slug, search_description=description), False)[1]
    return created
