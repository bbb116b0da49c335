"""A document of a restricted collection (Wagtail's collection privacy) is a private file: it leaves
the site with the confidential files' cache headers (core.storage.keep_restricted_documents_private)."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db


def document_in(collection, name):
    return get_document_model().objects.create(
        title=name, file=ContentFile(b"%PDF-1.4 contenu", name=f"{name}.pdf"), collection=collection
    )


def test_a_restricted_collections_document_stays_out_of_every_cache(client, demo_accounts, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    root = Collection.get_first_root_node()
    private = root.add_child(name="Documents internes")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    secret = document_in(private, "note-interne")
    public = document_in(root, "guide-public")
    assert client.get(secret.url).status_code == 302  # Wagtail asks anonymous visitors to log in
    client.force_login(demo_accounts["editeur"])
    response = client.get(secret.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    response = client.get(public.url)
    assert response.status_code == 200 and "no-store" not in response.get("Cache-Control", "")
