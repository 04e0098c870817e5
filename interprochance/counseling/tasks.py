"""Scheduled work: the retention job (run daily by the scheduler/cron via the task framework)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task


@task()
def retention_daily() -> dict[str, Any]:
    from .services import retention_run

    return retention_run(
        actor=None,
        today=timezone.localdate(),
        policy=getattr(settings, "COUNSELING_RETENTION", None),
    )
