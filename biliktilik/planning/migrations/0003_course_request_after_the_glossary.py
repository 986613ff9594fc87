"""A unit's request for places on a programme topic (өтінім / заявка) is named after the glossary:
``CourseApplication`` -> ``CourseRequest``, ``ApplicationEntry`` -> ``RequestEntry`` (its
``application`` -> ``request``), listeners accepted from a request have the source ``request``.
Tables and columns are renamed, no row is lost."""

import django.db.models.deletion
from django.db import migrations, models


def _source(apps, old: str, new: str) -> None:
    apps.get_model("planning", "TopicListener").objects.filter(source=old).update(source=new)


def forwards(apps, schema_editor):
    _source(apps, "application", "request")


def backwards(apps, schema_editor):
    _source(apps, "request", "application")


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0002_perspective_programmes"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="applicationentry", name="planning_entry_unique"),
        migrations.RenameModel(old_name="CourseApplication", new_name="CourseRequest"),
        migrations.RenameModel(old_name="ApplicationEntry", new_name="RequestEntry"),
        migrations.RenameField(model_name="requestentry", old_name="application", new_name="request"),
        migrations.AlterModelOptions(
            name="courserequest",
            options={
                "ordering": ["topic_id", "created_at", "id"],
                "verbose_name": "request for an internal course",
                "verbose_name_plural": "requests for internal courses",
            },
        ),
        migrations.AlterModelOptions(
            name="requestentry",
            options={
                "ordering": ["request_id", "id"],
                "verbose_name": "person applied for",
                "verbose_name_plural": "people applied for",
            },
        ),
        migrations.AlterField(
            model_name="courserequest",
            name="topic",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="requests",
                to="planning.programmetopic",
                verbose_name="topic",
            ),
        ),
        migrations.AlterField(
            model_name="requestentry",
            name="request",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="entries",
                to="planning.courserequest",
                verbose_name="request",
            ),
        ),
        migrations.AlterField(
            model_name="topiclistener",
            name="entry",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="listener",
                to="planning.requestentry",
                verbose_name="request entry",
            ),
        ),
        migrations.AlterField(
            model_name="topiclistener",
            name="source",
            field=models.CharField(
                choices=[("assigned", "Assigned by the PD centre"), ("request", "Accepted from a unit's request")],
                max_length=20,
                verbose_name="source",
            ),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
        migrations.AddConstraint(
            model_name="requestentry",
            constraint=models.UniqueConstraint(fields=("request", "person"), name="planning_entry_unique"),
        ),
    ]
