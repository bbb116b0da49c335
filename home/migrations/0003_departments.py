"""The five départements of the Région are reference data: present on every install."""

from django.db import migrations

DEPARTMENTS = (("02", "Aisne"), ("59", "Nord"), ("60", "Oise"), ("62", "Pas-de-Calais"), ("80", "Somme"))


def create_departments(apps, schema_editor):
    Department = apps.get_model("home", "Department")
    for code, name in DEPARTMENTS:
        Department.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("home", "0002_portal")]

    operations = [migrations.RunPython(create_departments, migrations.RunPython.noop)]
