"""Storage for confidential uploads: outside MEDIA_ROOT, so no web server or CDN ever serves them;
only views that check the reader's permission open them. On several app servers, the folder must be
a shared volume (docs/deploy.md, several machines)."""

import os
from functools import wraps

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.urls import URLPattern
from wagtail.documents import get_document_model


class PrivateStorage(FileSystemStorage):
    # Read from settings at each use, so tests and deployments can move the folder.
    setting_name = "PRIVATE_MEDIA_ROOT"

    @property
    def base_location(self):
        return getattr(settings, self.setting_name)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None  # no URL: FileSystemStorage.url() refuses, so no template can link to the file


def private_storage():
    return PrivateStorage()


def private_file_response(handle, filename, *, as_attachment=True, content_type=None):
    """The one way a confidential file leaves the site: after the caller checked the reader, with
    headers that keep it out of every shared or browser cache and stop type sniffing."""
    response = FileResponse(handle, as_attachment=as_attachment, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def keep_restricted_documents_private(view):
    """Wagtail's document view, with the confidential files' cache headers on a document whose
    collection is restricted (Wagtail's collection privacy): Wagtail sends none, so a shared cache
    could keep it and serve it to anyone."""

    @wraps(view)
    def wrapped(request, document_id, *args, **kwargs):
        response = view(request, document_id, *args, **kwargs)
        document = get_document_model().objects.filter(pk=document_id).select_related("collection").first()
        if document is not None and document.collection.get_view_restrictions().exists():
            response["Cache-Control"] = "private, no-store"
            response["X-Content-Type-Options"] = "nosniff"
        return response

    return wrapped


def document_urlpatterns():
    """wagtail.documents.urls with keep_restricted_documents_private around the serving view."""
    # Late: wagtail.documents.urls imports the document views and models, and this module is imported by
    # model modules (private storage for their file fields) before the app registry is ready.
    from wagtail.documents import urls

    return [
        URLPattern(p.pattern, keep_restricted_documents_private(p.callback), p.default_args, p.name)
        if p.name == "wagtaildocs_serve"
        else p
        for p in urls.urlpatterns
    ]
