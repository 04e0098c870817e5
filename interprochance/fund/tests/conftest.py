"""Fixtures for the fund's Django tests: sources with money, users per role, a ready application."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from interprochance.core.roles import Role

IBAN_OK = "DE89370400440532013000"


@dataclass
class FundWorld:
    tenant: Any
    area: Any
    beratung: Any
    fonds: Any
    fonds2: Any
    anordnung: Any
    colleague: Any  # same municipality, no fund role
    outsider: Any  # fund role in another municipality
    stadt: Any  # general city budget
    spende: Any  # donation earmarked for school trips


@pytest.fixture
def world(core_demo, make_user) -> FundWorld:
    from interprochance.core.selectors import tenant_areas
    from interprochance.fund import services
    from interprochance.fund.catalogue import ensure_catalogue

    ensure_catalogue()  # a flush by a transactional test elsewhere removes migration data

    t = core_demo.weiterstadt
    area = (
        tenant_areas(t, level="sozialraum").first() or tenant_areas(t).exclude(pk=t.area_id).first()
    )
    fs = services.settings_for(t)
    fs.debtor_iban = "DE12500105170648489890"
    fs.debtor_name = "Stadt Weiterstadt Sozialfonds"
    fs.save()
    admin = core_demo.users["demo-admin"]
    stadt = services.source_create(
        actor=admin, tenant=t, key="stadt", name="Budget der Stadt", kind="gemeinde"
    )
    spende = services.source_create(
        actor=admin,
        tenant=t,
        key="spende",
        name="Spende Klassenfahrten",
        kind="spende",
        purposes=["class_trip"],
    )
    year = date.today().year
    services.source_budget_add(actor=admin, source=stadt, year=year, amount="1.000,00")
    services.source_budget_add(actor=admin, source=spende, year=year, amount="300")
    return FundWorld(
        tenant=t,
        area=area,
        beratung=make_user(Role.BERATUNG, username="f-beratung"),
        fonds=make_user(Role.FONDS, username="f-fonds"),
        fonds2=make_user(Role.FONDS, username="f-fonds2"),
        anordnung=make_user(Role.FONDS_ANORDNUNG, username="f-anordnung"),
        colleague=make_user(Role.PLANUNG, username="f-planung"),
        outsider=make_user(Role.FONDS_ANORDNUNG, tenant_slug="griesheim", username="f-outsider"),
        stadt=stadt,
        spende=spende,
    )


def app_input(world: FundWorld, **over: Any):
    from interprochance.fund.services import ApplicationInput

    data = {
        "purpose": "class_trip",
        "total": "250,00",
        "amount": "250,00",
        "child_age": 11,
        "life_phase": "secondary",
        "area_code": world.area.code,
        "description": "Klassenfahrt der 6b nach Bad Orb, Familie kann den Betrag nicht aufbringen.",
        "provider_name": "Jugendherberge Bad Orb",
        "provider_iban": IBAN_OK,
        "applicant_org": "Familienzentrum Weiterstadt",
        "household_key": "BER-2026-17",
        "child_key": "Mia 2014-05-03",
        "in_school": True,
        "benefits": (),
    }
    data.update(over)
    return ApplicationInput(**data)


@pytest.fixture
def submit(world):
    from interprochance.fund import services

    def make(**over: Any):
        return services.application_submit(
            actor=over.pop("actor", world.beratung),
            tenant=world.tenant,
            form_token=uuid.uuid4(),
            data=app_input(world, **over),
        )

    return make


@pytest.fixture
def approved(world, submit):
    from interprochance.fund import services

    def make(**over: Any):
        app = submit(**over)
        services.application_propose(actor=world.fonds, application=app, decision="approve")
        return services.application_decide(actor=world.anordnung, application=app, approve=True)

    return make
