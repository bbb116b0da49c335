"""The programme's pages whose fields were once written by hand: each field now comes from a Django form
drawn by the one field template, and a refused value is shown next to its field (error linked, field
marked invalid), nothing changed, with the same parameter names as before."""

import datetime

import pytest

from programme.models import Application, ProjectReview
from tests.conftest import TEST_NOW
from tests.core.test_form_rendering import assert_consistent

from .conftest import ApplicationFactory

pytestmark = pytest.mark.django_db

LIST = "/programme/espace/candidatures/"
CALENDAR = "/programme/espace/revues/"
MINE = "/programme/mes-candidatures/"
DUE = TEST_NOW.date() + datetime.timedelta(days=37)


def test_the_filters_keep_their_parameters_and_show_the_choice_made(client, edition, review_round, people):
    client.force_login(people["programme"])
    html = client.get(f"{LIST}?edition=2026&stage=submitted&tour={review_round.pk}").content.decode()
    markup = assert_consistent(html)
    assert {"f-edition", "f-stage", "f-tour"} <= set(markup.ids)
    assert 'name="edition"' in html and 'name="stage"' in html and 'name="tour"' in html
    assert '<option value="2026" selected>' in html and '<option value="submitted" selected>' in html
    assert f'<option value="{review_round.pk}" selected>' in html


def test_a_refused_filter_is_shown_next_to_its_field_and_lists_nothing(client, edition, people):
    ApplicationFactory(edition=edition)
    client.force_login(people["programme"])
    response = client.get(f"{LIST}?stage=nope")
    html = response.content.decode()
    markup = assert_consistent(html)
    assert response.status_code == 400 and "stage" in markup.invalid
    assert "f-stage_error" in markup.referenced() and "Étape inconnue : « nope »." in html
    assert "Projet n°" not in html


def test_two_upcoming_reviews_each_have_their_own_fields(client, project, people):
    reviews = [
        ProjectReview.objects.create(
            project=project, due_on=DUE + datetime.timedelta(days=days), owner=people["programme"]
        )
        for days in (0, 180)
    ]
    client.force_login(people["programme"])
    markup = assert_consistent(client.get(CALENDAR).content.decode())
    for review in reviews:
        assert {f"held_on-{review.pk}", f"notes-{review.pk}"} <= set(markup.label_targets)


def test_a_refused_review_date_is_shown_in_its_row_and_nothing_is_recorded(client, project, people):
    review = ProjectReview.objects.create(project=project, due_on=DUE, owner=people["programme"])
    client.force_login(people["programme"])
    response = client.post(CALENDAR, {"review": review.pk, "held_on": "", "notes": "Objectifs tenus."})
    html = response.content.decode()
    markup = assert_consistent(html)
    assert response.status_code == 400 and "held_on" in markup.invalid
    assert f"held_on-{review.pk}_error" in markup.referenced() and "Indiquez la date de la revue." in html
    assert "Objectifs tenus." in html  # what was typed is kept
    assert list(ProjectReview.objects.values_list("held_on", flat=True)) == [None]


def test_an_unticked_withdrawal_is_refused_next_to_its_box(client, call, demo_accounts):
    agent = demo_accounts["agent"]
    first, second = (
        ApplicationFactory(edition=call.edition, call=call, applicant=agent, stage="submitted") for _ in range(2)
    )
    client.force_login(agent)
    markup = assert_consistent(client.get(MINE).content.decode())
    assert {f"confirm-{first.pk}", f"confirm-{second.pk}"} <= set(markup.label_targets)

    response = client.post(f"{MINE}{first.pk}/retirer/")
    html = response.content.decode()
    markup = assert_consistent(html)
    assert response.status_code == 400 and "confirm" in markup.invalid
    assert f"confirm-{first.pk}_error" in markup.referenced()
    assert "Cochez la case de confirmation pour retirer votre candidature." in html
    assert set(Application.objects.values_list("stage", flat=True)) == {"submitted"}


def test_an_archive_without_reason_is_refused_next_to_its_field_then_restored(client, edition, people):
    application = ApplicationFactory(edition=edition, stage="submitted")
    client.force_login(people["programme"])
    url = f"{LIST}{application.pk}/archiver/"
    response = client.post(url, {"reason": "  "})
    html = response.content.decode()
    markup = assert_consistent(html)
    assert response.status_code == 400 and "reason" in markup.invalid
    assert "archive-reason_error" in markup.referenced()
    assert "Indiquez pourquoi la candidature est archivée" in html
    application.refresh_from_db()
    assert application.archived_at is None

    assert client.post(url, {"reason": "Doublon"}).status_code == 302
    assert "Rétablir la candidature" in client.get(f"{LIST}{application.pk}/").content.decode()
    assert client.post(url, {"restore": "1"}).status_code == 302
    application.refresh_from_db()
    assert application.archived_at is None
