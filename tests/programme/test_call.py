"""The call form: open between its dates, GDPR consent, checked attachments, one Application per
submission with a snapshot of the form, confirmation e-mail; nothing stored when refused."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from programme.models import Application, ApplicationFile, CallFormField

pytestmark = pytest.mark.django_db

URL = "/programme/appel-2026/"


@pytest.fixture
def client(client, demo_accounts):
    """A Région agent, signed in: the only kind of person who may apply to a staff call."""
    client.force_login(demo_accounts["agent"])
    return client


def answers(**extra):
    data = {
        "nom_et_prenom": "Camille Agent",
        "e_mail_professionnel": "camille@example.org",
        "titre_du_projet": "Covoiturage des antennes",
        "le_probleme": "Les agents viennent seuls en voiture.",
        "consentement_rgpd": "on",
    }
    data.update(extra)
    return data


def test_the_open_call_shows_its_form_with_the_consent_box(client, call):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="titre_du_projet"' in page and 'name="consentement_rgpd"' in page
    assert "ma hiérarchie n&#x27;en est pas informée" in page


def test_a_submission_becomes_an_application_with_a_snapshot_and_a_confirmation(
    client, call, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, answers())
    assert response.status_code == 200
    application = Application.objects.get()
    assert application.title == "Covoiturage des antennes"
    assert application.applicant_email == "camille@example.org"
    assert application.edition == call.edition and application.call.pk == call.pk
    assert application.stage == "submitted"
    assert application.consent_given_at is not None
    assert [(a["label"], a["value"]) for a in application.answers][:4] == [
        ("Nom et prénom", "Camille Agent"),
        ("E-mail professionnel", "camille@example.org"),
        ("Titre du projet", "Covoiturage des antennes"),
        ("Le problème", "Les agents viennent seuls en voiture."),
    ]
    assert application.reference in response.content.decode()
    confirmation, notice = sorted(mail.outbox, key=lambda m: m.to[0])
    assert confirmation.to == ["camille@example.org"] and application.reference in confirmation.body
    assert notice.to == ["equipe@example.org"]
    # The team's mailbox gets no content: the applicant's name stays in the team space.
    assert "Camille" not in notice.body and "Covoiturage" not in notice.body


def test_the_snapshot_keeps_the_labels_as_they_were_when_submitted(client, call):
    client.post(URL, answers())
    CallFormField.objects.filter(page=call, label="Le problème").update(label="Le besoin")
    assert Application.objects.get().answers[3]["label"] == "Le problème"


def test_a_submission_after_the_closing_date_is_refused_and_nothing_is_stored(
    client, call, django_capture_on_commit_callbacks
):
    call.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    call.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, answers())
    assert response.status_code == 400
    assert "Cet appel est clos depuis le" in response.content.decode()
    assert Application.objects.count() == 0 and mail.outbox == []


def test_a_submission_before_the_opening_date_is_refused(client, call):
    call.opens_at = timezone.now() + datetime.timedelta(days=2)
    call.save_revision().publish()
    response = client.post(URL, answers())
    assert response.status_code == 400
    assert "Cet appel ouvre le" in response.content.decode()
    assert Application.objects.count() == 0


def test_the_closed_call_shows_no_form(client, call):
    call.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    call.save_revision().publish()
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="titre_du_projet"' not in response.content.decode()


def test_without_consent_nothing_is_stored(client, call, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, answers(consentement_rgpd=""))
    assert response.status_code == 400
    assert "Votre consentement est nécessaire" in response.content.decode()
    assert Application.objects.count() == 0 and mail.outbox == []


def test_a_pdf_attachment_is_kept_in_private_storage(client, call, private_files):
    upload = SimpleUploadedFile("projet.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    assert client.post(URL, answers(presentation=upload)).status_code == 200
    attachment = ApplicationFile.objects.get()
    assert attachment.original_name == "projet.pdf" and attachment.content_type == "application/pdf"
    assert str(private_files) in attachment.file.path
    assert Application.objects.get().answers[4]["value"] == "projet.pdf"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("outil.exe", b"MZ\x90\x00", "Format refusé"),
        ("faux.pdf", b"MZ\x90\x00 not a pdf", "ne correspond pas à son extension"),
        ("image.png", b"GIF89a", "ne correspond pas à son extension"),
    ],
)
def test_an_attachment_of_the_wrong_type_is_refused(client, call, name, content, message):
    response = client.post(URL, answers(presentation=SimpleUploadedFile(name, content)))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Application.objects.count() == 0 and ApplicationFile.objects.count() == 0


def test_an_attachment_too_large_is_refused(client, call, settings):
    settings.PROGRAMME_MAX_UPLOAD_BYTES = 1024
    upload = SimpleUploadedFile("gros.pdf", b"%PDF-" + b"x" * 2000)
    response = client.post(URL, answers(presentation=upload))
    assert response.status_code == 400
    assert "Fichier trop lourd" in response.content.decode()
    assert Application.objects.count() == 0


def test_a_missing_required_answer_is_reported_and_nothing_is_stored(client, call):
    response = client.post(URL, answers(titre_du_projet=""))
    assert response.status_code == 400
    assert "La candidature n'a pas été envoyée" in response.content.decode()
    assert Application.objects.count() == 0


def test_wagtail_form_submissions_stay_empty_so_page_editors_never_read_applications(client, call):
    client.post(URL, answers())
    from wagtail.contrib.forms.models import FormSubmission

    assert FormSubmission.objects.count() == 0
    assert call.get_submissions().count() == 0
