"""Reads of the participation module for views and other apps
(governance reports, the transfer bundle and the Landkreis view)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from interprochance.core.models import Tenant
from interprochance.participation.models import Concept, ConceptStage, Implementation, Milestone
from interprochance.participation.staircase import IMPACT_STAGE_CODES, IMPLEMENTATION_STAGES


def concepts_for_tenant(tenant: Tenant) -> QuerySet[Concept]:
    return (
        Concept.objects.filter(tenant=tenant)
        .annotate(n_implementations=Count("implementations", distinct=True))
        .prefetch_related(Prefetch("stages", queryset=ConceptStage.objects.order_by("pk")))
        .order_by("name")
    )


def implementations_for_tenant(tenant: Tenant) -> QuerySet[Implementation]:
    return (
        Implementation.objects.filter(tenant=tenant)
        .select_related("concept", "institution")
        .order_by("concept__name", "institution__name")
    )


def implementation_detail(pk: int) -> Implementation | None:
    return (
        Implementation.objects.select_related("concept", "institution", "tenant")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("due")),
            "stage_changes__actor",
        )
        .filter(pk=pk)
        .first()
    )


def stage_counts(tenant: Tenant) -> dict[str, int]:
    """Implementations per stage (all stages present, zero if none)."""
    counts = Counter(Implementation.objects.filter(tenant=tenant).values_list("stage", flat=True))
    return {code: counts.get(code, 0) for code, _label in IMPLEMENTATION_STAGES}


def stage_counts_by_tenant(tenants: list[Tenant]) -> dict[int, dict[str, int]]:
    """For the Landkreis comparison: implementations per stage per tenant."""
    result = {t.pk: {code: 0 for code, _ in IMPLEMENTATION_STAGES} for t in tenants}
    rows = (
        Implementation.objects.filter(tenant__in=tenants)
        .values("tenant_id", "stage")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        result[row["tenant_id"]][row["stage"]] = row["n"]
    return result


def indicator_links(tenant: Tenant) -> dict[str, list[str]]:
    """Indicator code -> concept codes whose staircase refers to it."""
    links: dict[str, list[str]] = {}
    for stage in ConceptStage.objects.filter(concept__tenant=tenant).select_related("concept"):
        for code in stage.indicator_codes:
            links.setdefault(code, [])
            if stage.concept.code not in links[code]:
                links[code].append(stage.concept.code)
    return links


def concept_config(tenant: Tenant) -> list[dict[str, Any]]:
    """The concept catalogue as plain data (transfer bundle section
    "concepts"); configuration only, no implementations, no people."""
    out = []
    for concept in concepts_for_tenant(tenant):
        stages = sorted(concept.stages.all(), key=lambda s: IMPACT_STAGE_CODES.index(s.stage))
        out.append(
            {
                "code": concept.code,
                "name": concept.name,
                "goal": concept.goal,
                "target_group": concept.target_group,
                "life_phase": concept.life_phase,
                "institution_kind": concept.institution_kind,
                "resources": concept.resources,
                "stages": [
                    {
                        "stage": s.stage,
                        "description": s.description,
                        "indicator_codes": list(s.indicator_codes),
                    }
                    for s in stages
                ],
            }
        )
    return out
