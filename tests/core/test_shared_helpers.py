import csv
import io

import pytest
from django.core import mail
from openpyxl import load_workbook

from core.email import send_email_after_commit
from core.exports import csv_response, neutralise, xlsx_response


@pytest.mark.parametrize("dangerous", ["=1+1", "+33 6 00", "-2", "@SUM(A1)", "\t=x", "\r=x"])
def test_cells_a_spreadsheet_would_run_are_made_inert(dangerous):
    assert neutralise(dangerous) == "'" + dangerous


def test_ordinary_cells_are_kept_as_they_are():
    assert neutralise("Lycée Faidherbe") == "Lycée Faidherbe"
    assert neutralise(42) == 42
    assert neutralise(None) == ""
    assert neutralise(True) == "oui"


def test_csv_export_neutralises_every_cell_and_keeps_accents():
    response = csv_response("x.csv", ["nom", "=cmd"], [["Élodie", '=HYPERLINK("http://evil")']])
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["nom", "'=cmd"], ["Élodie", '\'=HYPERLINK("http://evil")']]
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'


def test_xlsx_export_neutralises_every_cell():
    response = xlsx_response("x.xlsx", ["a"], [["@evil"], [3]])
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == ["a", "'@evil", 3]


@pytest.mark.django_db
def test_mail_is_sent_only_after_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_email_after_commit("Sujet", "Corps", ["a@example.org"])
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [m.subject for m in mail.outbox] == ["Sujet"]
    assert mail.outbox[0].to == ["a@example.org"]
