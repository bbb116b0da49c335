"""CSV imports of FORMATS.md (lycées, communes, and Shareloc's spaces, windows, closures, bookings,
equipment), shared by the management commands and the demo loader.

Common rules (FORMATS.md), kept by core/csvfiles.py and core/imports.py (the report, `--strict`, the
progress bar): UTF-8 with or without BOM; unknown columns reported and ignored; a missing required
column rejects the file before anything is written; each bad row is reported with its line number and
does not stop the good ones (unless strict); rows are matched on their key and updated in place, so a
second import changes nothing.

How a row is never half-written: every row is parsed and checked in full before any write, and one
row is one database row (or, for windows, one space's set). The good rows are then written in bulk in
one transaction; should the database still refuse (a constraint that only it knows), the file is
written again row by row, each in its own savepoint, and the refused rows are reported.
"""

import datetime as dt
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from functools import partial
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backends

from core.csvfiles import EXTRA_CELLS
from core.dates import local, parse_local_datetime
from core.imports import FileReport, no_progress, read_rows, run_import

from .displacement import (
    closure_reason,
    describe,
    displaced_by_closure,
    displaced_by_windows,
    windows_changed_reason,
    withdraw,
)
from .models import (
    DEPARTMENTS,
    EQUIPMENT_BITS,
    WEEKDAY_CODES,
    Booking,
    BookingSource,
    BookingStatus,
    Closure,
    Commune,
    LendableEquipment,
    Lycee,
    OpeningWindow,
    Space,
    SpaceKind,
    WindowPeriod,
    commune_key,
    equipment_mask,
    validate_uai,
    weekday_mask,
)

DEPARTMENT_CODES = {code for code, _label in DEPARTMENTS}
BATCH = 500

SHARELOC_FILES = ("spaces", "windows", "closures", "bookings", "equipment")  # import order of a folder


class RowError(Exception):
    """A row that cannot be imported; the message says why, in French."""


# --- parsing cells ---


def text(row, column, required=True, max_length=None):
    value = row.get(column, "")
    if required and not value:
        raise RowError(_("« %(column)s » est vide.") % {"column": column})
    if max_length and len(value) > max_length:
        raise RowError(_("« %(column)s » dépasse %(max)d caractères.") % {"column": column, "max": max_length})
    return value


def integer(row, column, minimum=None, required=True):
    value = row.get(column, "")
    if not value and not required:
        return None
    try:
        number = int(value)
    except ValueError:
        raise RowError(
            _("« %(column)s » doit être un nombre entier (reçu « %(value)s »).") % {"column": column, "value": value}
        ) from None
    if minimum is not None and number < minimum:
        raise RowError(
            _("« %(column)s » doit être au moins %(min)d (reçu %(value)d).")
            % {"column": column, "min": minimum, "value": number}
        )
    return number


def decimal(row, column, minimum=Decimal("0")):
    value = row.get(column, "")
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        raise RowError(
            _("« %(column)s » doit être un nombre décimal (reçu « %(value)s »).") % {"column": column, "value": value}
        ) from None
    if not number.is_finite() or number < minimum or number >= Decimal("1000000"):
        raise RowError(
            _("« %(column)s » doit être un nombre positif ou nul (reçu « %(value)s »).")
            % {"column": column, "value": value}
        )
    return number.quantize(Decimal("0.01"))


def coordinate(row, column, low, high):
    value = row.get(column, "")
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise RowError(
            _("« %(column)s » doit être un nombre (reçu « %(value)s »).") % {"column": column, "value": value}
        ) from None
    if not low <= number <= high:
        raise RowError(_("« %(column)s » est hors limites (reçu %(value)s).") % {"column": column, "value": value})
    return number


def yes_no(row, column):
    value = row.get(column, "").lower()
    if value not in {"yes", "no"}:
        raise RowError(
            _("« %(column)s » doit valoir yes ou no (reçu « %(value)s »).")
            % {"column": column, "value": row.get(column, "")}
        )
    return value == "yes"


def choice(row, column, allowed):
    value = row.get(column, "")
    if value not in allowed:
        raise RowError(
            _("« %(column)s » : valeur inconnue « %(value)s » (attendu : %(allowed)s).")
            % {"column": column, "value": value, "allowed": ", ".join(allowed)}
        )
    return value


def code_list(row, column, allowed, required=False):
    items = [item.strip() for item in row.get(column, "").split("|") if item.strip()]
    unknown = [item for item in items if item not in allowed]
    if unknown:
        raise RowError(
            _("« %(column)s » : code(s) inconnu(s) %(codes)s.") % {"column": column, "codes": ", ".join(unknown)}
        )
    if required and not items:
        raise RowError(_("« %(column)s » est vide.") % {"column": column})
    return list(dict.fromkeys(items))  # without duplicates, in the file's order


def parse_date(row, column):
    value = row.get(column, "")
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else _bad_date(column, value)
    except ValueError:
        return _bad_date(column, value)


def _bad_date(column, value):
    raise RowError(
        _("« %(column)s » doit être une date AAAA-MM-JJ (reçu « %(value)s »).") % {"column": column, "value": value}
    )


def parse_time(row, column):
    value = row.get(column, "")
    try:
        if len(value) != 5:
            raise ValueError
        return dt.time.fromisoformat(value)
    except ValueError:
        raise RowError(
            _("« %(column)s » doit être une heure HH:MM (reçu « %(value)s »).") % {"column": column, "value": value}
        ) from None


def parse_datetime(row, column):
    value = row.get(column, "")
    try:
        return parse_local_datetime(value)
    except ValueError:
        raise RowError(
            _(
                "« %(column)s » doit être une date et heure AAAA-MM-JJTHH:MM, heure de Paris, "
                "existante (reçu « %(value)s »)."
            )
            % {"column": column, "value": value}
        ) from None


def check_no_extra_cells(row):
    if EXTRA_CELLS in row:
        raise RowError(_("La ligne a plus de cellules que l'en-tête n'a de colonnes."))


# --- writing ---


def write(report, creates, updates, update_fields, lines):
    """Bulk-write the good rows in one transaction; if the database refuses, row by row in savepoints.
    `lines` maps id(instance) to its line number for the report."""
    try:
        with transaction.atomic():
            if creates:
                _model_of(creates).objects.bulk_create(creates, batch_size=BATCH)
            if updates:
                _model_of(updates).objects.bulk_update(updates, update_fields, batch_size=BATCH)
    except DatabaseError:
        for instance in creates:
            instance.pk = None
            instance._state.adding = True
        for instance, is_new in [(item, True) for item in creates] + [(item, False) for item in updates]:
            try:
                with transaction.atomic():
                    if is_new:
                        type(instance).objects.bulk_create([instance])
                    else:
                        type(instance).objects.bulk_update([instance], update_fields)
            except DatabaseError as error:
                report.reject(
                    lines[id(instance)],
                    _("Refusée par la base de données : %(error)s") % {"error": str(error).splitlines()[0][:200]},
                )
                if is_new:
                    report.created -= 1
                else:
                    report.updated -= 1


def _model_of(instances):
    return type(instances[0])


def sync(report, model, parsed, existing, fields):
    """Create or update `model` rows from `parsed` [(line, key, values)]; `existing` {key: instance}."""
    creates, updates, lines, seen = [], [], {}, {}
    for line, key, values in parsed:
        if key in seen:
            report.reject(line, _("Clé en double : déjà présente à la ligne %(line)d.") % {"line": seen[key]})
            continue
        seen[key] = line
        instance = existing.get(key)
        if instance is None:
            instance = model(**values)
            creates.append(instance)
            report.created += 1
        elif any(getattr(instance, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(instance, name, value)
            updates.append(instance)
            report.updated += 1
        else:
            report.unchanged += 1
            continue
        lines[id(instance)] = line
    write(report, creates, updates, fields, lines)


def run_file(name, path, required, optional, import_rows):
    """Read the file by FORMATS.md's common rules, then let `import_rows(rows, report)` parse every row
    (rejecting the bad ones in the report) and write the good ones."""
    report = FileReport(name)
    rows = read_rows(report, path, required, optional)
    if rows is not None:
        import_rows(rows, report)
    return report


def parse_each(rows, report, progress, description, parse_row):
    """[(line, key, values)] of the rows `parse_row` accepts; the others are rejected (RowError,
    ValidationError) or counted as ignored (None)."""
    parsed = []
    for line, row in progress(rows, description):
        try:
            check_no_extra_cells(row)
            result = parse_row(row)
        except RowError as error:
            report.reject(line, str(error))
            continue
        except ValidationError as error:
            report.reject(line, " ".join(error.messages))
            continue
        if result is None:
            report.ignored += 1
            continue
        parsed.append((line, *result))
    return parsed


# --- communes_hdf.csv ---

COMMUNE_COLUMNS = ("code_insee", "name", "department", "postal_codes", "population", "latitude", "longitude")


def import_communes(path, progress=no_progress):
    def parse(rows, report):
        def parse_row(row):
            code = text(row, "code_insee", max_length=5)
            if len(code) != 5:
                raise RowError(_("« code_insee » doit compter 5 caractères (reçu « %(value)s »).") % {"value": code})
            return code, {
                "code_insee": code,
                "name": text(row, "name", max_length=120),
                "search_name": commune_key(text(row, "name", max_length=120)),
                "department": text(row, "department", max_length=3),
                "postal_codes": "|".join(code_list(row, "postal_codes", _AnyCode())),
                "population": integer(row, "population", minimum=0, required=False),
                "latitude": coordinate(row, "latitude", -90, 90),
                "longitude": coordinate(row, "longitude", -180, 180),
            }

        parsed = parse_each(rows, report, progress, "communes", parse_row)
        existing = Commune.objects.in_bulk([key for _line, key, _values in parsed])
        sync(report, Commune, parsed, existing, [c for c in COMMUNE_COLUMNS if c != "code_insee"] + ["search_name"])

    return run_file("communes", path, COMMUNE_COLUMNS, (), parse)


class _AnyCode:
    def __contains__(self, item):
        return True


# --- lycees_hdf.csv ---

LYCEE_COLUMNS = (
    "uai",
    "nom",
    "type",
    "secteur",
    "code_postal",
    "commune",
    "code_insee_commune",
    "departement",
    "academie",
    "latitude",
    "longitude",
)
LYCEE_OPTIONAL = ("type_ips_2021_22",)


def import_lycees(path, progress=no_progress):
    """The public lycées of lycees_hdf.csv (private ones are counted as ignored)."""
    communes = set(Commune.objects.values_list("code_insee", flat=True))

    def parse(rows, report):
        def parse_row(row):
            sector = text(row, "secteur")
            if sector not in {"Public", "Privé"}:
                raise RowError(_("« secteur » doit valoir Public ou Privé (reçu « %(value)s »).") % {"value": sector})
            if sector != "Public":
                return None
            uai = text(row, "uai").upper()
            validate_uai(uai)
            code_insee = text(row, "code_insee_commune", required=False, max_length=5)
            return uai, {
                "uai": uai,
                "name": text(row, "nom", max_length=255),
                "type": text(row, "type", required=False, max_length=20),
                "postal_code": text(row, "code_postal", required=False, max_length=5),
                "commune_name": text(row, "commune", max_length=120),
                "code_insee": code_insee,
                "commune_id": code_insee if code_insee in communes else None,
                "department": choice(row, "departement", sorted(DEPARTMENT_CODES)),
                "academie": text(row, "academie", required=False, max_length=60),
                "latitude": coordinate(row, "latitude", -90, 90),
                "longitude": coordinate(row, "longitude", -180, 180),
            }

        parsed = parse_each(rows, report, progress, "lycées", parse_row)
        existing = {lycee.uai: lycee for lycee in Lycee.objects.filter(uai__in=[k for _l, k, _v in parsed])}
        fields = [
            "name",
            "type",
            "postal_code",
            "commune_name",
            "code_insee",
            "commune_id",
            "department",
            "academie",
            "latitude",
            "longitude",
        ]
        sync(report, Lycee, parsed, existing, fields)
        # Spaces keep a copy of their lycée's département for the search index.
        for lycee in Lycee.objects.filter(uai__in=[k for _l, k, _v in parsed]).only("pk", "department"):
            Space.objects.filter(lycee=lycee).exclude(department=lycee.department).update(department=lycee.department)

    return run_file("lycées", path, LYCEE_COLUMNS, LYCEE_OPTIONAL, parse)


# --- Shareloc files ---


def _lycees_by_uai(rows):
    uais = {row.get("uai", "").upper() for _line, row in rows}
    return {lycee.uai: lycee for lycee in Lycee.objects.filter(uai__in=uais)}


def _spaces_by_key(rows):
    uais = {row.get("uai", "").upper() for _line, row in rows}
    return {
        (space.lycee.uai, space.code): space
        for space in Space.objects.filter(lycee__uai__in=uais).select_related("lycee")
    }


def _lycee(row, lycees):
    uai = text(row, "uai").upper()
    lycee = lycees.get(uai)
    if lycee is None:
        raise RowError(_("Lycée inconnu : « %(uai)s » (importez d'abord les lycées).") % {"uai": uai})
    return lycee


def _space(row, spaces, column="space_code"):
    uai, code = text(row, "uai").upper(), text(row, column)
    space = spaces.get((uai, code))
    if space is None:
        raise RowError(
            _("Espace inconnu : « %(uai)s/%(code)s » (importez d'abord spaces.csv).") % {"uai": uai, "code": code}
        )
    return space


SPACE_COLUMNS = (
    "uai",
    "code",
    "name",
    "kind",
    "capacity",
    "area_m2",
    "accessible",
    "equipment",
    "hourly_rate_eur",
    "description",
)
SPACE_FIELDS = [
    "name",
    "kind",
    "capacity",
    "area_m2",
    "accessible",
    "equipment",
    "equipment_mask",
    "hourly_rate_eur",
    "description",
    "department",
]


def import_spaces(path, progress=no_progress):
    def parse(rows, report):
        lycees = _lycees_by_uai(rows)

        def parse_row(row):
            lycee = _lycee(row, lycees)
            code = text(row, "code", max_length=30)
            equipment = code_list(row, "equipment", EQUIPMENT_BITS)
            return (lycee.uai, code), {
                "lycee_id": lycee.pk,
                "code": code,
                "name": text(row, "name", max_length=200),
                "kind": choice(row, "kind", SpaceKind.values),
                "capacity": integer(row, "capacity", minimum=1),
                "area_m2": integer(row, "area_m2", minimum=0, required=False),
                "accessible": yes_no(row, "accessible"),
                "equipment": equipment,
                "equipment_mask": equipment_mask(equipment),
                "hourly_rate_eur": decimal(row, "hourly_rate_eur"),
                "description": text(row, "description", required=False),
                "department": lycee.department,
            }

        parsed = parse_each(rows, report, progress, "espaces", parse_row)
        sync(report, Space, parsed, _spaces_by_key(rows), SPACE_FIELDS)

    return run_file("espaces", path, SPACE_COLUMNS, (), parse)


WINDOW_COLUMNS = ("uai", "space_code", "weekdays", "start", "end", "period")


def import_windows(path, progress=no_progress, cancel_bookings=False):
    """Replaces the windows of each space in the file, by difference: identical windows stay as they are.
    A space whose new windows no longer hold some of its confirmed future bookings keeps its windows
    (its rows are rejected, naming the bookings) unless `cancel_bookings`: see Displacements."""

    def parse(rows, report):
        spaces = _spaces_by_key(rows)

        def parse_row(row):
            space = _space(row, spaces)
            weekdays = code_list(row, "weekdays", WEEKDAY_CODES, required=True)
            start, end = parse_time(row, "start"), parse_time(row, "end")
            if start >= end:
                raise RowError(
                    _("« start » doit précéder « end », le même jour (reçu %(start)s–%(end)s).")
                    % {"start": row["start"], "end": row["end"]}
                )
            period = choice(row, "period", WindowPeriod.values)
            weekdays = sorted(weekdays, key=WEEKDAY_CODES.index)
            return space.pk, (tuple(weekdays), start, end, period)

        parsed = parse_each(rows, report, progress, "créneaux", parse_row)
        displacements = Displacements(report, cancel_bookings)
        _replace_windows(_windows_by_space(rows, parsed, spaces, report), report, displacements)
        displacements.withdraw_all()

    return run_file("créneaux", path, WINDOW_COLUMNS, (), parse)


def _windows_by_space(rows, parsed, spaces, report):
    """{space id: [(line, window key)]} of the parsed rows. A space with a rejected row keeps its windows
    (replacing them with the others would lose one): its good rows are rejected too, naming the bad one."""
    rejected_lines = {line for line, _message in report.errors}
    bad_spaces = {}
    for line, row in rows:
        if line in rejected_lines:
            space = spaces.get((row.get("uai", "").upper(), row.get("space_code", "")))
            if space is not None:
                bad_spaces.setdefault(space.pk, line)
    by_space = defaultdict(list)
    for line, space_id, window in parsed:
        if space_id in bad_spaces:
            report.reject(line, _space_left_as_is(bad_spaces[space_id]))
            continue
        by_space[space_id].append((line, window))
    return by_space


def _space_left_as_is(line):
    return _("Les créneaux de cet espace sont laissés tels quels : la ligne %(line)d du même espace est rejetée.") % {
        "line": line
    }


def _replace_windows(by_space, report, displacements):
    """Each space's windows become those wanted, by difference: identical windows stay as they are."""
    existing = defaultdict(list)
    for window in OpeningWindow.objects.filter(space_id__in=list(by_space)):
        key = (tuple(sorted(window.weekdays, key=WEEKDAY_CODES.index)), window.start, window.end, window.period)
        existing[window.space_id].append((key, window))
    creates, deletions, lines = [], [], {}
    for space_id, wanted in by_space.items():
        remaining = list(existing.get(space_id, []))
        kept, new = [], []
        for line, key in wanted:
            match = next((i for i, (old_key, _w) in enumerate(remaining) if old_key == key), None)
            if match is not None:
                kept.append(remaining.pop(match)[1])
                continue
            weekdays, start, end, period = key
            new.append(
                (
                    line,
                    OpeningWindow(
                        space_id=space_id,
                        weekdays=list(weekdays),
                        weekday_mask=weekday_mask(weekdays),
                        start=start,
                        end=end,
                        period=period,
                    ),
                )
            )
        if remaining:  # some opening time may go: the confirmed bookings it held must not stay silently
            space = kept[0].space if kept else Space.objects.get(pk=space_id)
            displaced = displaced_by_windows(space, kept + [window for _line, window in new])
            first_line = wanted[0][0]
            if not displacements.allow(first_line, displaced, windows_changed_reason()):
                for line, _key in wanted[1:]:
                    report.reject(line, _space_left_as_is(first_line))
                continue
        report.unchanged += len(kept)
        for line, window in new:
            creates.append(window)
            lines[id(window)] = line
            report.created += 1
        deletions += [window.pk for _key, window in remaining]
    with transaction.atomic():
        report.deleted = OpeningWindow.objects.filter(pk__in=deletions).delete()[0] if deletions else 0
        write(report, creates, [], [], lines)


class Displacements:
    """Confirmed future bookings that the rows of one file would leave in a closed space (a new closure,
    or windows that no longer hold them). An import never leaves them confirmed silently:

    - by default the row is rejected (nothing written for it) and its message names the bookings, so the
      report (and `--dry-run`) shows them, and the command exits 1;
    - with `cancel_bookings` (`import_shareloc --cancel-bookings`) the row is written, then the bookings
      are cancelled with the reason through the same path as the admin (displacement.withdraw: history,
      e-mail to each association after the commit, iCal feeds updated), and each one is listed in the
      report's warnings."""

    def __init__(self, report, cancel):
        self.report, self.cancel = report, cancel
        self.pending = []  # (line, bookings, reason)
        self.cancelled = set()

    def allow(self, line, bookings, reason):
        """Whether the row of `line` may be written, given the bookings it falls on."""
        bookings = [booking for booking in bookings if booking.pk not in self.cancelled]
        if not bookings:
            return True
        if not self.cancel:
            named = [describe(booking) for booking in bookings[:MAX_NAMED]]
            if len(bookings) > MAX_NAMED:
                named.append(_("… et %(n)d autre(s)") % {"n": len(bookings) - MAX_NAMED})
            self.report.reject(
                line,
                _(
                    "Tombe sur %(n)d réservation(s) confirmée(s) à venir, rien n'est écrit pour cette ligne : "
                    "%(bookings)s. Relancez avec --cancel-bookings pour les annuler et prévenir les associations."
                )
                % {"n": len(bookings), "bookings": " ; ".join(named)},
            )
            return False
        self.cancelled.update(booking.pk for booking in bookings)
        self.pending.append((line, bookings, reason))
        return True

    def withdraw_all(self):
        """Once the rows are written: cancel the bookings of those the database did not refuse."""
        refused = {line for line, _message in self.report.errors}
        for line, bookings, reason in self.pending:
            if line in refused:
                continue
            withdraw(bookings, reason)
            for booking in bookings:
                self.report.warnings.append(
                    _("ligne %(line)d : réservation confirmée annulée (%(reason)s) : %(booking)s")
                    % {"line": line, "reason": reason, "booking": describe(booking)}
                )


MAX_NAMED = 10  # bookings named in a rejected row's message


CLOSURE_COLUMNS = ("uai", "space_code", "start_date", "end_date", "reason")


def import_closures(path, progress=no_progress, cancel_bookings=False):
    """Closures, matched on their key. A new closure over confirmed future bookings is rejected, naming
    them, unless `cancel_bookings` (then they are cancelled with its reason): see Displacements."""

    def parse(rows, report):
        lycees, spaces = _lycees_by_uai(rows), _spaces_by_key(rows)

        def parse_row(row):
            lycee = _lycee(row, lycees)
            space = _space(row, spaces) if row.get("space_code") else None
            start, end = parse_date(row, "start_date"), parse_date(row, "end_date")
            if start > end:
                raise RowError(_("« start_date » doit précéder ou égaler « end_date »."))
            key = (lycee.pk, space.pk if space else None, start, end)
            return key, {
                "lycee_id": lycee.pk,
                "space_id": space.pk if space else None,
                "start_date": start,
                "end_date": end,
                "reason": text(row, "reason", required=False, max_length=255),
            }

        parsed = parse_each(rows, report, progress, "fermetures", parse_row)
        lycee_ids = {key[0] for _line, key, _values in parsed}
        existing = {
            (c.lycee_id, c.space_id, c.start_date, c.end_date): c
            for c in Closure.objects.filter(lycee_id__in=lycee_ids)
        }
        displacements = Displacements(report, cancel_bookings)
        kept, new_keys = [], set()
        for line, key, values in parsed:
            if key not in existing and key not in new_keys:  # an existing closure already holds its days
                new_keys.add(key)
                displaced = displaced_by_closure(*key)
                if not displacements.allow(line, displaced, closure_reason(values["reason"])):
                    continue
            kept.append((line, key, values))
        sync(report, Closure, kept, existing, ["reason"])
        displacements.withdraw_all()

    return run_file("fermetures", path, CLOSURE_COLUMNS, (), parse)


BOOKING_COLUMNS = ("uai", "space_code", "start", "end", "organisation", "status")


def import_bookings(path, progress=no_progress):
    """Bookings recorded elsewhere. A confirmed one that overlaps another confirmed booking of the same
    space is rejected: a space is never booked twice."""

    def parse(rows, report):
        spaces = _spaces_by_key(rows)

        def parse_row(row):
            space = _space(row, spaces)
            start, end = parse_datetime(row, "start"), parse_datetime(row, "end")
            if start >= end:
                raise RowError(_("« start » doit précéder « end »."))
            if local(start).date() != local(end).date():
                raise RowError(_("« start » et « end » doivent tomber le même jour."))
            organisation = text(row, "organisation", max_length=255)
            return (space.pk, start, end, organisation), {
                "space_id": space.pk,
                "start": start,
                "end": end,
                "organisation": organisation,
                "status": choice(row, "status", BookingStatus.values),
                "source": BookingSource.IMPORT,
            }

        parsed = parse_each(rows, report, progress, "réservations", parse_row)
        space_ids = {key[0] for _line, key, _values in parsed}
        existing = {
            (b.space_id, b.start, b.end, b.organisation): b for b in Booking.objects.filter(space_id__in=space_ids)
        }
        parsed = _without_double_bookings(parsed, existing, report)
        sync(report, Booking, parsed, existing, ["status"])

    return run_file("réservations", path, BOOKING_COLUMNS, (), parse)


def _without_double_bookings(parsed, existing, report):
    """Rows whose confirmed booking would overlap another confirmed one of the space are rejected."""
    confirmed = defaultdict(list)  # space id -> [(start, end, key)]
    in_file = {key for _line, key, _values in parsed}
    for key, booking in existing.items():
        if booking.status == BookingStatus.CONFIRMED and key not in in_file:
            confirmed[key[0]].append((booking.start, booking.end, key))
    kept = []
    for line, key, values in parsed:
        if values["status"] == BookingStatus.CONFIRMED:
            clash = next(
                (
                    other
                    for other in confirmed[key[0]]
                    if other[0] < values["end"] and values["start"] < other[1] and other[2] != key
                ),
                None,
            )
            if clash is not None:
                report.reject(
                    line,
                    _("Chevauche une réservation confirmée du même espace (%(start)s–%(end)s).")
                    % {
                        "start": f"{local(clash[0]):%d/%m/%Y %H:%M}",
                        "end": f"{local(clash[1]):%H:%M}",
                    },
                )
                continue
            confirmed[key[0]].append((values["start"], values["end"], key))
        kept.append((line, key, values))
    return kept


EQUIPMENT_COLUMNS = ("uai", "code", "name", "category", "quantity", "description")


def import_equipment(path, progress=no_progress):
    def parse(rows, report):
        lycees = _lycees_by_uai(rows)

        def parse_row(row):
            lycee = _lycee(row, lycees)
            code = text(row, "code", max_length=30)
            return (lycee.pk, code), {
                "lycee_id": lycee.pk,
                "code": code,
                "name": text(row, "name", max_length=200),
                "category": text(row, "category", required=False, max_length=60),
                "quantity": integer(row, "quantity", minimum=1),
                "description": text(row, "description", required=False),
            }

        parsed = parse_each(rows, report, progress, "matériel", parse_row)
        lycee_ids = {key[0] for _line, key, _values in parsed}
        existing = {
            (item.lycee_id, item.code): item for item in LendableEquipment.objects.filter(lycee_id__in=lycee_ids)
        }
        sync(report, LendableEquipment, parsed, existing, ["name", "category", "quantity", "description"])

    return run_file("matériel", path, EQUIPMENT_COLUMNS, (), parse)


IMPORTERS = {
    "spaces": import_spaces,
    "windows": import_windows,
    "closures": import_closures,
    "bookings": import_bookings,
    "equipment": import_equipment,
}


DISPLACING = ("windows", "closures")  # the files whose rows may close a space over confirmed bookings


def import_shareloc_folder(folder, strict=False, progress=no_progress, cancel_bookings=False, dry_run=False):
    """Import the Shareloc files found in `folder`, in FORMATS.md's order, as one run (see
    core.imports.run_import). Returns the ImportReport. `cancel_bookings`: closures and windows may
    cancel the confirmed bookings they fall on (Displacements); `dry_run`: the same run, rolled back
    (no e-mail leaves either: they are sent once the transaction commits)."""
    present = [(name, Path(folder) / f"{name}.csv") for name in SHARELOC_FILES]
    present = [(name, path) for name, path in present if path.exists()]

    def index_changed_spaces(report):
        for (name, _path), file_report in zip(present, report.files, strict=True):
            if name == "spaces" and file_report.changed:
                index_spaces()

    steps = []
    for name, path in present:
        options = {"cancel_bookings": cancel_bookings} if name in DISPLACING else {}
        steps.append(partial(IMPORTERS[name], path, progress=progress, **options))
    if not dry_run:
        return run_import(steps, strict=strict, after=index_changed_spaces)
    with transaction.atomic():
        report = run_import(steps, strict=strict)
        transaction.set_rollback(True)
    return report


def index_spaces():
    """Bring the site search's index of spaces up to date. The importer writes with bulk_create and
    bulk_update, which send no signal, so Wagtail's automatic indexing never sees those rows; the
    whole catalogue takes well under a second to index."""
    spaces = list(Space.get_indexed_objects())
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Space, spaces)
