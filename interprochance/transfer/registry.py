"""Which module exports and imports which transfer-bundle section.

Exports read each module's selectors, imports call its services - never
models of other apps. A section whose module is not installed, or that does
not offer the function, is left out of the export and reported as skipped on
import.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps

from interprochance.core.models import Tenant

# section -> (app label, selector function(tenant) -> list[dict],
#             services function(tenant=, items=, actor=) -> int)
SECTION_PROVIDERS: dict[str, list[tuple[str, str, str]]] = {
    "concepts": [("participation", "concept_config", "concepts_import")],
    "report_templates": [("governance", "report_template_config", "report_templates_import")],
    "success_conditions": [("transfer", "condition_config", "conditions_import")],
    "guideline": [("transfer", "guideline_config", "steps_import")],
    "indicators": [("monitoring", "transfer_indicators", "transfer_indicators_import")],
    "taxonomies": [
        ("directory", "transfer_taxonomies", "transfer_taxonomies_import"),
        ("monitoring", "transfer_taxonomies", "transfer_taxonomies_import"),
    ],
    "fund_procedures": [("fund", "transfer_fund_procedures", "transfer_fund_procedures_import")],
}


def _function(app: str, module: str, name: str) -> Callable[..., Any] | None:
    if not apps.is_installed(f"interprochance.{app}"):
        return None
    dotted = f"interprochance.{app}.{module}"
    if find_spec(dotted) is None:
        return None
    return getattr(import_module(dotted), name, None)


# sections built here on other modules' public selectors/services (adapters.py),
# used when the owning module offers no transfer function of its own
ADAPTERS: dict[str, tuple[str, str]] = {
    "indicators": ("export_indicators", "import_indicators"),
}


def _adapter(section: str, which: int) -> Callable[..., Any] | None:
    if section not in ADAPTERS:
        return None
    from interprochance.transfer import adapters

    if not adapters.monitoring_available():
        return None
    return getattr(adapters, ADAPTERS[section][which])


def selectors_of(app: str) -> Any | None:
    """An installed app's selectors module (imported by name, so that this
    module depends on no other app's code at import time)."""
    if not apps.is_installed(f"interprochance.{app}"):
        return None
    dotted = f"interprochance.{app}.selectors"
    return import_module(dotted) if find_spec(dotted) is not None else None


def exporter(section: str) -> list[Callable[[Tenant], list[dict[str, Any]]]]:
    found: list[Callable[[Tenant], list[dict[str, Any]]]] = []
    for app, selector, _importer in SECTION_PROVIDERS.get(section, []):
        func = _function(app, "selectors", selector)
        if func is not None:
            found.append(func)
    if not found:
        adapter = _adapter(section, 0)
        if adapter is not None:
            found.append(adapter)
    return found


def importer(section: str) -> Callable[..., int] | None:
    for app, _selector, service in SECTION_PROVIDERS.get(section, []):
        func = _function(app, "services", service)
        if func is not None:
            return func
    return _adapter(section, 1)


def export_contents(tenant: Tenant) -> dict[str, list[dict[str, Any]]]:
    contents: dict[str, list[dict[str, Any]]] = {}
    for section in SECTION_PROVIDERS:
        items: list[dict[str, Any]] = []
        for func in exporter(section):
            items.extend(func(tenant))
        if items:
            contents[section] = items
    return contents


def coverage() -> dict[str, dict[str, bool]]:
    """For the UI and README: which sections can be exported/imported here."""
    return {
        s: {"export": bool(exporter(s)), "import": importer(s) is not None}
        for s in SECTION_PROVIDERS
    }


OWN_SECTIONS = ("concepts", "report_templates", "success_conditions", "guideline")


def configured_sections(tenant: Tenant) -> list[str]:
    """Sections in which the tenant already holds configuration of its own.

    Only the tenant-specific catalogues of this issue's modules count; other
    modules may export platform-wide vocabularies that every tenant shares."""
    found = []
    for section in OWN_SECTIONS:
        if section in ("success_conditions", "guideline"):
            if _own_transfer(tenant, section):
                found.append(section)
        elif any(func(tenant) for func in exporter(section)):
            found.append(section)
    return found


def _own_transfer(tenant: Tenant, section: str) -> bool:
    from interprochance.transfer.models import GuidelineStep, SuccessCondition

    model = SuccessCondition if section == "success_conditions" else GuidelineStep
    return model.objects.filter(tenant=tenant).exists()
