"""PostgreSQL: a stored, generated tsvector for the finder (replaces the expression index).

Ranking (ts_rank) and broad queries need the vector of every matching row;
recomputing ``to_tsvector`` per row made a common word cost hundreds of
milliseconds at 5,000 services. The generated column is maintained by
PostgreSQL itself; Django does not list it in the model (SQLite has no such
column and searches ``search_text`` with LIKE).
"""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS directory_service_search_german")
    schema_editor.execute(
        "ALTER TABLE directory_service ADD COLUMN IF NOT EXISTS search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('german'::regconfig, coalesce(search_text, ''))) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS directory_service_search_vector ON directory_service USING GIN (search_vector)"
    )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS directory_service_search_vector")
    schema_editor.execute("ALTER TABLE directory_service DROP COLUMN IF EXISTS search_vector")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS directory_service_search_german ON directory_service "
        "USING GIN (to_tsvector('german'::regconfig, search_text))"
    )


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_search_index")]
    operations = [migrations.RunPython(forward, backward)]
