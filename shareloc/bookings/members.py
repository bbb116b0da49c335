"""An association's members: a member invites another person by e-mail (a secret link, valid
INVITATION_DAYS days, used once); the invited person joins with an existing account or a new one (the
link proves the address, so the new account is active at once); members see and manage the
association's requests (permissions.py); a member may leave, except the last one."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import roles

from .associations import add_member
from .emails import send_invitation
from .models import AssociationInvitation, AssociationMember
from .permissions import membership

INVITATION_DAYS = 14


class MemberError(Exception):
    """A French message for the person; nothing was changed."""


def invite(user, email, now=None):
    """A member of an association invites `email`; the invitation is e-mailed. Returns it."""
    now = now or timezone.now()
    member = membership(user)
    if member is None:
        raise MemberError(_("Seuls les membres d'une association peuvent inviter."))
    email = (email or "").strip().lower()
    association = member.association
    if AssociationMember.objects.filter(association=association, user__email__iexact=email).exists():
        raise MemberError(_("Cette personne est déjà membre de l'association."))
    invitation = AssociationInvitation.objects.create(
        association=association, email=email, invited_by=user, expires_at=now + timedelta(days=INVITATION_DAYS)
    )
    send_invitation(invitation)
    return invitation


def valid_invitation(token, now=None):
    """The invitation for `token` if it is unused and not expired, else None."""
    now = now or timezone.now()
    return (
        AssociationInvitation.objects.select_related("association", "invited_by")
        .filter(token=token, accepted_at__isnull=True, expires_at__gt=now)
        .first()
    )


@transaction.atomic
def accept(user, token, now=None):
    """`user` joins the invitation's association. Raises MemberError for a used, expired or unknown
    link, or an account that already acts for another association."""
    now = now or timezone.now()
    invitation = valid_invitation(token, now)
    if invitation is None:
        raise MemberError(_("Cette invitation n'est plus valable (déjà utilisée ou expirée)."))
    invitation = AssociationInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise MemberError(_("Cette invitation n'est plus valable (déjà utilisée ou expirée)."))
    try:
        add_member(invitation.association, user)
    except ValidationError as error:
        raise MemberError(" ".join(error.messages)) from None
    invitation.accepted_at, invitation.accepted_by = now, user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return invitation.association


@transaction.atomic
def accept_with_new_account(token, username, password, first_name="", last_name="", now=None):
    """A new account for the invited address, active at once, member of the association."""
    invitation = valid_invitation(token, now)
    if invitation is None:
        raise MemberError(_("Cette invitation n'est plus valable (déjà utilisée ou expirée)."))
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise MemberError(_("Cet identifiant est déjà pris : choisissez-en un autre, ou connectez-vous."))
    user = User(username=username, email=invitation.email, first_name=first_name[:150], last_name=last_name[:150])
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise MemberError(" ".join(error.messages)) from None
    user.set_password(password)
    user.save()
    accept(user, token, now)
    return user


@transaction.atomic
def leave(user):
    """`user` leaves their association; the last member cannot (the association would be orphaned)."""
    member = AssociationMember.objects.select_for_update().filter(user=user).select_related("association").first()
    if member is None:
        raise MemberError(_("Vous n'êtes membre d'aucune association."))
    others = AssociationMember.objects.select_for_update().filter(association=member.association).exclude(pk=member.pk)
    if not others.exists():
        raise MemberError(
            _("Vous êtes le dernier membre de l'association : invitez quelqu'un d'autre avant de la quitter.")
        )
    member.delete()
    user.groups.remove(roles.group_for(roles.ASSOCIATION))
    return member.association


def pending_invitations(association, now=None):
    now = now or timezone.now()
    return association.invitations.filter(accepted_at__isnull=True, expires_at__gt=now)
