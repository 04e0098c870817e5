"""Seams to other modules, through their public selectors/services only.

- directory: the services a case can be referred to;
- fund: starting a fund application from a case without retyping.

Each seam degrades to "not available" when the other module does not offer
the function (yet); the UI then hides the action.
"""

from __future__ import annotations

from datetime import date
from importlib import import_module
from typing import Any

from django.urls import NoReverseMatch, reverse

from interprochance.core.models import Tenant


def _optional(module: str, name: str) -> Any:
    try:
        return getattr(import_module(module), name, None)
    except ImportError:
        return None


def directory_services(tenant: Tenant | None) -> list[dict[str, Any]]:
    """Referral targets from the directory: [{id, label, organisation_id, organisation}]."""
    if tenant is None:
        return []
    fn = _optional("interprochance.directory.selectors", "referral_targets")
    if fn is None:
        return []
    return [
        {
            "id": int(item["id"]),
            "label": str(item["label"]),
            "organisation_id": item.get("organisation_id"),
            "organisation": str(item.get("organisation", "")),
        }
        for item in fn(tenant)
    ]


def life_phase(age: int) -> str:
    """The life phase of the Präventionskette for an age in years (DOMAIN.md)."""
    if age < 1:
        return "birth"
    if age < 6:
        return "early"
    if age < 10:
        return "primary"
    if age < 16:
        return "secondary"
    return "transition"


def fund_start_function() -> Any:
    return _optional("interprochance.fund.services", "application_start_from_case")


def fund_form_url() -> str | None:
    for name in ("fund:application_new", "fund:application_create", "fund:application_submit"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def fund_available() -> bool:
    return fund_start_function() is not None and fund_form_url() is not None


def fund_initials(
    *, actor: Any, case: Any, child_index: int, child_birth_date: date, today: date
) -> dict[str, Any]:
    """Ask the fund for the initial values of an application for this case and child."""
    start = fund_start_function()
    if start is None:
        raise LookupError("fund not available")
    age = (
        today.year
        - child_birth_date.year
        - ((today.month, today.day) < (child_birth_date.month, child_birth_date.day))
    )
    household = case.household
    return start(
        actor=actor,
        tenant=case.tenant,
        case_ref=case.number,
        household_ref=household.pseudonym,
        child_ref=f"{household.pseudonym}-K{child_index}",
        area_code=case.area.code if case.area else "",
        life_phase=life_phase(age),
        child_age=age,
    )
