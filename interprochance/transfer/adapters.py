"""Bundle sections for modules that do not (yet) offer transfer functions of
their own, built only on their public selectors and services.

indicators (monitoring): the platform-wide indicator catalogue is exported as
definitions (code, name, unit, topic, life phase, direction, definition,
source) plus the tenant's disclosure rules. On import, every indicator code
must exist in this platform's catalogue (the catalogue is shared, so nothing
is created), and the disclosure rules are applied to the new Gemeinde through
``monitoring.services.disclosure_rules_update``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from interprochance.core.models import Tenant

RULES_CODE = "geheimhaltungsregeln"


def _module(app: str, name: str) -> Any | None:
    dotted = f"interprochance.{app}.{name}"
    if not apps.is_installed(f"interprochance.{app}") or find_spec(dotted) is None:
        return None
    return import_module(dotted)


def monitoring_available() -> bool:
    sel = _module("monitoring", "selectors")
    return sel is not None and hasattr(sel, "indicators") and hasattr(sel, "tenant_rules")


def export_indicators(tenant: Tenant) -> list[dict[str, Any]]:
    sel = _module("monitoring", "selectors")
    if sel is None or not monitoring_available():
        return []
    items: list[dict[str, Any]] = [
        {
            "code": ind.code,
            "name": ind.name,
            "kind": "indicator",
            "unit": ind.unit,
            "topic": ind.topic,
            "life_phase": ind.life_phase,
            "direction": ind.direction,
            "definition": ind.definition,
            "source": ind.source,
            "is_public": bool(ind.is_public),
        }
        for ind in sel.indicators().order_by("code")
    ]
    rules = sel.tenant_rules(tenant)
    items.append(
        {
            "code": RULES_CODE,
            "name": "Geheimhaltungsregeln",
            "kind": "disclosure_rules",
            "min_count": rules.min_count,
            "min_denominator": rules.min_denominator,
            "protect_complement": bool(rules.protect_complement),
            "dominance_n": rules.dominance_n,
            "dominance_k": None if rules.dominance_k is None else str(rules.dominance_k),
        }
    )
    return items


def import_indicators(*, tenant: Tenant, items: Sequence[Mapping[str, Any]], actor: Any) -> int:
    from decimal import Decimal

    sel = _module("monitoring", "selectors")
    services = _module("monitoring", "services")
    if sel is None or services is None or not hasattr(services, "disclosure_rules_update"):
        raise ValidationError(_("Das Monitoring-Modul ist nicht installiert."))
    unknown = [
        i["code"]
        for i in items
        if i.get("kind", "indicator") == "indicator" and sel.indicator_by_code(i["code"]) is None
    ]
    if unknown:
        raise ValidationError(
            _("Indikatoren fehlen im Katalog dieser Plattform: %(codes)s")
            % {"codes": ", ".join(unknown[:10])}
        )
    count = 0
    for item in items:
        if item.get("kind") == "disclosure_rules":
            try:
                services.disclosure_rules_update(
                    actor=actor,
                    tenant=tenant,
                    min_count=int(item["min_count"]),
                    min_denominator=int(item["min_denominator"]),
                    protect_complement=bool(item["protect_complement"]),
                    dominance_n=int(item.get("dominance_n", 1)),
                    dominance_k=None
                    if item.get("dominance_k") in (None, "")
                    else Decimal(str(item["dominance_k"])),
                )
            except (KeyError, ValueError, TypeError) as exc:
                raise ValidationError(
                    _("Geheimhaltungsregeln unvollständig: %(e)s") % {"e": exc}
                ) from None
            except Exception as exc:  # the module's own validation (German message)
                raise ValidationError(str(exc)) from None
        count += 1
    return count
