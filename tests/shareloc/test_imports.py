"""The import commands of FORMATS.md: names, common rules, row errors, idempotency."""

import datetime as dt
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.search.backends import get_search_backend

from shareloc.models import Booking, Closure, Commune, LendableEquipment, Lycee, OpeningWindow, Space

from . import booking_helpers
from .calendar_days import SPRING_FORWARD, TERM_MONDAY_JANUARY, days_after
from .calendar_days import YEAR as Y
from .factories import LyceeFactory, SpaceFactory, WindowFactory

world = booking_helpers.world
DATA = Path(__file__).resolve().parents[2] / "data"

SPACES_HEADER = "uai,code,name,kind,capacity,area_m2,accessible,equipment,hourly_rate_eur,description\n"


def run(command, *args, **options):
    """Run a command; return (stdout, stderr, failed)."""
    out, err = StringIO(), StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err, **options)
        failed = False
    except CommandError as error:
        err.write(str(error))
        failed = True
    return out.getvalue(), err.getvalue(), failed


def write(folder, name, text, bom=False):
    path = Path(folder) / name
    path.write_text(("\ufeff" if bom else "") + text, encoding="utf-8")
    return path


@pytest.fixture
def lycee(db):
    return LyceeFactory(uai="0590119J", name="Lycée Faidherbe")


def test_import_lycees_and_communes_load_the_real_files_public_lycees_only_and_twice_changes_nothing(db):
    out, _err, failed = run("import_communes", str(DATA / "communes_hdf.csv"))
    assert not failed and "3782 créé(s)" in out
    out, _err, failed = run("import_lycees", str(DATA / "lycees_hdf.csv"))
    assert not failed and "268 créé(s)" in out and "159 ignoré(s)" in out
    assert Lycee.objects.count() == 268 and Commune.objects.count() == 3782
    lille = Lycee.objects.get(uai="0590119J")
    assert lille.commune_id == "59350" and lille.department == "59" and lille.academie == "Lille"
    out, _err, failed = run("import_lycees", str(DATA / "lycees_hdf.csv"))
    assert "0 créé(s), 0 mis à jour, 268 inchangé(s)" in out


def test_a_uai_with_a_wrong_check_letter_is_rejected_with_its_line(db, tmp_path):
    path = write(
        tmp_path,
        "lycees.csv",
        "uai,nom,type,secteur,code_postal,commune,code_insee_commune,departement,academie,latitude,longitude\n"
        "0590119J,Lycée Faidherbe,LEGT,Public,59000,Lille,59350,59,Lille,50.6,3.06\n"
        "0590119K,Lycée Faux,LEGT,Public,59000,Lille,59350,59,Lille,50.6,3.06\n",
    )
    _out, err, failed = run("import_lycees", str(path))
    assert failed
    assert "ligne 3" in err and "lettre de contrôle devrait être J" in err
    assert list(Lycee.objects.values_list("uai", flat=True)) == ["0590119J"]


def test_spaces_import_accepts_a_bom_reports_unknown_columns_and_rejects_bad_rows_by_line(lycee, tmp_path):
    write(
        tmp_path,
        "spaces.csv",
        SPACES_HEADER.replace("\n", ",colour\n")
        + "0590119J,GYM1,Gymnase,gymnasium,200,800,yes,changing_rooms|showers,0,,bleu\n"
        + "0590119J,S1,Salle,spaceship,20,,no,,0,,rouge\n"
        + "0590119J,S2,Salle 2,classroom,-3,,no,,0,,vert\n"
        + "0590119J,S3,Salle 3,classroom,20,,maybe,,0,,vert\n"
        + "0590119J,S4,Salle 4,classroom,20,,no,jacuzzi,0,,vert\n"
        + "0690001A,S5,Salle 5,classroom,20,,no,,0,,vert\n"
        + "0590119J,S6,Salle 6,classroom,20,,no,,-1,,vert\n",
        bom=True,
    )
    out, err, failed = run("import_shareloc", str(tmp_path))
    assert failed
    assert "colour" in err
    for line, fragment in (
        (3, "spaceship"),
        (4, "au moins 1"),
        (5, "yes ou no"),
        (6, "jacuzzi"),
        (7, "Lycée inconnu"),
        (8, "hourly_rate_eur"),
    ):
        assert f"ligne {line} :" in err and fragment in err, (line, fragment)
    assert "1 créé(s)" in out and "6 rejeté(s)" in out
    gym = Space.objects.get()
    assert (
        gym.code,
        gym.capacity,
        gym.area_m2,
        gym.accessible,
        gym.equipment,
        gym.hourly_rate_eur,
        gym.department,
    ) == ("GYM1", 200, 800, True, ["changing_rooms", "showers"], Decimal("0.00"), "59")
    assert gym.equipment_mask > 0


def test_a_missing_required_column_rejects_the_whole_file_before_writing(lycee, tmp_path):
    path = write(tmp_path, "spaces.csv", "uai,code,name,kind,accessible\n0590119J,GYM1,Gymnase,gymnasium,yes\n")
    out, err, failed = run("import_shareloc", str(tmp_path))
    assert failed and "fichier refusé" in out and "capacity" in out
    assert not Space.objects.exists()
    assert path.exists()


def test_strict_mode_writes_nothing_when_a_row_is_rejected(lycee, tmp_path):
    write(
        tmp_path,
        "spaces.csv",
        SPACES_HEADER + "0590119J,GYM1,Gymnase,gymnasium,200,,yes,,0,\n" + "0590119J,S1,Salle,classroom,0,,yes,,0,\n",
    )
    _out, err, failed = run("import_shareloc", str(tmp_path), strict=True)
    assert failed and "Mode strict" in err
    assert not Space.objects.exists()


def test_strict_mode_writes_nothing_of_the_whole_run_when_a_later_file_has_a_bad_row(lycee, tmp_path):
    write(tmp_path, "spaces.csv", SPACES_HEADER + "0590119J,GYM1,Gymnase,gymnasium,200,,yes,,0,\n")
    write(tmp_path, "equipment.csv", "uai,code,name,category,quantity,description\n0590119J,SONO,Sono,audio,0,\n")
    out, err, failed = run("import_shareloc", str(tmp_path), strict=True)
    assert failed and "Mode strict" in err and "matériel, ligne 2 :" in err
    assert "espaces : 0 créé(s)" in out
    assert not Space.objects.exists() and not LendableEquipment.objects.exists()


def test_a_second_import_changes_nothing_and_a_changed_value_is_updated_in_place(lycee, tmp_path):
    write(tmp_path, "spaces.csv", SPACES_HEADER + "0590119J,GYM1,Gymnase,gymnasium,200,,yes,,0,\n")
    run("import_shareloc", str(tmp_path))
    first = Space.objects.get()
    out, _err, failed = run("import_shareloc", str(tmp_path))
    assert not failed and "0 créé(s), 0 mis à jour, 1 inchangé(s)" in out
    write(tmp_path, "spaces.csv", SPACES_HEADER + "0590119J,GYM1,Grand gymnase,gymnasium,250,,yes,,12.5,\n")
    out, _err, _failed = run("import_shareloc", str(tmp_path))
    assert "1 mis à jour" in out
    updated = Space.objects.get()
    assert (updated.pk, updated.name, updated.capacity, updated.hourly_rate_eur) == (
        first.pk,
        "Grand gymnase",
        250,
        Decimal("12.50"),
    )


def test_windows_replace_those_of_each_space_in_the_file_and_keep_identical_ones(lycee, tmp_path):
    gym = SpaceFactory(lycee=lycee, code="GYM1")
    kept = WindowFactory(space=gym, weekdays=["mon", "tue"], start=dt.time(18), end=dt.time(21), period="term")
    WindowFactory(space=gym, weekdays=["sat"], start=dt.time(9), end=dt.time(12))
    other = SpaceFactory(lycee=lycee, code="S1")
    untouched = WindowFactory(space=other)
    write(
        tmp_path,
        "windows.csv",
        "uai,space_code,weekdays,start,end,period\n"
        "0590119J,GYM1,tue|mon,18:00,21:00,term\n"
        "0590119J,GYM1,wed,14:00,18:00,holidays\n",
    )
    out, _err, failed = run("import_shareloc", str(tmp_path))
    assert not failed and "1 créé(s), 0 mis à jour, 1 inchangé(s), 0 rejeté(s), 1 supprimé(s)" in out
    assert OpeningWindow.objects.filter(pk=kept.pk).exists() and OpeningWindow.objects.filter(pk=untouched.pk).exists()
    new = OpeningWindow.objects.get(space=gym, period="holidays")
    assert new.weekdays == ["wed"] and new.weekday_mask == 0b100
    out, _err, _failed = run("import_shareloc", str(tmp_path))
    assert "0 créé(s), 0 mis à jour, 2 inchangé(s), 0 rejeté(s)." in out


def test_a_bad_window_row_leaves_that_space_windows_unchanged(lycee, tmp_path):
    gym = SpaceFactory(lycee=lycee, code="GYM1")
    WindowFactory(space=gym, weekdays=["sat"], start=dt.time(9), end=dt.time(12))
    write(
        tmp_path,
        "windows.csv",
        "uai,space_code,weekdays,start,end,period\n"
        "0590119J,GYM1,mon,18:00,21:00,term\n"
        "0590119J,GYM1,tue,21:00,18:00,term\n"
        "0590119J,GYM1,funday,18:00,21:00,term\n",
    )
    _out, err, failed = run("import_shareloc", str(tmp_path))
    assert failed
    assert "ligne 3 :" in err and "« start » doit précéder « end »" in err
    assert "ligne 4 :" in err and "funday" in err
    assert "ligne 2 :" in err and "laissés tels quels" in err
    assert list(OpeningWindow.objects.filter(space=gym).values_list("weekdays", flat=True)) == [["sat"]]


def test_closures_without_space_code_close_the_whole_lycee(lycee, tmp_path):
    SpaceFactory(lycee=lycee, code="GYM1")
    write(
        tmp_path,
        "closures.csv",
        "uai,space_code,start_date,end_date,reason\n"
        f"0590119J,,{Y}-06-01,{Y}-06-18,Examens\n"
        f"0590119J,GYM1,{Y}-03-01,{Y}-03-05,Travaux\n"
        f"0590119J,GYM1,{Y}-03-09,{Y}-03-05,À l'envers\n"
        f"0590119J,GYM1,{Y}-02-30,{Y}-03-05,Date impossible\n",
    )
    _out, err, failed = run("import_shareloc", str(tmp_path))
    assert failed and "ligne 4 :" in err and "ligne 5 :" in err
    assert Closure.objects.get(space__isnull=True).reason == "Examens"
    assert Closure.objects.get(space__code="GYM1").start_date == dt.date(Y, 3, 1)
    out, _err, _failed = run("import_shareloc", str(tmp_path))
    assert "0 créé(s), 0 mis à jour, 2 inchangé(s)" in out


def test_bookings_are_read_in_paris_time_on_one_day_and_never_overlap_a_confirmed_one(lycee, tmp_path):
    MON, TUE, WED = days_after(TERM_MONDAY_JANUARY, 3)  # in winter time
    SpaceFactory(lycee=lycee, code="GYM1")
    write(
        tmp_path,
        "bookings.csv",
        "uai,space_code,start,end,organisation,status\n"
        f"0590119J,GYM1,{MON}T18:00,{MON}T20:00,Club A,confirmed\n"
        f"0590119J,GYM1,{MON}T20:00,{MON}T21:00,Club B,confirmed\n"
        f"0590119J,GYM1,{MON}T19:00,{MON}T20:30,Club C,confirmed\n"
        f"0590119J,GYM1,{MON}T19:00,{MON}T20:30,Club D,pending\n"
        f"0590119J,GYM1,{MON}T22:00,{TUE}T01:00,Club E,confirmed\n"
        f"0590119J,GYM1,{SPRING_FORWARD}T02:30,{SPRING_FORWARD}T04:00,Club F,confirmed\n"
        f"0590119J,GYM1,{MON} 18:00,{MON}T20:00,Club G,confirmed\n"
        f"0590119J,GYM1,{TUE}T18:00+01:00,{TUE}T19:00+01:00,Club H,cancelled\n"
        f"0590119J,GYM1,{WED}T18:00,{WED}T19:00,Club I,maybe\n",
    )
    _out, err, failed = run("import_shareloc", str(tmp_path))
    assert failed
    assert "ligne 4 :" in err and "Chevauche" in err
    assert "ligne 6 :" in err and "même jour" in err
    assert "ligne 7 :" in err and "existante" in err  # 02:30 does not exist on the spring-forward day
    assert "ligne 8 :" in err and "ligne 10 :" in err
    assert set(Booking.objects.values_list("organisation", flat=True)) == {"Club A", "Club B", "Club D", "Club H"}
    club_a = Booking.objects.get(organisation="Club A")
    # 18:00 in Paris in January (winter time, UTC+1) is 17:00 UTC.
    assert club_a.start == dt.datetime.combine(MON, dt.time(17), tzinfo=dt.UTC) and club_a.source == "import"
    out, _err, _failed = run("import_shareloc", str(tmp_path))
    assert "0 créé(s), 0 mis à jour, 4 inchangé(s)" in out


def test_equipment_stock_must_be_at_least_one(lycee, tmp_path):
    write(
        tmp_path,
        "equipment.csv",
        "uai,code,name,category,quantity,description\n"
        "0590119J,CHAISE,Chaises,furniture,80,\n"
        "0590119J,SONO,Sono,audiovisual,0,\n",
    )
    _out, err, failed = run("import_shareloc", str(tmp_path))
    assert failed and "ligne 3 :" in err and "quantity" in err
    assert list(LendableEquipment.objects.values_list("code", "quantity")) == [("CHAISE", 80)]


def test_import_shareloc_reads_the_files_in_the_contract_order(lycee, tmp_path):
    # windows.csv names a space that only spaces.csv creates: it works because spaces come first.
    write(tmp_path, "windows.csv", "uai,space_code,weekdays,start,end,period\n0590119J,GYM1,mon,18:00,21:00,term\n")
    write(tmp_path, "spaces.csv", SPACES_HEADER + "0590119J,GYM1,Gymnase,gymnasium,200,,yes,,0,\n")
    out, _err, failed = run("import_shareloc", str(tmp_path))
    assert not failed
    assert out.index("espaces") < out.index("créneaux")
    assert OpeningWindow.objects.filter(space__code="GYM1").count() == 1


def test_shareloc_add_manager_creates_the_user_and_gives_them_the_lycee(lycee, demo_groups):
    out, _err, failed = run("shareloc_add_manager", "intendante", "0590119j", password="un-mot-de-passe-solide")
    assert not failed and "gestionnaire" in out
    user = lycee.managers.get()
    assert user.username == "intendante" and user.check_password("un-mot-de-passe-solide")
    assert user.groups.filter(name="Gestionnaires de lycée").exists()
    assert user.has_perm("shareloc.change_space") and user.has_perm("wagtailadmin.access_admin")
    _out, err, failed = run("shareloc_add_manager", "intendante", "0590119K")
    assert failed and "Lycée inconnu" in err


def test_import_shareloc_refuses_a_missing_folder_or_one_without_shareloc_files(db, tmp_path):
    _out, err, failed = run("import_shareloc", str(tmp_path / "absent"))
    assert failed and "n'est pas un dossier" in err
    _out, err, failed = run("import_shareloc", str(tmp_path))
    assert failed and "Aucun fichier Shareloc" in err


def site_search(words):
    return get_search_backend().search(words, Space, operator="and")


def test_imported_spaces_are_found_by_the_site_search_and_renames_follow(lycee, tmp_path):
    write(tmp_path, "spaces.csv", SPACES_HEADER + "0590119J,GYM1,Gymnase Faidherbe,gymnasium,200,800,yes,,0,\n")
    out, err, failed = run("import_shareloc", str(tmp_path))
    assert not failed, err
    assert [space.code for space in site_search("gymnase")] == ["GYM1"]
    write(tmp_path, "spaces.csv", SPACES_HEADER + "0590119J,GYM1,Halle omnisports,gymnasium,200,800,yes,,0,\n")
    run("import_shareloc", str(tmp_path))
    assert [space.code for space in site_search("omnisports")] == ["GYM1"]
    assert list(site_search("gymnase")) == []


# --- closures and windows written by the import over confirmed bookings (issue 14) ---


def confirmed_series(w):
    """Three confirmed Tuesdays of the club in the Gymnase (TUESDAY and the two after), 18:00–20:00."""
    from shareloc.bookings import workflow

    from .booking_helpers import TUESDAY, at, week

    request, _created = workflow.submit(
        w.member,
        workflow.Submission(
            space=w.space,
            start=at(TUESDAY, 18),
            end=at(TUESDAY, 20),
            attendees=5,
            purpose="Entraînement",
            repeat_weekly_until=week(2),
        ),
    )
    workflow.approve(w.manager, request.pk)
    return request


def closures_over_week_one(w, folder):
    from .booking_helpers import TUESDAY, week

    write(
        folder,
        "closures.csv",
        "uai,space_code,start_date,end_date,reason\n"
        f"{w.lycee.uai},GYM1,{week(1).isoformat()},{week(1).isoformat()},Travaux de toiture\n"
        f"{w.lycee.uai},,{(TUESDAY + dt.timedelta(days=1)).isoformat()},"
        f"{(TUESDAY + dt.timedelta(days=1)).isoformat()},Journée pédagogique\n",
    )


def test_an_imported_closure_over_confirmed_bookings_is_refused_naming_them(
    world, tmp_path, mailoutbox, django_capture_on_commit_callbacks
):
    from .booking_helpers import week

    w = world
    request = confirmed_series(w)
    closures_over_week_one(w, tmp_path)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        out, err, failed = run("import_shareloc", str(tmp_path))
    assert failed
    assert "fermetures : 1 créé(s), 0 mis à jour, 0 inchangé(s), 1 rejeté(s)." in out
    assert "fermetures, ligne 2 : Tombe sur 1 réservation(s) confirmée(s) à venir" in err
    assert f"{week(1):%d/%m/%Y} 18:00–20:00, Gymnase (GYM1) : Club d'échecs de Lille" in err
    assert "--cancel-bookings" in err
    assert list(Closure.objects.values_list("reason", flat=True)) == ["Journée pédagogique"]  # the free day
    assert set(request.dates.values_list("status", flat=True)) == {"confirmed"}
    assert mailoutbox == []


def test_a_dry_run_lists_the_bookings_it_would_cancel_and_changes_nothing(
    world, tmp_path, mailoutbox, django_capture_on_commit_callbacks
):
    from shareloc.models import Booking

    from .booking_helpers import week

    w = world
    request = confirmed_series(w)
    closures_over_week_one(w, tmp_path)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        out, err, failed = run("import_shareloc", str(tmp_path), "--cancel-bookings", "--dry-run")
    assert callbacks == []  # the e-mails went with the rolled-back transaction
    assert not failed
    assert "Simulation (--dry-run) : rien n'a été écrit" in out
    assert "fermetures : 2 créé(s)" in out
    assert (
        "fermetures : ligne 2 : réservation confirmée annulée (Fermeture : Travaux de toiture) : "
        f"{week(1):%d/%m/%Y} 18:00–20:00, Gymnase (GYM1) : Club d'échecs de Lille" in err
    )
    assert not Closure.objects.exists()
    assert set(request.dates.values_list("status", flat=True)) == {"confirmed"}
    assert Booking.objects.filter(status="confirmed").count() == 3
    assert mailoutbox == []


def test_with_cancel_bookings_the_import_cancels_them_like_the_admin(
    world, tmp_path, mailoutbox, client, django_capture_on_commit_callbacks
):
    from shareloc.models import Booking, IcalToken

    from .booking_helpers import TUESDAY, at, week
    from .factories import BookingFactory

    w = world
    request = confirmed_series(w)
    typed = BookingFactory(space=w.space, start=at(week(1), 10), end=at(week(1), 11), organisation="Club tapé")
    feed = IcalToken.objects.create(kind="association", association=w.association)
    assert client.get(f"/shareloc/ical/{feed.token}.ics").content.decode().count("BEGIN:VEVENT") == 3
    closures_over_week_one(w, tmp_path)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        out, err, failed = run("import_shareloc", str(tmp_path), "--cancel-bookings")
    assert not failed and "fermetures : 2 créé(s), 0 mis à jour, 0 inchangé(s), 0 rejeté(s)." in out
    assert err.count("réservation confirmée annulée (Fermeture : Travaux de toiture)") == 2
    assert Closure.objects.count() == 2
    statuses = {rd.booking.start: rd.status for rd in request.dates.select_related("booking")}
    assert statuses == {at(TUESDAY, 18): "confirmed", at(week(1), 18): "cancelled", at(week(2), 18): "confirmed"}
    change = request.history.get(to_status="cancelled")
    assert (change.reason, change.actor) == ("Fermeture : Travaux de toiture", None)
    typed.refresh_from_db()
    assert typed.status == "cancelled"
    letters = [m for m in mailoutbox if w.member.email in m.to]
    assert len(letters) == 1 and "Travaux de toiture" in letters[0].body
    assert client.get(f"/shareloc/ical/{feed.token}.ics").content.decode().count("BEGIN:VEVENT") == 2
    # A second run finds the closures in place: nothing more to cancel, nothing said.
    mailoutbox.clear()
    out, err, failed = run("import_shareloc", str(tmp_path), "--cancel-bookings")
    assert not failed and "0 créé(s), 0 mis à jour, 2 inchangé(s)" in out and "annulée" not in err
    assert Booking.objects.filter(status="cancelled").count() == 2


def test_imported_windows_that_no_longer_hold_confirmed_bookings_are_refused_unless_cancelled(
    world, tmp_path, django_capture_on_commit_callbacks, mailoutbox
):
    w = world
    request = confirmed_series(w)
    write(
        tmp_path,
        "windows.csv",
        "uai,space_code,weekdays,start,end,period\n"
        f"{w.lycee.uai},GYM1,mon|tue|wed,08:00,12:00,always\n"
        f"{w.lycee.uai},GYM1,sat,09:00,12:00,always\n",
    )
    _out, err, failed = run("import_shareloc", str(tmp_path))
    assert failed
    assert "créneaux, ligne 2 : Tombe sur 3 réservation(s) confirmée(s) à venir" in err
    assert "créneaux, ligne 3 : Les créneaux de cet espace sont laissés tels quels : la ligne 2" in err
    assert [(window.start, window.end) for window in w.space.windows.all()] == [(dt.time(8), dt.time(22))]
    assert set(request.dates.values_list("status", flat=True)) == {"confirmed"}
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        out, err, failed = run("import_shareloc", str(tmp_path), "--cancel-bookings")
    assert not failed and "créneaux : 2 créé(s), 0 mis à jour, 0 inchangé(s), 0 rejeté(s), 1 supprimé(s)." in out
    assert err.count("réservation confirmée annulée (Les créneaux d'ouverture de l'espace ont changé") == 3
    request.refresh_from_db()
    assert request.status == "cancelled"
    assert len([m for m in mailoutbox if w.member.email in m.to]) == 1
