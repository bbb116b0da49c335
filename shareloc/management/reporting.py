"""What the import commands print: each file's summary, its warnings and its rejected rows."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def print_reports(command, reports):
    """Print the reports; raise CommandError (exit status 1) when a file or a row was rejected."""
    failed = False
    for report in reports:
        for warning in report.warnings:
            command.stderr.write(f"{report.name} : {warning}")
        for line, message in report.errors:
            command.stderr.write(
                _("%(name)s, ligne %(line)d : %(message)s") % {"name": report.name, "line": line, "message": message}
            )
        style = command.style.SUCCESS if report.ok else command.style.ERROR
        command.stdout.write(style(report.summary()))
        failed = failed or not report.ok
    if failed:
        raise CommandError(_("Import incomplet : des lignes ou des fichiers ont été rejetés (voir ci-dessus)."))
