"""The demo: real territory and institutions, synthetic people.

`load_demo()` imports the reference territory, creates the demo users and
their roles, a synthetic Sozialraum layer and street directory for
Weiterstadt (no public one exists), then calls every installed module's
`interprochance.<app>.demo.load(ctx)` in INSTALLED_APPS order. Each module
loads once; re-running skips what is there.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from importlib.util import find_spec
from typing import Any, TextIO

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from interprochance.core.models import Area, AreaLevel, Membership, Parity, StreetSegment, Tenant
from interprochance.core.roles import Role
from interprochance.core.territory import (
    institutions_import_weiterstadt,
    street_key,
    territory_import_reference,
)

SYNTHETIC_LABEL = "synthetische Demodaten"

# username -> (tenant slug, role, display name)
DEMO_USERS: dict[str, tuple[str, str, str]] = {
    "demo-admin": ("landkreis-darmstadt-dieburg", Role.ADMIN, "Demo Administration"),
    "demo-planung": ("weiterstadt", Role.PLANUNG, "Demo Sozialplanung"),
    "demo-netzwerk": ("weiterstadt", Role.NETZWERK, "Demo Netzwerkkoordination"),
    "demo-beratung-a": ("weiterstadt", Role.BERATUNG, "Demo Beratung A"),
    "demo-beratung-b": ("weiterstadt", Role.BERATUNG, "Demo Beratung B"),
    "demo-fonds": ("weiterstadt", Role.FONDS, "Demo Fondssachbearbeitung"),
    "demo-fonds-anordnung": ("weiterstadt", Role.FONDS_ANORDNUNG, "Demo Fondsanordnung"),
    "demo-schulassistenz": (
        "landkreis-darmstadt-dieburg",
        Role.SCHULASSISTENZ,
        "Demo Schulassistenz",
    ),
    "demo-gremium": ("weiterstadt", Role.GREMIUM, "Demo Gremium"),
    "demo-griesheim": ("griesheim", Role.PLANUNG, "Demo Sozialplanung Griesheim"),
}

# Synthetic Sozialräume below Weiterstadt's real Ortsteile: (ortsteil, code suffix, name, share of population)
SOZIALRAEUME = [
    ("Kernstadt", "1", "Kernstadt Nord", 0.55),
    ("Kernstadt", "2", "Kernstadt Süd", 0.45),
    ("Braunshardt", "1", "Braunshardt West", 0.6),
    ("Braunshardt", "2", "Braunshardt Ost", 0.4),
    ("Gräfenhausen", "1", "Gräfenhausen Ortskern", 0.7),
    ("Gräfenhausen", "2", "Gräfenhausen Siedlung", 0.3),
    ("Schneppenhausen", "1", "Schneppenhausen", 1.0),
    ("Riedbahn", "1", "Riedbahn", 1.0),
]
KERNSTADT_POPULATION_ESTIMATE = 10_787  # synthetic: Gemeinde total minus the published Stadtteile

# Synthetic street directory: real street names of Weiterstadt (from the institution list) and a few
# more, with invented house-number ranges per synthetic Sozialraum.
STREETS = [
    ("Kreuzstraße", 1, 39, "all", "Kernstadt Nord"),
    ("Kreuzstraße", 40, 120, "all", "Kernstadt Süd"),
    ("Am Blindgraben", 1, 60, "all", "Kernstadt Nord"),
    ("Raiffeisenstraße", 1, 40, "all", "Kernstadt Süd"),
    ("Darmstädter Straße", 1, 99, "odd", "Kernstadt Süd"),
    ("Darmstädter Straße", 2, 98, "even", "Kernstadt Nord"),
    ("Bahnhofstraße", 1, 80, "all", "Kernstadt Nord"),
    ("Brunnenweg", 1, 30, "all", "Kernstadt Süd"),
    ("Kreisstraße", 1, 120, "all", "Braunshardt West"),
    ("Weingartenstraße", 1, 40, "all", "Braunshardt Ost"),
    ("Dresdener Straße", 1, 30, "all", "Braunshardt Ost"),
    ("Lindenstraße", 1, 60, "all", "Braunshardt West"),
    ("Klein-Gerauer Weg", 1, 50, "all", "Braunshardt West"),
    ("Turmstraße", 1, 60, "all", "Gräfenhausen Ortskern"),
    ("Schlossgasse", 1, 40, "all", "Gräfenhausen Ortskern"),
    ("Mainstraße", 1, 70, "all", "Gräfenhausen Siedlung"),
    ("Gräfenhäuser Straße", 1, 80, "all", "Schneppenhausen"),
    ("Riedbahnstraße", 1, 60, "all", "Riedbahn"),
]


@dataclass
class DemoContext:
    tenants: dict[str, Tenant]
    users: dict[str, Any]
    rng: random.Random
    stdout: TextIO
    today: date = field(default_factory=date.today)
    label: str = SYNTHETIC_LABEL

    @property
    def weiterstadt(self) -> Tenant:
        return self.tenants["weiterstadt"]

    @property
    def landkreis(self) -> Tenant:
        return self.tenants["landkreis-darmstadt-dieburg"]

    def sozialraeume(self) -> list[Area]:
        return list(
            Area.objects.filter(level=AreaLevel.SOZIALRAUM, code__startswith="06432023-").order_by(
                "code"
            )
        )


@transaction.atomic
def _load_core(stdout: TextIO) -> None:
    territory_import_reference(directory=settings.REFERENCE_DATA_DIR)
    institutions_import_weiterstadt(
        path=settings.REFERENCE_DATA_DIR / "weiterstadt_einrichtungen.csv"
    )
    weiterstadt = Tenant.objects.get(slug="weiterstadt")
    ortsteile = {
        a.name: a for a in Area.objects.filter(parent=weiterstadt.area, level=AreaLevel.ORTSTEIL)
    }
    kern = ortsteile["Kernstadt"]
    if kern.population is None:
        kern.population = KERNSTADT_POPULATION_ESTIMATE
        kern.is_synthetic = True
        kern.save(update_fields=["population", "is_synthetic"])
    by_name: dict[str, Area] = {}
    for ortsteil, suffix, name, share in SOZIALRAEUME:
        parent = ortsteile[ortsteil]
        area, _created = Area.objects.update_or_create(
            code=f"{parent.code}-{suffix}",
            valid_from=date(1900, 1, 1),
            defaults={
                "name": name,
                "level": AreaLevel.SOZIALRAUM,
                "parent": parent,
                "is_synthetic": True,
                "population": round((parent.population or 0) * share),
            },
        )
        by_name[name] = area
    gemeinde = weiterstadt.area
    if not StreetSegment.objects.filter(gemeinde=gemeinde).exists():
        StreetSegment.objects.bulk_create(
            StreetSegment(
                gemeinde=gemeinde,
                street=s,
                street_key=street_key(s),
                number_from=a,
                number_to=b,
                parity=Parity(p),
                area=by_name[area],
            )
            for s, a, b, p, area in STREETS
        )
    # Institutions get the finest area the (synthetic) street directory gives.
    from interprochance.core.models import Institution
    from interprochance.core.territory import locate

    for inst in Institution.objects.filter(tenant=weiterstadt):
        first = inst.address.split(";")[0].split("(")[0].strip()
        result = locate(first if "," in first else f"{first}, 64331 Weiterstadt", gemeinde=gemeinde)
        if result.ok:
            inst.area = result.area
            inst.save(update_fields=["area"])

    User = get_user_model()
    for username, (slug, role, display) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": display}
        )
        if created or not user.has_usable_password():
            user.set_password(settings.DEMO_PASSWORD)
        if username == "demo-admin":
            user.is_staff = True
            user.is_superuser = True
        user.save()
        Membership.objects.get_or_create(user=user, tenant=Tenant.objects.get(slug=slug), role=role)


def load_demo(
    *, only: list[str] | None = None, stdout: TextIO | None = None, seed: int = 2014
) -> dict[str, str]:
    from interprochance.core.models import DemoLoad

    out = stdout or sys.stdout
    _load_core(out)
    summary = {"core": "Gebiete, Einrichtungen, Demo-Benutzer"}
    ctx = DemoContext(
        tenants={t.slug: t for t in Tenant.objects.all()},
        users={
            u.username: u for u in get_user_model().objects.filter(username__startswith="demo-")
        },
        rng=random.Random(seed),
        stdout=out,
    )
    for config in apps.get_app_configs():
        if not config.name.startswith("interprochance.") or config.label == "core":
            continue
        if only and config.label not in only:
            continue
        module_name = f"{config.name}.demo"
        if find_spec(module_name) is None:
            continue
        if DemoLoad.objects.filter(app=config.label).exists():
            summary[config.label] = "bereits geladen"
            continue
        with transaction.atomic():
            result = import_module(module_name).load(ctx)
            DemoLoad.objects.create(app=config.label)
        summary[config.label] = str(result or "geladen")
    return summary
