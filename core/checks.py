"""System checks that name an installation's missing piece and its cure, before it shows as a broken page.

Run by `manage.py check`, `migrate`, `runserver` and `collectstatic` (tag staticfiles)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.staticfiles)
def frontend_packages_installed(app_configs=None, **kwargs):
    """The npm packages the site serves itself (Leaflet, the font) must be under node_modules/. Without
    them, collectstatic fails under the production settings (the manifest storage) and every page answers
    500; elsewhere the map and the font are missing."""
    missing = [
        folder
        for _package, folder, needed in settings.FRONTEND_PACKAGES
        if needed and not (settings.BASE_DIR / "node_modules" / folder).is_dir()
    ]
    if not missing:
        return []
    manifest = "Manifest" in settings.STORAGES["staticfiles"]["BACKEND"]
    level = Error if manifest else Warning
    return [
        level(
            "Bibliothèques du site absentes de node_modules/ : " + ", ".join(missing) + ".",
            hint="Lancez « npm ci --omit=dev » dans le dossier du projet, puis « python manage.py collectstatic "
            "--noinput » (docs/deploy.md, Install for real).",
            id="core.E001" if manifest else "core.W001",
        )
    ]
