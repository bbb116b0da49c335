"""Editorial: the "Relecture" workflow, scheduled publishing, freshness report and reminders,
page feedback and its report."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import Page, WorkflowState

from home.demo import ensure_workflow
from home.freshness import send_review_reminders
from home.models import ContentPage, PageFeedback
from tests.conftest import TEST_NOW
from tests.core.test_form_rendering import assert_consistent

from .conftest import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editorial(home_page, demo_accounts):
    ensure_workflow(home_page)
    return demo_accounts


def test_an_editor_submits_to_relecture_and_a_moderator_publishes(client, home_page, editorial):
    editor, moderator = editorial["editeur"], editorial["moderateur"]
    page = ContentPage(title="Brouillon de l'éditeur", slug="brouillon", live=False, owner=editor)
    home_page.add_child(instance=page)
    page.save_revision(user=editor)
    workflow = page.get_workflow()
    assert workflow.name == "Relecture"
    assert not page.permissions_for_user(editor).can_publish()
    workflow.start(page, editor)
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(page.pk))
    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(page, moderator)
    task_state.task.specific.on_action(task_state, moderator, "approve")
    page.refresh_from_db()
    assert page.live
    assert client.get("/brouillon/").status_code == 200


def test_the_editor_cannot_publish_but_the_moderator_can(home_page, editorial):
    page = ContentPageFactory(parent=home_page, title="Page", slug="page")
    assert not page.permissions_for_user(editorial["editeur"]).can_publish()
    assert page.permissions_for_user(editorial["moderateur"]).can_publish()


def test_the_workflow_setup_is_idempotent(home_page, editorial):
    first = ensure_workflow(home_page)
    second = ensure_workflow(home_page)
    assert first.pk == second.pk
    assert first.workflow_tasks.count() == 1


def test_scheduled_publishing_goes_live_with_publish_scheduled(client, home_page, clock):
    page = ContentPage(title="Plus tard", slug="plus-tard", live=False)
    home_page.add_child(instance=page)
    revision = page.save_revision()
    revision.approved_go_live_at = TEST_NOW - datetime.timedelta(minutes=1)
    revision.save()
    assert client.get("/plus-tard/").status_code == 404
    call_command("publish_scheduled", stdout=io.StringIO())
    assert client.get("/plus-tard/").status_code == 200


# --- freshness --------------------------------------------------------------------------------


@pytest.fixture
def stale_pages(home_page, demo_accounts, clock):
    today = TEST_NOW.date()
    editor, moderator = demo_accounts["editeur"], demo_accounts["moderateur"]
    old = ContentPageFactory(
        parent=home_page,
        title="Vieille page",
        slug="vieille",
        owner=editor,
        review_by=today - datetime.timedelta(days=3),
    )
    also_old = ContentPageFactory(
        parent=home_page,
        title="Autre vieille page",
        slug="autre",
        owner=editor,
        review_by=today - datetime.timedelta(days=1),
    )
    fresh = ContentPageFactory(
        parent=home_page,
        title="Page fraîche",
        slug="fraiche",
        owner=moderator,
        review_by=today + datetime.timedelta(days=30),
    )
    return old, also_old, fresh


def test_overdue_report_lists_pages_past_their_review_date_for_editors(client, stale_pages, demo_accounts):
    client.force_login(demo_accounts["editeur"])
    response = client.get("/admin/rapports-portail/pages-a-relire/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vieille page" in html and "Autre vieille page" in html
    assert "Page fraîche" not in html
    export = client.get("/admin/rapports-portail/pages-a-relire/?export=csv")
    assert "Vieille page" in b"".join(export.streaming_content).decode()


def test_reports_are_refused_to_people_without_page_rights(client, stale_pages, demo_accounts):
    client.force_login(demo_accounts["gestionnaire"])
    for url in ("/admin/rapports-portail/pages-a-relire/", "/admin/rapports-portail/avis/"):
        assert client.get(url).status_code in (302, 403)
    client.logout()
    assert client.get("/admin/rapports-portail/avis/").status_code == 302


def test_owners_get_one_reminder_listing_their_overdue_pages(stale_pages, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_review_reminders.call()
    assert sent == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editeur@demo.maregion.example"]
    assert "Vieille page" in message.body and "Autre vieille page" in message.body
    assert "Page fraîche" not in message.body
    assert "/admin/pages/" in message.body


def test_the_daily_command_queues_the_reminders(stale_pages, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders", stdout=out)
    assert "Rappels de relecture" in out.getvalue()
    assert len(mail.outbox) == 1


# --- page feedback ----------------------------------------------------------------------------


@pytest.fixture
def guide(home_page):
    return ContentPageFactory(parent=home_page, title="Guide", slug="guide")


def test_feedback_is_stored_without_personal_data(client, guide):
    response = client.post(
        "/avis-page/",
        {"page": guide.pk, "utile": "non", "commentaire": "Écrivez-moi à jean@example.org ou au 06 12 34 56 78"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/guide/?avis=merci#avis"
    feedback = PageFeedback.objects.get()
    assert feedback.useful is False
    assert "jean@example.org" not in feedback.comment and "06 12 34 56 78" not in feedback.comment
    assert "[courriel masqué]" in feedback.comment
    assert {f.name for f in PageFeedback._meta.fields} == {"id", "page", "useful", "comment", "created_on"}
    assert "Merci pour votre avis" in client.get(response["Location"]).content.decode()


def test_a_second_answer_on_the_same_page_the_same_day_is_not_counted(client, guide):
    client.post("/avis-page/", {"page": guide.pk, "utile": "oui"})
    response = client.post("/avis-page/", {"page": guide.pk, "utile": "oui"})
    assert response["Location"].endswith("?avis=deja#avis")
    assert PageFeedback.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"utile": "oui"},
        {"page": "abc", "utile": "oui"},
        {"page": "1", "utile": "peut-être"},
        {"page": "999999", "utile": "oui"},
    ],
)
def test_bad_feedback_answers_400_and_stores_nothing(client, guide, data):
    response = client.post("/avis-page/", data)
    assert response.status_code == 400
    assert PageFeedback.objects.count() == 0


def test_too_long_comment_answers_400(client, guide):
    response = client.post("/avis-page/", {"page": guide.pk, "utile": "oui", "commentaire": "x" * 1001})
    assert response.status_code == 400
    assert "1000 caractères" in response.content.decode()


def test_pages_without_the_box_refuse_feedback(client, home_page):
    assert client.post("/avis-page/", {"page": home_page.pk, "utile": "oui"}).status_code == 400


def test_feedback_report_counts_answers_per_page(client, guide, demo_accounts):
    for useful in (True, True, False):
        PageFeedback.objects.create(page=guide, useful=useful, comment="Trop long" if not useful else "")
    client.force_login(demo_accounts["moderateur"])
    html = client.get("/admin/rapports-portail/avis/").content.decode()
    assert "Guide" in html and "67 %" in html
    comments = client.get(f"/admin/rapports-portail/avis/{guide.pk}/").content.decode()
    assert "Trop long" in comments


def test_feedback_box_is_on_content_pages(client, guide):
    html = client.get("/guide/").content.decode()
    assert "Cette page vous a-t-elle été utile ?" in html
    assert Page.objects.get(pk=guide.pk)


# Who reads visitors' comments: those who may edit the page, per role (every demo account).
COMMENT_READERS = {
    "admin": {"portal", "programme"},
    "editeur": {"portal", "programme"},
    "moderateur": {"portal", "programme"},
    "gestionnaire": set(),
    "association": set(),
    "agent": set(),
    "programme": {"programme"},  # its page rights are on /programme/ only
}


@pytest.mark.parametrize("username", sorted(COMMENT_READERS))
def test_visitors_comments_are_read_only_by_those_who_may_edit_the_page(client, home_page, demo_accounts, username):
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission

    from core import roles
    from home.demo import DEMO_ACCOUNTS

    assert set(COMMENT_READERS) == {account.username for account in DEMO_ACCOUNTS}
    pages = {
        "portal": ContentPageFactory(parent=home_page, title="Guide du portail", slug="guide-portail"),
        "programme": ContentPageFactory(parent=home_page, title="Page du programme", slug="programme-test"),
    }
    GroupPagePermission.objects.create(
        group=roles.group_for(roles.PROGRAMME_TEAM),
        page=pages["programme"],
        permission=Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page"),
    )
    for key, page in pages.items():
        PageFeedback.objects.create(page=page, useful=False, comment=f"commentaire-{key}")
    client.force_login(demo_accounts[username])
    listing = client.get("/admin/rapports-portail/avis/")
    listing_html = listing.content.decode() if listing.status_code == 200 else ""
    for key, page in pages.items():
        may_read = key in COMMENT_READERS[username]
        assert (page.title in listing_html) is may_read, (username, key)
        comments = client.get(f"/admin/rapports-portail/avis/{page.pk}/")
        assert (comments.status_code == 200) is may_read, (username, key, comments.status_code)
        if may_read:
            assert f"commentaire-{key}" in comments.content.decode()
            export = client.get(f"/admin/rapports-portail/avis/{page.pk}/?export=csv")
            assert f"commentaire-{key}" in b"".join(export.streaming_content).decode()
        else:
            assert f"commentaire-{key}".encode() not in comments.content
            assert client.get(f"/admin/rapports-portail/avis/{page.pk}/?export=csv").status_code in (302, 403)


def test_the_feedback_box_is_drawn_by_the_field_template(client, guide):
    html = client.get("/guide/").content.decode()
    markup = assert_consistent(html)
    # The help text is linked to the comment box, and the radio buttons are a group with a legend.
    assert ("avis-commentaire", ["avis-commentaire_helptext"]) in markup.described
    assert "avis-commentaire_helptext" in markup.ids and '<label for="avis-commentaire">' in html
    assert "<legend>Cette page vous a-t-elle été utile ?" in html
    assert 'name="utile" value="oui"' in html and f'name="page" value="{guide.pk}"' in html


@pytest.mark.parametrize(
    "backend", ["core.mail_backends.LocmemBackend", "django.core.mail.backends.locmem.EmailBackend"]
)
def test_a_title_with_a_line_break_still_notifies_the_moderators(
    home_page, editorial, settings, backend, django_capture_on_commit_callbacks
):
    """Wagtail's own notification carries the page title in its subject: with Django's backend a CR/LF in
    it makes the message refused and the moderators never told; ours (the site's) puts it on one line."""
    settings.EMAIL_BACKEND = backend  # pytest-django installs Django's locmem backend: set ours back
    editor, moderator = editorial["editeur"], editorial["moderateur"]
    assert moderator.email
    page = ContentPage(title="Ma Région\r\nBcc: cible@example.org", slug="saut-de-ligne", live=False, owner=editor)
    home_page.add_child(instance=page)
    page.save_revision(user=editor)
    with django_capture_on_commit_callbacks(execute=True):
        page.get_workflow().start(page, editor)
    to_moderator = [message for message in mail.outbox if moderator.email in message.to]
    if backend.startswith("django."):
        assert to_moderator == []  # what happened before core/mail_backends.py: nobody told
        return
    assert len(to_moderator) == 1
    assert "« Ma Région Bcc: cible@example.org »" in to_moderator[0].subject
    header = to_moderator[0].message()  # what the SMTP server receives: one Subject line, no Bcc
    assert header["Bcc"] is None and "\n" not in to_moderator[0].subject
