"""The contact form: storage, e-mails, honeypot, rate limit, 400 on bad input, safe CSV export."""

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from home.forms import HONEYPOT_FIELD
from home.models import FormField, FormPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(home_page):
    page = FormPage(
        title="Nous contacter",
        slug="contact",
        to_address="accueil@maregion.example",
        subject="Nouveau message",
        confirmation_text="Bien reçu.",
    )
    page.form_fields = [
        FormField(sort_order=0, label="Votre nom", field_type="singleline", required=True),
        FormField(sort_order=1, label="Votre courriel", field_type="email", required=True),
        FormField(sort_order=2, label="Votre message", field_type="multiline", required=True),
    ]
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def valid(**extra):
    return {"votre_nom": "Camille", "votre_courriel": "camille@example.org", "votre_message": "Bonjour", **extra}


def test_a_valid_message_is_stored_and_mailed_to_the_service_and_confirmed_to_the_sender(
    client, contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", valid())
    assert response.status_code == 200
    assert "Merci, votre message a bien été envoyé." in response.content.decode()
    submission = FormSubmission.objects.get(page=contact)
    assert submission.get_data()["votre_nom"] == "Camille"
    assert HONEYPOT_FIELD not in submission.form_data
    recipients = sorted(tuple(message.to) for message in mail.outbox)
    assert recipients == [("accueil@maregion.example",), ("camille@example.org",)]
    confirmation = next(m for m in mail.outbox if m.to == ["camille@example.org"])
    assert "Bien reçu." in confirmation.body and "Bonjour" in confirmation.body


def test_the_honeypot_field_is_hidden_from_people(client, contact):
    html = client.get("/contact/").content.decode()
    assert f'name="{HONEYPOT_FIELD}"' in html
    assert 'class="honeypot" aria-hidden="true"' in html


def test_a_filled_honeypot_stores_and_sends_nothing_but_looks_like_success(
    client, contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", valid(**{HONEYPOT_FIELD: "http://spam.example"}))
    assert response.status_code == 200
    assert FormSubmission.objects.count() == 0
    assert mail.outbox == []


def test_invalid_input_answers_400_with_french_messages_and_stores_nothing(client, contact):
    response = client.post("/contact/", valid(votre_courriel="pas-une-adresse"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Le formulaire contient des erreurs" in html
    assert "Saisissez une adresse e-mail valide." in html
    assert FormSubmission.objects.count() == 0


def test_more_than_five_messages_an_hour_from_one_address_are_refused(client, contact):
    for _ in range(5):
        assert client.post("/contact/", valid()).status_code == 200
    response = client.post("/contact/", valid())
    assert response.status_code == 429
    assert "réessayer dans une heure" in response.content.decode()
    assert FormSubmission.objects.count() == 5


def test_csv_export_of_submissions_neutralises_formulas(client, contact, demo_accounts):
    client.post("/contact/", valid(votre_nom='=HYPERLINK("http://evil")', votre_message="@SUM(A1)"))
    client.force_login(demo_accounts["admin"])
    response = client.get(f"/admin/forms/submissions/{contact.pk}/?export=csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text
    assert ",=HYPERLINK" not in text


def test_submissions_are_not_visible_to_people_outside_the_admin(client, contact, demo_accounts):
    client.post("/contact/", valid())
    client.force_login(demo_accounts["association"])
    response = client.get(f"/admin/forms/submissions/{contact.pk}/?export=csv")
    assert response.status_code in (302, 403)
