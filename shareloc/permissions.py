"""Who may edit what in Shareloc: a lycée's managers edit their own lycées' spaces, equipment, windows,
closures and photos; Région staff (superusers and the "Région Shareloc" group) see and edit all.

The object-level check lives here and is used by every admin view and API endpoint."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from home.demo import LYCEE_MANAGERS

REGION_SHARELOC = "Région Shareloc"

# The models a manager edits for their own lycées (Django permissions open the admin menus; the
# per-lycée restriction is applied on top of them, on every view).
MANAGED_MODELS = ("space", "openingwindow", "closure", "lendableequipment", "spacephoto", "booking")
REGION_MODELS = MANAGED_MODELS + ("lycee", "commune", "schoolholidayday", "publicholiday")


def sees_all_lycees(user):
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_shareloc_sees_all", None)
    if cached is None:
        cached = user.groups.filter(name=REGION_SHARELOC).exists()
        user._shareloc_sees_all = cached
    return cached


def managed_lycees(user):
    from .models import Lycee

    if sees_all_lycees(user):
        return Lycee.objects.all()
    if not user.is_authenticated or not user.is_active:
        return Lycee.objects.none()
    return Lycee.objects.filter(managers=user)


def lycee_filter(user, prefix="lycee"):
    """A Q restricting a queryset to the lycées `user` manages (prefix: the path to the Lycee)."""
    if sees_all_lycees(user):
        return Q()
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    return Q(**{f"{prefix}__managers" if prefix else "managers": user})


def can_manage_lycee(user, lycee_id):
    if sees_all_lycees(user):
        return True
    if not user.is_authenticated or not user.is_active or lycee_id is None:
        return False
    from .models import Lycee

    return Lycee.objects.filter(pk=lycee_id, managers=user).exists()


def _permissions(models, actions=("add", "change", "delete", "view")):
    codenames = [f"{action}_{model}" for model in models for action in actions]
    return Permission.objects.filter(content_type__app_label="shareloc", codename__in=codenames)


def ensure_manager_group():
    """The lycée managers' group gets the admin and the Shareloc models they edit (idempotent)."""
    group, _created = Group.objects.get_or_create(name=LYCEE_MANAGERS)
    wanted = set(_permissions(MANAGED_MODELS))
    wanted |= set(Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"))
    wanted |= set(
        Permission.objects.filter(content_type__app_label="wagtailimages", codename__in=("add_image", "choose_image"))
    )
    missing = wanted - set(group.permissions.all())
    if missing:
        group.permissions.add(*missing)
    return group


def ensure_region_group():
    """The Région's Shareloc team: every lycée, the calendars and the reference data (idempotent)."""
    group, _created = Group.objects.get_or_create(name=REGION_SHARELOC)
    wanted = set(_permissions(REGION_MODELS))
    wanted |= set(Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"))
    wanted |= set(
        Permission.objects.filter(
            content_type__app_label="wagtailimages", codename__in=("add_image", "choose_image", "change_image")
        )
    )
    missing = wanted - set(group.permissions.all())
    if missing:
        group.permissions.add(*missing)
    return group
