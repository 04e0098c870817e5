"""Reads of the transfer module."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from interprochance.core.models import Tenant, TenantKind
from interprochance.transfer.models import Assessment, GuidelineStep, Lesson, SuccessCondition


def catalogue_owner(tenant: Tenant) -> Tenant:
    """The success-condition catalogue is normally kept by the Landkreis; a
    Gemeinde uses its own catalogue if it has one (e.g. from a transfer
    bundle), else its Landkreis' catalogue."""
    if SuccessCondition.objects.filter(tenant=tenant).exists():
        return tenant
    if tenant.kind == TenantKind.GEMEINDE and tenant.parent_id:
        parent = tenant.parent
        if parent is not None and SuccessCondition.objects.filter(tenant=parent).exists():
            return parent
    return tenant


def conditions_for(tenant: Tenant) -> QuerySet[SuccessCondition]:
    return SuccessCondition.objects.filter(tenant=catalogue_owner(tenant)).order_by(
        "position", "name"
    )


def assessments_matrix(tenant: Tenant, municipalities: list[Tenant]) -> dict[str, Any]:
    """Latest rating per condition and municipality, plus the history."""
    conditions = list(conditions_for(tenant))
    rows = (
        Assessment.objects.filter(condition__in=conditions, tenant__in=municipalities)
        .order_by("assessed_on", "pk")
        .values("condition_id", "tenant_id", "assessed_on", "rating")
    )
    latest: dict[tuple[int, int], Any] = {}
    history: dict[tuple[int, int], list[tuple[Any, int]]] = {}
    for row in rows:
        key = (row["condition_id"], row["tenant_id"])
        latest[key] = row
        history.setdefault(key, []).append((row["assessed_on"], row["rating"]))
    return {
        "conditions": conditions,
        "municipalities": municipalities,
        "latest": latest,
        "history": history,
    }


def assessments_for(tenant: Tenant) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(tenant=tenant)
        .select_related("condition")
        .order_by("condition__position", "-assessed_on")
    )


def steps_for(tenant: Tenant) -> QuerySet[GuidelineStep]:
    owner: Tenant = tenant
    if not GuidelineStep.objects.filter(tenant=tenant).exists() and tenant.parent is not None:
        owner = tenant.parent
    return GuidelineStep.objects.filter(tenant=owner).order_by("position", "pk")


def lessons_for(tenant: Tenant) -> QuerySet[Lesson]:
    return Lesson.objects.filter(tenant=tenant).order_by("-recorded_on", "pk")


def condition_config(tenant: Tenant) -> list[dict[str, Any]]:
    return [
        {
            "code": c.code,
            "name": c.name,
            "description": c.description,
            "category": c.category,
            "position": c.position,
        }
        for c in conditions_for(tenant)
    ]


def guideline_config(tenant: Tenant) -> list[dict[str, Any]]:
    return [
        {
            "code": s.code,
            "name": s.name,
            "text": s.text,
            "position": s.position,
            "roles": list(s.roles),
            "checklist": list(s.checklist),
        }
        for s in steps_for(tenant)
    ]
