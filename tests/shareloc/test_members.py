"""An association's members (issue 18): invitation by e-mail (link, expiry, used once), joining with an
account or a new one, seeing and managing the association's requests, leaving (not the last member)."""

import datetime as dt
import re
from html import unescape

import pytest
from django.core import mail

from shareloc.bookings import members, workflow
from shareloc.models import AssociationMember
from tests.conftest import TEST_NOW

from . import booking_helpers
from .booking_helpers import TUESDAY, at, make_user

world = booking_helpers.world
pytestmark = pytest.mark.django_db


def invitation_link(message):
    return re.search(r"http://testserver(/shareloc/invitation/[^/\s]+/)", message.body).group(1)


def ask(world):
    request, _created = workflow.submit(
        world.member,
        workflow.Submission(
            space=world.space, start=at(TUESDAY, 18), end=at(TUESDAY, 20), attendees=5, purpose="Réunion"
        ),
    )
    return request


def test_a_member_invites_a_new_person_who_joins_and_manages_the_requests(
    client, world, django_capture_on_commit_callbacks
):
    request = ask(world)
    client.force_login(world.member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/shareloc/mon-association/inviter/", {"email": "Nouvelle@Example.org"})
    assert response.status_code == 302
    message = next(m for m in mail.outbox if m.to == ["nouvelle@example.org"])
    assert "Club d'échecs de Lille" in message.subject
    link = invitation_link(message)
    assert "nouvelle@example.org" in unescape(client.get("/shareloc/mon-association/").content.decode())
    client.logout()
    page = client.get(link)
    assert page.status_code == 200 and "Créer mon compte" in unescape(page.content.decode())
    response = client.post(
        link, {"first_name": "Nina", "last_name": "Nouvelle", "username": "nina", "password": "un-long-mot-de-passe-9"}
    )
    assert response.status_code == 302
    nina = AssociationMember.objects.get(user__username="nina")
    assert nina.association == world.association and nina.user.email == "nouvelle@example.org"
    # Signed in, she sees and cancels the association's request.
    assert client.get(f"/shareloc/mes-demandes/{request.pk}/").status_code == 200
    client.post(f"/shareloc/mes-demandes/{request.pk}/annuler/", {"action": "all", "confirm": "1"})
    request.refresh_from_db()
    assert request.status == "cancelled"
    # The link works once.
    client.logout()
    assert client.get(link).status_code == 404


def test_an_existing_account_joins_once_signed_in_and_an_expired_link_is_refused(client, world, clock):
    outsider = world.outsider
    invitation = members.invite(world.member, "passant@example.org")
    client.force_login(outsider)
    url = f"/shareloc/invitation/{invitation.token}/"
    assert "Rejoindre l'association" in unescape(client.get(url).content.decode())
    assert client.post(url).status_code == 302
    assert AssociationMember.objects.get(user=outsider).association == world.association
    late = members.invite(world.member, "tard@example.org")
    clock.move_to(TEST_NOW + dt.timedelta(days=members.INVITATION_DAYS, hours=1))
    assert client.get(f"/shareloc/invitation/{late.token}/").status_code == 404
    with pytest.raises(members.MemberError):
        members.accept(make_user("tard"), late.token)


def test_a_member_of_another_association_cannot_join_and_only_members_invite(client, world):
    invitation = members.invite(world.member, "autre@example.org")
    client.force_login(world.other_member)
    response = client.post(f"/shareloc/invitation/{invitation.token}/")
    assert response.status_code == 400
    assert "déjà membre d'une autre association" in unescape(response.content.decode())
    with pytest.raises(members.MemberError):
        members.invite(world.outsider, "x@example.org")
    with pytest.raises(members.MemberError):
        members.invite(world.member, world.member.email)  # already a member


def test_a_member_can_leave_but_not_the_last_one(client, world):
    second = make_user("second")
    members.accept(second, members.invite(world.member, "second@example.org").token)
    client.force_login(second)
    assert client.post("/shareloc/mon-association/quitter/").status_code == 302
    assert not AssociationMember.objects.filter(user=second).exists()
    client.force_login(world.member)
    client.post("/shareloc/mon-association/quitter/")
    assert AssociationMember.objects.filter(user=world.member).exists()
    page = client.get("/shareloc/mon-association/")
    assert "dernier membre" in unescape(page.content.decode())
