"""The demo's aged units have a référent, so the freshness report and the référents' reminder show
someone to ask rather than « aucun référent »."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import BaseCommand

from belette import demo
from belette.models import Unit

pytestmark = pytest.mark.django_db


def test_the_demos_aged_units_have_a_referent_who_is_reminded(demo_accounts, client):
    demo.load(BaseCommand(stdout=io.StringIO()))
    admin = demo_accounts["admin"]
    for unit in Unit.objects.filter(code__in=demo.OLD_UNITS):
        assert list(unit.referents.all()) == [admin]

    client.force_login(admin)
    report = client.get("/belette/a-mettre-a-jour/").content.decode()
    assert "pas encore relancé·e" in report

    out = io.StringIO()
    call_command("belette_remind_unit_referents", "--dry-run", stdout=out)
    assert admin.get_username() in out.getvalue() or admin.get_full_name() in out.getvalue()
