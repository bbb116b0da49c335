"""Who sees what: applications are for the programme team only; a reviewer sees the applications
they review (never after declaring a conflict), a jury member their session; everyone else nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from programme.models import ApplicationFile, ConflictOfInterest

from .conftest import ApplicationFactory, assign_to

pytestmark = pytest.mark.django_db

OUTSIDERS = ("agent", "editeur", "moderateur", "gestionnaire", "association")


@pytest.fixture
def application(edition, people):
    application = ApplicationFactory(edition=edition, title="Projet confidentiel")
    ApplicationFile.objects.create(
        application=application,
        field_name="presentation",
        label="Présentation",
        file=SimpleUploadedFile("p.pdf", b"%PDF-1.4 secret"),
        original_name="p.pdf",
        content_type="application/pdf",
        size=15,
    )
    assign_to(application, people["relectrice"])
    ConflictOfInterest.objects.create(application=application, reviewer=people["relecteur_lie"], reason="Même service")
    return application


def urls(application, jury):
    attachment = application.files.get()
    base = f"/programme/espace/candidatures/{application.pk}/"
    return {
        "space": "/programme/espace/",
        "list": "/programme/espace/candidatures/",
        "csv": "/programme/espace/candidatures/export.csv",
        "xlsx": "/programme/espace/candidatures/export.xlsx",
        "detail": base,
        "file": f"{base}fichiers/{attachment.pk}/",
        "jury": f"/programme/espace/jurys/{jury.pk}/",
        "dashboard": "/programme/espace/tableau-de-bord/",
        "reviews": "/programme/espace/revues/",
    }


# role -> the pages of the space that answer 200; every other one answers 403.
ALLOWED = {
    "programme": {"space", "list", "csv", "xlsx", "detail", "file", "jury", "dashboard", "reviews"},
    "admin": {"space", "list", "csv", "xlsx", "detail", "file", "jury", "dashboard", "reviews"},
    "relectrice": {"space", "detail", "file"},
    "relecteur_lie": {"space"},
    "jure": {"space", "jury"},
    **{name: set() for name in OUTSIDERS},
}


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_each_role_sees_only_what_it_may(client, application, jury, people, role):
    client.force_login(people[role])
    answers = {name: client.get(url).status_code for name, url in urls(application, jury).items()}
    assert answers == {name: 200 if name in ALLOWED[role] else 403 for name in answers}


def test_anonymous_visitors_are_sent_to_the_login_page(client, application, jury):
    for url in urls(application, jury).values():
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/connexion/?next=")


def test_the_applicants_content_never_reaches_an_outsider(client, application, jury, people):
    client.force_login(people["agent"])
    for url in urls(application, jury).values():
        assert "Projet confidentiel" not in client.get(url).content.decode()


def test_a_reviewer_does_not_see_others_scores_the_ranking_or_the_log(client, application, people):
    client.force_login(people["relectrice"])
    page = client.get(f"/programme/espace/candidatures/{application.pk}/").content.decode()
    assert "Projet confidentiel" in page and "Mon évaluation" in page
    assert "Changer d&#x27;étape" not in page and "Changer d'étape" not in page
    assert "Moyenne pondérée" not in page and "Conflits d" not in page


def test_a_reviewer_no_longer_sees_an_application_once_it_leaves_the_review_stages(client, application, people):
    application.stage = "selected"
    application.save()
    client.force_login(people["relectrice"])
    assert client.get(f"/programme/espace/candidatures/{application.pk}/").status_code == 403


def test_a_jury_member_cannot_record_decisions(client, jury, people, project):
    client.force_login(people["jure"])
    response = client.post(f"/programme/espace/jurys/{jury.pk}/", {"project": project.pk})
    assert response.status_code == 403
    assert client.post(f"/programme/espace/jurys/{jury.pk}/publier/").status_code == 403


def test_the_attachment_is_served_privately_to_the_team(client, application, people):
    client.force_login(people["programme"])
    response = client.get(f"/programme/espace/candidatures/{application.pk}/fichiers/{application.files.get().pk}/")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 secret"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_admin_menu_of_the_programme_is_for_the_team_only(client, people):
    client.force_login(people["editeur"])
    assert client.get("/admin/snippets/programme/edition/").status_code in (302, 403)
    client.force_login(people["programme"])
    assert client.get("/admin/snippets/programme/edition/").status_code == 200


def test_the_list_of_applications_keeps_a_bounded_number_of_queries(
    client, edition, people, django_assert_max_num_queries
):
    ApplicationFactory.create_batch(30, edition=edition)
    client.force_login(people["programme"])
    client.get("/programme/espace/candidatures/")  # warm the session and content types
    # Six queries are ours (session, user, team, edition, applications, scores); the portal's layout
    # (site settings, menus, userbar) takes its share, independent of the number of applications.
    with django_assert_max_num_queries(25):
        response = client.get("/programme/espace/candidatures/?edition=2026")
    assert response.status_code == 200 and response.content.decode().count("Projet n°") == 30


@pytest.mark.parametrize(
    "query, message",
    [("edition=abc", "doit être une année"), ("edition=1999", "Aucune"), ("stage=nope", "Étape inconnue")],
)
def test_bad_filters_answer_400_with_a_french_message(client, people, edition, query, message):
    client.force_login(people["programme"])
    response = client.get(f"/programme/espace/candidatures/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_ranked_list_is_paginated_and_a_bad_page_answers_400(client, edition, people):
    ApplicationFactory.create_batch(3, edition=edition)
    client.force_login(people["programme"])
    assert client.get("/programme/espace/candidatures/?page=1").status_code == 200
    response = client.get("/programme/espace/candidatures/?page=x")
    assert response.status_code == 400 and "n&#x27;est pas un nombre entier positif" in response.content.decode()
    assert client.get("/programme/espace/candidatures/?page=9").status_code == 404
