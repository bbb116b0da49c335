"""The one way to import FORMATS.md's CSV files, shared by every importer and every import command.

- `FileReport`: what happened to one file: created / updated / unchanged / rejected (plus deleted,
  deactivated or ignored when the file has such rows), each rejected row with its line number and
  French reason, the warnings, and the reason when the whole file is refused.
- `run_import(steps, strict=...)`: runs a command's importers in one transaction. The meaning of
  `--strict`, the same everywhere: if any row or file is rejected, nothing at all is written for the
  run, and the command exits with status 1.
- `progress_bar`: a tqdm bar on stderr for long files, off when stderr is not a terminal.
- `ImportCommand`: the base of the import commands: `--strict`, `--quiet` (no progress bar) and the
  report printed by `print_report` (summaries on stdout, warnings and rejected rows on stderr).
CSV reading itself (encoding, header, line numbers) is core/csvfiles.py.
"""

import sys
from dataclasses import dataclass, field

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from tqdm import tqdm

from .csvfiles import CsvFileRejected, read_csv_rows
from .indexing import search_index_updated_on_exit

# The help of the shared options, word for word the same in every import command.
STRICT_HELP = "Mode strict : si une seule ligne ou un seul fichier est rejeté, rien n'est écrit (code de sortie 1)."
QUIET_HELP = "Sans barre de progression."
PROGRESS_FROM_ROWS = 1000  # shorter files import in a blink: no bar


@dataclass
class FileReport:
    name: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    deleted: int = 0
    deactivated: int = 0
    ignored: int = 0
    errors: list = field(default_factory=list)  # (line number, French reason); line None: the whole file
    warnings: list = field(default_factory=list)

    def reject(self, line, message):
        self.rejected += 1
        self.errors.append((line, message))

    def reject_file(self, reason):
        """The whole file is refused before anything is written."""
        self.errors.append((None, reason))

    @property
    def file_rejected(self):
        return any(line is None for line, _message in self.errors)

    @property
    def ok(self):
        return not self.errors

    @property
    def changed(self):
        return self.created + self.updated + self.deleted + self.deactivated

    def row_errors(self):
        return [(line, message) for line, message in self.errors if line is not None]

    def summary(self):
        if self.file_rejected:
            reasons = " ".join(message for line, message in self.errors if line is None)
            return _("%(name)s : fichier refusé, rien n'a été écrit. %(reason)s") % {
                "name": self.name,
                "reason": reasons,
            }
        text = _(
            "%(name)s : %(created)d créé(s), %(updated)d mis à jour, %(unchanged)d inchangé(s), %(rejected)d rejeté(s)"
        ) % {
            "name": self.name,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }
        if self.deleted:
            text += _(", %(count)d supprimé(s)") % {"count": self.deleted}
        if self.deactivated:
            text += _(", %(count)d désactivé(s)") % {"count": self.deactivated}
        if self.ignored:
            text += _(", %(count)d ignoré(s)") % {"count": self.ignored}
        return text + "."


@dataclass
class ImportReport:
    """The files of one run, in the order they were imported."""

    files: list = field(default_factory=list)
    rolled_back: bool = False  # strict mode met a rejected row or file: nothing was written

    @property
    def rejected(self):
        """Rejected rows, plus one for each file refused whole."""
        return sum(report.rejected + report.file_rejected for report in self.files)

    @property
    def changed(self):
        return sum(report.changed for report in self.files)

    def roll_back(self):
        self.rolled_back = True
        for report in self.files:
            report.created = report.updated = report.deleted = report.deactivated = 0


class _StrictRollback(Exception):
    pass


def run_import(steps, strict=False, after=None):
    """Run `steps` (callables, each returning a FileReport) in one transaction and return the ImportReport.

    Strict: once every step has run (so the report names every bad row), a single rejection rolls the
    whole run back. `after(report)` runs inside the transaction when the run is kept (a search index
    update, for instance)."""
    report = ImportReport()
    try:
        with transaction.atomic():
            for step in steps:
                report.files.append(step())
            if strict and report.rejected:
                raise _StrictRollback
            if after is not None:
                after(report)
    except _StrictRollback:
        report.roll_back()
    return report


def read_rows(report, path, required, optional=()):
    """The rows of a CSV file (see core.csvfiles.read_csv_rows), its warnings added to `report`; None
    when the file is refused whole (the report then says why)."""
    try:
        rows, warnings = read_csv_rows(path, required, optional)
    except CsvFileRejected as error:
        report.reject_file(str(error))
        return None
    report.warnings.extend(warnings)
    return rows


def no_progress(rows, description):
    return rows


def progress_bar(rows, description):
    """`rows` (a list) behind a tqdm bar on stderr, for a long file and when stderr is a terminal."""
    if len(rows) < PROGRESS_FROM_ROWS or not sys.stderr.isatty():
        return rows
    return tqdm(rows, desc=description, unit=" lignes", file=sys.stderr, leave=False)


def print_report(command, report):
    """Warnings and rejected rows on stderr, one summary per file on stdout; CommandError (exit status 1)
    when any row or file was rejected."""
    for file_report in report.files:
        for warning in file_report.warnings:
            command.stderr.write(f"{file_report.name} : {warning}")
        for line, message in file_report.row_errors():
            command.stderr.write(
                _("%(name)s, ligne %(line)d : %(message)s")
                % {"name": file_report.name, "line": line, "message": message}
            )
        style = command.style.SUCCESS if file_report.ok else command.style.ERROR
        command.stdout.write(style(file_report.summary()))
    if report.rolled_back:
        command.stderr.write(_("Mode strict : au moins une ligne est rejetée, rien n'a été écrit."))
    if report.rejected:
        raise CommandError(
            _("Import incomplet : %(count)d ligne(s) ou fichier(s) rejeté(s) (voir ci-dessus).")
            % {"count": report.rejected}
        )


class ImportCommand(BaseCommand):
    """An import command: subclasses add their own arguments (calling super) and implement
    `import_files(options, progress)`, which returns the ImportReport of `run_import`."""

    def add_arguments(self, parser):
        parser.add_argument("--strict", action="store_true", help=STRICT_HELP)
        parser.add_argument("--quiet", action="store_true", help=QUIET_HELP)

    def handle(self, *args, **options):
        progress = no_progress if options["quiet"] else progress_bar
        with search_index_updated_on_exit():
            report = self.import_files(options, progress)
        print_report(self, report)

    def import_files(self, options, progress):
        raise NotImplementedError
