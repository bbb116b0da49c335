"""The history of changes of units, agents and dispositifs: one place writes it, whatever the source
(CSV import, admin, accepted correction)."""

from wagtail.log_actions import log

from .models import Agent, ChangeRecord, Dispositif, Unit

# The action written to Wagtail's own log (the admin's "Historique"), with the changes in French.
LOG_ACTION = "belette.change"
MODELS = {"agent": (Agent, "hr_id"), "unit": (Unit, "code"), "dispositif": (Dispositif, "code")}


def diff(before, after):
    """{field: [old, new]} for the fields whose value differs between two snapshots."""
    return {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}


def record(kind, key, action, changes=None, source=ChangeRecord.Source.ADMIN, user=None, instance=None):
    """Write one change to the entry's history and to Wagtail's log of the object (so the admin's
    history shows the same changes, field by field, in French)."""
    change = ChangeRecord.objects.create(
        target_kind=kind, target_key=key, action=action, changes=changes or {}, source=source, user=user
    )
    if instance is None and action != ChangeRecord.Action.DELETED and kind in MODELS:
        model, field = MODELS[kind]
        instance = model.objects.filter(**{field: key}).first()
    if instance is not None:
        log(
            instance=instance,
            action=LOG_ACTION,
            user=user,
            data={
                "action": change.get_action_display(),
                "source": change.get_source_display(),
                "changes": [list(row) for row in change.labelled_changes()],
            },
        )
    return change


def contacts_of(dispositif):
    """A dispositif's contacts as readable, sorted labels (for the history)."""
    return sorted(f"{agent.full_name} ({agent.hr_id})" for agent in dispositif.contacts.all())


def record_instance_edit(instance, source=ChangeRecord.Source.ADMIN, user=None, extra=None):
    """Write the difference between the values loaded from the database and the saved ones (plus
    `extra` changes, {field: [old, new]}, such as a dispositif's contacts)."""
    before = {name: _plain(value) for name, value in getattr(instance, "_loaded_values", {}).items()}
    if not before:
        return record(
            instance.search_kind,
            instance.key,
            ChangeRecord.Action.CREATED,
            instance.tracked_snapshot(),
            source,
            user,
            instance=instance,
        )
    changes = diff(before, instance.tracked_snapshot())
    changes.update({name: values for name, values in (extra or {}).items() if values[0] != values[1]})
    if not changes:
        return None
    return record(
        instance.search_kind, instance.key, ChangeRecord.Action.UPDATED, changes, source, user, instance=instance
    )


def _plain(value):
    return list(value) if isinstance(value, (list, tuple)) else value
