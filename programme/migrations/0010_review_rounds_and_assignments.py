"""Review rounds: an edition's criteria and its reviewers' scores move into a first round per edition
("Présélection", current, reviewing submitted applications), so existing scores keep their meaning;
each existing review becomes an assignment of that round (done), so progress counts it."""

import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


FIRST_ROUND = "Présélection"


def first_round_per_edition(apps, schema_editor):
    Edition = apps.get_model("programme", "Edition")
    ReviewRound = apps.get_model("programme", "ReviewRound")
    Criterion = apps.get_model("programme", "Criterion")
    Review = apps.get_model("programme", "Review")
    Assignment = apps.get_model("programme", "Assignment")
    for edition in Edition.objects.all():
        review_round = ReviewRound.objects.create(
            edition=edition, name=FIRST_ROUND, stage="submitted", sort_order=0, is_current=True
        )
        Criterion.objects.filter(edition=edition).update(review_round=review_round)
        reviews = Review.objects.filter(application__edition=edition)
        reviews.update(review_round=review_round)
        Assignment.objects.bulk_create(
            [
                Assignment(review_round=review_round, application_id=application_id, reviewer_id=reviewer_id)
                for application_id, reviewer_id in reviews.values_list("application_id", "reviewer_id")
            ]
        )


TEAM_GROUP = "Équipe du programme"  # core.roles.PROGRAMME_TEAM's group name, frozen here


def grant_team_round_permissions(apps, schema_editor):
    """The programme team edits review rounds in the admin: an existing team group gets the rights (on a
    new database the group does not exist yet and sync_roles gives them)."""
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=TEAM_GROUP).first()
    if group is None:
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label="programme", model="reviewround")
    for action in ("add", "change", "delete", "view"):
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_reviewround",
            defaults={"name": f"Can {action} tour d'évaluation"},
        )
        group.permissions.add(permission)


def criteria_back_to_editions(apps, schema_editor):
    Criterion = apps.get_model("programme", "Criterion")
    for criterion in Criterion.objects.select_related("review_round"):
        criterion.edition_id = criterion.review_round.edition_id
        criterion.save(update_fields=["edition"])


class Migration(migrations.Migration):

    dependencies = [
        ('programme', '0009_identity_from_settings'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Assignment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('assigned_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='attribuée le')),
                ('removed_at', models.DateTimeField(blank=True, null=True, verbose_name='retirée le')),
                ('removed_reason', models.CharField(blank=True, max_length=255, verbose_name='motif du retrait')),
                ('reminded_at', models.DateTimeField(blank=True, null=True, verbose_name='dernier rappel le')),
            ],
            options={
                'verbose_name': 'attribution',
                'verbose_name_plural': 'attributions',
                'ordering': ['review_round', 'application', 'reviewer'],
            },
        ),
        migrations.CreateModel(
            name='ReviewRound',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='Par exemple « Présélection ».', max_length=120, verbose_name='nom du tour')),
                ('stage', models.CharField(choices=[('submitted', 'Déposée'), ('preselected', 'Présélectionnée (hackathon)'), ('selected', 'Sélectionnée'), ('pre_incubation', 'En pré-incubation'), ('jury_decision', 'Décision du jury rendue'), ('not_retained', 'Non retenue'), ('withdrawn', 'Retirée par la personne candidate')], default='submitted', help_text='Le tour évalue les candidatures à cette étape (déposées, présélectionnées…).', max_length=20, verbose_name='candidatures évaluées')),
                ('sort_order', models.PositiveSmallIntegerField(default=0, verbose_name='ordre')),
                ('is_current', models.BooleanField(default=False, help_text='Les évaluateurs ne voient que les candidatures qui leur sont attribuées dans le tour en cours.', verbose_name='tour en cours')),
                ('due_on', models.DateField(blank=True, null=True, verbose_name='évaluations à rendre le')),
                ('anonymised', models.BooleanField(default=False, help_text="Les évaluateurs ne voient ni le nom, ni l'e-mail, ni le service de la personne candidate, ni le nom des pièces jointes ; l'équipe voit tout.", verbose_name='évaluation anonymisée')),
            ],
            options={
                'verbose_name': "tour d'évaluation",
                'verbose_name_plural': "tours d'évaluation",
                'ordering': ['edition', 'sort_order', 'pk'],
            },
        ),
        migrations.RemoveConstraint(
            model_name='review',
            name='programme_one_review',
        ),
        migrations.AlterField(
            model_name='edition',
            name='reviewers',
            field=models.ManyToManyField(blank=True, help_text="Personnes à qui l'équipe peut attribuer des candidatures à évaluer (tours d'évaluation).", related_name='programme_editions_reviewed', to=settings.AUTH_USER_MODEL, verbose_name='évaluateurs'),
        ),
        migrations.AddField(
            model_name='assignment',
            name='application',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assignments', to='programme.application', verbose_name='candidature'),
        ),
        migrations.AddField(
            model_name='assignment',
            name='assigned_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='attribuée par'),
        ),
        migrations.AddField(
            model_name='assignment',
            name='removed_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='retirée par'),
        ),
        migrations.AddField(
            model_name='assignment',
            name='reviewer',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='programme_assignments', to=settings.AUTH_USER_MODEL, verbose_name='évaluateur'),
        ),
        migrations.AddField(
            model_name='reviewround',
            name='edition',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rounds', to='programme.edition', verbose_name='édition'),
        ),
        migrations.AddField(
            model_name='assignment',
            name='review_round',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assignments', to='programme.reviewround', verbose_name='tour'),
        ),
        migrations.AddField(
            model_name='criterion',
            name='review_round',
            field=modelcluster.fields.ParentalKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='criteria', to='programme.reviewround', verbose_name='tour'),
        ),
        migrations.AddField(
            model_name='review',
            name='review_round',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='programme.reviewround', verbose_name='tour'),
        ),
        migrations.RunPython(first_round_per_edition, migrations.RunPython.noop),
        migrations.RunPython(grant_team_round_permissions, migrations.RunPython.noop),
        # Backwards, the edition column comes back nullable, is filled from the round, then required.
        migrations.AlterField(
            model_name='criterion',
            name='edition',
            field=modelcluster.fields.ParentalKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='criteria', to='programme.edition'),
        ),
        migrations.RunPython(migrations.RunPython.noop, criteria_back_to_editions),
        migrations.RemoveField(
            model_name='criterion',
            name='edition',
        ),
        migrations.AlterField(
            model_name='criterion',
            name='review_round',
            field=modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='criteria', to='programme.reviewround', verbose_name='tour'),
        ),
        migrations.AlterField(
            model_name='review',
            name='review_round',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='programme.reviewround', verbose_name='tour'),
        ),
        migrations.AddConstraint(
            model_name='review',
            constraint=models.UniqueConstraint(fields=('application', 'reviewer', 'review_round'), name='programme_one_review_per_round'),
        ),
        migrations.AddConstraint(
            model_name='reviewround',
            constraint=models.UniqueConstraint(fields=('edition', 'name'), name='programme_round_name_per_edition'),
        ),
        migrations.AddConstraint(
            model_name='reviewround',
            constraint=models.UniqueConstraint(condition=models.Q(('is_current', True)), fields=('edition',), name='programme_one_current_round_per_edition'),
        ),
        migrations.AddConstraint(
            model_name='assignment',
            constraint=models.UniqueConstraint(fields=('review_round', 'application', 'reviewer'), name='programme_one_assignment'),
        ),
    ]
