"""Write actions of the transfer module: success conditions and assessments,
guideline steps and lessons, bundle export and starting a new Gemeinde from a
bundle."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from interprochance.core import audit
from interprochance.core.models import Area, AreaLevel, Tenant, TenantKind
from interprochance.transfer import registry
from interprochance.transfer.bundle import (
    BundleError,
    build_bundle,
    load_bundle,
)
from interprochance.transfer.messages import bundle_error_message
from interprochance.transfer.models import (
    Assessment,
    GuidelineStep,
    Lesson,
    Rating,
    SuccessCondition,
)

CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")


def condition_create(
    *,
    tenant: Tenant,
    code: str,
    name: str,
    description: str,
    category: str = "",
    position: int = 0,
    actor: Any,
) -> SuccessCondition:
    errors: dict[str, list[str]] = {}
    if not CODE_RE.match(code or ""):
        errors["code"] = [_("Kürzel: nur Kleinbuchstaben, Ziffern, - und _.")]
    elif SuccessCondition.objects.filter(tenant=tenant, code=code).exists():
        errors["code"] = [_("Eine Gelingensbedingung mit diesem Kürzel gibt es schon.")]
    if not (name or "").strip():
        errors["name"] = [_("Bitte eine Bezeichnung angeben.")]
    if not (description or "").strip():
        errors["description"] = [_("Bitte die Bedingung beschreiben.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        item = SuccessCondition.objects.create(
            tenant=tenant,
            code=code,
            name=name.strip(),
            description=description.strip(),
            category=category.strip(),
            position=position,
        )
        audit.record(actor=actor, action="transfer.condition_create", tenant=tenant, obj=item)
    return item


def assessment_record(
    *,
    tenant: Tenant,
    condition: SuccessCondition,
    assessed_on: dt.date | None,
    rating: int | None,
    note: str = "",
    actor: Any,
) -> Assessment:
    errors: dict[str, list[str]] = {}
    if assessed_on is None:
        errors["assessed_on"] = [_("Bitte das Datum der Bewertung angeben.")]
    elif assessed_on > timezone.localdate():
        errors["assessed_on"] = [_("Eine Bewertung kann nicht in der Zukunft liegen.")]
    if rating not in Rating.values:
        errors["rating"] = [_("Bitte eine Bewertung von 1 (nicht erfüllt) bis 4 (erfüllt) wählen.")]
    if (
        assessed_on
        and Assessment.objects.filter(
            tenant=tenant, condition=condition, assessed_on=assessed_on
        ).exists()
    ):
        errors["assessed_on"] = [_("Für diesen Tag gibt es schon eine Bewertung dieser Bedingung.")]
    if errors:
        raise ValidationError(errors)
    assert assessed_on is not None and rating is not None
    with transaction.atomic():
        item = Assessment.objects.create(
            tenant=tenant,
            condition=condition,
            assessed_on=assessed_on,
            rating=rating,
            note=(note or "").strip(),
        )
        audit.record(actor=actor, action="transfer.assessment_record", tenant=tenant, obj=item)
    return item


def lesson_record(
    *, tenant: Tenant, title: str, text: str, recorded_on: dt.date | None, actor: Any
) -> Lesson:
    from interprochance.transfer.bundle import find_personal_data

    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors["title"] = [_("Bitte einen Titel angeben.")]
    if not (text or "").strip():
        errors["text"] = [_("Bitte die Erfahrung beschreiben.")]
    if recorded_on is None:
        errors["recorded_on"] = [_("Bitte ein Datum angeben.")]
    findings = find_personal_data({"title": title or "", "text": text or ""})
    if findings:
        errors.setdefault("text", []).append(
            _(
                "Erfahrungen werden weitergegeben und dürfen keine personenbezogenen Daten "
                "enthalten (gefunden: %(kinds)s)."
            )
            % {"kinds": ", ".join(sorted({f.kind for f in findings}))}
        )
    if errors:
        raise ValidationError(errors)
    assert recorded_on is not None
    with transaction.atomic():
        item = Lesson.objects.create(
            tenant=tenant, title=title.strip(), text=text.strip(), recorded_on=recorded_on
        )
        audit.record(actor=actor, action="transfer.lesson_record", tenant=tenant, obj=item)
    return item


def step_upsert(
    *,
    tenant: Tenant,
    code: str,
    position: int,
    name: str,
    text: str,
    roles: Sequence[str] = (),
    checklist: Sequence[str] = (),
    actor: Any,
) -> GuidelineStep:
    if not CODE_RE.match(code or "") or not (name or "").strip() or not (text or "").strip():
        raise ValidationError(_("Schritt: Kürzel, Name und Beschreibung sind nötig."))
    with transaction.atomic():
        step, _created = GuidelineStep.objects.update_or_create(
            tenant=tenant,
            code=code,
            defaults={
                "position": position,
                "name": name.strip(),
                "text": text.strip(),
                "roles": [r.strip() for r in roles if r.strip()],
                "checklist": [c.strip() for c in checklist if c.strip()],
            },
        )
        audit.record(actor=actor, action="transfer.step_upsert", tenant=tenant, obj=step)
    return step


# ---- bundles ----------------------------------------------------------------


def bundle_export(*, tenant: Tenant, actor: Any) -> dict[str, Any]:
    """The tenant's configuration as a checked bundle document. Raises
    ``ValidationError`` (German) when the configuration holds anything that
    looks like personal data - nothing is exported then."""
    contents = registry.export_contents(tenant)
    try:
        document = build_bundle(
            source_name=tenant.name,
            source_ags=tenant.area.code if tenant.area_id else None,
            contents=contents,
            created_at=timezone.now(),
        )
    except BundleError as exc:
        raise ValidationError(bundle_error_message(exc)) from None
    audit.record(
        actor=actor,
        action="transfer.bundle_export",
        tenant=tenant,
        entity="transfer.bundle",
        object_id=document["checksum"][7:23],
        detail={"counts": {k: len(v) for k, v in document["contents"].items()}},
    )
    return document


@dataclass
class StartResult:
    tenant: Tenant
    imported: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)


def municipality_start(
    *, bundle_text: str | bytes, ags: str, actor: Any, slug: str = "", name: str = ""
) -> StartResult:
    """Create a new Gemeinde tenant from a transfer bundle.

    Checks everything first (bundle, Gemeinde, no existing tenant), then
    creates the tenant and imports every section the installed modules can
    import, all in one transaction: any failure leaves nothing behind.
    """
    try:
        bundle = load_bundle(bundle_text)
    except BundleError as exc:
        raise ValidationError({"bundle": [bundle_error_message(exc)]}) from None
    area = (
        Area.objects.valid_on().filter(level=AreaLevel.GEMEINDE, code=(ags or "").strip()).first()
    )
    errors: dict[str, list[str]] = {}
    if area is None:
        errors["ags"] = [_("Zu diesem Gemeindeschlüssel (AGS) ist keine Gemeinde bekannt.")]
    existing = Tenant.objects.filter(area=area).first() if area is not None else None
    if area is not None and existing is not None:
        # The territory import creates a tenant per Gemeinde; it may be
        # configured from a bundle once, while it holds no configuration.
        configured = registry.configured_sections(existing)
        if configured:
            errors["ags"] = [
                _(
                    "%(name)s ist bereits eingerichtet (%(sections)s); ein "
                    "Transferpaket wird nur in eine neue Gemeinde übernommen."
                )
                % {"name": area.name, "sections": ", ".join(configured)}
            ]
    elif area is not None:
        slug = slug or slugify(area.name.replace("ß", "ss"))
        if Tenant.objects.filter(slug=slug).exists():
            errors["slug"] = [_("Das Kürzel „%(slug)s“ ist vergeben.") % {"slug": slug}]
    if errors:
        raise ValidationError(errors)
    assert area is not None
    landkreis = Tenant.objects.filter(kind=TenantKind.LANDKREIS, area=area.parent).first()
    result_skipped: dict[str, str] = {}
    imported: dict[str, int] = {}
    with transaction.atomic():
        if existing is not None:
            tenant = existing
            if not tenant.is_active or (tenant.parent_id is None and landkreis is not None):
                tenant.is_active = True
                tenant.parent = tenant.parent or landkreis
                tenant.save(update_fields=["is_active", "parent"])
        else:
            tenant = Tenant.objects.create(
                slug=slug,
                name=name or area.name,
                kind=TenantKind.GEMEINDE,
                area=area,
                parent=landkreis,
            )
        for section in bundle.contents:
            items = bundle.section(section)
            if not items:
                continue
            importer = registry.importer(section)
            if importer is None:
                result_skipped[section] = _("kein installiertes Modul übernimmt diesen Abschnitt")
                continue
            try:
                imported[section] = importer(tenant=tenant, items=items, actor=actor)
            except ValidationError as exc:
                raise ValidationError(
                    {
                        "bundle": [
                            _("Abschnitt %(s)s: %(e)s")
                            % {"s": section, "e": "; ".join(exc.messages)}
                        ]
                    }
                ) from None
        audit.record(
            actor=actor,
            action="transfer.municipality_start",
            tenant=tenant,
            obj=tenant,
            detail={
                "source": bundle.source,
                "checksum": bundle.checksum,
                "imported": imported,
                "skipped": sorted(result_skipped),
            },
        )
    return StartResult(tenant=tenant, imported=imported, skipped=result_skipped)


def conditions_import(*, tenant: Tenant, items: Sequence[Mapping[str, Any]], actor: Any) -> int:
    for position, item in enumerate(items):
        condition_create(
            tenant=tenant,
            code=item["code"],
            name=item["name"],
            description=item.get("description", ""),
            category=item.get("category", ""),
            position=item.get("position", position),
            actor=actor,
        )
    return len(items)


def steps_import(*, tenant: Tenant, items: Sequence[Mapping[str, Any]], actor: Any) -> int:
    for position, item in enumerate(items, start=1):
        step_upsert(
            tenant=tenant,
            code=item["code"],
            position=item.get("position", position),
            name=item["name"],
            text=item.get("text", ""),
            roles=item.get("roles", []),
            checklist=item.get("checklist", []),
            actor=actor,
        )
    return len(items)
