"""Spreadsheet exports (CSV and XLSX) that a spreadsheet program cannot turn into formulas.

A cell starting with = + - @ (or a tab / carriage return) is run as a formula by Excel and
LibreOffice ("CSV injection"): such cells are prefixed with an apostrophe, the OWASP advice.
CSVs start with a UTF-8 BOM (Excel reads the accents right), times are Paris times.

Two ways in, one rule: `csv_response` / `xlsx_response` for the project's own exports, and
`SafeSpreadsheetExportMixin` (with `SafeIndexView` and `SafeReportView`) for every Wagtail admin
listing that has a `list_export` (tests/core/test_exports.py finds them all through the URL resolver)."""

import csv
import datetime as dt
from io import BytesIO

from django.core.exceptions import FieldDoesNotExist
from django.http import HttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.text import capfirst
from openpyxl import Workbook
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.views.reports import ReportView

from core.dates import local

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The cell's text, made inert if a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float):
        return value
    if isinstance(value, dt.datetime):
        return paris_text(value)
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def paris_text(value):
    """A datetime as a person in France reads it: "01/12/2026 09:00", in Paris time."""
    if timezone.is_aware(value):
        value = local(value)
    return value.strftime("%d/%m/%Y %H:%M")


def csv_response(filename, header, rows):
    """An attachment response with a UTF-8 (BOM, for Excel) CSV of `header` and `rows`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    keep_private(response)
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return response


def xlsx_response(filename, header, rows, sheet_title="Export"):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append([neutralise(cell) for cell in header])
    for row in rows:
        sheet.append([neutralise(cell) for cell in row])
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return keep_private(response)


def keep_private(response):
    """An export holds people's data (applicants, agents, associations): no shared or browser cache
    keeps it, as for the confidential files (core.storage.private_file_response)."""
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def field_heading(model, path):
    """The French column heading of a `list_export` entry: the verbose name at the end of a dotted path
    ("space.lycee.uai" gives the lycée's "UAI"), a method's `short_description`, else the path."""
    parts = path.replace("__", ".").split(".")
    for index, part in enumerate(parts):
        try:
            field = model._meta.get_field(part)
        except (FieldDoesNotExist, AttributeError):
            attribute = getattr(model, part, None)
            label = getattr(attribute, "short_description", None)
            return capfirst(force_str(label)) if label else path
        if index == len(parts) - 1 or field.related_model is None:
            return capfirst(force_str(getattr(field, "verbose_name", part)))
        model = field.related_model
    return path


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Wagtail's spreadsheet export with this module's rule: no live formula, a BOM on CSVs, French
    headings and choice labels, Paris times. Put it before Wagtail's view class in the bases."""

    def get_heading(self, queryset, field):
        heading = self.export_headings.get(field)
        if heading:
            return neutralise(force_str(heading))
        model = self.export_model(queryset)
        text = field_heading(model, field) if model else field
        if text == field:  # not a field of the model: the listing's own column label, in French
            for column in getattr(self, "columns", None) or ():
                if field in (getattr(column, "name", None), getattr(column, "accessor", None)):
                    text = capfirst(force_str(column.label)) if getattr(column, "label", None) else text
                    break
        return neutralise(text)

    def export_model(self, queryset):
        """The model of the rows. A report may hand over a plain list (empty, or decorated rows): the
        model is then the view's, its rows', or that of the queryset the view lists."""
        model = getattr(queryset, "model", None) or getattr(self, "model", None)
        if model is None and isinstance(queryset, list | tuple) and queryset:
            model = type(queryset[0])
        if model is None:
            model = getattr(self.get_queryset(), "model", None)
        return model

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for field in row:
            owner_path, _dot, name = field.replace("__", ".").rpartition(".")
            owner = item
            for part in owner_path.split(".") if owner_path else ():
                owner = getattr(owner, part, None)
            display = getattr(owner, f"get_{name}_display", None)
            if callable(display):
                row[field] = display()
        return row

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, dt.datetime):
            if export_format == self.FORMAT_CSV:
                return paris_text(value)
            return local(value).replace(tzinfo=None) if timezone.is_aware(value) else value
        if isinstance(value, dt.date | dt.time) and export_format == self.FORMAT_CSV:
            return value.strftime("%d/%m/%Y" if isinstance(value, dt.date) else "%H:%M")
        value = super().preprocess_field_value(field, value, export_format)
        if value is None or isinstance(value, bool | str):
            return neutralise(value)
        return value

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


class SafeIndexView(SafeSpreadsheetExportMixin, IndexView):
    """The index view of every ModelViewSet / SnippetViewSet that has a `list_export`."""


class SafeReportView(SafeSpreadsheetExportMixin, ReportView):
    """The base of every admin report that has a `list_export`."""


def safe_export_view_class(view_class):
    """`view_class` with SafeSpreadsheetExportMixin first in its bases (itself when already safe)."""
    if issubclass(view_class, SafeSpreadsheetExportMixin):
        return view_class
    return type(view_class.__name__, (SafeSpreadsheetExportMixin, view_class), {"__module__": view_class.__module__})


def make_exports_safe(urlpatterns):
    """Give every spreadsheet-exporting class-based view under `urlpatterns` the safe export path.

    For Wagtail's own listings (reports, redirects, promoted searches…), which we do not subclass: the
    class inside each `as_view()` function is swapped in place, so the decorators wrapped around it
    (Wagtail's admin access check) stay exactly as they were."""
    for pattern in urlpatterns:
        if hasattr(pattern, "url_patterns"):
            make_exports_safe(pattern.url_patterns)
            continue
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class is None or not issubclass(view_class, SpreadsheetExportMixin):
            continue
        safe_class = safe_export_view_class(view_class)
        function = pattern.callback
        while function is not None:
            function.view_class = safe_class
            code, closure = function.__code__, function.__closure__ or ()
            for name, cell in zip(code.co_freevars, closure, strict=True):
                if name == "cls" and cell.cell_contents is view_class:
                    cell.cell_contents = safe_class
            function = getattr(function, "__wrapped__", None)
