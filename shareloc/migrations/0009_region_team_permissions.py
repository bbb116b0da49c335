"""The Région's Shareloc team was recognised by its group's name; the code now asks for permissions
(core.roles.MANAGE_ALL_LYCEES, VIEW_SHARELOC_DASHBOARD). A group of that name that already exists keeps
what it could do. On a new database there is no such group yet: nothing to do."""

from django.db import migrations

TEAM_GROUP = "Région Shareloc"  # the name the code used to check, frozen here
PERMISSIONS = (
    ("lycee", "manage_all_lycees", "Gérer les espaces de tous les lycées (équipe Shareloc de la Région)"),
    ("bookingrequest", "view_shareloc_dashboard", "Voir le tableau de bord Shareloc de la Région"),
)


def grant_team_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=TEAM_GROUP).first()
    if group is None:
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model, codename, name in PERMISSIONS:
        # Permissions of the same run's migrations are created only after it (post_migrate): create them here.
        content_type, _created = ContentType.objects.get_or_create(app_label="shareloc", model=model)
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("shareloc", "0008_team_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_team_permissions, migrations.RunPython.noop)]
