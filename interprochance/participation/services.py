"""Write actions for participation concepts and their implementations."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interprochance.core import audit, labels
from interprochance.core.models import Institution, Tenant
from interprochance.participation.models import (
    Concept,
    ConceptStage,
    Implementation,
    Milestone,
    StageChange,
)
from interprochance.participation.staircase import (
    IMPACT_STAGE_CODES,
    IMPLEMENTATION_STAGE_CODES,
    IMPLEMENTATION_STAGES,
    INSTITUTION_KIND_CODES,
    LIFE_PHASE_CODES,
    can_move,
)

CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
INDICATOR_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,79}$")
# core.Institution kinds that count as each concept kind
INSTITUTION_MATCH = {
    "kita": {"kita", "familienzentrum"},
    "school": {"schule"},
    "youth_work": {"sonstige", "familienzentrum"},
}


def _stage_label(code: str) -> str:
    return labels.label(IMPLEMENTATION_STAGES, code)


def concept_create(
    *,
    tenant: Tenant,
    code: str,
    name: str,
    goal: str,
    target_group: str,
    life_phase: str,
    institution_kind: str,
    resources: str = "",
    stages: Mapping[str, tuple[str, Sequence[str]]] | None = None,
    actor: Any,
) -> Concept:
    """``stages``: impact stage code -> (expected change, indicator codes)."""
    errors: dict[str, list[str]] = {}
    code = (code or "").strip().lower()
    if not CODE_RE.match(code):
        errors["code"] = [
            _("Kürzel: nur Kleinbuchstaben, Ziffern, - und _ (höchstens 80 Zeichen).")
        ]
    elif Concept.objects.filter(tenant=tenant, code=code).exists():
        errors["code"] = [_("Ein Konzept mit diesem Kürzel gibt es schon.")]
    for field, value, message in (
        ("name", name, _("Bitte eine Bezeichnung angeben.")),
        ("goal", goal, _("Bitte das Ziel beschreiben.")),
        ("target_group", target_group, _("Bitte die Zielgruppe angeben.")),
    ):
        if not (value or "").strip():
            errors[field] = [message]
    if life_phase not in LIFE_PHASE_CODES:
        errors["life_phase"] = [_("Bitte eine Lebensphase auswählen.")]
    if institution_kind not in INSTITUTION_KIND_CODES:
        errors["institution_kind"] = [_("Bitte die Art der Einrichtung auswählen.")]
    stage_rows = []
    for stage, (description, indicators) in (stages or {}).items():
        if stage not in IMPACT_STAGE_CODES:
            errors.setdefault("stages", []).append(
                _("Unbekannte Wirkungsstufe: %(s)s") % {"s": stage}
            )
            continue
        if not description.strip():
            continue
        bad = [i for i in indicators if not INDICATOR_RE.match(i)]
        if bad:
            errors.setdefault("stages", []).append(
                _("Ungültiger Indikator-Code: %(codes)s") % {"codes": ", ".join(bad)}
            )
        stage_rows.append((stage, description.strip(), sorted(set(indicators))))
    if not stage_rows and "stages" not in errors:
        errors["stages"] = [_("Bitte mindestens eine Stufe der Wirkungstreppe beschreiben.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        concept = Concept.objects.create(
            tenant=tenant,
            code=code,
            name=name.strip(),
            goal=goal.strip(),
            target_group=target_group.strip(),
            life_phase=life_phase,
            institution_kind=institution_kind,
            resources=(resources or "").strip(),
        )
        ConceptStage.objects.bulk_create(
            ConceptStage(concept=concept, stage=s, description=d, indicator_codes=i)
            for s, d, i in stage_rows
        )
        audit.record(actor=actor, action="participation.concept_create", tenant=tenant, obj=concept)
    return concept


def implementation_start(
    *,
    tenant: Tenant,
    concept: Concept,
    institution: Institution,
    responsible: str,
    started: dt.date | None = None,
    actor: Any,
) -> Implementation:
    errors: dict[str, list[str]] = {}
    if concept.tenant_id != tenant.pk:
        errors["concept"] = [_("Das Konzept gehört nicht zu diesem Mandanten.")]
    if institution.kind not in INSTITUTION_MATCH.get(concept.institution_kind, set()):
        errors["institution"] = [
            _("Das Konzept ist für %(kind)s gedacht, „%(name)s“ ist %(ikind)s.")
            % {
                "kind": concept.get_institution_kind_display(),
                "name": institution.name,
                "ikind": institution.get_kind_display(),
            }
        ]
    if not (responsible or "").strip():
        errors["responsible"] = [_("Bitte die verantwortliche Funktion angeben.")]
    if Implementation.objects.filter(concept=concept, institution=institution).exists():
        errors["institution"] = [_("Dieses Konzept wird in dieser Einrichtung bereits umgesetzt.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        item = Implementation.objects.create(
            tenant=tenant,
            concept=concept,
            institution=institution,
            responsible=responsible.strip(),
            started=started,
        )
        StageChange.objects.create(
            implementation=item,
            from_stage="",
            to_stage="planned",
            changed_on=started or timezone.localdate(),
            actor=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            actor=actor, action="participation.implementation_start", tenant=tenant, obj=item
        )
    return item


def implementation_move(
    *,
    implementation: Implementation,
    to_stage: str,
    on: dt.date,
    note: str = "",
    participation: str | None = None,
    evaluation: str | None = None,
    actor: Any,
) -> Implementation:
    """Move to another stage: one step forward, or back. Reaching
    "evaluated" needs evaluation results; "running" needs a note on how
    children and young people take part."""
    errors: dict[str, list[str]] = {}
    current = implementation.stage
    new_participation = (
        participation if participation is not None else implementation.participation
    ).strip()
    new_evaluation = (evaluation if evaluation is not None else implementation.evaluation).strip()
    if to_stage not in IMPLEMENTATION_STAGE_CODES:
        errors["to_stage"] = [_("Unbekannter Stand.")]
    elif not can_move(current, to_stage):
        errors["to_stage"] = [
            _("Von „%(a)s“ geht es nur einen Schritt weiter oder zurück, nicht nach „%(b)s“.")
            % {"a": _stage_label(current), "b": _stage_label(to_stage)}
        ]
    elif to_stage == "running" and not new_participation:
        errors["participation"] = [
            _(
                "Bevor die Umsetzung läuft: Bitte beschreiben, wie Kinder "
                "und Jugendliche beteiligt werden."
            )
        ]
    elif to_stage in ("evaluated", "anchored") and not new_evaluation:
        errors["evaluation"] = [_("Bitte die Evaluationsergebnisse eintragen.")]
    last = implementation.stage_changes.order_by("-changed_on").first()
    if on is None:
        errors["on"] = [_("Bitte das Datum angeben.")]
    elif last and on < last.changed_on:
        errors["on"] = [
            _("Das Datum liegt vor dem letzten Wechsel (%(d)s).")
            % {"d": last.changed_on.strftime("%d.%m.%Y")}
        ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        implementation.stage = to_stage
        implementation.participation = new_participation
        implementation.evaluation = new_evaluation
        implementation.save(update_fields=["stage", "participation", "evaluation", "updated"])
        StageChange.objects.create(
            implementation=implementation,
            from_stage=current,
            to_stage=to_stage,
            changed_on=on,
            note=note.strip(),
            actor=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            actor=actor,
            action="participation.implementation_move",
            tenant=implementation.tenant,
            obj=implementation,
            detail={"from": current, "to": to_stage},
        )
    return implementation


def milestone_add(
    *, implementation: Implementation, title: str, due: dt.date | None, actor: Any
) -> Milestone:
    errors: dict[str, list[str]] = {}
    if not (title or "").strip():
        errors["title"] = [_("Bitte den Meilenstein benennen.")]
    if due is None:
        errors["due"] = [_("Bitte ein Datum angeben.")]
    if errors:
        raise ValidationError(errors)
    assert due is not None
    with transaction.atomic():
        item = Milestone.objects.create(implementation=implementation, title=title.strip(), due=due)
        audit.record(
            actor=actor,
            action="participation.milestone_add",
            tenant=implementation.tenant,
            obj=item,
        )
    return item


def milestone_done(*, milestone: Milestone, done_on: dt.date, actor: Any) -> Milestone:
    if milestone.done_on:
        raise ValidationError(_("Der Meilenstein ist bereits erreicht."))
    with transaction.atomic():
        milestone.done_on = done_on
        milestone.save(update_fields=["done_on"])
        audit.record(
            actor=actor,
            action="participation.milestone_done",
            tenant=milestone.implementation.tenant,
            obj=milestone,
        )
    return milestone


def concepts_import(*, tenant: Tenant, items: Sequence[Mapping[str, Any]], actor: Any) -> int:
    """Create concepts from transfer-bundle items (all or nothing; existing
    codes are refused, never overwritten)."""
    with transaction.atomic():
        for item in items:
            stages = {
                s["stage"]: (s.get("description", ""), s.get("indicator_codes", []))
                for s in item.get("stages", [])
            }
            try:
                concept_create(
                    tenant=tenant,
                    code=item["code"],
                    name=item["name"],
                    goal=item.get("goal", ""),
                    target_group=item.get("target_group", ""),
                    life_phase=item.get("life_phase", ""),
                    institution_kind=item.get("institution_kind", ""),
                    resources=item.get("resources", ""),
                    stages=stages,
                    actor=actor,
                )
            except ValidationError as exc:
                raise ValidationError(
                    _("Konzept „%(code)s“: %(errors)s")
                    % {"code": item.get("code"), "errors": "; ".join(exc.messages)}
                ) from None
    return len(items)
