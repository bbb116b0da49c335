"""Shareloc's part of `setup_site`: the public catalogue page (/shareloc/) and the holiday calendars
(this school year to two years ahead, see holiday_calendars.py). Idempotent."""

from django.db import transaction

from home.models import HomePage

from .holiday_calendars import data_warning, default_years, sync_calendars
from .pages import SharelocCataloguePage


def setup(command):
    with transaction.atomic():
        page = ensure_catalogue_page()
        result = sync_calendars(default_years())
    if page is not None:
        command.stdout.write(f"  catalogue : page /{page.slug}/")
    command.stdout.write(
        f"  calendriers (zone {result.zone}) : {result[0]} jour(s) férié(s), {result[1]} jour(s) de vacances ajoutés"
    )
    warning = data_warning()
    if warning:
        command.stderr.write(warning)


def ensure_catalogue_page():
    home = HomePage.objects.first()
    if home is None:
        return None
    page = SharelocCataloguePage.objects.first()
    if page is None:
        page = SharelocCataloguePage(
            title="Shareloc : les espaces des lycées",
            slug="shareloc",
            seo_title="Shareloc – salles et équipements des lycées prêtés aux associations",
            search_description="Trouvez une salle, un gymnase ou un terrain d'un lycée public de la Région "
            "libre à la date qui vous convient.",
            intro="<p>Les lycées publics de la Région prêtent leurs salles, gymnases, terrains et équipements aux "
            "associations en dehors des heures de cours. Cherchez un espace libre, près de chez vous, à la "
            "date qui vous convient.</p>",
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    return page
