"""Reading the CSV files of data/FORMATS.md, by its common rules, for every importer.

UTF-8 with or without BOM, one header row, free column order; a missing required column rejects
the whole file before anything is written; unknown columns are reported and ignored; each row
keeps its line number for the error report. What a row means is each importer's business."""

import csv
from pathlib import Path

from django.utils.translation import gettext as _

EXTRA_CELLS = None  # the key csv.DictReader gives to cells beyond the header


class CsvFileRejected(Exception):
    """The whole file is refused (unreadable, no header, a required column missing); the message is French."""


def split_list(cell):
    """The items of a `|`-separated list cell, stripped, empty ones dropped."""
    return [item.strip() for item in (cell or "").split("|") if item.strip()]


def read_csv_rows(path, required, optional=()):
    """(rows, warnings): rows are (line number, {column: stripped text}) for the known columns;
    a row with more cells than the header also carries them under EXTRA_CELLS."""
    path = Path(path)
    known = set(required) | set(optional)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip() for name in (reader.fieldnames or [])]
            if not header:
                raise CsvFileRejected(_("Le fichier est vide ou n'a pas de ligne d'en-tête."))
            missing = [name for name in required if name not in header]
            if missing:
                raise CsvFileRejected(
                    _("Colonne(s) obligatoire(s) absente(s) : %(columns)s.") % {"columns": ", ".join(missing)}
                )
            warnings = []
            unknown = [name for name in header if name not in known]
            if unknown:
                warnings.append(
                    _("Colonne(s) inconnue(s), ignorée(s) : %(columns)s.") % {"columns": ", ".join(unknown)}
                )
            reader.fieldnames = header
            rows = []
            for row in reader:
                values = {name: (row.get(name) or "").strip() for name in header if name in known}
                if EXTRA_CELLS in row:
                    values[EXTRA_CELLS] = row[EXTRA_CELLS]
                rows.append((reader.line_num, values))
            return rows, warnings
    except FileNotFoundError:
        raise CsvFileRejected(_("Fichier introuvable : %(path)s.") % {"path": path}) from None
    except UnicodeDecodeError:
        raise CsvFileRejected(_("Le fichier n'est pas encodé en UTF-8.")) from None
    except csv.Error as error:
        raise CsvFileRejected(_("CSV illisible : %(error)s.") % {"error": error}) from None
