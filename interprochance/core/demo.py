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

from interprochance.core.boundaries import feature_collection, schematic_partition
from interprochance.core.models import Area, AreaLevel, Membership, Parity, StreetSegment, Tenant
from interprochance.core.roles import Role
from interprochance.core.territory import (
    SCHEMATIC_BOUNDARIES,
    boundaries_import,
    boundary_areas,
    ensure_source,
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
# Schematic boundaries (no public ones exist): the real Gemeinde polygon cut into cells
# around these points, placed roughly where each Stadtteil lies (lon, lat). The cells
# show which point is nearest, not where a Stadtteil ends; maps say so.
ORTSTEIL_SEEDS = {
    "Kernstadt": (8.598, 49.899),
    "Braunshardt": (8.566, 49.915),
    "Gräfenhausen": (8.597, 49.933),
    "Schneppenhausen": (8.622, 49.945),
    "Riedbahn": (8.562, 49.895),
}
# How a Stadtteil's cell is split among its Sozialräume (in code order): "ns" = the
# first to the north, "we" = the first to the west.
SOZIALRAUM_SPLIT = {"Kernstadt": "ns", "Braunshardt": "we", "Gräfenhausen": "ns"}
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
    _load_schematic_boundaries(gemeinde)
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


def _split_seeds(
    cell: dict[str, Any], codes: list[str], axis: str
) -> dict[str, tuple[float, float]]:
    """Seed points spread along an axis through a cell's centroid, the first to the
    north ("ns") or west ("we")."""
    from shapely.geometry import shape

    polygon = shape(cell)
    x, y = polygon.centroid.x, polygon.centroid.y
    west, south, east, north = polygon.bounds
    n = len(codes)
    seeds = {}
    for i, code in enumerate(codes):
        offset = 0.5 - (i + 0.5) / n  # +.25, -.25 for two
        seeds[code] = (
            (x, y + offset * (north - south)) if axis == "ns" else (x - offset * (east - west), y)
        )
    return seeds


def _load_schematic_boundaries(gemeinde: Area) -> None:
    """Schematic boundaries of Weiterstadt's Stadtteile and Sozialräume, imported
    through the same service a municipality uses. Boundaries from any other source
    (a real import) are never overwritten."""
    source = ensure_source(SCHEMATIC_BOUNDARIES)
    ortsteile = boundary_areas(gemeinde, AreaLevel.ORTSTEIL)
    sozialraeume = boundary_areas(gemeinde, AreaLevel.SOZIALRAUM)
    if gemeinde.geometry is None or any(
        a.geometry is not None and a.geometry_source_id != source.pk
        for a in ortsteile + sozialraeume
    ):
        return
    cells = schematic_partition(
        gemeinde.geometry, {o.code: ORTSTEIL_SEEDS[o.name] for o in ortsteile}
    )
    boundaries_import(
        data=feature_collection([(o.code, o.name, cells[o.code]) for o in ortsteile]),
        gemeinde=gemeinde,
        level=AreaLevel.ORTSTEIL,
        source=source,
    )
    features = []
    for ortsteil in ortsteile:
        children = [a for a in sozialraeume if a.parent_id == ortsteil.pk]
        if len(children) == 1:
            parts = {children[0].code: cells[ortsteil.code]}
        else:
            seeds = _split_seeds(
                cells[ortsteil.code],
                [c.code for c in children],
                SOZIALRAUM_SPLIT.get(ortsteil.name, "ns"),
            )
            parts = schematic_partition(cells[ortsteil.code], seeds)
        features += [(c.code, c.name, parts[c.code]) for c in children]
    boundaries_import(
        data=feature_collection(features),
        gemeinde=gemeinde,
        level=AreaLevel.SOZIALRAUM,
        source=source,
    )


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
