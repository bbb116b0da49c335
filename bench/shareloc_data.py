"""What every Shareloc benchmark loads before measuring: the Région's communes and lycées and the
zone-B holiday calendars of 2026–2028 (then each script imports data/sample/shareloc/ its own way:
timed, scaled, or as is). Run as `python bench/<name>.py`, a script finds this module next to it."""

from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE = DATA / "sample" / "shareloc"


def load_reference_data():
    """Communes, lycées and calendars, once Django is set up and the database migrated."""
    from shareloc.catalogue.holiday_calendars import sync_calendars
    from shareloc.catalogue.imports import import_communes, import_lycees

    import_communes(DATA / "communes_hdf.csv")
    import_lycees(DATA / "lycees_hdf.csv")
    sync_calendars(range(2026, 2029))
