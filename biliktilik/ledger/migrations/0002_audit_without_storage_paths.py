"""Audit events of evidence uploads no longer store the file's storage path (audit texts are shown
to users); drop it from the events written before. The original file name stays."""

from django.db import migrations


def drop_storage_paths(apps, schema_editor):  # type: ignore[no-untyped-def]
    AuditEvent = apps.get_model("core", "AuditEvent")
    events = AuditEvent.objects.filter(object_type="ledger.evidence", action="evidence.add")
    for event in events.iterator():
        if isinstance(event.changes, dict) and "file" in event.changes:
            event.changes = {k: v for k, v in event.changes.items() if k != "file"}
            event.save(update_fields=["changes"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("ledger", "0001_initial"),
    ]

    operations = [migrations.RunPython(drop_storage_paths, migrations.RunPython.noop)]
