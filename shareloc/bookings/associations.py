"""Associations: their identifiers (RNA or SIRET), sign-up with e-mail verification, members.

The SIRET is checked by python-stdnum (Luhn key of the SIREN and of the SIRET); the RNA number has no
check digit, only its shape: "W" and 9 digits.
"""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
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
    if rna and Association.objects.filter(rna=rna).exists():
        raise ValidationError({"rna": _("Une association porte déjà ce numéro RNA.")})
    if siret and Association.objects.filter(siret=siret).exists():
        raise ValidationError({"siret": _("Une association porte déjà ce SIRET.")})
    return rna, siret


def add_member(association, user):
    member, _created = AssociationMember.objects.get_or_create(user=user, defaults={"association": association})
    if member.association_id != association.pk:
        raise ValidationError(_("Ce compte est déjà membre d'une autre association."), code="other_association")
    user.groups.add(roles.group_for(roles.ASSOCIATION))
    return member


@transaction.atomic
def register(name, contact_name, contact_email, user, rna="", siret="", contact_phone=""):
    """Create an association with `user` as its first member."""
    rna, siret = clean_identifiers(rna, siret)
    association = Association.objects.create(
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
    first_name, _space, last_name = contact_name.strip().partition(" ")
    user = User(username=username, email=email, first_name=first_name[:150], last_name=last_name[:150], is_active=False)
    user.set_password(password)
    user.save()
    association = register(name, contact_name, email, user, rna=rna, siret=siret, contact_phone=contact_phone)
    send_verification(user)
    return association


def verify(uidb64, token):
    """Activate the account the link was made for; None when the link is wrong or already used."""
    User = get_user_model()
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        return None
    # The token changes once the account is active (last_login, password): a link works once.
    if user.is_active or not default_token_generator.check_token(user, token):
        return None
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user
