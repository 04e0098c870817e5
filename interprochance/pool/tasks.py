"""Background jobs of the pool module (run through core.jobs)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from interprochance.core import jobs

from .models import Pool
from .optimizer.exchange import instance_to_dict
from .optimizer.model import solve
from .selectors import pool_instance
from .services import plan_from_solution


def solve_plan(job: Any, *, pool_id: int, user_id: int | None, time_limit: float = 10.0) -> dict:
    pool = Pool.objects.get(pk=pool_id)
    actor = get_user_model().objects.filter(pk=user_id).first() if user_id is not None else None
    jobs.progress(job, 10, _("Instanz wird aus den Bewilligungen erstellt"))
    instance = pool_instance(pool)
    jobs.progress(
        job, 20, _("Optimierung läuft (höchstens %(s)s Sekunden)") % {"s": int(time_limit)}
    )
    solution = solve(instance, time_limit=time_limit, workers=settings.POOL_SOLVER_WORKERS)
    plan = plan_from_solution(
        actor=actor, pool=pool, instance=instance_to_dict(instance), solution=solution
    )
    jobs.progress(job, 100, _("Fertig: %(s)s") % {"s": solution.status})
    return {
        "url": reverse("pool:plan_detail", args=[plan.pk]),
        "label": _("Plan ansehen"),
        "plan": plan.pk,
    }
