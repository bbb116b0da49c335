"""Keep the search indexes in step with the data on every save and delete (bulk imports call
search.directory_changed_in_bulk themselves)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from core.models import SynonymSet

from .models import Agent, Dispositif, Unit
from .search import directory_changed, directory_changed_in_bulk, unit_changed


@receiver(post_save, sender=Unit)
@receiver(post_save, sender=Agent)
@receiver(post_save, sender=Dispositif)
def entry_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        directory_changed(instance.search_kind, instance.key)


@receiver(post_save, sender=Unit)
def unit_saved(sender, instance, created=False, raw=False, **kwargs):
    # Agents and dispositifs carry their unit's name and path in the index: renaming or moving a unit
    # re-indexes them.
    loaded = getattr(instance, "_loaded_values", None)
    if raw or created or loaded is None:
        return
    if any(loaded.get(name) != getattr(instance, name) for name in ("name", "acronym", "parent_id")):
        unit_changed(instance)


@receiver(post_delete, sender=Unit)
@receiver(post_delete, sender=Agent)
@receiver(post_delete, sender=Dispositif)
def entry_deleted(sender, instance, **kwargs):
    directory_changed(instance.search_kind, instance.key, deleted=True)


@receiver(m2m_changed, sender=Dispositif.contacts.through)
def contacts_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Dispositif):
        directory_changed("dispositif", instance.code)


@receiver(post_save, sender=SynonymSet)
@receiver(post_delete, sender=SynonymSet)
def synonyms_changed(sender, raw=False, **kwargs):
    # Synonyms change the analysis of every document: Elasticsearch needs a full reindex.
    if not raw:
        directory_changed_in_bulk()
