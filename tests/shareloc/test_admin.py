"""The back office, per role: a lycée's manager sees and edits only their own lycées' rows; the Région's
Shareloc team and superusers see all; nobody else gets in."""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from core import roles
from shareloc.models import Closure, LendableEquipment, OpeningWindow, Space

from .booking_helpers import at
from .calendar_days import LABOUR_DAY, SUMMER_HOLIDAYS, TERM_TUESDAY
from .factories import ClosureFactory, EquipmentFactory, LyceeFactory, SpaceFactory, WindowFactory


@pytest.fixture
def world(demo_accounts):
    roles.sync_role(roles.LYCEE_MANAGER)
    region_group = roles.sync_role(roles.REGION_SHARELOC)
    mine, theirs = LyceeFactory(name="Lycée Mien"), LyceeFactory(name="Lycée Autre")
    manager = demo_accounts["gestionnaire"]
    mine.managers.add(manager)
    other_manager = get_user_model().objects.create_user("autre-gestionnaire")
    other_manager.groups.add(*manager.groups.all())
    theirs.managers.add(other_manager)
    region = get_user_model().objects.create_user("region")
    region.groups.add(region_group)
    rows = {}
    for key, lycee in (("mine", mine), ("theirs", theirs)):
        space = SpaceFactory(lycee=lycee, name=f"Gymnase {lycee.name}", code="GYM1")
        rows[key] = {
            "lycee": lycee,
            "space": space,
            "window": WindowFactory(space=space),
            "closure": ClosureFactory(space=space),
            "equipment": EquipmentFactory(lycee=lycee, name=f"Sono {key}"),
        }
    return {
        "manager": manager,
        "other_manager": other_manager,
        "region": region,
        "rows": rows,
        "admin": demo_accounts["admin"],
        "association": demo_accounts["association"],
    }


VIEWSETS = [
    ("shareloc_spaces", "space"),
    ("shareloc_windows", "window"),
    ("shareloc_closures", "closure"),
    ("shareloc_equipment", "equipment"),
]


@pytest.mark.parametrize("viewset, key", VIEWSETS)
def test_a_manager_reaches_their_own_rows_and_gets_404_on_another_lycees(client, world, viewset, key):
    client.force_login(world["manager"])
    mine, theirs = world["rows"]["mine"][key], world["rows"]["theirs"][key]
    assert client.get(reverse(f"{viewset}:edit", args=[mine.pk])).status_code == 200
    assert client.get(reverse(f"{viewset}:edit", args=[theirs.pk])).status_code == 404
    assert client.get(reverse(f"{viewset}:delete", args=[theirs.pk])).status_code == 404
    assert client.post(reverse(f"{viewset}:delete", args=[theirs.pk])).status_code == 404
    assert type(theirs).objects.filter(pk=theirs.pk).exists()
    assert client.get(reverse(f"{viewset}:copy", args=[theirs.pk])).status_code == 404


def test_a_manager_lists_only_their_own_spaces_and_equipment(client, world):
    client.force_login(world["manager"])
    listing = client.get(reverse("shareloc_spaces:index")).content.decode()
    assert "Gymnase Lycée Mien" in listing and "Gymnase Lycée Autre" not in listing
    listing = client.get(reverse("shareloc_equipment:index")).content.decode()
    assert "Sono mine" in listing and "Sono theirs" not in listing


def test_a_manager_edits_their_own_space_with_equipment_checkboxes(client, world):
    client.force_login(world["manager"])
    space = world["rows"]["mine"]["space"]
    response = client.post(
        reverse("shareloc_spaces:edit", args=[space.pk]),
        {
            "lycee": space.lycee_id,
            "code": "GYM1",
            "name": "Gymnase rénové",
            "kind": "gymnasium",
            "capacity": "150",
            "area_m2": "",
            "accessible": "on",
            "equipment": ["showers", "scoreboard"],
            "hourly_rate_eur": "0",
            "description": "",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
            "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    space.refresh_from_db()
    assert (space.name, space.capacity, space.equipment) == ("Gymnase rénové", 150, ["showers", "scoreboard"])
    assert space.equipment_mask > 0


def test_a_manager_cannot_create_a_space_or_window_in_another_lycee_by_forging_the_form(client, world):
    client.force_login(world["manager"])
    theirs = world["rows"]["theirs"]
    response = client.post(
        reverse("shareloc_spaces:add"),
        {
            "lycee": theirs["lycee"].pk,
            "code": "PIRATE",
            "name": "Pirate",
            "kind": "classroom",
            "capacity": "10",
            "hourly_rate_eur": "0",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200 and not Space.objects.filter(code="PIRATE").exists()
    response = client.post(
        reverse("shareloc_windows:add"),
        {"space": theirs["space"].pk, "weekdays": ["mon"], "start": "08:00", "end": "09:00", "period": "always"},
    )
    assert response.status_code == 200
    assert not OpeningWindow.objects.filter(space=theirs["space"], start=dt.time(8), end=dt.time(9)).exists()


def test_a_manager_adds_a_window_and_a_closure_to_their_own_lycee(client, world):
    client.force_login(world["manager"])
    mine = world["rows"]["mine"]
    response = client.post(
        reverse("shareloc_windows:add"),
        {"space": mine["space"].pk, "weekdays": ["sat", "sun"], "start": "09:00", "end": "12:00", "period": "holidays"},
    )
    assert response.status_code == 302
    window = OpeningWindow.objects.get(space=mine["space"], period="holidays")
    assert window.weekdays == ["sat", "sun"] and window.weekday_mask == 0b1100000
    response = client.post(
        reverse("shareloc_closures:add"),
        {
            "lycee": mine["lycee"].pk,
            "space": "",
            "start_date": LABOUR_DAY.isoformat(),
            "end_date": (LABOUR_DAY + dt.timedelta(days=2)).isoformat(),
            "reason": "Pont",
        },
    )
    assert response.status_code == 302
    assert Closure.objects.filter(lycee=mine["lycee"], space__isnull=True, reason="Pont").exists()


def test_the_region_team_and_superusers_see_every_lycee(client, world):
    for who in ("region", "admin"):
        client.force_login(world[who])
        listing = client.get(reverse("shareloc_spaces:index")).content.decode()
        assert "Gymnase Lycée Mien" in listing and "Gymnase Lycée Autre" in listing, who
        theirs = world["rows"]["theirs"]["equipment"]
        assert client.get(reverse("shareloc_equipment:edit", args=[theirs.pk])).status_code == 200
    assert world["region"].groups.filter(name=roles.REGION_SHARELOC.group_name).exists()


def test_only_the_region_edits_the_calendars_and_the_lycees(client, world):
    client.force_login(world["manager"])
    assert client.get(reverse("shareloc_public_holidays:index")).status_code in (302, 403)
    assert client.get(reverse("shareloc_lycees:index")).status_code in (302, 403)
    client.force_login(world["region"])
    assert client.get(reverse("shareloc_public_holidays:index")).status_code == 200
    response = client.post(
        reverse("shareloc_public_holidays:add"), {"date": f"{LABOUR_DAY + dt.timedelta(days=6)}", "name": "Pont"}
    )
    assert response.status_code == 302


def test_people_outside_shareloc_get_nothing(client, world):
    url = reverse("shareloc_spaces:index")
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(world["association"])
    assert client.get(url).status_code in (302, 403)
    client.force_login(world["manager"])
    assert client.get(url).status_code == 200


def test_the_spreadsheet_export_holds_only_the_managers_rows(client, world):
    client.force_login(world["manager"])
    response = client.get(reverse("shareloc_equipment:index"), {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "Sono mine" in content and "Sono theirs" not in content
    assert LendableEquipment.objects.count() == 2


def test_a_confirmed_booking_entered_in_the_admin_never_overlaps_another(client, world):
    from shareloc.models import Booking

    client.force_login(world["manager"])
    space = world["rows"]["mine"]["space"]
    fields = {
        "space": space.pk,
        "organisation": "Club A",
        "status": "confirmed",
        "start": f"{TERM_TUESDAY} 18:00",
        "end": f"{TERM_TUESDAY} 20:00",
    }
    assert client.post(reverse("shareloc_bookings:add"), fields).status_code == 302
    response = client.post(
        reverse("shareloc_bookings:add"),
        {**fields, "organisation": "Club B", "start": f"{TERM_TUESDAY} 19:00", "end": f"{TERM_TUESDAY} 21:00"},
    )
    assert response.status_code == 200 and "chevauche" in response.content.decode()
    assert list(Booking.objects.values_list("organisation", flat=True)) == ["Club A"]
    touching = {**fields, "organisation": "Club C", "start": f"{TERM_TUESDAY} 20:00", "end": f"{TERM_TUESDAY} 21:00"}
    assert client.post(reverse("shareloc_bookings:add"), touching).status_code == 302


def test_the_dates_of_booking_requests_are_changed_only_by_their_workflow(client, world):
    from shareloc.models import Booking

    booking = Booking.objects.create(
        space=world["rows"]["mine"]["space"],
        organisation="Club R",
        status="confirmed",
        source="request",
        start=at(TERM_TUESDAY, 18),
        end=at(TERM_TUESDAY, 19),
    )
    client.force_login(world["manager"])
    assert "Club R" in client.get(reverse("shareloc_bookings:index")).content.decode()
    assert client.get(reverse("shareloc_bookings:edit", args=[booking.pk])).status_code == 404
    assert client.post(reverse("shareloc_bookings:delete", args=[booking.pk])).status_code == 404
    assert Booking.objects.filter(pk=booking.pk, status="confirmed").exists()


def test_an_existing_region_team_group_keeps_seeing_every_lycee_once_checks_name_permissions(db):
    migration = import_module("shareloc.migrations.0009_region_team_permissions")
    team = Group.objects.create(name="Région Shareloc")  # as the former code built it, by name only
    member = get_user_model().objects.create_user("equipe-region")
    member.groups.add(team)
    migration.grant_team_permissions(apps, None)
    member = get_user_model().objects.get(pk=member.pk)
    assert member.has_perm(roles.MANAGE_ALL_LYCEES) and member.has_perm(roles.VIEW_SHARELOC_DASHBOARD)


SCOPED_VIEWSETS = [
    ("shareloc_spaces", lambda rows: rows["space"]),
    ("shareloc_windows", lambda rows: rows["window"]),
    ("shareloc_closures", lambda rows: rows["closure"]),
    ("shareloc_equipment", lambda rows: rows["equipment"]),
    ("shareloc_lycees", lambda rows: rows["lycee"]),
    ("shareloc_bookings", lambda rows: rows["booking"]),
]


@pytest.fixture
def bookings(world, clock):
    from tests.conftest import TEST_NOW

    from .factories import BookingFactory

    start = TEST_NOW + dt.timedelta(days=14)
    for rows in world["rows"].values():
        rows["booking"] = BookingFactory(space=rows["space"], start=start, end=start + dt.timedelta(hours=2))
    return world


@pytest.mark.parametrize("view", ["history", "usage"])
@pytest.mark.parametrize("viewset, row", SCOPED_VIEWSETS, ids=[name for name, _row in SCOPED_VIEWSETS])
def test_history_and_usage_pages_open_for_own_rows_and_answer_404_for_another_lycees(
    client, bookings, viewset, row, view
):
    mine, theirs = row(bookings["rows"]["mine"]), row(bookings["rows"]["theirs"])
    client.force_login(bookings["admin"])
    assert client.get(reverse(f"{viewset}:{view}", args=[theirs.pk])).status_code == 200
    client.force_login(bookings["region"])
    assert client.get(reverse(f"{viewset}:{view}", args=[theirs.pk])).status_code == 200
    if viewset in {"shareloc_lycees"}:
        return  # the lycées are the Région's: a manager has no admin view of them
    client.force_login(bookings["manager"])
    assert client.get(reverse(f"{viewset}:{view}", args=[mine.pk])).status_code == 200
    assert client.get(reverse(f"{viewset}:{view}", args=[theirs.pk])).status_code == 404


@pytest.mark.parametrize("viewset", ["shareloc_communes", "shareloc_public_holidays", "shareloc_school_holidays"])
def test_history_and_usage_pages_of_the_reference_data_open_for_the_region(client, world, viewset):
    from django.urls import NoReverseMatch

    model = {
        "shareloc_communes": "shareloc.Commune",
        "shareloc_public_holidays": "shareloc.PublicHoliday",
        "shareloc_school_holidays": "shareloc.SchoolHolidayDay",
    }[viewset]
    obj = apps.get_model(model).objects.first()
    if obj is None:
        obj = _reference_row(model)
    client.force_login(world["region"])
    for view in ("history", "usage"):
        try:
            url = reverse(f"{viewset}:{view}", args=[obj.pk])
        except NoReverseMatch:
            continue
        assert client.get(url).status_code == 200, url


def _reference_row(model):
    if model == "shareloc.Commune":
        from .factories import CommuneFactory

        return CommuneFactory()
    day = LABOUR_DAY
    if model == "shareloc.PublicHoliday":
        return apps.get_model(model).objects.create(date=day, name="Fête du travail")
    return apps.get_model(model).objects.create(date=day, name="Vacances de printemps")


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_the_closure_export_holds_closures_of_a_whole_lycee(client, world, export):
    lycee = world["rows"]["mine"]["lycee"]
    Closure.objects.create(
        lycee=lycee, space=None, start_date=SUMMER_HOLIDAYS[0], end_date=SUMMER_HOLIDAYS[0] + dt.timedelta(days=1)
    )
    client.force_login(world["admin"])
    response = client.get(reverse("shareloc_closures:index") + f"?export={export}")
    assert response.status_code == 200
