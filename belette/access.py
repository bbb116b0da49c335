"""Who may see La Belette: signed-in staff with the directory permission (roles STAFF and
DIRECTORY_REFERENT of core/roles.py grant it; superusers have every permission). Checked on every page,
API endpoint and in the site search."""

from functools import wraps

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import URLPattern, URLResolver
from rest_framework.permissions import BasePermission

from core import roles


def can_view_directory(user):
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(roles.VIEW_DIRECTORY))


def directory_users():
    """Active accounts that hold the directory permission (directly, by a group, or as superusers)."""
    app_label, codename = roles.VIEW_DIRECTORY.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    users = get_user_model().objects.filter(is_active=True)
    if permission is None:
        return users.filter(is_superuser=True)
    return users.filter(
        Q(is_superuser=True) | Q(user_permissions=permission) | Q(groups__permissions=permission)
    ).distinct()


def can_review_proposals(user):
    return can_view_directory(user) and user.has_perm(roles.REVIEW_DIRECTORY_PROPOSALS)


def _guard(check):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                # Signed in without the right: a refusal, not the login page (that would loop).
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


staff_required = _guard(can_view_directory)
referent_required = _guard(can_review_proposals)


class IsDirectoryStaff(BasePermission):
    message = "Réservé aux agents de la Région connectés."

    def has_permission(self, request, view):
        return can_view_directory(request.user)


def directory_admin_view(view):
    """An admin view of La Belette's data: refused (403, nothing of the directory in the answer) to
    anyone without the directory permission, whatever the model permissions say; choosers included."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_view_directory(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def guard_urlpatterns(patterns):
    """The same routes, each view wrapped by directory_admin_view (for a viewset's get_urlpatterns)."""
    guarded = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = guard_urlpatterns(pattern.url_patterns)
            args = (pattern.default_kwargs, pattern.app_name, pattern.namespace)
            guarded.append(URLResolver(pattern.pattern, inner, *args))
        else:
            view = directory_admin_view(pattern.callback)
            guarded.append(URLPattern(pattern.pattern, view, pattern.default_args, pattern.name))
    return guarded
