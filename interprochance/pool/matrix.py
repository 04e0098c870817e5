"""Example objects for the role-matrix test (tests/test_role_matrix.py)."""

from __future__ import annotations

from typing import Any


def route_examples(ctx: Any) -> dict[str, dict[str, Any]]:
    from .tests.factories import make_pool_with_plan

    made = make_pool_with_plan(ctx.tenant, ctx.demo.users["demo-admin"])
    assert made.statement is not None
    return {
        "pool:pool_detail": {"pk": made.pool.pk},
        "pool:pool_import": {"pk": made.pool.pk},
        "pool:pool_solve": {"pk": made.pool.pk},
        "pool:pool_instance": {"pk": made.pool.pk},
        "pool:statements": {"pk": made.pool.pk},
        "pool:child_detail": {"pk": made.child.pk},
        "pool:plan_detail": {"pk": made.plan.pk},
        "pool:plan_edit": {"pk": made.plan.pk},
        "pool:plan_copy": {"pk": made.plan.pk},
        "pool:plan_publish": {"pk": made.plan.pk},
        "pool:plan_substitute": {"pk": made.plan.pk},
        "pool:plan_print": {"pk": made.plan.pk},
        "pool:plan_json": {"pk": made.plan.pk},
        "pool:statement_detail": {"pk": made.statement.pk},
        "pool:statement_bearer": {"pk": made.statement.pk, "code": "ja", "fmt": "csv"},
        "api-pool-plan": {"pk": made.plan.pk},
    }
