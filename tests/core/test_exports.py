"""Every spreadsheet export of the admin is formula-safe: the listings are found through the URL
resolver (Wagtail's own reports included), exported as a superuser in CSV and XLSX from data seeded
with formula-like text, and no cell may start with = + - @ tab or CR unless neutralised."""

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.urls import URLResolver, get_resolver
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, Workflow

from core.dates import PARIS
from core.exports import SafeSpreadsheetExportMixin, csv_response, xlsx_response
from home.models import FormField, FormPage, PageFeedback
from search.models import SearchQueryDay
from tests.conftest import TEST_NOW
from tests.shareloc.factories import (
    BookingFactory,
    ClosureFactory,
    EquipmentFactory,
    LyceeFactory,
    SpaceFactory,
    WindowFactory,
)

pytestmark = pytest.mark.django_db

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A heading that is a field path ("space.lycee.uai", "created_at") instead of a French label.
RAW_HEADING = re.compile(r"^[\w]+([._][\w]+)+$")
FORMULA = '=HYPERLINK("http://evil.example","clic")'


def export_routes():
    """(route, view class) of every URL whose view exports a non-empty `list_export`."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
                continue
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class is None or not issubclass(view_class, SpreadsheetExportMixin):
                continue
            initkwargs = getattr(pattern.callback, "view_initkwargs", {})
            if initkwargs.get("list_export", view_class.list_export):
                yield prefix + str(pattern.pattern), view_class

    return sorted(walk(get_resolver().url_patterns))


@pytest.fixture
def seeded(home_page, clock, django_user_model):
    admin = django_user_model.objects.create_superuser("chef", "chef@maregion.example", "mot-de-passe-du-chef")
    page = FormPage(title=FORMULA, slug="contact", to_address="a@maregion.example", subject="-1+1", owner=admin)
    page.review_by = TEST_NOW.date() - dt.timedelta(days=334)  # a review long overdue
    page.form_fields = [FormField(sort_order=0, label="Votre nom", field_type="singleline", required=True)]
    home_page.add_child(instance=page)
    page.save_revision(user=admin, log_action=True).publish(user=admin)
    FormSubmission.objects.create(page=page, form_data={"votre_nom": "@SUM(A1)"})
    PageFeedback.objects.create(page=page, useful=False, comment="+33 =1+1")
    Workflow.objects.filter(active=True).first().start(page, admin)
    Page.objects.filter(pk=page.pk).update(
        last_published_at=TEST_NOW - dt.timedelta(days=400), locked=True, locked_by=admin, locked_at=TEST_NOW
    )
    SearchQueryDay.objects.create(
        date=TEST_NOW.date(), query=FORMULA, searches=3, result_count=0, zero_result_searches=3
    )
    Query.get("=cmd|' /C calc'!A0").add_hit()
    Redirect.objects.create(old_path="/ancienne", redirect_link=FORMULA)
    lycee = LyceeFactory(name=FORMULA, commune_name="@Lille")
    space = SpaceFactory(lycee=lycee, code="+S1", name="-Salle")
    WindowFactory(space=space)
    ClosureFactory(space=space, reason="=1+2")
    EquipmentFactory(lycee=lycee, name="@chaises", description="=2+2")
    start = dt.datetime.combine(TEST_NOW.date() + dt.timedelta(days=1), dt.time(18), tzinfo=PARIS)
    BookingFactory(space=space, organisation=FORMULA, start=start, end=start + dt.timedelta(hours=2))
    return {"admin": admin, "page": page}


def url_for(route, page):
    return "/" + re.sub(r"<int:page_id>", str(page.pk), route)


def csv_cells(response):
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    assert raw.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 BOM"
    return list(csv.reader(io.StringIO(raw.decode("utf-8")[1:])))


def xlsx_cells(response):
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(raw)).worksheets[0]
    rows = []
    for row in sheet.iter_rows():
        assert all(cell.data_type != "f" for cell in row), "no formula cell"
        rows.append([cell.value for cell in row])
    return rows


def problems_of(rows, where):
    if len(rows) < 2:
        return [f"{where}: the seeded data should give at least one row"]
    texts = [cell for row in rows for cell in row if isinstance(cell, str)]
    live = [cell for cell in texts if cell.startswith(TRIGGERS)]
    if live:
        return [f"{where}: live formulas {live}"]
    if not any(cell.startswith("'") for cell in texts):
        return [f"{where}: the seeded formula-like text is missing {rows}"]
    return []


def assert_inert(rows, where):
    problems = problems_of(rows, where)
    assert not problems, problems


def test_every_exporting_view_uses_the_safe_export_path():
    routes = export_routes()
    assert len(routes) >= 20
    unsafe = [route for route, view_class in routes if not issubclass(view_class, SafeSpreadsheetExportMixin)]
    assert unsafe == []


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_admin_export_has_no_live_formula(client, seeded, fmt):
    client.force_login(seeded["admin"])
    routes = export_routes()
    problems = []
    for route, _view_class in routes:
        url = url_for(route, seeded["page"])
        response = client.get(url, {"export": fmt})
        if response.status_code != 200:
            problems.append(f"{url}: {response.status_code}")
            continue
        rows = csv_cells(response) if fmt == "csv" else xlsx_cells(response)
        problems += problems_of(rows, url)
        raw_paths = [heading for heading in rows[0] if RAW_HEADING.search(str(heading or ""))]
        if raw_paths:
            problems.append(f"{url}: headings are field paths, not French {raw_paths}")
    assert not problems, "\n".join(problems)
    # The form submissions are reached through the page, not through a route of their own.
    for model in {type(page.specific) for page in Page.objects.all()}:
        if hasattr(model, "get_submissions_list_view_class"):
            assert issubclass(model().get_submissions_list_view_class(), SafeSpreadsheetExportMixin), model
    response = client.get(f"/admin/forms/submissions/{seeded['page'].pk}/", {"export": fmt})
    assert_inert(csv_cells(response) if fmt == "csv" else xlsx_cells(response), "submissions")


def test_exports_have_french_headings_and_paris_times(client, seeded):
    client.force_login(seeded["admin"])
    rows = csv_cells(client.get("/admin/shareloc_bookings/", {"export": "csv"}))
    assert not any("." in heading for heading in rows[0]), rows[0]
    tomorrow = TEST_NOW.date() + dt.timedelta(days=1)
    assert f"{tomorrow:%d/%m/%Y} 18:00" in rows[1]  # 17:00 UTC in December, in Paris time
    assert "Confirmée" in rows[1] or "confirmée" in rows[1]
    response = client.get("/admin/shareloc_bookings/", {"export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"


# --- the project's own exports ---------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
PROJECT_PACKAGES = ["core", "home", "programme", "shareloc", "belette", "search", "site"]
SPREADSHEET_WRITERS = re.compile(r"csv\.writer\(|csv\.DictWriter\(|Workbook\(|text/csv|spreadsheetml")
# Modules that may write CSV without going through core.exports, and why.
NOT_EXPORTS = {
    "core/exports.py": "the one export path",
    "core/list_input.py": "one line of a list field's text, not a file",
    "home/demo_content.py": "writes the demo's own data file on disk",
}


def test_every_project_export_goes_through_the_one_safe_path():
    """A new view that builds a CSV or XLSX itself (and could forget the formula rule, the BOM or the
    headers) fails here: the project's exports are csv_response / xlsx_response of core.exports."""
    writers = sorted(
        str(path.relative_to(ROOT))
        for package in PROJECT_PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts and SPREADSHEET_WRITERS.search(path.read_text(encoding="utf-8"))
    )
    assert writers == sorted(NOT_EXPORTS), writers


@pytest.mark.parametrize("response", [csv_response, xlsx_response], ids=["csv", "xlsx"])
def test_project_exports_stay_out_of_every_cache(response):
    built = response("export.csv", ["Nom"], [["Camille"]])
    assert built["Cache-Control"] == "private, no-store"
    assert built["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_empty_export_still_has_french_headings(client, home_page, django_user_model, fmt):
    """With no row to look at, a report that lists a plain list still names its columns in French."""
    admin = django_user_model.objects.create_superuser("chef", "chef@maregion.example", "mot-de-passe-du-chef")
    client.force_login(admin)
    problems = []
    for route, _view_class in export_routes():
        url = url_for(route, home_page)
        response = client.get(url, {"export": fmt})
        if response.status_code != 200:
            problems.append(f"{url}: {response.status_code}")
            continue
        rows = csv_cells(response) if fmt == "csv" else xlsx_cells(response)
        raw_paths = [heading for heading in rows[0] if RAW_HEADING.search(str(heading or ""))]
        if raw_paths:
            problems.append(f"{url}: {raw_paths}")
    assert not problems, "\n".join(problems)
