"""Never a double booking, guaranteed by PostgreSQL itself: no two confirmed bookings of one space
may overlap in time ([start, end) ranges, so touching is allowed). btree_gist lets the GiST index
compare space_id with "=". SQLite has no such constraint: there approvals take the write lock first
(see shareloc/bookings/workflow.py)."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE shareloc_booking ADD CONSTRAINT shareloc_booking_no_overlap
    EXCLUDE USING gist (space_id WITH =, tstzrange("start", "end", '[)') WITH &&)
    WHERE (status = 'confirmed');
"""
DROP = "ALTER TABLE shareloc_booking DROP CONSTRAINT IF EXISTS shareloc_booking_no_overlap;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("shareloc", "0003_booking_requests"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
