"""German full-text index for the public finder (PostgreSQL only).

The finder queries ``to_tsvector('german', search_text)`` (see
``selectors.finder_search``); this expression index makes that a GIN lookup.
SQLite uses a LIKE predicate on the same column and needs no index.
"""

from django.db import migrations

INDEX = "directory_service_search_german"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON directory_service "
            "USING GIN (to_tsvector('german'::regconfig, search_text))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
