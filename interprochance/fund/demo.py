"""Demo data of the fund: real territory, synthetic sources and applications (marked)."""

from __future__ import annotations

import contextlib
import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from interprochance.fund import services
from interprochance.fund.catalogue import ensure_catalogue
from interprochance.fund.models import (
    Application,
    FundingSource,
    LedgerTransaction,
    PayoutBatch,
    Status,
)
from interprochance.fund.procedures.synthetic import synthetic_applications

DEMO_DEBTOR_IBAN = "DE12500105170648489890"  # public example IBAN (ING), not a real fund account
PROVIDERS = [
    ("Jugendherberge Bad Orb", "DE89370400440532013000"),
    ("TSV Gräfenhausen e.V.", "DE12500105170648489890"),
    ("Musikschule Weiterstadt", "DE89370400440532013000"),
    ("Optiker am Markt", "DE12500105170648489890"),
]
LIFE_PHASE_AGE = {"birth": 0, "early": 4, "primary": 8, "secondary": 13, "transition": 17}


def load(ctx: Any) -> str:
    ensure_catalogue()
    tenant = ctx.weiterstadt
    if FundingSource.objects.filter(tenant=tenant).exists():
        return "Sozialfonds: bereits geladen"
    admin = ctx.users["demo-fonds-anordnung"]
    fonds = ctx.users["demo-fonds"]
    anordnung = ctx.users["demo-fonds-anordnung"]
    counsellors = [ctx.users["demo-beratung-a"], ctx.users["demo-beratung-b"]]
    fs = services.settings_for(tenant)
    fs.debtor_name = "Stadt Weiterstadt Sozialfonds (Demo)"
    fs.debtor_iban = DEMO_DEBTOR_IBAN
    fs.save()
    year = timezone.localdate().year
    specs = [
        (
            "landkreis",
            "Zuschuss Landkreis (Demo)",
            "landkreis",
            "Landkreis Darmstadt-Dieburg",
            [],
            [],
            date(year, 12, 31),
            "6.000",
        ),
        (
            "stadt",
            "Budget der Stadt (Demo)",
            "gemeinde",
            "Stadt Weiterstadt",
            [],
            [],
            None,
            "4.000",
        ),
        (
            "spende-schule",
            "Spende für Schulkinder (Demo)",
            "spende",
            "Bürgerstiftung (synthetisch)",
            ["class_trip", "school_supplies", "tutoring"],
            ["primary", "secondary"],
            None,
            "2.500",
        ),
        (
            "stiftung-fruehe-hilfen",
            "Stiftung Frühe Hilfen (Demo)",
            "stiftung",
            "Stiftung (synthetisch)",
            [],
            ["birth", "early"],
            date(year, 9, 30),
            "1.500",
        ),
    ]
    sources = {}
    for key, name, kind, donor, purposes, phases, until, amount in specs:
        src = services.source_create(
            actor=admin,
            tenant=tenant,
            key=key,
            name=name,
            kind=kind,
            donor=donor,
            purposes=purposes,
            life_phases=phases,
            valid_from=date(year, 1, 1),
            valid_until=until,
            is_synthetic=True,
        )
        services.source_budget_add(actor=admin, source=src, year=year, amount=amount, note="Demo")
        sources[key] = src

    areas = ctx.sozialraeume()
    cases = synthetic_applications(
        36, seed=ctx.rng.randrange(10**6), areas=tuple(a.code for a in areas)
    )
    made: list[Application] = []
    for i, case in enumerate(cases):
        provider, iban = PROVIDERS[i % len(PROVIDERS)]
        cents = min(case.amount_cents, 19_000)
        data = services.ApplicationInput(
            purpose=case.purpose,
            total=Decimal(cents) / 100,
            amount=Decimal(cents) / 100,
            child_age=LIFE_PHASE_AGE[case.life_phase],
            life_phase=case.life_phase,
            area_code=case.area,
            description="Synthetischer Demo-Antrag: Familie kann die Kosten nicht aufbringen.",
            provider_name=provider,
            provider_iban=iban,
            applicant_org="Familienzentrum Weiterstadt (Demo)",
            household_key=f"demo-haushalt-{i}",
            child_key=f"demo-kind-{i}",
            in_school=case.life_phase in ("primary", "secondary", "transition"),
            in_kita=case.life_phase == "early",
            benefits=("wohngeld",) if i % 3 == 0 else (),
            need_score=case.need_score,
            fund_reason="not_covered" if i % 3 == 0 else "",
        )
        try:
            app = services.application_submit(
                actor=counsellors[i % 2], tenant=tenant, form_token=uuid.uuid4(), data=data
            )
        except services.FundError:
            continue  # e.g. a statutory route fully covers it: a real professional would not apply
        made.append(app)
    for i, app in enumerate(made):
        if i % 6 == 5:
            continue  # stays "eingegangen"
        if i % 6 == 4:
            services.application_propose(actor=fonds, application=app, decision="approve")
            continue  # waits for the Anordnung
        if i % 9 == 3:
            services.application_propose(
                actor=fonds,
                application=app,
                decision="reject",
                note="Die Kosten übernimmt bereits der Förderverein der Schule.",
            )
        else:
            services.application_propose(actor=fonds, application=app, decision="approve")
        with contextlib.suppress(
            services.FundError
        ):  # budget exhausted: stays proposed, a visible task
            services.application_decide(actor=anordnung, application=app, approve=True)
    Application.objects.filter(pk__in=[a.pk for a in made]).update(is_synthetic=True)
    # Spread the submissions over the past months (synthetic history for the reports and the replay).
    for i, app in enumerate(made):
        Application.objects.filter(pk=app.pk).update(
            submitted_at=timezone.now() - timedelta(days=3 + (i * 5) % 150)
        )
    batch = None
    if Application.objects.filter(tenant=tenant, status=Status.APPROVED).exists():
        batch = services.payout_batch_create(
            actor=fonds,
            tenant=tenant,
            request_key=uuid.uuid4(),
            execution_date=timezone.localdate() + timedelta(days=1),
        )
        PayoutBatch.objects.filter(pk=batch.pk).update(is_synthetic=True)
    n_tx = LedgerTransaction.objects.filter(tenant=tenant).count()
    return f"Sozialfonds: 4 Fördertöpfe, {len(made)} Anträge, {n_tx} Buchungen, {1 if batch else 0} Zahlungslauf (synthetisch)"
