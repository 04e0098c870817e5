"""The documented backup/restore procedure works (PostgreSQL only)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from interprochance.core import audit

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_backup_restore_script_round_trips(core_demo):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump/pg_restore need PostgreSQL")
    if not shutil.which("pg_dump"):
        pytest.skip("pg_dump not installed")
    audit.record(actor=None, action="backup.test")
    s = connection.settings_dict
    url = f"postgres://{s['USER'] or 'postgres'}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    env = {**os.environ, "DATABASE_URL": url}
    result = subprocess.run(
        ["bash", "scripts/backup-restore-check.sh"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "restore check passed" in result.stdout
