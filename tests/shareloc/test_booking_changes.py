"""Issue 18's decisions: approving a space without its unavailable equipment, and changing a confirmed
booking's time or space (a new request that replaces it when approved, atomically), through the API
and the association's pages, with their permissions."""

from html import unescape

import pytest
from django.core import mail

from core import roles
from shareloc.models import Booking, BookingRequest, BookingStatus, RequestDate, RequestEquipment, StatusChange

from . import booking_helpers
from .booking_helpers import TUESDAY, iso, request_body
from .factories import BookingFactory, SpaceFactory, WindowFactory

world = booking_helpers.world
pytestmark = pytest.mark.django_db
URL = "/api/shareloc/requests/"
CHAIRS = [{"code": "CHAISES", "quantity": 7}]


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def post(client, capture):
    def send(url, body=None):
        with capture(execute=True):
            return client.post(url, body or {}, content_type="application/json")

    return send


@pytest.fixture
def hall(world):
    space = SpaceFactory(lycee=world.lycee, code="HALL", name="Salle polyvalente", capacity=50)
    WindowFactory(space=space)
    return space


def submit_as(client, post, user, body):
    client.force_login(user)
    response = post(URL, body)
    assert response.status_code == 201, response.content
    return response.json()["id"]


def approved_request(client, post, world, **extra):
    request_id = submit_as(client, post, world.member, request_body(world.space, **extra))
    client.force_login(world.manager)
    assert post(f"{URL}{request_id}/approve/").status_code == 200
    return request_id


# --- approving without the missing equipment ---


def test_the_manager_approves_the_space_without_the_equipment_taken_elsewhere(client, post, world, hall):
    first = submit_as(client, post, world.member, request_body(world.space, equipment=CHAIRS))
    second = submit_as(client, post, world.other_member, request_body(hall, equipment=CHAIRS))
    client.force_login(world.manager)
    assert post(f"{URL}{first}/approve/").status_code == 200
    assert post(f"{URL}{second}/approve/").status_code == 409  # 7 + 7 chairs > 10
    mail.outbox.clear()
    response = post(f"{URL}{second}/approve/", {"without_equipment": ["CHAISES"]})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "approved"
    assert body["equipment"] == [{"code": "CHAISES", "name": "Chaises pliantes", "quantity": 7, "left_out": True}]
    reasons = [h["reason"] for h in body["history"] if h["to"] == "approved"]
    assert reasons == ["Acceptée sans le matériel indisponible : Chaises pliantes × 7."]
    # The association is told by e-mail and on its request's page.
    assert len(mail.outbox) == 1 and "sans ce matériel" in mail.outbox[0].body
    assert "Chaises pliantes × 7" in mail.outbox[0].body
    client.force_login(world.other_member)
    page = unescape(client.get(f"/shareloc/mes-demandes/{second}/").content.decode())
    assert "non prêté : le lycée a accordé l'espace sans ce matériel" in page
    agreement = unescape(client.get(f"/shareloc/mes-demandes/{second}/convention/").content.decode())
    assert "Chaises pliantes" not in agreement


def test_equipment_left_out_does_not_count_and_the_stock_is_still_never_exceeded(client, post, world, hall):
    gym2 = SpaceFactory(lycee=world.lycee, code="GYM2", capacity=50)
    WindowFactory(space=gym2)
    first = submit_as(client, post, world.member, request_body(world.space, equipment=CHAIRS))
    second = submit_as(client, post, world.other_member, request_body(hall, equipment=CHAIRS))
    client.force_login(world.manager)
    assert post(f"{URL}{second}/approve/", {"without_equipment": ["CHAISES"]}).status_code == 200
    # The left-out 7 chairs are not lent: the first request's 7 still fit in the stock of 10.
    assert post(f"{URL}{first}/approve/").status_code == 200
    # A third request for 4 chairs would make 11: refused, whatever the left-out line.
    other = booking_helpers.make_user("tiers")
    booking_helpers.make_association("Troupe de théâtre", other, "W595000003")
    third = submit_as(client, post, other, request_body(gym2, equipment=[{"code": "CHAISES", "quantity": 4}]))
    client.force_login(world.manager)
    response = post(f"{URL}{third}/approve/")
    assert response.status_code == 409
    assert "3 disponible(s) sur 10" in response.json()["dates"][0]["reason"]
    lent = sum(
        line.quantity
        for line in RequestEquipment.objects.filter(left_out=False, request__status="approved")
        if line.equipment.code == "CHAISES"
    )
    assert lent <= 10


def test_leaving_out_equipment_the_request_did_not_ask_for_is_refused(client, post, world):
    request_id = submit_as(client, post, world.member, request_body(world.space, equipment=CHAIRS))
    client.force_login(world.manager)
    response = post(f"{URL}{request_id}/approve/", {"without_equipment": ["PIANO"]})
    assert response.status_code == 400
    assert "ne comporte pas ce matériel : PIANO" in response.json()["without_equipment"][0]
    assert BookingRequest.objects.get(pk=request_id).status == "pending"
    assert not RequestEquipment.objects.filter(left_out=True).exists()


def test_the_admin_decision_page_offers_to_leave_the_equipment_out(client, post, world, hall):
    first = submit_as(client, post, world.member, request_body(world.space, equipment=CHAIRS))
    second = submit_as(client, post, world.other_member, request_body(hall, equipment=CHAIRS))
    client.force_login(world.manager)
    post(f"{URL}{first}/approve/")
    world.manager.groups.add(roles.sync_role(roles.LYCEE_MANAGER))
    url = f"/admin/shareloc/demandes/{second}/"
    assert "Accorder l'espace sans ce matériel" in unescape(client.get(url).content.decode())
    refused = client.post(url, {"decision": "approve", "dates": [TUESDAY.isoformat()]})
    assert refused.status_code == 409
    response = client.post(
        url, {"decision": "approve", "dates": [TUESDAY.isoformat()], "without_equipment": ["CHAISES"]}
    )
    assert response.status_code == 302
    assert RequestEquipment.objects.get(request_id=second).left_out


# --- changing a confirmed booking ---


def change(post, request_id, start, end, **extra):
    return post(f"{URL}{request_id}/change/", {"date": TUESDAY.isoformat(), "start": start, "end": end, **extra})


def test_a_member_moves_a_date_and_the_approval_swaps_both_at_once(client, post, world):
    original = approved_request(client, post, world)
    client.force_login(world.member)
    response = change(post, original, iso(TUESDAY, 19), iso(TUESDAY, 21))  # overlaps its own old slot
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending"
    assert body["replaces"] == {"request": original, "date": TUESDAY.isoformat(), "space": world.space.public_id}
    assert RequestDate.objects.get(request_id=original).status == "confirmed"  # until the decision
    client.force_login(world.manager)
    response = post(f"{URL}{body['id']}/approve/")
    assert response.status_code == 200, response.content
    old_booking = Booking.objects.get(request_date__request_id=original)
    new_booking = Booking.objects.get(request_date__request_id=body["id"])
    assert old_booking.status == BookingStatus.CANCELLED and new_booking.status == BookingStatus.CONFIRMED
    assert BookingRequest.objects.get(pk=original).status == "cancelled"
    old_history = [c.reason for c in StatusChange.objects.filter(request_id=original)]
    assert any(f"Modification demandée : demande n° {body['id']}" in r for r in old_history)
    assert f"Remplacée par la demande n° {body['id']}." in old_history
    new_reasons = [h["reason"] for h in response.json()["history"] if h["to"] == "approved"]
    assert new_reasons[0].startswith(f"Remplace la date du {TUESDAY:%d/%m/%Y} 18:30–20:30 (demande n° {original})")


def test_a_refused_change_leaves_the_booking_confirmed(client, post, world, hall):
    original = approved_request(client, post, world)
    client.force_login(world.member)
    new = change(post, original, iso(TUESDAY, 10), iso(TUESDAY, 12), space=hall.public_id).json()["id"]
    client.force_login(world.manager)
    assert post(f"{URL}{new}/decline/", {"reason": "Salle prise par le lycée"}).status_code == 200
    assert RequestDate.objects.get(request_id=original).status == "confirmed"
    assert Booking.objects.get(request_date__request_id=original).status == BookingStatus.CONFIRMED
    assert StatusChange.objects.filter(
        request_id=original, reason__startswith=f"Modification refusée (demande n° {new})"
    ).exists()


def test_an_approval_that_fails_changes_nothing(client, post, world, hall):
    original = approved_request(client, post, world)
    client.force_login(world.member)
    new = change(post, original, iso(TUESDAY, 18), iso(TUESDAY, 20), space=hall.public_id).json()["id"]
    # Meanwhile the hall is booked at that time by someone else.
    BookingFactory(space=hall, start=booking_helpers.at(TUESDAY, 19), end=booking_helpers.at(TUESDAY, 21))
    client.force_login(world.manager)
    response = post(f"{URL}{new}/approve/")
    assert response.status_code == 409
    # Rolled back whole: the original is still confirmed, the change still pending, no history written.
    assert RequestDate.objects.get(request_id=original).status == "confirmed"
    assert Booking.objects.get(request_date__request_id=original).status == BookingStatus.CONFIRMED
    assert BookingRequest.objects.get(pk=original).status == "approved"
    assert BookingRequest.objects.get(pk=new).status == "pending"
    assert not StatusChange.objects.filter(request_id=original, reason__startswith="Remplacée").exists()


def test_a_change_of_a_date_cancelled_meanwhile_is_refused(client, post, world):
    original = approved_request(client, post, world)
    client.force_login(world.member)
    new = change(post, original, iso(TUESDAY, 19), iso(TUESDAY, 21)).json()["id"]
    assert change(post, original, iso(TUESDAY, 9), iso(TUESDAY, 10)).status_code == 409  # one at a time
    assert post(f"{URL}{original}/cancel/").status_code == 200
    client.force_login(world.manager)
    response = post(f"{URL}{new}/approve/")
    assert response.status_code == 409
    assert "n'est plus confirmée" in response.json()["detail"]
    assert not Booking.objects.filter(status=BookingStatus.CONFIRMED).exists()


def test_who_may_ask_for_a_change(client, post, world):
    original = approved_request(client, post, world)
    for user in (world.other_member, world.outsider, world.other_manager):
        client.force_login(user)
        assert change(post, original, iso(TUESDAY, 19), iso(TUESDAY, 21)).status_code == 403
    client.force_login(world.other_member)
    assert change(post, 999999, iso(TUESDAY, 19), iso(TUESDAY, 21)).status_code == 404
    assert client.get(f"/shareloc/mes-demandes/{original}/modifier/").status_code == 403
    client.logout()
    assert change(post, original, iso(TUESDAY, 19), iso(TUESDAY, 21)).status_code == 401
    # The lycée's manager may move it within their lycée, not to another lycée's space.
    client.force_login(world.manager)
    moved = change(post, original, iso(TUESDAY, 9), iso(TUESDAY, 11), space=world.other_space.public_id)
    assert moved.status_code == 403
    assert change(post, original, iso(TUESDAY, 9), iso(TUESDAY, 11)).status_code == 201
    assert BookingRequest.objects.filter(replaces__isnull=False).count() == 1


def test_bad_change_input_answers_400_and_writes_nothing(client, post, world):
    original = approved_request(client, post, world)
    client.force_login(world.member)
    assert change(post, original, "demain", iso(TUESDAY, 21)).status_code == 400
    same = change(post, original, iso(TUESDAY, 18, 30), iso(TUESDAY, 20, 30))
    assert same.status_code == 400 and "rien à modifier" in same.json()["start"][0]
    closed = change(post, original, iso(TUESDAY, 6), iso(TUESDAY, 7))  # before the window opens
    assert closed.status_code == 400 and "pas disponible" in closed.json()["start"][0]
    no_such_date = {"date": "2099-01-01", "start": iso(TUESDAY, 9), "end": iso(TUESDAY, 10)}
    assert post(f"{URL}{original}/change/", no_such_date).status_code == 400
    assert BookingRequest.objects.count() == 1


def test_the_change_page_sends_a_change_request(client, post, world, hall):
    original = approved_request(client, post, world)
    client.force_login(world.member)
    detail = unescape(client.get(f"/shareloc/mes-demandes/{original}/").content.decode())
    assert f"/shareloc/mes-demandes/{original}/modifier/?date={TUESDAY.isoformat()}" in detail
    url = f"/shareloc/mes-demandes/{original}/modifier/"
    page = client.get(url, {"date": TUESDAY.isoformat()})
    assert page.status_code == 200
    html = unescape(page.content.decode())
    assert 'value="18:30"' in html and "Salle polyvalente" in html
    rd = RequestDate.objects.get(request_id=original)
    response = client.post(
        url, {"original": rd.pk, "space": hall.pk, "day": TUESDAY.isoformat(), "start": "10:00", "end": "12:00"}
    )
    assert response.status_code == 302
    new = BookingRequest.objects.get(replaces=rd)
    assert new.space == hall and new.status == "pending"
    page = unescape(client.get(f"/shareloc/mes-demandes/{new.pk}/").content.decode())
    assert "Remplace votre réservation du" in page and "18:30" in page


def test_the_manager_moves_a_date_from_the_admin_through_the_change_page(client, post, world, hall):
    original = approved_request(client, post, world)
    world.manager.groups.add(roles.sync_role(roles.LYCEE_MANAGER))
    client.force_login(world.manager)
    admin_page = unescape(client.get(f"/admin/shareloc/demandes/{original}/").content.decode())
    assert f"/shareloc/mes-demandes/{original}/modifier/" in admin_page
    rd = RequestDate.objects.get(request_id=original)
    response = client.post(
        f"/shareloc/mes-demandes/{original}/modifier/",
        {"original": rd.pk, "space": hall.pk, "day": TUESDAY.isoformat(), "start": "18:30", "end": "20:30"},
    )
    assert response.status_code == 302
    new = BookingRequest.objects.get(replaces=rd)
    assert new.created_by == world.manager and new.association == world.association
    client.force_login(world.member)
    listing = unescape(client.get("/shareloc/mes-demandes/").content.decode())
    assert f"modification de la demande n° {original}" in listing


def test_the_date_being_moved_does_not_count_against_the_monthly_hours(client, post, world):
    world.space.max_hours_per_month = 2
    world.space.save()
    original = approved_request(client, post, world)  # 18:30–20:30: the month's 2 hours
    client.force_login(world.member)
    moved = change(post, original, iso(TUESDAY, 17), iso(TUESDAY, 19))
    assert moved.status_code == 201, moved.content
    client.force_login(world.manager)
    assert post(f"{URL}{moved.json()['id']}/approve/").status_code == 200
