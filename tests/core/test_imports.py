"""core/imports.py: the report, the one meaning of --strict, the progress bar and the commands' options."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, get_commands, load_command_class

from core.imports import (
    QUIET_HELP,
    STRICT_HELP,
    FileReport,
    ImportReport,
    print_report,
    progress_bar,
    read_rows,
    run_import,
)

IMPORT_COMMANDS = ("import_communes", "import_lycees", "import_shareloc", "import_belette")


def group_step(name, rejected=False):
    def step():
        report = FileReport(f"{name}.csv")
        Group.objects.create(name=f"import-{name}")
        report.created = 1
        if rejected:
            report.reject(3, "valeur inconnue")
        return report

    return step


def test_strict_rolls_back_the_whole_run_once_every_file_has_been_read(db):
    report = run_import([group_step("a"), group_step("b", rejected=True), group_step("c")], strict=True)
    assert report.rolled_back and report.rejected == 1
    assert [file.name for file in report.files] == ["a.csv", "b.csv", "c.csv"]
    assert [file.created for file in report.files] == [0, 0, 0]
    assert not Group.objects.filter(name__startswith="import-").exists()


def test_without_strict_the_good_rows_are_kept_and_after_runs(db):
    seen = []
    report = run_import([group_step("a"), group_step("b", rejected=True)], after=seen.append)
    assert not report.rolled_back and report.changed == 2 and seen == [report]
    assert set(Group.objects.filter(name__startswith="import-").values_list("name", flat=True)) == {
        "import-a",
        "import-b",
    }


def test_a_refused_file_counts_as_one_rejection_and_says_why(tmp_path):
    report = FileReport("units.csv")
    assert read_rows(report, tmp_path / "absent.csv", ["code"]) is None
    assert report.file_rejected and report.errors[0][0] is None and "introuvable" in report.errors[0][1]
    assert ImportReport([report]).rejected == 1
    assert report.summary().startswith("units.csv : fichier refusé, rien n'a été écrit. Fichier introuvable")


def test_the_summary_names_the_optional_counts_only_when_there_are_some():
    report = FileReport("créneaux", created=1, unchanged=1, deleted=1)
    assert report.summary() == "créneaux : 1 créé(s), 0 mis à jour, 1 inchangé(s), 0 rejeté(s), 1 supprimé(s)."
    assert FileReport("x").summary() == "x : 0 créé(s), 0 mis à jour, 0 inchangé(s), 0 rejeté(s)."


def test_the_printout_puts_rejected_rows_on_stderr_and_fails():
    class Command:
        stdout, stderr = StringIO(), StringIO()

        class style:
            SUCCESS = ERROR = staticmethod(str)

    file_report = FileReport("agents.csv", warnings=["Colonne(s) inconnue(s), ignorée(s) : x."])
    file_report.reject(4, "prénom ou nom manquant")
    with pytest.raises(CommandError, match="1 ligne"):
        print_report(Command, ImportReport([file_report]))
    assert Command.stderr.getvalue() == (
        "agents.csv : Colonne(s) inconnue(s), ignorée(s) : x.agents.csv, ligne 4 : prénom ou nom manquant"
    )
    assert Command.stdout.getvalue() == "agents.csv : 0 créé(s), 0 mis à jour, 0 inchangé(s), 1 rejeté(s)."


def test_no_progress_bar_when_stderr_is_not_a_terminal():
    rows = list(range(5000))
    assert progress_bar(rows, "lignes") is rows  # pytest captures stderr: not a terminal


@pytest.mark.parametrize("name", IMPORT_COMMANDS)
def test_every_import_command_documents_strict_and_quiet_the_same_way(name):
    parser = load_command_class(get_commands()[name], name).create_parser("manage.py", name)
    helps = {action.dest: action.help for action in parser._actions}
    assert helps["strict"] == STRICT_HELP and helps["quiet"] == QUIET_HELP
