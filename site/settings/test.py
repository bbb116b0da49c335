"""Settings for `make test`: the same stack, with fast hashing, in-memory mail and tasks run
in-process (the tests that check the queue itself set the database backend explicitly)."""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "core.mail_backends.LocmemBackend"  # pytest-django sets Django's own; see tests/core
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="maregion-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="maregion-test-private-")
ALLOWED_HOSTS = ["*"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("ELASTICSEARCH_URL"):
    ELASTICSEARCH_INDEX_PREFIX = "maregion_test_"
