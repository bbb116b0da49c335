"""Public uploads answer without DEBUG: the site serves MEDIA_URL itself (SERVE_MEDIA, on by default)
unless the front server answers it first (docs/deploy.md, "Media")."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_an_uploaded_images_rendition_url_answers_under_the_production_default(client, settings):
    image = get_image_model().objects.create(title="Lycée", file=get_test_image_file())
    rendition = image.get_rendition("fill-80x60")
    assert rendition.url.startswith("/media/images/")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content)[:4] == b"\x89PNG"

    settings.SERVE_MEDIA = False  # the front server serves /media/: the site answers 404 if asked
    assert client.get(rendition.url).status_code == 404
    assert client.get("/media/../manage.py").status_code == 404


def test_the_production_settings_serve_media_unless_told_not_to():
    env = {
        "DJANGO_SETTINGS_MODULE": "maregion.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "a.example",
    }
    code = "import django; django.setup(); from django.conf import settings; print(settings.SERVE_MEDIA)"
    for extra, expected in (({}, "True"), ({"SERVE_MEDIA": "0"}, "False")):
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={"PATH": "/usr/bin:/bin", **env, **extra},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.stdout.strip() == expected, result.stderr
