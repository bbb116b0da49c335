"""The demo loader and the ranking quality on the sample directory (data/sample/belette/)."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import serializers

from belette import demo
from belette.embedded import EmbeddedDirectoryBackend
from belette.evaluation import LABELLED_QUERIES, evaluate
from belette.models import Agent, ChangeRecord, CorrectionProposal, Dispositif, IndexState, Unit
from core import roles
from core.models import SynonymSet


class Command:
    def __init__(self):
        self.stdout = StringIO()


def snapshot():
    models = (Unit, Agent, Dispositif, SynonymSet, ChangeRecord, CorrectionProposal, IndexState)
    return {model.__name__: serializers.serialize("json", model.objects.order_by("pk")) for model in models}


def test_demo_loads_the_sample_gives_staff_the_permission_and_is_idempotent(demo_accounts):
    demo.load(Command())
    assert Agent.objects.count() == 2000 and Unit.objects.count() == 81 and Dispositif.objects.count() == 41
    assert Group.objects.get(name=roles.STAFF.group_name).permissions.filter(codename="view_directory").exists()
    assert (
        Group.objects.get(name=roles.DIRECTORY_REFERENT.group_name)
        .permissions.filter(codename="review_proposals")
        .exists()
    )
    assert CorrectionProposal.objects.filter(status="pending").count() == 2
    assert Agent.objects.filter(hr_id__in=demo.OLD_AGENTS, updated_at=demo.OLD_DATE).count() == len(demo.OLD_AGENTS)
    before = snapshot()
    demo.load(Command())
    assert snapshot() == before


def test_labelled_queries_cover_every_case_of_the_issue():
    cases = {case for _query, _relevant, case in LABELLED_QUERIES}
    assert len(LABELLED_QUERIES) >= 60
    assert cases >= {
        "name",
        "partial",
        "accents",
        "typo",
        "acronym",
        "alias",
        "synonym",
        "topic",
        "question",
        "homonym",
    }


@pytest.mark.django_db
def test_embedded_search_reaches_the_quality_bar_on_the_sample():
    from belette.imports import import_directory

    import_directory(demo.SAMPLE_DIR)
    mrr, recall, rows = evaluate(EmbeddedDirectoryBackend())
    misses = [(query, rank) for query, _case, rank in rows if rank != 1]
    assert mrr >= 0.9, misses
    assert recall >= 0.85, misses
