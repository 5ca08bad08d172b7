"""Trigram indexes for accent-free "contains" search on PostgreSQL (no-op on SQLite)."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS orgs_person_name_folded_trgm ON orgs_person USING gin (name_folded gin_trgm_ops)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS orgs_unit_name_folded_trgm ON orgs_unit USING gin (name_folded gin_trgm_ops)"
    )
    # LIKE 'prefix%' on the materialised path under a non-C collation needs the pattern opclass.
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS orgs_unit_path_pattern ON orgs_unit (path varchar_pattern_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS orgs_person_name_folded_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS orgs_unit_name_folded_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS orgs_unit_path_pattern")


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
