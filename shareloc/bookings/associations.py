"""Associations: their identifiers (RNA or SIRET), sign-up with e-mail verification, members.

The SIRET is checked by python-stdnum (Luhn key of the SIREN and of the SIRET); the RNA number has no
check digit, only its shape: "W" and 9 digits.

A sign-up is pending until its e-mail address is confirmed: its association (`email_confirmed=False`)
holds no RNA or SIRET, so that anyone cannot block a real association by signing up in its name. The
first pending sign-up to confirm takes the number; the others' links then say it is taken. Pending
sign-ups expire with their link (PASSWORD_RESET_TIMEOUT, three days): `expire_unconfirmed_sign_ups`
deletes them, on each sign-up and from the `shareloc_expire_sign_ups` command.
"""

import datetime as dt
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siret as stdnum_siret

from core import roles

from .emails import send_verification
from .models import Association, AssociationMember

RNA_PATTERN = re.compile(r"W\d{9}")


def clean_rna(value):
    """The RNA number in its canonical form ("W595012345"), or ValidationError."""
    compact = re.sub(r"\s", "", value or "").upper()
    if not RNA_PATTERN.fullmatch(compact):
        raise ValidationError(
            _("Un numéro RNA s'écrit W suivi de 9 chiffres (par exemple W595012345)."), code="rna_format"
        )
    return compact


def clean_siret(value):
    """The SIRET as 14 digits, or ValidationError when its check keys are wrong."""
    try:
        return stdnum_siret.validate(value or "")
    except StdnumError:
        raise ValidationError(
            _("Ce numéro SIRET n'est pas valide (14 chiffres, clés de contrôle)."), code="siret_invalid"
        ) from None


def clean_identifiers(rna="", siret=""):
    """(rna, siret) checked: exactly one of them, valid, and not already registered."""
    rna, siret = (rna or "").strip(), (siret or "").strip()
    if bool(rna) == bool(siret):
        raise ValidationError(
            _("Indiquez soit le numéro RNA, soit le SIRET de l'association."), code="identifier_missing"
        )
    errors = {}
    try:
        rna = clean_rna(rna) if rna else ""
    except ValidationError as error:
        errors["rna"] = error
    try:
        siret = clean_siret(siret) if siret else ""
    except ValidationError as error:
        errors["siret"] = error
    if errors:
        raise ValidationError(errors)
    check_identifiers_free(rna, siret)
    return rna, siret


def check_identifiers_free(rna, siret, exclude_pk=None):
    """ValidationError when a confirmed association already holds this RNA or SIRET."""
    confirmed = Association.objects.filter(email_confirmed=True).exclude(pk=exclude_pk)
    if rna and confirmed.filter(rna=rna).exists():
        raise ValidationError({"rna": _("Une association porte déjà ce numéro RNA.")})
    if siret and confirmed.filter(siret=siret).exists():
        raise ValidationError({"siret": _("Une association porte déjà ce SIRET.")})


def add_member(association, user):
    member, _created = AssociationMember.objects.get_or_create(user=user, defaults={"association": association})
    if member.association_id != association.pk:
        raise ValidationError(_("Ce compte est déjà membre d'une autre association."), code="other_association")
    user.groups.add(roles.group_for(roles.ASSOCIATION))
    return member


@transaction.atomic
def register(name, contact_name, contact_email, user, rna="", siret="", contact_phone="", confirmed=True):
    """Create an association with `user` as its first member (pending until confirmed, for a sign-up)."""
    rna, siret = clean_identifiers(rna, siret)
    association = Association.objects.create(
        email_confirmed=confirmed,
        name=name.strip(),
        rna=rna,
        siret=siret,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
    )
    add_member(association, user)
    return association


@transaction.atomic
def sign_up(*, username, email, password, name, contact_name, rna="", siret="", contact_phone=""):
    """A new account (inactive until its e-mail address is verified) and its association."""
    User = get_user_model()
    expire_unconfirmed_sign_ups()
    first_name, _space, last_name = contact_name.strip().partition(" ")
    user = User(username=username, email=email, first_name=first_name[:150], last_name=last_name[:150], is_active=False)
    user.set_password(password)
    user.save()
    association = register(
        name, contact_name, email, user, rna=rna, siret=siret, contact_phone=contact_phone, confirmed=False
    )
    send_verification(user)
    return association


@transaction.atomic
def verify(uidb64, token):
    """Activate the account the link was made for, and let its association take its RNA or SIRET.

    None when the link is wrong, expired or already used; ValidationError (French) when a confirmed
    association took the number meanwhile (the pending sign-up is then left to expire)."""
    User = get_user_model()
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        return None
    # The token changes once the account is active (last_login, password): a link works once.
    if user.is_active or not default_token_generator.check_token(user, token):
        return None
    member = AssociationMember.objects.select_related("association").filter(user=user).first()
    if member is not None and not member.association.email_confirmed:
        confirm_association(member.association)
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


def confirm_association(association):
    taken = _("Une autre association a confirmé ce numéro avant vous : contactez la Région.")
    try:
        check_identifiers_free(association.rna, association.siret, exclude_pk=association.pk)
        association.email_confirmed = True
        with transaction.atomic():  # two confirmations at once: the unique constraint decides
            association.save(update_fields=["email_confirmed"])
    except (ValidationError, IntegrityError):
        raise ValidationError(taken, code="identifier_taken") from None


def expire_unconfirmed_sign_ups(now=None):
    """Delete the sign-ups whose link expired unused (association and inactive accounts); how many."""
    now = now or timezone.now()
    limit = now - dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    User = get_user_model()
    stale = Association.objects.filter(email_confirmed=False, created_at__lt=limit).exclude(
        members__user__is_active=True
    )
    with transaction.atomic():
        stale_ids = list(stale.values_list("pk", flat=True))
        user_ids = list(
            User.objects.filter(
                shareloc_membership__association__in=stale_ids, is_active=False, last_login__isnull=True
            ).values_list("pk", flat=True)
        )
        Association.objects.filter(pk__in=stale_ids).delete()
        User.objects.filter(pk__in=user_ids).delete()
    return len(stale_ids)
