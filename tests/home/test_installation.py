"""A real installation, without the demo: setup_site, the documented imports, sync_calendars, import_aids
(the sequence of docs/deploy.md, "Install for real"), and the guards around load_demo."""

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q
from django.test import override_settings
from wagtail.models import Collection, GroupCollectionPermission, Page, Site

from core import roles
from home.models import AidePage, ContentPage
from shareloc.catalogue.models import OpeningWindow, PublicHoliday, SchoolHolidayDay
from tests.conftest import TEST_NOW
from tests.shareloc.calendar_days import HOLIDAY_MONDAY, WINTER_HOLIDAYS
from tests.shareloc.calendar_days import TERM_MONDAY as TERM_MONDAY_B

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
CHRISTMAS = dt.date(TEST_NOW.year, 12, 25)
LABOUR_DAY = dt.date(TEST_NOW.year + 1, 5, 1)
YEAR = TEST_NOW.year + 1
# Zone B's winter holidays (20 February – 7 March 2027): their first Monday, and the second Monday after them.
WINTER_HOLIDAY_MONDAY = HOLIDAY_MONDAY
TERM_MONDAY = WINTER_HOLIDAYS[1] + dt.timedelta(days=(7 - WINTER_HOLIDAYS[1].weekday()) % 7 + 7)


def run(command, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def install():
    run("setup_site")
    run("import_lycees", str(DATA / "lycees_hdf.csv"), "--quiet")
    run("import_communes", str(DATA / "communes_hdf.csv"), "--quiet")
    run("import_shareloc", str(DATA / "sample" / "shareloc"), "--quiet")
    run("sync_calendars")
    return run("import_aids", str(DATA / "aides_region_hdf.csv"))


def free_on(client, space, day):
    response = client.get(
        f"/api/shareloc/spaces/{space.lycee.uai}/{space.code}/availability/",
        {"from": day.isoformat(), "to": day.isoformat()},
    )
    assert response.status_code == 200, response.content
    return response.json()["days"][0]["free"]


@pytest.mark.django_db
def test_the_documented_sequence_gives_a_working_site_without_the_demo(client, clock, monkeypatch):
    monkeypatch.setenv("SITE_HOSTNAME", "portail.example")
    monkeypatch.setenv("SITE_PORT", "443")
    out, _err = install()
    assert "25 créé(s)" in out

    assert client.get("/shareloc/").status_code == 200
    assert AidePage.objects.live().count() == 25
    # Public holidays and zone-B school holidays, applied by the availability rule as with the demo.
    assert PublicHoliday.objects.filter(date__in=[CHRISTMAS, LABOUR_DAY]).count() == 2
    assert SchoolHolidayDay.objects.filter(date=WINTER_HOLIDAY_MONDAY).exists()
    always = OpeningWindow.objects.filter(period="always").select_related("space__lycee").first().space
    assert free_on(client, always, CHRISTMAS) == []
    assert free_on(client, always, LABOUR_DAY) == []
    term_only = [
        window.space
        for window in OpeningWindow.objects.filter(period="term").select_related("space__lycee")[:50]
        if "mon" in window.weekdays and not window.space.windows.filter(~Q(period="term")).exists()
    ]
    space = next(space for space in term_only if free_on(client, space, TERM_MONDAY))
    assert free_on(client, space, WINTER_HOLIDAY_MONDAY) == []
    # The site's URLs on the configured host.
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("portail.example", 443)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "https://portail.example/aides/" in sitemap
    assert "https://portail.example/shareloc/" in sitemap
    assert "localhost" not in sitemap


@pytest.mark.django_db
def test_setup_site_builds_the_tree_roles_and_workflow_and_a_second_run_changes_nothing(client):
    out, _err = run("setup_site")
    assert "Site prêt." in out
    for path in ("/", "/aides/", "/actualites/", "/shareloc/", "/programme/", "/plan-du-site/"):
        assert client.get(path).status_code == 200, path
    # The legal pages are published (tests/home/test_legal_pages.py); personal data is the Région's draft.
    for path in ("/mentions-legales/", "/accessibilite/", "/cookies/"):
        assert client.get(path).status_code == 200, path
    assert not ContentPage.objects.get(slug="donnees-personnelles").live
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 8000)
    root = Collection.get_first_root_node()
    for role in (roles.EDITOR, roles.MODERATOR):
        granted = set(
            GroupCollectionPermission.objects.filter(group=roles.group_for(role), collection=root).values_list(
                "permission__codename", flat=True
            )
        )
        assert granted == set(role.collection_permissions)
    pages = Page.objects.count()
    run("setup_site")
    assert Page.objects.count() == pages


@pytest.mark.django_db
def test_sync_calendars_adds_missing_days_only_and_never_overwrites_a_correction(clock):
    out, _err = run("sync_calendars", "--years", str(YEAR))
    assert f"+ jour férié {LABOUR_DAY:%d/%m/%Y}" in out
    corrected = PublicHoliday.objects.get(date=LABOUR_DAY)
    corrected.name = "Fête du Travail (corrigé)"
    corrected.save()
    PublicHoliday.objects.filter(date=dt.date(YEAR, 7, 14)).delete()
    out, _err = run("sync_calendars", "--years", str(YEAR))
    assert f"+ jour férié 14/07/{YEAR}" in out
    assert "1 jour(s) férié(s) et 0 jour(s) de vacances ajouté(s)" in out
    assert PublicHoliday.objects.get(date=LABOUR_DAY).name == "Fête du Travail (corrigé)"


@pytest.mark.django_db
def test_sync_calendars_check_fails_when_the_school_holiday_data_ends_within_12_months_of_the_horizon(clock):
    # Nine months earlier, the data (to 31/08/2028) reaches 12 months past the booking horizon: no alert.
    clock.move_to(TEST_NOW - dt.timedelta(days=270))
    _out, err = run("sync_calendars", "--check")
    assert "ATTENTION" not in err
    # Today the horizon plus 12 months is past the end of the data (2028): the check fails.
    clock.move_to(TEST_NOW)
    with pytest.raises(CommandError):
        run("sync_calendars", "--check")
    out, err = run("sync_calendars")  # without --check, a warning only
    assert "ATTENTION : les vacances scolaires connues s'arrêtent le 31/08/2028" in err


@pytest.mark.django_db
def test_school_holidays_typed_in_the_admin_past_the_package_data_silence_the_check(clock):
    # The warning's cure without a new package: an administrator types the next years' holidays in the admin.
    run("sync_calendars")
    with pytest.raises(CommandError):
        run("sync_calendars", "--check")
    summer = dt.date(2029, 7, 7)
    SchoolHolidayDay.objects.bulk_create(
        SchoolHolidayDay(date=summer + dt.timedelta(days=n), name="Vacances d'été") for n in range(56)
    )  # to 31/08/2029: beyond the booking horizon (01/12/2027) plus 12 months
    out, err = run("sync_calendars", "--check")
    assert "ATTENTION" not in err
    assert "vacances scolaires connues jusqu'au 31/08/2029" in out


@pytest.mark.django_db
def test_the_zone_is_a_setting(clock):
    from shareloc.catalogue.models import CalendarSettings

    settings = CalendarSettings.load()
    settings.school_zone = "C"
    settings.save()
    out, _err = run("sync_calendars", "--years", str(YEAR))
    assert "zone C" in out
    # Zone C's winter holidays start a week before zone B's (Monday 15 February 2027: zone B is at school).
    assert SchoolHolidayDay.objects.filter(date=TERM_MONDAY_B).exists()


@pytest.mark.parametrize(
    "settings_module, named",
    [
        ("maregion.settings.production", "--i-know-this-creates-demo-accounts"),
        # A Région keeps its own settings module on top of ours: the guard follows the settings, not the name.
        ("portail_settings", "portail_settings, bâtis sur maregion.settings.production"),
    ],
)
def test_load_demo_refuses_the_production_settings_without_the_flag(tmp_path, settings_module, named):
    (tmp_path / "portail_settings.py").write_text("from maregion.settings.production import *  # noqa\n")
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": settings_module,
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "portail.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "Refusé : load_demo crée 7 comptes" in lines[0]
    assert "--i-know-this-creates-demo-accounts" in lines[0]
    assert named in lines[0]


@pytest.mark.django_db
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_right_after_load_demo_without_a_worker_the_site_search_finds_the_aid_pages(client):
    from django_tasks_db.models import DBTaskResult

    run("load_demo", "--quiet-accounts")
    assert not DBTaskResult.objects.filter(task_path__startswith="modelsearch.").exists()
    response = client.get("/recherche/", {"q": "carte TER"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "/aides/carte-ter-hauts-de-france-plus-26-ans/" in html
    assert "/aides/carte-ter-hauts-de-france-moins-26-ans/" in html
    # The demo's 25 real aids went through import_aids (+26 and -26 stay two): the home page's figure is that count.
    assert AidePage.objects.live().count() == 25
    home = client.get("/").content.decode()
    assert '<span class="key-figures__figure">25</span> <span class="key-figures__label">aides en ligne' in home
