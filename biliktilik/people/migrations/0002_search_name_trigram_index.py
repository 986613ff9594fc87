"""On PostgreSQL, a trigram index makes the staff directory's name search fast at any size.

The directory searches ``search_name LIKE '%term%'``, which a B-tree index cannot serve. The
``pg_trgm`` extension can; creating it needs a role allowed to create extensions. Where that is
not allowed the index is skipped with a notice (search still works, only slower), so a restricted
database role never blocks the migration. SQLite needs nothing.
"""

from django.db import migrations, transaction

INDEX = "people_person_search_name_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as exc:  # noqa: BLE001 - any refusal means: no extension, no index
        print(f"\n  pg_trgm is not available ({exc}); the name search index is skipped.")
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON people_person USING gin (search_name gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
