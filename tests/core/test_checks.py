"""core.checks: an installation without the front-end packages (no `npm ci --omit=dev`) is told so, with
the cure, before collectstatic fails on the manifest and every page answers 500 (docs/deploy.md)."""

from django.test import override_settings

from core.checks import frontend_packages_installed

MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_the_installed_project_passes():
    assert frontend_packages_installed() == []


def test_a_checkout_without_node_modules_is_told_to_run_npm_ci(tmp_path):
    with override_settings(BASE_DIR=tmp_path):
        [warning] = frontend_packages_installed()
    assert warning.id == "core.W001"
    assert "leaflet/dist" in warning.msg and "atkinson-hyperlegible" in warning.msg
    assert "axe-core" not in warning.msg  # the browser tests' package: not needed to serve the site
    assert "npm ci --omit=dev" in warning.hint

    # Under the production settings' manifest storage, pages would answer 500: an error, which stops collectstatic.
    with override_settings(BASE_DIR=tmp_path, STORAGES=MANIFEST):
        [error] = frontend_packages_installed()
    assert error.id == "core.E001"
    assert error.is_serious()

    for folder in ("leaflet/dist", "@fontsource/atkinson-hyperlegible/files"):
        (tmp_path / "node_modules" / folder).mkdir(parents=True)
    with override_settings(BASE_DIR=tmp_path, STORAGES=MANIFEST):
        assert frontend_packages_installed() == []
