"""The portal's part of `setup_site`: what a real installation needs before anyone writes a page.

The Wagtail roots, the home page and the default Site (host and port from SITE_HOSTNAME / SITE_PORT),
the roles' groups with their page and collection permissions, the "Relecture" workflow, the aid
catalogue and news pages, the site map, and the legal pages: the legal notice, the accessibility
statement and the cookies page published (what the Région must still fill shows as "à compléter"),
the personal-data page as a draft for the Région to write.
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

from .models import (
    AccessibilityStatementPage,
    AideIndexPage,
    ContentPage,
    CookiesPage,
    HomePage,
    LegalNoticePage,
    NewsIndexPage,
    SitemapPage,
)

DEFAULT_HOSTNAME = "localhost"
DEFAULT_PORT = 8000
WORKFLOW_NAME = "Relecture"
WORKFLOW_TASK_NAME = "Relecture par un modérateur"
# What the project knows for the accessibility statement; the audit's parts are the Région's to fill.
STATEMENT_TECHNOLOGIES = "HTML5\nCSS\nJavaScript\nWAI-ARIA\nSVG"
STATEMENT_TOOLS = (
    "axe-core (contrôles automatiques à chaque version)\n"
    "Vérificateur HTML du W3C (Nu Html Checker)\n"
    "Lighthouse (audit d'accessibilité automatique)"
)


def legal_pages():
    """The legal pages every public site must have, built from fields and site settings (published)."""
    return [
        LegalNoticePage(
            title="Mentions légales",
            slug="mentions-legales",
            search_description="Éditeur, directeur de la publication et hébergeur du site.",
        ),
        AccessibilityStatementPage(
            title="Déclaration d'accessibilité",
            slug="accessibilite",
            search_description="État de conformité du site au RGAA, contenus non accessibles, contact et recours.",
            technologies=STATEMENT_TECHNOLOGIES,
            tools=STATEMENT_TOOLS,
        ),
        CookiesPage(
            title="Gestion des cookies",
            slug="cookies",
            search_description="Les cookies que le site dépose, à quoi ils servent et combien de temps.",
            intro="Ce site ne dépose que les cookies nécessaires à son fonctionnement.",
        ),
    ]


# Written by the Région (what it processes depends on its own registers): a draft to fill.
PERSONAL_DATA_PAGE = (
    "donnees-personnelles",
    "Données personnelles",
    "Quelles données nous traitons, pourquoi et combien de temps.",
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


def replace_empty_draft(parent, slug, model):
    """An installation made before the legal page types had an empty ContentPage draft at `slug`:
    it gives way to the typed page. Anything an editor wrote (or published) is kept."""
    existing = child_by_slug(parent, slug)
    if existing is None or isinstance(existing.specific, model):
        return
    page = existing.specific
    untouched = not page.live and not page.body and page.first_published_at is None and page.revisions.count() <= 1
    if isinstance(page, ContentPage) and untouched:
        page.delete()


def ensure_portal_pages(home):
    """The aid catalogue, the news, the site map (published: they list what editors publish) and the
    legal pages. Returns how many pages were created."""
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
    created += ensure_legal_pages(home)
    slug, title, description = PERSONAL_DATA_PAGE
    created += ensure_child(home, ContentPage(title=title, slug=slug, search_description=description), False)[1]
    return created


def ensure_legal_pages(home):
    """The legal notice, the accessibility statement and the cookies page, published (the demo calls
    this too). Returns how many were created."""
    created = 0
    for page in legal_pages():
        replace_empty_draft(home, page.slug, type(page))
        # max_count=1: a page of this type elsewhere (another slug) is the one, not a second.
        if type(page).objects.exists():
            continue
        created += ensure_child(home, page)[1]
    return created
