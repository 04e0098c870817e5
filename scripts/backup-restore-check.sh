#!/usr/bin/env bash
# Dump the database named in DATABASE_URL, restore it into a scratch database,
# and check that the restored copy has the same row counts and an intact audit chain.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
cd "$(dirname "$0")/.."
base="${DATABASE_URL%/*}"
scratch="interprochance_restore_check_$$"
dump="$(mktemp -d)/backup.dump"
pg_dump --format=custom --file="$dump" "$DATABASE_URL"
psql "$base/postgres" -qc "CREATE DATABASE $scratch"
trap 'psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $scratch"' EXIT
pg_restore --no-owner --dbname="$base/$scratch" "$dump"
count() { psql "$1" -Atc "SELECT (SELECT count(*) FROM core_auditevent) || '/' || (SELECT count(*) FROM core_area) || '/' || (SELECT count(*) FROM auth_user)"; }
original=$(count "$DATABASE_URL"); restored=$(count "$base/$scratch")
echo "rows (audit/areas/users): original $original, restored $restored"
[ "$original" = "$restored" ]
DATABASE_URL="$base/$scratch" .venv/bin/python manage.py verify_audit
echo "restore check passed"
