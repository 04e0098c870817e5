"""Long-running work with progress shown in the UI.

    job = jobs.start(kind="pool.solve", title="Poolplan berechnen", tenant=t, actor=u,
                     func="interprochance.pool.tasks.solve_pool", pool_id=3)

`func` is a dotted path to `def solve_pool(job: Job, **kwargs) -> dict`; it may
call `jobs.progress(job, 40, "…")`. The returned dict is stored as the result
(e.g. {"url": "/…/download"}). Runs on the task framework (database backend:
`manage.py db_worker`; immediate in tests).
"""

from __future__ import annotations

import logging
from typing import Any

from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from interprochance.core import audit
from interprochance.core.models import Job, JobStatus, Tenant

logger = logging.getLogger(__name__)


def start(
    *, kind: str, title: str, func: str, tenant: Tenant | None, actor: Any, **kwargs: Any
) -> Job:
    job = Job.objects.create(
        kind=kind,
        title=title,
        tenant=tenant,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(actor=actor, action="job.start", tenant=tenant, obj=job, detail={"kind": kind})
    run_job.enqueue(str(job.pk), func, kwargs)
    return job


def progress(job: Job, percent: int, message: str = "") -> None:
    job.progress = max(0, min(100, int(percent)))
    if message:
        job.message = message
    Job.objects.filter(pk=job.pk).update(progress=job.progress, message=job.message)


@task()
def run_job(job_id: str, func: str, kwargs: dict[str, Any]) -> None:
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started=timezone.now())
    try:
        result = import_string(func)(job, **kwargs) or {}
    except Exception as exc:
        logger.exception("job %s failed", job_id)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            finished=timezone.now(),
            message=f"Fehler: {exc.__class__.__name__}: {exc}"[:2000],
        )
        return
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        progress=100,
        finished=timezone.now(),
        result=result,
        message=Job.objects.get(pk=job.pk).message or "Fertig.",
    )
