"""The catalogue's part of the demo: the real public lycées and communes, the synthetic sample of spaces,
the holiday calendars, the catalogue page at /shareloc/, the Shareloc roles and the demo manager's lycée.
Idempotent."""

from datetime import date
from functools import partial
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Collection

from core import roles
from core.imports import run_import

from .holiday_calendars import sync_calendars
from .imports import import_communes, import_lycees, import_shareloc_folder
from .models import Lycee
from .setup import ensure_catalogue_page

DATA = Path(settings.BASE_DIR) / "data"
SAMPLE = DATA / "sample" / "shareloc"
DEMO_MANAGER = "gestionnaire"
DEMO_MANAGER_LYCEE = "0590119J"  # Lycée Faidherbe, Lille: nine spaces in the sample


def load(command):
    reference = run_import(
        [partial(import_communes, DATA / "communes_hdf.csv"), partial(import_lycees, DATA / "lycees_hdf.csv")]
    )
    for report in reference.files + import_shareloc_folder(SAMPLE).files:
        command.stdout.write(f"  {report.summary()}")
        for line, message in report.row_errors()[:5]:
            command.stdout.write(f"    ligne {line} : {message}")
    this_year = date.today().year
    added = sync_calendars(range(this_year - 1, this_year + 3))
    command.stdout.write(f"  calendriers : {added[0]} jour(s) férié(s), {added[1]} jour(s) de vacances ajoutés")
    with transaction.atomic():
        root_collection = Collection.get_first_root_node()
        for role in (roles.LYCEE_MANAGER, roles.REGION_SHARELOC):
            roles.sync_role(role, root_collection=root_collection)
        ensure_demo_manager()
        page = ensure_catalogue_page()
    if page is not None:
        command.stdout.write(f"  catalogue : {page.url_path}")


def ensure_demo_manager():
    user = get_user_model().objects.filter(username=DEMO_MANAGER).first()
    lycee = (
        Lycee.objects.filter(uai=DEMO_MANAGER_LYCEE).first()
        or Lycee.objects.filter(spaces__isnull=False).order_by("uai").first()
    )
    if user is not None and lycee is not None and not lycee.managers.filter(pk=user.pk).exists():
        lycee.managers.add(user)
