"""REST API of the pool module (read-only). Plans are exposed in the exchange format
with pseudonyms only; identities never leave through the API."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from interprochance.core.policy import Access
from interprochance.core.roles import Role

from . import selectors
from .models import Plan

COORDINATION = Access(roles=(Role.SCHULASSISTENZ,))
OVERVIEW = Access(roles=(Role.SCHULASSISTENZ, Role.PLANUNG, Role.GREMIUM))


class PoolSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    school = serializers.CharField()
    kind = serializers.CharField()
    cost_rule = serializers.CharField()
    children = serializers.IntegerField()


class PoolList(APIView):
    """Pools of the active tenant."""

    access = COORDINATION

    @extend_schema(responses=PoolSerializer(many=True))
    def get(self, request: Request) -> Response:
        data = [
            {
                "id": p.pk,
                "name": p.name,
                "school": p.school.name,
                "kind": p.kind,
                "cost_rule": p.cost_rule,
                "children": p.n_children,  # type: ignore[attr-defined]
            }
            for p in selectors.pools_for(request.tenant)  # type: ignore[attr-defined]
        ]
        return Response(PoolSerializer(data, many=True).data)


class PlanSolution(APIView):
    """A plan as a solution in the exchange format (interprochance.pool.solution/1)."""

    access = COORDINATION

    @extend_schema(responses={200: dict})
    def get(self, request: Request, pk: int) -> Response:
        plan = Plan.objects.filter(pk=pk, pool__tenant=request.tenant).first()  # type: ignore[attr-defined]
        if plan is None:
            raise Http404
        return Response(
            {
                "format": "interprochance.pool.solution/1",
                "status": plan.solver_status,
                "assignments": plan.assignments,
                "objective": {"cost": float(plan.cost), "assistant_slots": len(plan.assignments)},
                "lower_bound": {
                    "cost": None if plan.lower_bound is None else float(plan.lower_bound)
                },
                "unmet": plan.unmet,
                "plan_status": plan.status,
                "version": plan.version,
            }
        )


class CompareSerializer(serializers.Serializer):
    pool = serializers.CharField()
    school = serializers.CharField()
    children = serializers.IntegerField(allow_null=True)
    support_hours = serializers.DecimalField(max_digits=10, decimal_places=2)
    pooled_hours = serializers.DecimalField(max_digits=10, decimal_places=2)
    baseline_cost = serializers.DecimalField(max_digits=12, decimal_places=2)
    pooled_cost = serializers.DecimalField(max_digits=12, decimal_places=2)


class Comparison(APIView):
    """Pooled versus one-to-one per pool and week (children below 3 are suppressed)."""

    access = OVERVIEW

    @extend_schema(responses=CompareSerializer(many=True))
    def get(self, request: Request) -> Response:
        rows, _total = selectors.comparison(request.tenant)  # type: ignore[attr-defined]
        data = [
            {
                "pool": r.pool.name,
                "school": r.pool.school.name,
                "children": r.children if r.children >= 3 else None,
                "support_hours": r.support_hours,
                "pooled_hours": r.pooled_hours,
                "baseline_cost": r.baseline,
                "pooled_cost": r.cost,
            }
            for r in rows
        ]
        return Response(CompareSerializer(data, many=True).data)
