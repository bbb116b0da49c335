"""Guards that keep a published jury session, and its decisions, as they were published: whatever the
path (admin, shell, a cascade from another deletion), deleting them or changing the session's members
is refused. The admin never offers these actions (programme.wagtail_hooks); these are the last line."""

from django.core.exceptions import ValidationError
from django.db.models.deletion import ProtectedError
from django.db.models.signals import m2m_changed, pre_delete
from django.utils.translation import gettext as _

from .models import JuryDecision, JurySession, SelectionDecision


def refuse_deleting_a_published_session(sender, instance, **kwargs):
    if JurySession.objects.filter(pk=instance.pk, published_at__isnull=False).exists():
        raise ProtectedError(_("Une session de jury publiée et ses décisions ne se suppriment pas."), {instance})


def refuse_deleting_a_published_decision(sender, instance, **kwargs):
    if JurySession.objects.filter(pk=instance.session_id, published_at__isnull=False).exists():
        raise ProtectedError(_("Une session de jury publiée et ses décisions ne se suppriment pas."), {instance})


def refuse_changing_a_published_jury(sender, instance, action, **kwargs):
    if action not in ("pre_add", "pre_remove", "pre_clear"):
        return
    sessions = [instance.pk] if isinstance(instance, JurySession) else list(kwargs.get("pk_set") or [])
    if JurySession.objects.filter(pk__in=sessions, published_at__isnull=False).exists():
        raise ValidationError(_("Cette session est publiée : ses membres ne changent plus."))


def connect():
    pre_delete.connect(refuse_deleting_a_published_session, sender=JurySession, dispatch_uid="programme_jury_del")
    pre_delete.connect(refuse_deleting_a_published_decision, sender=JuryDecision, dispatch_uid="programme_dec_del")
    pre_delete.connect(
        refuse_deleting_a_published_decision, sender=SelectionDecision, dispatch_uid="programme_selection_del"
    )
    for relation in (JurySession.members.through, JurySession.present.through):
        m2m_changed.connect(refuse_changing_a_published_jury, sender=relation, dispatch_uid=f"programme_{relation}")
