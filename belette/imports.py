"""CSV imports of FORMATS.md (units.csv, agents.csv, dispositifs.csv, synonyms.csv).

Rows are matched on their key and updated in place; a bad row is reported with its line number and
reason and does not stop the good ones (unless strict: see core/imports.py, which also holds the
report and the progress bar); importing the same files twice changes nothing. Writes are batched
(bulk_create / bulk_update) so that 10,000 agents import in seconds; the history of changes is
written for every created, updated or deactivated entry."""

from functools import partial
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.csvfiles import split_list
from core.imports import FileReport, no_progress, read_rows, run_import
from core.links import validate_link
from core.models import SynonymSet

from .models import Agent, ChangeRecord, Dispositif, Unit
from .search import directory_changed_in_bulk
from .text import normalise

BATCH = 1000
FILES = ("units.csv", "agents.csv", "dispositifs.csv", "synonyms.csv")
COLUMNS = {
    "units.csv": ("code", "name", "acronym", "parent_code", "kind", "email", "phone", "site"),
    "agents.csv": (
        "id",
        "first_name",
        "last_name",
        "title",
        "unit_code",
        "email",
        "phone",
        "site",
        "topics",
        "backup_id",
        "active",
    ),
    "dispositifs.csv": ("code", "name", "aliases", "summary", "audience", "unit_code", "contact_ids", "portal_url"),
    "synonyms.csv": ("terms",),
}


def _read(path, report):
    """Rows as (line number, dict) of a CSV file (FORMATS.md's common rules), or None when it is refused."""
    return read_rows(report, path, COLUMNS[report.name])


def _email_error(value):
    if not value:
        return None
    try:
        validate_email(value)
    except ValidationError:
        return _("adresse électronique invalide « %(value)s »") % {"value": value}
    return None


def _history(kind, key, action, changes, user):
    return ChangeRecord(
        target_kind=kind, target_key=key, action=action, changes=changes, source=ChangeRecord.Source.IMPORT, user=user
    )


def _apply(model, existing, values, report, history, kind, key, fields_to_update, user):
    """Create or update one entry in memory; returns (obj, is_new, changed)."""
    obj = existing.get(key)
    if obj is None:
        obj = model(**values)
        report.created += 1
        obj._history = _history(
            kind, key, ChangeRecord.Action.CREATED, {name: [None, _json(value)] for name, value in values.items()}, user
        )
        history.append(obj._history)
        return obj, True
    changes = {}
    for name, value in values.items():
        old = getattr(obj, name)
        if old != value:
            changes[name] = [_json(old), _json(value)]
            setattr(obj, name, value)
    if changes:
        report.updated += 1
        fields_to_update.update(changes)
        obj._history = _history(kind, key, ChangeRecord.Action.UPDATED, changes, user)
        history.append(obj._history)
        obj._changed = True
    else:
        report.unchanged += 1
    return obj, False


def _mark_updated(obj, new_ids, report):
    """An entry found unchanged in the first pass but changed by a link in the second one."""
    if id(obj) not in new_ids and not getattr(obj, "_changed", False):
        report.unchanged -= 1
        report.updated += 1
        obj._changed = True


def _note(history, obj, kind, key, name, change, user):
    """Add a change found in a later pass to the entry's history record of this import."""
    record = getattr(obj, "_history", None)
    if record is None:
        obj._history = record = _history(kind, key, ChangeRecord.Action.UPDATED, {}, user)
        history.append(record)
    record.changes[name] = change


def _json(value):
    return list(value) if isinstance(value, (list, tuple)) else value


def _save(model, new, changed, fields_to_update, now):
    model.objects.bulk_create(new, batch_size=BATCH)
    changed = list({id(obj): obj for obj in changed}.values())
    if changed and fields_to_update:
        for obj in changed:
            obj.updated_at = now
        model.objects.bulk_update(changed, sorted(fields_to_update) + ["updated_at"], batch_size=BATCH)


def import_units(path, user=None):
    report = FileReport("units.csv")
    rows = _read(path, report)
    if rows is None:
        return report
    existing = {unit.code: unit for unit in Unit.objects.all()}
    seen, valid = set(), []
    for line, row in rows:
        problem = _unit_problem(row, seen)
        if problem:
            report.reject(line, problem)
            continue
        seen.add(row["code"])
        valid.append((line, row))
    _write_units(_within_the_chart(valid, existing, report), existing, report, user)
    return report


def _unit_problem(row, seen):
    """Why a units.csv row cannot be imported on its own, or None."""
    code = row["code"]
    if not code:
        return _("code manquant")
    if code in seen:
        return _("code « %(code)s » en double dans le fichier") % {"code": code}
    if not row["name"]:
        return _("nom manquant")
    if row["kind"] not in Unit.Kind.values:
        return _("type « %(kind)s » inconnu (attendu : %(kinds)s)") % {
            "kind": row["kind"],
            "kinds": ", ".join(Unit.Kind.values),
        }
    if row["parent_code"] == code:
        return _("une unité ne peut pas être rattachée à elle-même")
    return _email_error(row["email"])


def _within_the_chart(valid, existing, report):
    """The rows that keep the organisation chart one tree. Parents may be declared after their children:
    the whole chart is checked before writing, and the rows whose parent was itself rejected are rejected
    in turn, until nothing moves."""
    parent_of_pk = {unit.pk: unit.code for unit in existing.values()}
    chart = {code: parent_of_pk.get(unit.parent_id, "") for code, unit in existing.items()}
    chart.update({row["code"]: row["parent_code"] for _line, row in valid})
    pending = dict((row["code"], (line, row)) for line, row in valid)
    for code, (line, row) in list(pending.items()):
        roots = sorted(other for other, its_parent in chart.items() if not its_parent)
        if not row["parent_code"] and len(roots) > 1:
            report.reject(
                line,
                _("une seule unité racine est permise (parent_code vide) : %(roots)s") % {"roots": ", ".join(roots)},
            )
        elif _has_cycle(chart, code):
            report.reject(line, _("rattachement circulaire depuis « %(code)s »") % {"code": code})
        else:
            continue
        del pending[code]
        _restore(chart, code, existing, parent_of_pk)
    moved = True
    while moved:
        moved = False
        for code, (line, row) in list(pending.items()):
            parent = row["parent_code"]
            if parent and parent not in pending and parent not in existing:
                report.reject(line, _("unité parente « %(parent)s » inconnue ou rejetée") % {"parent": parent})
                del pending[code]
                _restore(chart, code, existing, parent_of_pk)
                moved = True
    return [row for _line, row in pending.values()]


def _write_units(accepted, existing, report, user):
    parent_of_pk = {unit.pk: unit.code for unit in existing.values()}
    now = timezone.now()
    history, new, changed, fields = [], [], [], set()
    for row in accepted:
        values = {name: row[name] for name in ("code", "name", "acronym", "kind", "email", "phone", "site")}
        obj, is_new = _apply(Unit, existing, values, report, history, "unit", row["code"], fields, user)
        if is_new:
            new.append(obj)
            existing[row["code"]] = obj
        elif getattr(obj, "_changed", False):
            changed.append(obj)
    Unit.objects.bulk_create(new, batch_size=BATCH)
    # Second pass: the parent links, now that every unit has a primary key.
    new_ids = {id(obj) for obj in new}
    for row in accepted:
        obj = existing[row["code"]]
        parent_id = existing[row["parent_code"]].pk if row["parent_code"] else None
        if obj.parent_id != parent_id:
            old_parent = parent_of_pk.get(obj.parent_id)
            obj.parent_id = parent_id
            fields.add("parent_id")
            _mark_updated(obj, new_ids, report)
            changed.append(obj)
            _note(history, obj, "unit", obj.code, "parent_code", [old_parent, row["parent_code"] or None], user)
    _save(Unit, [], changed, fields, now)
    ChangeRecord.objects.bulk_create(history, batch_size=BATCH)


def _restore(chart, code, existing, parent_of_pk):
    """A rejected row leaves the chart as the database has it."""
    if code in existing:
        chart[code] = parent_of_pk.get(existing[code].parent_id, "")
    else:
        chart.pop(code, None)


def _has_cycle(chart, code):
    seen = set()
    while code:
        if code in seen:
            return True
        seen.add(code)
        code = chart.get(code, "")
    return False


# A full import that would deactivate more than this share of the agents in post is refused
# without force (a truncated export must not empty the directory).
MAX_DEACTIVATED_SHARE = 0.2


def import_agents(path, full=False, user=None, progress=no_progress, force=False):
    report = FileReport("agents.csv")
    rows = _read(path, report)
    if rows is None:
        return report
    units = dict(Unit.objects.values_list("code", "pk"))
    existing = {agent.hr_id: agent for agent in Agent.objects.all()}
    file_ids = {row["id"] for _line, row in rows if row["id"]}
    seen, accepted = set(), []
    for line, row in rows:
        problem = _agent_problem(row, seen, units, file_ids, existing)
        if row["id"]:
            seen.add(row["id"])
        if problem:
            report.reject(line, problem)
            continue
        accepted.append(row)
    now = timezone.now()
    history, new, changed, fields = [], [], [], set()
    for row in progress(accepted, "agents.csv"):
        values = {
            "hr_id": row["id"],
            "first_name": row["first_name"],
            "last_name": row["last_name"],
            "title": row["title"],
            "unit_id": units[row["unit_code"]],
            "email": row["email"],
            "phone": row["phone"],
            "site": row["site"],
            "topics": split_list(row["topics"]),
            "active": row["active"] == "yes",
        }
        obj, is_new = _apply(Agent, existing, values, report, history, "agent", row["id"], fields, user)
        if is_new:
            new.append(obj)
            existing[row["id"]] = obj
        elif getattr(obj, "_changed", False):
            changed.append(obj)
    Agent.objects.bulk_create(new, batch_size=BATCH)
    _link_backups(accepted, existing, {id(obj) for obj in new}, report, history, changed, fields, user)
    if full:
        _deactivate_missing(existing, file_ids, report, history, changed, fields, user, force)
    _save(Agent, [], changed, fields, now)
    ChangeRecord.objects.bulk_create(history, batch_size=BATCH)
    return report


def _agent_problem(row, seen, units, file_ids, existing):
    """Why an agents.csv row cannot be imported, or None."""
    hr_id, backup_id = row["id"], row["backup_id"]
    if not hr_id:
        return _("identifiant (id) manquant")
    if hr_id in seen:
        return _("identifiant « %(id)s » en double dans le fichier") % {"id": hr_id}
    if not row["first_name"] or not row["last_name"]:
        return _("prénom ou nom manquant")
    if row["unit_code"] not in units:
        return _("unité « %(unit)s » inconnue") % {"unit": row["unit_code"]}
    if row["active"] not in ("yes", "no"):
        return _("active vaut « %(value)s » (attendu : yes ou no)") % {"value": row["active"]}
    if backup_id and backup_id == hr_id:
        return _("un agent ne peut pas être son propre suppléant")
    if backup_id and backup_id not in file_ids and backup_id not in existing:
        return _("suppléant « %(id)s » inconnu") % {"id": backup_id}
    return _email_error(row["email"])


def _link_backups(accepted, existing, new_ids, report, history, changed, fields, user):
    """Second pass: backups, now that every agent has a primary key."""
    key_of_pk = {agent.pk: hr_id for hr_id, agent in existing.items()}
    for row in accepted:
        obj = existing[row["id"]]
        backup_id = existing[row["backup_id"]].pk if row["backup_id"] else None
        if obj.backup_id != backup_id:
            old = key_of_pk.get(obj.backup_id)
            obj.backup_id = backup_id
            fields.add("backup_id")
            _mark_updated(obj, new_ids, report)
            changed.append(obj)
            _note(history, obj, "agent", obj.hr_id, "backup_id", [old, row["backup_id"] or None], user)


def _deactivate_missing(existing, file_ids, report, history, changed, fields, user, force=False):
    """A full import deactivates (never deletes) the agents absent from the file, within a limit:
    a file without any agent deactivates nobody, and more than MAX_DEACTIVATED_SHARE of the agents in
    post needs force. `report.to_deactivate` lists who (for --dry-run)."""
    missing = sorted(
        (obj for hr_id, obj in existing.items() if hr_id not in file_ids and obj.active),
        key=lambda obj: (obj.last_name, obj.first_name, obj.hr_id),
    )
    report.to_deactivate = [f"{obj.full_name} ({obj.hr_id})" for obj in missing]
    if missing and not file_ids:
        report.reject_file(
            _("agents.csv ne contient aucun agent : l'import complet n'en désactive aucun (%(count)d en poste).")
            % {"count": len(missing)}
        )
        return
    in_post = sum(1 for obj in existing.values() if obj.active)
    if not force and in_post and len(missing) > MAX_DEACTIVATED_SHARE * in_post:
        report.reject_file(
            _(
                "l'import complet désactiverait %(count)d agent(s) sur %(total)d en poste (plus de %(share)d %%) : "
                "personne n'a été désactivé. Vérifiez le fichier (--dry-run en donne la liste) ou relancez avec "
                "--force."
            )
            % {"count": len(missing), "total": in_post, "share": round(MAX_DEACTIVATED_SHARE * 100)}
        )
        return
    for obj in missing:
        obj.active = False
        fields.add("active")
        report.deactivated += 1
        changed.append(obj)
        history.append(_history("agent", obj.hr_id, ChangeRecord.Action.DEACTIVATED, {"active": [True, False]}, user))


def import_dispositifs(path, user=None):
    report = FileReport("dispositifs.csv")
    rows = _read(path, report)
    if rows is None:
        return report
    units = dict(Unit.objects.values_list("code", "pk"))
    agents = dict(Agent.objects.values_list("hr_id", "pk"))
    existing = {item.code: item for item in Dispositif.objects.prefetch_related("contacts")}
    seen, accepted = set(), []
    for line, row in rows:
        problem = _dispositif_problem(row, seen, units, agents)
        seen.add(row["code"])
        if problem:
            report.reject(line, problem)
            continue
        accepted.append(row)
    now = timezone.now()
    history, new, changed, fields = [], [], [], set()
    for row in accepted:
        values = {
            "code": row["code"],
            "name": row["name"],
            "aliases": split_list(row["aliases"]),
            "summary": row["summary"],
            "audience": split_list(row["audience"]),
            "unit_id": units[row["unit_code"]],
            "portal_url": row["portal_url"],
        }
        obj, is_new = _apply(Dispositif, existing, values, report, history, "dispositif", row["code"], fields, user)
        if is_new:
            new.append(obj)
        elif getattr(obj, "_changed", False):
            changed.append(obj)
    _save(Dispositif, new, changed, fields, now)
    _link_contacts(accepted, {obj.code: obj for obj in new}, existing, agents, report, history, now, user)
    ChangeRecord.objects.bulk_create(history, batch_size=BATCH)
    return report


def _dispositif_problem(row, seen, units, agents):
    """Why a dispositifs.csv row cannot be imported, or None."""
    unknown = [hr_id for hr_id in split_list(row["contact_ids"]) if hr_id not in agents]
    if not row["code"]:
        return _("code manquant")
    if row["code"] in seen:
        return _("code « %(code)s » en double dans le fichier") % {"code": row["code"]}
    if not row["name"]:
        return _("nom manquant")
    if row["unit_code"] not in units:
        return _("unité « %(unit)s » inconnue") % {"unit": row["unit_code"]}
    if unknown:
        return _("contact(s) inconnu(s) : %(ids)s") % {"ids": ", ".join(unknown)}
    if row["portal_url"]:
        try:
            validate_link(row["portal_url"])  # the rule of the admin form (core/links.py)
        except ValidationError:
            return _("adresse de la page publique invalide « %(url)s »") % {"url": row["portal_url"]}
    return None


def _link_contacts(accepted, by_code, existing, agents, report, history, now, user):
    """Second pass: each dispositif's contacts, now that it has a primary key."""
    links = Dispositif.contacts.through
    for row in accepted:
        wanted = [agents[hr_id] for hr_id in split_list(row["contact_ids"])]
        obj = by_code.get(row["code"]) or existing[row["code"]]
        current = [] if row["code"] in by_code else [agent.pk for agent in obj.contacts.all()]
        if set(current) == set(wanted):
            continue
        links.objects.filter(dispositif_id=obj.pk).delete()
        links.objects.bulk_create([links(dispositif_id=obj.pk, agent_id=pk) for pk in dict.fromkeys(wanted)])
        if row["code"] not in by_code:
            if not getattr(obj, "_changed", False):
                report.unchanged -= 1
                report.updated += 1
                Dispositif.objects.filter(pk=obj.pk).update(updated_at=now)
            pk_to_id = {pk: hr_id for hr_id, pk in agents.items()}
            _note(
                history,
                obj,
                "dispositif",
                obj.code,
                "contact_ids",
                [sorted(pk_to_id[pk] for pk in current), split_list(row["contact_ids"])],
                user,
            )


def import_synonyms(path, user=None):
    report = FileReport("synonyms.csv")
    rows = _read(path, report)
    if rows is None:
        return report
    existing = {frozenset(normalise(term) for term in item.terms) for item in SynonymSet.objects.all()}
    new = []
    for line, row in rows:
        terms = list(dict.fromkeys(split_list(row["terms"])))
        if len(terms) < 2:
            report.reject(line, _("un ensemble de synonymes doit compter au moins deux termes séparés par |"))
            continue
        key = frozenset(normalise(term) for term in terms)
        if key in existing:
            report.unchanged += 1
            continue
        existing.add(key)
        new.append(SynonymSet(terms=terms))
        report.created += 1
    SynonymSet.objects.bulk_create(new)
    return report


IMPORTERS = {
    "units.csv": import_units,
    "agents.csv": import_agents,
    "dispositifs.csv": import_dispositifs,
    "synonyms.csv": import_synonyms,
}


def import_directory(directory, full=False, strict=False, user=None, progress=no_progress, force=False, dry_run=False):
    """Import every file of FORMATS.md found in `directory`, units first (the others point at them), as one
    run (see core.imports.run_import). Returns the ImportReport. dry_run: the same run, rolled back."""
    steps = []
    for name in FILES:
        path = Path(directory) / name
        if path.exists():
            options = {"full": full, "progress": progress, "force": force} if name == "agents.csv" else {}
            steps.append(partial(IMPORTERS[name], path, user=user, **options))
    if not dry_run:
        return run_import(steps, strict=strict, after=_reindex_if_changed)
    with transaction.atomic():
        report = run_import(steps, strict=strict)
        transaction.set_rollback(True)
    return report


def _reindex_if_changed(report):
    if report.changed:
        directory_changed_in_bulk()
