"""Example objects for the role-matrix test (tests/test_role_matrix.py)."""

from __future__ import annotations

from datetime import time
from typing import Any


def route_examples(ctx: Any) -> dict[str, dict[str, Any]]:
    from interprochance.directory import services as act
    from interprochance.directory.hsds_build import all_terms
    from interprochance.directory.inputs import ServiceData
    from interprochance.directory.models import NetworkMeeting
    from interprochance.directory.taxonomy import LIFE_PHASES
    from interprochance.directory.validation.schedule import OpeningSlot

    actor = ctx.demo.users["demo-netzwerk"]
    tenant = ctx.tenant
    org = act.organization_create(
        actor=actor,
        tenant=tenant,
        data=act.OrganizationData(name="Matrix-Träger", description="Test"),
    )
    other = act.organization_create(
        actor=actor,
        tenant=tenant,
        data=act.OrganizationData(name="Matrix-Partner", description="Test"),
    )
    loc = act.location_create(
        actor=actor,
        tenant=tenant,
        organization=org,
        name="Matrix-Ort",
        street="Kreuzstraße 45",
        postal_code="64331",
        city="Weiterstadt",
    )
    data = ServiceData(
        name="Matrix-Angebot",
        description="Beschreibung",
        life_phases=("grundschule",),
        need_areas=("bildung",),
        location_ids=(loc.pk,),
        schedules=(OpeningSlot(("MO",), time(14), time(16)),),
    )
    service = act.service_create(actor=actor, organization=org, data=data, publish=True)
    proposal = act.service_propose(actor=actor, organization=org, data=data, service=service)
    _link, token = act.provider_link_create(actor=actor, organization=org, label="Matrix")
    meeting = act.meeting_create(
        actor=actor,
        tenant=tenant,
        title="Matrix-Treffen",
        held_on=__import__("datetime").date(2026, 1, 10),
        participants=[org, other],
    )
    assert isinstance(meeting, NetworkMeeting)
    sal = service.service_locations.first()
    assert sal is not None
    term = all_terms("http://testserver")[0]
    return {
        "directory:detail": {"uuid": service.uuid},
        "directory:detail_print": {"uuid": service.uuid},
        "directory:provider_link": {"token": token},
        "directory:service_edit": {"pk": service.pk},
        "directory:service_transition": {"pk": service.pk, "action": "bestaetigen"},
        "directory:proposal_review": {"pk": proposal.pk},
        "directory:organization": {"pk": org.pk},
        "directory:meeting": {"pk": meeting.pk},
        "hsds-service": {"id": str(service.uuid)},
        "hsds-organization": {"id": str(org.uuid)},
        "hsds-taxonomy": {"id": str(LIFE_PHASES.uuid)},
        "hsds-taxonomy-term": {"id": str(term.id)},
        "hsds-service-at-location": {"id": str(sal.uuid)},
    }
