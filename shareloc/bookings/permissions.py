"""Who may see or do what with booking requests, checked on the server and per object by the workflow,
the API, the association's pages and the admin's inbox.

A lycée's managers (Lycee.managers) decide on the requests for their lycée's spaces; an association's
members ask, follow and cancel its requests; superusers may do both. The Région's Shareloc team sees
the dashboard (roles.VIEW_SHARELOC_DASHBOARD), not the requests."""

from django.db.models import Q

from .models import AssociationMember, BookingRequest, IcalFeedKind


def membership(user):
    if not user.is_authenticated:
        return None
    return AssociationMember.objects.select_related("association").filter(user=user).first()


def manages_lycee(user, lycee_id):
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.managed_lycees.filter(pk=lycee_id).exists()


def is_manager(user):
    return user.is_authenticated and (user.is_superuser or user.managed_lycees.exists())


def acts_for_association(user, association_id):
    return user.is_authenticated and (
        user.is_superuser or AssociationMember.objects.filter(user=user, association_id=association_id).exists()
    )


def visible_requests(user):
    """The requests a person may see: their association's, and those for their lycées' spaces."""
    queryset = BookingRequest.objects.all()
    if not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(Q(association__members__user=user) | Q(space__lycee__managers=user)).distinct()


def can_see_association(user, association):
    """Its members, and the managers of a lycée it asked (they read its insurance certificate)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or association.members.filter(user=user).exists():
        return True
    return association.requests.filter(space__lycee__managers=user).exists()


def can_revoke(user, token):
    """An iCal token is revoked by whoever created it, or by those who may create one for its target."""
    if user.is_superuser or token.created_by_id == user.pk:
        return True
    if token.kind == IcalFeedKind.ASSOCIATION:
        return token.association.members.filter(user=user).exists()
    lycee_id = token.lycee_id if token.kind == IcalFeedKind.LYCEE else token.space.lycee_id
    return manages_lycee(user, lycee_id)
