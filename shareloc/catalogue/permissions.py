"""Who may edit what in the catalogue: a lycée's managers edit their own lycées' spaces, equipment,
windows, closures and photos; whoever holds `roles.MANAGE_ALL_LYCEES` (the Région's Shareloc team,
superusers) sees and edits all.

The object-level check lives here and is used by every admin view of the catalogue. Django's model
permissions (granted by the roles) open the admin menus; this restriction applies on top of them."""

from django.db.models import Q

from core import roles

from .models import Lycee


def _active(user):
    return user.is_authenticated and user.is_active


def sees_all_lycees(user):
    return _active(user) and user.has_perm(roles.MANAGE_ALL_LYCEES)


def managed_lycees(user):
    if sees_all_lycees(user):
        return Lycee.objects.all()
    if not _active(user):
        return Lycee.objects.none()
    return Lycee.objects.filter(managers=user)


def lycee_filter(user, prefix="lycee"):
    """A Q restricting a queryset to the lycées `user` manages (prefix: the path to the Lycee)."""
    if sees_all_lycees(user):
        return Q()
    if not _active(user):
        return Q(pk__in=[])
    return Q(**{f"{prefix}__managers" if prefix else "managers": user})
