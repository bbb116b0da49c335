"""The roles of the site and the permissions each one grants.

Code decides who may do what by asking for a *permission* (`user.has_perm(roles.MANAGE_PROGRAMME)`),
never by a group's name: an administrator may rename a group or build another one from the same
permissions, and the site behaves the same. A role is a Django group that `sync_roles()` creates
with its permissions (model permissions, Wagtail's page permissions on the site's root page and
collection permissions on the root collection for images and documents). Permissions are written
as "app_label.codename" strings, so this module imports no app.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupCollectionPermission, GroupPagePermission

# The permissions the code checks, by name. Each is declared in its model's Meta.permissions.
ADMIN_ACCESS = "wagtailadmin.access_admin"
VIEW_DIRECTORY = "belette.view_directory"
REVIEW_DIRECTORY_PROPOSALS = "belette.review_proposals"
MANAGE_ALL_LYCEES = "shareloc.manage_all_lycees"
VIEW_SHARELOC_DASHBOARD = "shareloc.view_shareloc_dashboard"
MANAGE_PROGRAMME = "programme.manage_programme"
APPLY_STAFF_CALL = "programme.apply_staff_call"
VIEW_SEARCH_REPORTS = "search.view_search_reports"


def _crud(app_label, *models, actions=("add", "change", "delete", "view")):
    return tuple(f"{app_label}.{action}_{model}" for model in models for action in actions)


SHARELOC_MANAGED_MODELS = ("space", "openingwindow", "closure", "lendableequipment", "spacephoto", "booking")
SHARELOC_REFERENCE_MODELS = ("lycee", "commune", "schoolholidayday", "publicholiday")
# The search synonyms (core.SynonymSet), shared by the portal's search and La Belette.
SYNONYM_EDITING = _crud("core", "synonymset")
IMAGE_AND_DOCUMENT_EDITING = (
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
)


@dataclass(frozen=True)
class Role:
    key: str
    group_name: str
    description: str
    permissions: tuple = ()
    # Wagtail's page permissions, granted on the site's root page (so on the whole tree).
    page_permissions: tuple = ()
    # Wagtail's image and document permissions, granted on the root collection.
    collection_permissions: tuple = ()
    admin_access: bool = False


EDITOR = Role(
    "editor",
    "Éditeurs",
    _("Rédige les pages du portail et les soumet en relecture."),
    permissions=(
        VIEW_SEARCH_REPORTS,
        *_crud("home", "aidaudience", "aidtheme", actions=("add", "change", "delete")),
        *SYNONYM_EDITING,
    ),
    page_permissions=("add_page", "change_page"),
    collection_permissions=IMAGE_AND_DOCUMENT_EDITING,
    admin_access=True,
)
MODERATOR = Role(
    "moderator",
    "Modérateurs",
    _("Relit et publie les pages, gère les menus, le bandeau d'alerte et les résultats promus."),
    permissions=(
        VIEW_SEARCH_REPORTS,
        *_crud("home", "aidaudience", "aidtheme", actions=("add", "change", "delete")),
        *SYNONYM_EDITING,
        "home.change_siteidentity",
        "home.change_navigationsettings",
        *_crud("wagtailsearchpromotions", "searchpromotion", actions=("add", "change", "delete")),
    ),
    page_permissions=("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    collection_permissions=IMAGE_AND_DOCUMENT_EDITING,
    admin_access=True,
)
LYCEE_MANAGER = Role(
    "lycee_manager",
    "Gestionnaires de lycée",
    _("Gère les espaces, équipements, créneaux et demandes de son ou ses lycées (Shareloc)."),
    permissions=_crud("shareloc", *SHARELOC_MANAGED_MODELS),
    collection_permissions=("add_image", "choose_image"),
    admin_access=True,
)
REGION_SHARELOC = Role(
    "region_shareloc",
    "Région Shareloc",
    _("Équipe Shareloc de la Région : tous les lycées, les calendriers, le tableau de bord."),
    permissions=(
        MANAGE_ALL_LYCEES,
        VIEW_SHARELOC_DASHBOARD,
        *_crud("shareloc", *SHARELOC_MANAGED_MODELS, *SHARELOC_REFERENCE_MODELS),
        "shareloc.change_calendarsettings",  # the school-holiday zone
    ),
    collection_permissions=("add_image", "change_image", "choose_image"),
    admin_access=True,
)
ASSOCIATION = Role(
    "association",
    "Associations",
    _("Membre d'une association : demande à réserver des espaces des lycées."),
)
STAFF = Role(
    "staff",
    "Agents de la Région",
    _("Agent de la Région : consulte l'annuaire La Belette, candidate aux appels du programme."),
    permissions=(VIEW_DIRECTORY, APPLY_STAFF_CALL),
)
DIRECTORY_REFERENT = Role(
    "directory_referent",
    "Référents La Belette",
    _("Traite les signalements d'erreur de l'annuaire et tient les fiches à jour."),
    permissions=(VIEW_DIRECTORY, REVIEW_DIRECTORY_PROPOSALS, APPLY_STAFF_CALL),
)
PROGRAMME_TEAM = Role(
    "programme_team",
    "Équipe du programme",
    _("Équipe du programme d'intrapreneuriat : appels, candidatures, jurys, projets, impact."),
    permissions=(
        MANAGE_PROGRAMME,
        *_crud(
            "programme",
            "edition",
            "organisation",
            "jurysession",
            "indicator",
            "projectreview",
            "applicantmessage",
            "reviewround",
        ),
    ),
    admin_access=True,
)

ROLES = (
    EDITOR,
    MODERATOR,
    LYCEE_MANAGER,
    REGION_SHARELOC,
    ASSOCIATION,
    STAFF,
    DIRECTORY_REFERENT,
    PROGRAMME_TEAM,
)
BY_KEY = {role.key: role for role in ROLES}


class UnknownPermission(LookupError):
    pass


def _permission_objects(names):
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.select_related("content_type").filter(
            codename__in={codename for _app, codename in wanted}
        )
    }
    missing = sorted(".".join(key) for key in wanted - found.keys())
    if missing:
        raise UnknownPermission(f"permissions inconnues (migrations appliquées ?) : {', '.join(missing)}")
    return [found[key] for key in wanted]


def group_for(role):
    group, _created = Group.objects.get_or_create(name=role.group_name)
    return group


def sync_role(role, root_page=None, root_collection=None):
    """Create the role's group and add the permissions it lacks (idempotent; never removes any, so
    what an administrator added by hand stays)."""
    group = group_for(role)
    names = set(role.permissions) | ({ADMIN_ACCESS} if role.admin_access else set())
    missing = set(_permission_objects(names)) - set(group.permissions.all())
    if missing:
        group.permissions.add(*missing)
    if root_page is not None:
        for permission in _permission_objects(f"wagtailcore.{codename}" for codename in role.page_permissions):
            GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
    if root_collection is not None:
        apps = {"image": "wagtailimages", "document": "wagtaildocs"}
        names = [f"{apps[codename.rsplit('_', 1)[1]]}.{codename}" for codename in role.collection_permissions]
        for permission in _permission_objects(names):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
    return group


def sync_roles(root_page=None, root_collection=None):
    return {role.key: sync_role(role, root_page, root_collection) for role in ROLES}
