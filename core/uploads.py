"""The one check of a file a person uploads: its extension is allowed, its size within the limit, and
its first bytes say what its name says (a renamed executable is not a PDF)."""

import os

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Extension -> the first bytes a file of that kind starts with.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "odt": (b"PK\x03\x04",),
    "docx": (b"PK\x03\x04",),
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
MEGABYTE = 1024 * 1024


def extension_of(name):
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def formats_label(extensions):
    """'PDF, JPEG ou PNG' for ("pdf", "jpg", "png")."""
    names = list(dict.fromkeys("JPEG" if ext in ("jpg", "jpeg") else ext.upper() for ext in extensions))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " " + _("ou") + " " + names[-1]


def check_upload(upload, extensions, max_bytes):
    """Raise ValidationError (French message) unless `upload` is one of `extensions`, at most
    `max_bytes` long and starts with its kind's signature. Returns the extension."""
    extension = extension_of(upload.name)
    if extension not in extensions or extension not in SIGNATURES:
        raise ValidationError(
            _("Format refusé : envoyez un fichier %(formats)s.") % {"formats": formats_label(extensions)},
            code="upload_format",
        )
    if upload.size > max_bytes:
        raise ValidationError(
            _("Fichier trop lourd : %(size)s Mo au maximum.") % {"size": f"{max_bytes / MEGABYTE:g}"},
            code="upload_size",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(SIGNATURES[extension]):
        raise ValidationError(
            _("Le contenu du fichier ne correspond pas à son extension (.%(ext)s).") % {"ext": extension},
            code="upload_content",
        )
    return extension
