"""Demo data for counselling (synthetic people; real territory).

Two counselling offices in Weiterstadt; demo-beratung-a leads office A,
demo-beratung-b leads office B. Each office gets synthetic households and
cases with contacts, goals, consents and referrals; a few public appointment
requests wait in the queue.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from interprochance.core.models import StreetSegment

from . import services
from .integrations import directory_services
from .models import Channel, ConsentForm, ConsentPurpose, Outcome, Schooling, Topic

FIRST = [
    "Aylin",
    "Jana",
    "Mehmet",
    "Sofia",
    "Lukas",
    "Olena",
    "Amir",
    "Marie",
    "Tobias",
    "Fatma",
    "Nina",
    "Kemal",
]
LAST = [
    "Demir",
    "Schneider",
    "Kowalski",
    "Nguyen",
    "Fischer",
    "Haddad",
    "Weber",
    "Yilmaz",
    "Popescu",
    "Becker",
]
LANGUAGES = ["Deutsch", "Türkisch", "Arabisch", "Ukrainisch", "Russisch", "Englisch"]
OFFICES = [
    (
        "Familien- und Sozialberatung Kernstadt (Demo)",
        "Darmstädter Straße 40, 64331 Weiterstadt",
        "demo-beratung-a",
    ),
    ("Beratungsstelle Gräfenhausen (Demo)", "Schulstraße 5, 64331 Weiterstadt", "demo-beratung-b"),
]


def _addresses(ctx: Any) -> list[str]:
    segs = list(
        StreetSegment.objects.filter(gemeinde=ctx.weiterstadt.area).order_by(
            "street_key", "number_from"
        )
    )
    out = []
    for s in segs:
        n = s.number_from if s.parity != "even" or s.number_from % 2 == 0 else s.number_from + 1
        if s.parity == "odd" and n % 2 == 0:
            n += 1
        if n <= s.number_to:
            out.append(f"{s.street} {n}, 64331 Weiterstadt")
    return out


def load(ctx: Any, *, cases_per_office: int = 30) -> str:
    rng = ctx.rng
    today = timezone.localdate()
    addresses = _addresses(ctx) or [""]
    offices = []
    for name, address, username in OFFICES:
        office = services.office_create(
            actor=None,
            tenant=ctx.weiterstadt,
            name=name,
            address=address,
            languages="Deutsch, Türkisch, Arabisch",
        )
        user = ctx.users.get(username)
        if user is not None:
            services.office_assign(actor=None, office=office, user=user, is_lead=True)
        offices.append((office, user))
    targets = directory_services(ctx.weiterstadt)
    n_cases = 0
    for office, user in offices:
        for i in range(cases_per_office):
            opened = today - timedelta(days=rng.randint(5, 700))
            topics = tuple(sorted(rng.sample(list(Topic.values), rng.randint(1, 3))))
            case = services.case_open(
                actor=user,
                office=office,
                data=services.IntakeData(
                    contact_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    topics=topics,
                    address=rng.choice(addresses),
                    phone=f"06150 {rng.randint(10000, 99999)}",
                    language=rng.choice(LANGUAGES),
                    summary="Synthetischer Demofall",
                    opened_on=opened,
                ),
            )
            adults = [
                services.MemberData(
                    role="adult",
                    birth_date=date(rng.randint(1975, 1998), rng.randint(1, 12), 1),
                    gross_earned_cents=rng.choice([0, 60000, 150000, 240000]),
                )
            ]
            adults = [
                services.MemberData(
                    **{**a.__dict__, "net_earned_cents": int(a.gross_earned_cents * 0.78)}
                )
                for a in adults
            ]
            kids = [
                services.MemberData(
                    role="child",
                    birth_date=date(rng.randint(2009, 2024), rng.randint(1, 12), 1),
                    kindergeld=True,
                    schooling=rng.choice([Schooling.KITA, Schooling.SCHOOL, Schooling.NONE]),
                )
                for _ in range(rng.randint(1, 3))
            ]
            household = case.household
            if household is None:  # case_open always creates one
                raise RuntimeError("case without household")
            services.household_set_economics(
                actor=user,
                household=household,
                members=adults + kids,
                housing_cost_cents=rng.choice([65000, 80000, 95000]),
                current_benefits=[],
            )
            for _ in range(rng.randint(1, 4)):
                day = opened + timedelta(days=rng.randint(0, max(0, (today - opened).days)))
                services.contact_add(
                    actor=user,
                    case=case,
                    day=min(day, today),
                    duration_minutes=rng.choice([30, 45, 60, 90]),
                    channel=rng.choice(Channel.values),
                    participants="Mutter",
                    notes="Synthetische Notiz",
                )
            services.goal_add(
                actor=user,
                case=case,
                text="Ziel (Demo): Anträge stellen und Unterlagen ordnen",
                agreed_on=opened,
            )
            if i % 5 == 0:
                other = (
                    next(o for o, _u in offices if o.pk != office.pk) if len(offices) > 1 else None
                )
                if other is not None:
                    services.consent_record(
                        actor=user,
                        case=case,
                        purpose=ConsentPurpose.REFERRAL,
                        recipients=[f"office:{other.pk}"],
                        recipient_label=other.name,
                        categories=["contact", "topics"],
                        given_on=opened,
                        form=ConsentForm.WRITTEN,
                    )
                    services.referral_send(
                        actor=user,
                        case=case,
                        categories=["contact", "topics"],
                        to_office=other,
                        reason="Fachberatung (Demo)",
                    )
            if i % 4 == 1 and targets:
                target = targets[i % len(targets)]
                services.consent_record(
                    actor=user,
                    case=case,
                    purpose=ConsentPurpose.REFERRAL,
                    recipients=[f"service:{target['id']}"],
                    recipient_label=target["label"],
                    categories=["contact", "household"],
                    given_on=opened,
                    form=ConsentForm.ORAL,
                )
                referral = services.referral_send(
                    actor=user,
                    case=case,
                    categories=["contact", "household"],
                    service_id=target["id"],
                    organisation_id=target.get("organisation_id"),
                    to_label=target["label"],
                    reason="Vermittlung ins Netzwerk (Demo)",
                )
                if i % 8 == 1:
                    services.referral_transition(
                        actor=user,
                        referral=referral,
                        target="accepted",
                        side="receiver",
                        feedback="Erstgespräch vereinbart (Demo)",
                        on_behalf=True,
                    )
            if i % 3 == 0 and opened < today - timedelta(days=60):
                services.case_close(
                    actor=user,
                    case=case,
                    outcome=rng.choice(Outcome.values),
                    closed_on=min(today, opened + timedelta(days=50)),
                )
            n_cases += 1
    for k in range(3):
        services.request_submit(
            tenant=ctx.weiterstadt,
            office=offices[k % 2][0],
            topic=Topic.MONEY,
            language="Deutsch",
            channel="phone",
            reach="06150 12345",
            name="Demo",
            client_key=f"demo-{k}",
        )
    return f"{len(offices)} Beratungsstellen, {n_cases} synthetische Fälle, 3 Terminanfragen"
