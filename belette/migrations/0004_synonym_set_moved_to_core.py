"""The synonym sets move to core (one vocabulary for the directory and the portal's search): their rows
are copied to core.SynonymSet before belette's table goes."""

from django.db import migrations


def copy_to_core(apps, schema_editor):
    old = apps.get_model("belette", "SynonymSet")
    new = apps.get_model("core", "SynonymSet")
    new.objects.bulk_create(new(terms=row.terms) for row in old.objects.order_by("pk"))


def copy_back(apps, schema_editor):
    old = apps.get_model("belette", "SynonymSet")
    new = apps.get_model("core", "SynonymSet")
    old.objects.bulk_create(old(terms=row.terms) for row in new.objects.order_by("pk"))


class Migration(migrations.Migration):
    dependencies = [
        ('belette', '0003_corrections_self_confirmation_unit_head'),
        ("core", "0001_synonym_set"),
    ]

    operations = [
        migrations.RunPython(copy_to_core, copy_back),
        migrations.DeleteModel(name="SynonymSet"),
    ]
