"""Exports of applications for the team: CSV and XLSX, safe against formula injection."""

import csv
import io

import pytest
from openpyxl import load_workbook

from .conftest import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dangerous(edition):
    return ApplicationFactory(
        edition=edition,
        title='=HYPERLINK("http://evil","clic")',
        applicant_name="@SOMME(A1)",
        answers=[{"name": "q", "label": "Question", "type": "singleline", "value": "+33 6"}],
    )


def test_the_csv_export_neutralises_formulas_and_holds_the_snapshot(client, people, dangerous):
    client.force_login(people["programme"])
    response = client.get("/programme/espace/candidatures/export.csv?edition=2026")
    assert response["Content-Disposition"] == 'attachment; filename="candidatures-2026.csv"'
    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[:3] == ["reference", "edition", "title"] and header[-1] == "Question"
    record = dict(zip(header, row, strict=True))
    assert record["title"] == '\'=HYPERLINK("http://evil","clic")'
    assert record["applicant_name"] == "'@SOMME(A1)"
    assert record["Question"] == "'+33 6"


def test_the_xlsx_export_neutralises_formulas(client, people, dangerous):
    client.force_login(people["programme"])
    response = client.get("/programme/espace/candidatures/export.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][2] == '\'=HYPERLINK("http://evil","clic")'


def test_a_reviewer_cannot_export(client, people, dangerous):
    client.force_login(people["relectrice"])
    assert client.get("/programme/espace/candidatures/export.csv").status_code == 403
