"""Objects for the role-matrix test (routes with URL parameters)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from interprochance.core.models import Institution
from interprochance.participation.models import Concept, ConceptStage, Implementation, Milestone


def route_examples(ctx: Any) -> dict[str, dict[str, Any]]:
    tenant = ctx.tenant
    concept, _ = Concept.objects.get_or_create(
        tenant=tenant,
        code="matrix-konzept",
        defaults={
            "name": "Matrix-Konzept",
            "goal": "Test",
            "target_group": "Kinder",
            "life_phase": "primary",
            "institution_kind": "school",
        },
    )
    ConceptStage.objects.get_or_create(
        concept=concept, stage="activities", defaults={"description": "Test"}
    )
    institution, _ = Institution.objects.get_or_create(
        tenant=tenant, kind="schule", name="Matrix-Schule"
    )
    item, _ = Implementation.objects.get_or_create(
        concept=concept,
        institution=institution,
        defaults={"tenant": tenant, "responsible": "Schulleitung"},
    )
    milestone = Milestone.objects.create(
        implementation=item, title="Matrix", due=timezone.localdate()
    )
    return {
        "participation:concept_detail": {"pk": concept.pk},
        "participation:implementation_detail": {"pk": item.pk},
        "participation:milestone_add": {"pk": item.pk},
        "participation:milestone_done": {"pk": item.pk, "milestone_pk": milestone.pk},
    }
