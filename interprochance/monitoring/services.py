"""Write actions of the monitoring. Keyword-only, ``actor=``, one transaction and
one audit record each; validation of everything happens before any write."""

from __future__ import annotations

import csv
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interprochance.core import audit, providers
from interprochance.core.models import Area, StreetSegment, Tenant
from interprochance.core.selectors import tenant_areas
from interprochance.core.tabular import Problems, Table, read_table
from interprochance.core.territory import ensure_source

from . import catalogue, checks
from .models import (
    BatchKind,
    DisclosureRuleSet,
    Fact,
    FactChange,
    ImportBatch,
    Indicator,
    Measure,
    MeasureKind,
    QualityFlag,
    ReferenceChange,
    ReferenceLevel,
    ReferenceValue,
)

FIRST_YEAR = 1990
IMPORT_COLUMNS = ("area_code", "period", "measure", "value")


def last_allowed_year() -> int:
    return timezone.localdate().year + 1


# ------------------------------------------------------------------ catalogue


def catalogue_sync(*, actor: Any) -> tuple[int, int]:
    with transaction.atomic():
        result = catalogue.sync(Measure, Indicator)
        audit.record(actor=actor, action="monitoring.catalogue_sync", detail={"n": list(result)})
    return result


# ------------------------------------------------------------------ disclosure rules


def disclosure_rules_update(
    *,
    actor: Any,
    tenant: Tenant,
    min_count: int,
    min_denominator: int,
    protect_complement: bool,
    dominance_n: int = 1,
    dominance_k: Decimal | None = None,
) -> DisclosureRuleSet:
    problems = Problems()
    if min_count < 3:
        problems.add(None, "min_count", _("Die Mindestfallzahl darf nicht unter 3 liegen."))
    if min_denominator < min_count:
        problems.add(
            None,
            "min_denominator",
            _("Die Mindestgröße der Bezugsgröße darf nicht kleiner als die Mindestfallzahl sein."),
        )
    if dominance_k is not None and not (0 < dominance_k <= 100):
        problems.add(None, "dominance_k", _("Der Dominanzanteil muss zwischen 0 und 100 % liegen."))
    if dominance_n < 1:
        problems.add(None, "dominance_n", _("Mindestens ein größter Beitrag."))
    problems.raise_if_any()
    with transaction.atomic():
        rules, _created = DisclosureRuleSet.objects.select_for_update().get_or_create(tenant=tenant)
        rules.min_count = min_count
        rules.min_denominator = min_denominator
        rules.protect_complement = protect_complement
        rules.dominance_n = dominance_n
        rules.dominance_k = dominance_k
        rules.full_clean()
        rules.save()
        audit.record(
            actor=actor,
            action="monitoring.rules_update",
            tenant=tenant,
            obj=rules,
            detail={
                "min_count": min_count,
                "min_denominator": min_denominator,
                "protect_complement": protect_complement,
                "dominance": [dominance_n, str(dominance_k) if dominance_k else None],
            },
        )
    return rules


# ------------------------------------------------------------------ fact imports


@dataclass(frozen=True)
class PlannedFact:
    row: int
    area: Area
    period: str
    measure: Measure
    value: Decimal
    old_value: Decimal | None
    synthetic: bool = False  # the import's mark
    old_synthetic: bool = False  # the stored value's mark

    @property
    def change(self) -> str:
        """The synthetic mark is part of the value: a real figure that happens to
        equal a synthetic one replaces it (and its mark), and vice versa."""
        if self.old_value is None:
            return "neu"
        same = self.old_value == self.value and self.old_synthetic == self.synthetic
        return "unverändert" if same else "geändert"

    @property
    def change_label(self) -> str:
        """``change`` for the reader, in the active language (``change`` is a key)."""
        return {"neu": _("neu"), "geändert": _("geändert"), "unverändert": _("unverändert")}[
            self.change
        ]


@dataclass
class ImportPlan:
    tenant: Tenant
    facts: list[PlannedFact] = field(default_factory=list)
    synthetic: bool = False  # every value of the import is marked synthetic (demo data)

    @property
    def counts(self) -> dict[str, int]:
        out = {"neu": 0, "geändert": 0, "unverändert": 0}
        for f in self.facts:
            out[f.change] += 1
        return out


def _valid_period(text: str) -> str | None:
    text = text.strip()
    if len(text) == 4 and text.isdigit():
        year = int(text)
    elif len(text) == 7 and text[:4].isdigit() and text[4:6] == "-Q" and text[6] in "1234":
        year = int(text[:4])
    else:
        return None
    if not FIRST_YEAR <= year <= last_allowed_year():
        return None
    return text


def _parse_value(text: str) -> Decimal | None:
    raw = text.strip().replace(" ", "")
    if "," in raw and "." in raw:  # 1.234,5 (German) -> 1234.5
        raw = raw.replace(".", "").replace(",", ".")
    else:
        raw = raw.replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return value


def facts_plan(*, tenant: Tenant, table: Table, synthetic: bool = False) -> ImportPlan:
    """Validate a long table (area_code, period, measure, value) completely and say
    what would change. ``synthetic`` marks every value of the import as synthetic
    (demo data); a stored value with the other mark counts as changed even when the
    number is the same. Raises Problems (German, per row) and writes nothing."""
    table.require_columns(IMPORT_COLUMNS)
    problems = Problems()
    areas = {a.code: a for a in tenant_areas(tenant)}
    measures = {m.code: m for m in Measure.objects.all()}
    parsed: list[tuple[int, Area, str, Measure, Decimal]] = []
    seen: dict[tuple[str, str, str], int] = {}
    for row in table.rows:
        line = int(row["__row__"])
        code = (row.get("area_code") or "").strip()
        period_text = (row.get("period") or "").strip()
        measure_code = (row.get("measure") or "").strip()
        value_text = (row.get("value") or "").strip()
        ok = True
        area = areas.get(code)
        if not code:
            problems.add(line, "area_code", _("Die Gebietskennziffer fehlt."))
            ok = False
        elif area is None:
            problems.add(
                line,
                "area_code",
                _("Unbekannte Gebietskennziffer „%(code)s“ (nicht im Gebiet von %(tenant)s).")
                % {"code": code, "tenant": tenant.name},
            )
            ok = False
        period = _valid_period(period_text)
        if period is None:
            problems.add(
                line,
                "period",
                _(
                    "Zeitraum „%(p)s“ ungültig: erwartet wird ein Jahr (JJJJ) oder Quartal "
                    "(JJJJ-Q1 bis -Q4) zwischen %(a)s und %(b)s."
                )
                % {"p": period_text, "a": FIRST_YEAR, "b": last_allowed_year()},
            )
            ok = False
        measure = measures.get(measure_code)
        if measure is None:
            problems.add(line, "measure", _("Unbekannte Messgröße „%(m)s“.") % {"m": measure_code})
            ok = False
        value = _parse_value(value_text)
        if value is None:
            problems.add(line, "value", _("„%(v)s“ ist keine Zahl.") % {"v": value_text})
            ok = False
        elif measure is not None and measure.kind == MeasureKind.COUNT:
            if value < 0:
                problems.add(line, "value", _("Anzahlen dürfen nicht negativ sein."))
                ok = False
            elif value != value.to_integral_value():
                problems.add(line, "value", _("Anzahlen müssen ganze Zahlen sein."))
                ok = False
        if not ok:
            continue
        assert area is not None and measure is not None and value is not None and period
        key = (code, period, measure_code)
        if key in seen:
            problems.add(
                line,
                None,
                _("Doppelte Zeile: %(a)s / %(p)s / %(m)s steht schon in Zeile %(r)s.")
                % {"a": code, "p": period, "m": measure_code, "r": seen[key]},
            )
            continue
        seen[key] = line
        parsed.append((line, area, period, measure, value))
    # Existing values, for the preview and for numerator/denominator checks.
    existing: dict[tuple[int, str, int], Decimal] = {}
    existing_synthetic: set[tuple[int, str, int]] = set()
    if parsed:
        periods = {p for _l, _a, p, _m, _v in parsed}
        for area_id, period, measure_id, value, is_synthetic in Fact.objects.filter(
            area__in=list(areas.values()), period__in=periods
        ).values_list("area_id", "period", "measure_id", "value", "is_synthetic"):
            existing[(area_id, period, measure_id)] = value
            if is_synthetic:
                existing_synthetic.add((area_id, period, measure_id))
    after = dict(existing)
    for _line, area, period, measure, value in parsed:
        after[(area.pk, period, measure.pk)] = value
    rows_of = {(a.pk, p, m.pk): line for line, a, p, m, _v in parsed}
    for ind in Indicator.objects.filter(denominator__isnull=False).select_related(
        "numerator", "denominator"
    ):
        den_measure = ind.denominator
        if ind.numerator.kind != MeasureKind.COUNT or den_measure is None:
            continue
        for (area_id, period, measure_id), num in after.items():
            if measure_id != ind.numerator_id:
                continue
            den = after.get((area_id, period, den_measure.pk))
            if den is None or num <= den:
                continue
            row_no = rows_of.get((area_id, period, measure_id)) or rows_of.get(
                (area_id, period, den_measure.pk)
            )
            if row_no is None:
                continue
            problems.add(
                row_no,
                "value",
                _(
                    "%(num)s (%(n)s) ist größer als %(den)s (%(d)s) – der Zähler kann die "
                    "Bezugsgröße nicht übersteigen."
                )
                % {"num": ind.numerator.code, "n": num, "den": den_measure.code, "d": den},
            )
    problems.raise_if_any()
    plan = ImportPlan(tenant=tenant, synthetic=synthetic)
    for line, area, period, measure, value in parsed:
        stored = (area.pk, period, measure.pk)
        plan.facts.append(
            PlannedFact(
                line,
                area,
                period,
                measure,
                value,
                existing.get(stored),
                synthetic=synthetic,
                old_synthetic=stored in existing_synthetic,
            )
        )
    return plan


def _new_batch(
    actor: Any,
    tenant: Tenant,
    kind: str,
    label: str,
    filename: str,
    sha256: str,
    attribution: str,
    rows: int,
) -> ImportBatch:
    """The batch record every import writes first (facts and comparison values alike);
    texts cut to their columns' length."""
    return ImportBatch.objects.create(
        tenant=tenant,
        kind=kind,
        label=label[:300],
        filename=filename[:300],
        sha256=sha256,
        attribution=attribution[:300],
        rows=rows,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def facts_import(
    *,
    actor: Any,
    tenant: Tenant,
    plan: ImportPlan,
    label: str,
    kind: str = BatchKind.FILE,
    filename: str = "",
    sha256: str = "",
    attribution: str = "",
) -> ImportBatch:
    """Apply a validated plan all-or-nothing and record what changed. A value counts
    as changed when its number or its synthetic mark (``plan.synthetic``) differs;
    the change log keeps the old number, batch and mark for a revert."""
    if plan.tenant.pk != tenant.pk:
        raise ValueError("plan belongs to another tenant")
    synthetic = plan.synthetic
    with transaction.atomic():
        batch = _new_batch(
            actor, tenant, kind, label, filename, sha256, attribution, rows=len(plan.facts)
        )
        current = {
            (f.area_id, f.period, f.measure_id): f
            for f in Fact.objects.select_for_update().filter(
                area__in={p.area.pk for p in plan.facts},
                period__in={p.period for p in plan.facts},
                measure__in={p.measure.pk for p in plan.facts},
            )
        }
        changes, new_facts, updated = [], [], []
        for p in plan.facts:
            fact = current.get((p.area.pk, p.period, p.measure.pk))
            if fact is not None and fact.value == p.value and fact.is_synthetic == synthetic:
                continue
            changes.append(
                FactChange(
                    batch=batch,
                    area=p.area,
                    period=p.period,
                    measure=p.measure,
                    old_value=fact.value if fact else None,
                    old_batch_id=fact.batch_id if fact else None,
                    old_synthetic=fact.is_synthetic if fact else False,
                    new_value=p.value,
                )
            )
            if fact is None:
                new_facts.append(
                    Fact(
                        area=p.area,
                        period=p.period,
                        measure=p.measure,
                        value=p.value,
                        batch=batch,
                        is_synthetic=synthetic,
                    )
                )
            else:
                fact.value, fact.batch, fact.is_synthetic = p.value, batch, synthetic
                updated.append(fact)
        Fact.objects.bulk_create(new_facts, batch_size=1000)
        Fact.objects.bulk_update(updated, ["value", "batch", "is_synthetic"], batch_size=1000)
        FactChange.objects.bulk_create(changes, batch_size=1000)
        audit.record(
            actor=actor,
            action="monitoring.import",
            tenant=tenant,
            obj=batch,
            detail={
                "kind": kind,
                "rows": len(plan.facts),
                "changed": len(changes),
                "sha256": sha256,
            },
        )
    return batch


def import_revert(*, actor: Any, batch: ImportBatch) -> int:
    """Undo an import: restore every value it changed, unless a later import has
    changed the same value since (then nothing is reverted and the user is told)."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.reverted is not None:
            raise Problems([_problem(_("Dieser Import wurde bereits zurückgenommen."))])
        changes = list(batch.changes.select_related("area", "measure"))
        facts = {
            (f.area_id, f.period, f.measure_id): f
            for f in Fact.objects.select_for_update().filter(batch=batch)
        }
        overwritten = [c for c in changes if (c.area_id, c.period, c.measure_id) not in facts]
        ref_changes = list(batch.reference_changes.select_related("measure"))
        refs = {
            (r.area_code, r.period, r.measure_id): r
            for r in ReferenceValue.objects.select_for_update().filter(batch=batch)
        }
        overwritten_refs = [
            c for c in ref_changes if (c.area_code, c.period, c.measure_id) not in refs
        ]
        stale = [(c.area.code, c.period, c.measure.code) for c in overwritten] + [
            (c.area_code, c.period, c.measure.code) for c in overwritten_refs
        ]
        if stale:
            raise Problems(
                [
                    _problem(
                        _(
                            "Nicht möglich: %(n)s Werte dieses Imports wurden seitdem durch einen "
                            "späteren Import geändert (z. B. %(a)s / %(p)s / %(m)s). Nehmen Sie "
                            "zuerst den späteren Import zurück."
                        )
                        % {"n": len(stale), "a": stale[0][0], "p": stale[0][1], "m": stale[0][2]}
                    )
                ]
            )
        restored = 0
        for c in changes:
            fact = facts[(c.area_id, c.period, c.measure_id)]
            if c.old_value is None:
                fact.delete()
            else:
                fact.value = c.old_value
                fact.batch_id = c.old_batch_id  # type: ignore[assignment]
                fact.is_synthetic = c.old_synthetic
                fact.save(update_fields=["value", "batch", "is_synthetic"])
            restored += 1
        for rc in ref_changes:
            ref = refs[(rc.area_code, rc.period, rc.measure_id)]
            if rc.old_value is None or rc.old_batch_id is None:
                ref.delete()
            else:
                ref.value, ref.area_name = rc.old_value, rc.old_area_name or ref.area_name
                ref.batch_id = rc.old_batch_id
                ref.save(update_fields=["value", "area_name", "batch"])
            restored += 1
        batch.reverted = timezone.now()
        batch.reverted_by = actor if getattr(actor, "is_authenticated", False) else None
        batch.save(update_fields=["reverted", "reverted_by"])
        audit.record(
            actor=actor,
            action="monitoring.import_revert",
            tenant=batch.tenant,
            obj=batch,
            detail={"restored": restored},
        )
    return restored


def _problem(message: str):
    from interprochance.core.tabular import Problem

    return Problem(None, None, message)


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ------------------------------------------------------------------ reference series


def _table_from_rows(rows: Iterable[dict[str, str]]) -> Table:
    out = []
    for i, r in enumerate(rows, start=2):
        out.append({**r, "__row__": str(i)})
    return Table(columns=list(IMPORT_COLUMNS), rows=out)


GISD_ATTRIBUTION = "Robert Koch-Institut: German Index of Socioeconomic Deprivation (GISD), Release 2025, CC BY 4.0"
INKAR_ATTRIBUTION = "INKAR, BBSR Bonn (dl-de/by-2-0)"


def reference_import_gisd(*, actor: Any, tenant: Tenant, path: Path | None = None) -> ImportBatch:
    """GISD scores of the Gemeinden (gvb_id 0643200NN -> AGS 06432NNN)."""
    path = path or settings.REFERENCE_DATA_DIR / "gisd_ladadi.csv"
    data = path.read_bytes()
    rows = []
    for r in csv.DictReader(data.decode("utf-8").splitlines()):
        gvb = r["gvb_id"].strip()
        ags = gvb[:5] + gvb[-3:]
        rows.append(
            {
                "area_code": ags,
                "period": r["year"],
                "measure": "gisd_score",
                "value": r["gisd_score"],
            }
        )
    plan = facts_plan(tenant=tenant, table=_table_from_rows(rows))
    # the source is listed on the sources page with its attribution; written together
    # with the import, so a refused file leaves no trace
    with transaction.atomic():
        ensure_source("rki-gisd")
        return facts_import(
            actor=actor,
            tenant=tenant,
            plan=plan,
            label="GISD (RKI) für die Gemeinden",
            kind=BatchKind.REFERENCE,
            filename=path.name,
            sha256=file_sha256(data),
            attribution=GISD_ATTRIBUTION,
        )


def reference_import_inkar(
    *, actor: Any, tenant: Tenant, directory: Path | None = None
) -> ImportBatch:
    """INKAR: registered unemployed per Gemeinde; Kreis-level series for the Landkreis."""
    directory = directory or settings.REFERENCE_DATA_DIR
    rows, digest = [], hashlib.sha256()
    known = {a.code for a in tenant_areas(tenant)}
    for name in ("inkar_ladadi_arbeitslose.csv", "inkar_hessen_kreise.csv"):
        data = (directory / name).read_bytes()
        digest.update(data)
        for r in csv.DictReader(data.decode("utf-8").splitlines()):
            code = r["area_code"].strip()
            if code == "06432" and "06432" not in known:
                continue
            if code not in known:
                continue  # other Kreise of Hessen: comparison values, see reference_import_kreise
            rows.append(
                {
                    "area_code": code,
                    "period": r["period"],
                    "measure": r["measure"],
                    "value": r["value"],
                }
            )
    plan = facts_plan(tenant=tenant, table=_table_from_rows(rows))
    # the source is listed on the sources page with its attribution; written together
    # with the import, so a refused file leaves no trace
    with transaction.atomic():
        ensure_source("bbsr-inkar")
        return facts_import(
            actor=actor,
            tenant=tenant,
            plan=plan,
            label="INKAR (BBSR) Arbeitslose und Kreiswerte",
            kind=BatchKind.REFERENCE,
            filename="inkar_*.csv",
            sha256=digest.hexdigest(),
            attribution=INKAR_ATTRIBUTION,
        )


# ------------------------------------------------------------------ comparison values

REFERENCE_COLUMNS = ("area_code", "area_name", "level", "period", "measure", "value")
#: level names in the files -> ReferenceLevel (INKAR calls its Kreis level "Kreise")
REFERENCE_LEVELS = {"kreise": ReferenceLevel.KREIS, "kreis": ReferenceLevel.KREIS}
KREIS_CODE_RE = re.compile(r"^\d{5}$")


@dataclass(frozen=True)
class PlannedReference:
    row: int
    area_code: str
    area_name: str
    level: str
    period: str
    measure: Measure
    value: Decimal


def reference_plan(*, table: Table) -> list[PlannedReference]:
    """Validate a long table of published Kreis values (area_code, area_name, level,
    period, measure, value) completely. Only published values (``kind=value``)
    are accepted: a count would reach the public page without disclosure control.
    Raises Problems (German, per row) and writes nothing."""
    table.require_columns(REFERENCE_COLUMNS)
    problems = Problems()
    measures = {m.code: m for m in Measure.objects.all()}
    out: list[PlannedReference] = []
    seen: dict[tuple[str, str, str], int] = {}
    for row in table.rows:
        line = int(row["__row__"])
        code = (row.get("area_code") or "").strip()
        name = (row.get("area_name") or "").strip()
        level = REFERENCE_LEVELS.get((row.get("level") or "").strip().lower())
        period = _valid_period(row.get("period") or "")
        measure_code = (row.get("measure") or "").strip()
        measure = measures.get(measure_code)
        value = _parse_value(row.get("value") or "")
        ok = True
        if not KREIS_CODE_RE.match(code):
            problems.add(
                line,
                "area_code",
                _("„%(code)s“ ist keine fünfstellige Kreiskennziffer.") % {"code": code},
            )
            ok = False
        if not name:
            problems.add(line, "area_name", _("Der Name des Kreises fehlt."))
            ok = False
        if level is None:
            problems.add(
                line,
                "level",
                _("Ebene „%(l)s“: als Vergleichswerte werden nur Kreise übernommen.")
                % {"l": row.get("level") or ""},
            )
            ok = False
        if period is None:
            problems.add(
                line,
                "period",
                _("Zeitraum „%(p)s“ ungültig: erwartet wird ein Jahr zwischen %(a)s und %(b)s.")
                % {"p": row.get("period") or "", "a": FIRST_YEAR, "b": last_allowed_year()},
            )
            ok = False
        if measure is None:
            problems.add(line, "measure", _("Unbekannte Messgröße „%(m)s“.") % {"m": measure_code})
            ok = False
        elif measure.kind != MeasureKind.VALUE:
            problems.add(
                line,
                "measure",
                _(
                    "„%(m)s“ ist eine Anzahl; als Vergleichswerte werden nur veröffentlichte "
                    "Kennwerte übernommen."
                )
                % {"m": measure_code},
            )
            ok = False
        if value is None:
            problems.add(
                line, "value", _("„%(v)s“ ist keine Zahl.") % {"v": row.get("value") or ""}
            )
            ok = False
        if not ok:
            continue
        assert level is not None and period is not None
        assert measure is not None and value is not None
        key = (code, period, measure_code)
        if key in seen:
            problems.add(
                line,
                None,
                _("Doppelte Zeile: %(a)s / %(p)s / %(m)s steht schon in Zeile %(r)s.")
                % {"a": code, "p": period, "m": measure_code, "r": seen[key]},
            )
            continue
        seen[key] = line
        out.append(PlannedReference(line, code, name, level, period, measure, value))
    if not out and not problems:
        problems.add(None, None, _("Die Datei enthält keine Werte."))
    problems.raise_if_any()
    return out


def reference_values_import(
    *,
    actor: Any,
    tenant: Tenant,
    plan: Sequence[PlannedReference],
    label: str,
    filename: str = "",
    sha256: str = "",
    attribution: str = "",
) -> ImportBatch:
    """Store validated comparison values all-or-nothing, recorded and revertible like
    a fact import. Idempotent: values already stored unchanged are left alone (the
    run itself is still recorded). Never creates areas."""
    with transaction.atomic():
        batch = _new_batch(
            actor, tenant, BatchKind.REFERENCE, label, filename, sha256, attribution, len(plan)
        )
        current = {
            (r.area_code, r.period, r.measure_id): r
            for r in ReferenceValue.objects.select_for_update().filter(
                area_code__in={p.area_code for p in plan},
                period__in={p.period for p in plan},
                measure__in={p.measure.pk for p in plan},
            )
        }
        changes, new, updated = [], [], []
        for p in plan:
            ref = current.get((p.area_code, p.period, p.measure.pk))
            if (
                ref is not None
                and ref.value == p.value
                and ref.area_name == p.area_name
                and ref.level == p.level
            ):
                continue
            changes.append(
                ReferenceChange(
                    batch=batch,
                    area_code=p.area_code,
                    period=p.period,
                    measure=p.measure,
                    old_value=ref.value if ref else None,
                    old_area_name=ref.area_name if ref else "",
                    old_batch_id=ref.batch_id if ref else None,
                    new_value=p.value,
                )
            )
            if ref is None:
                new.append(
                    ReferenceValue(
                        area_code=p.area_code,
                        area_name=p.area_name,
                        level=p.level,
                        period=p.period,
                        measure=p.measure,
                        value=p.value,
                        batch=batch,
                    )
                )
            else:
                ref.value, ref.area_name, ref.level, ref.batch = (
                    p.value,
                    p.area_name,
                    p.level,
                    batch,
                )
                updated.append(ref)
        ReferenceValue.objects.bulk_create(new, batch_size=1000)
        ReferenceValue.objects.bulk_update(
            updated, ["value", "area_name", "level", "batch"], batch_size=1000
        )
        ReferenceChange.objects.bulk_create(changes, batch_size=1000)
        audit.record(
            actor=actor,
            action="monitoring.reference_import",
            tenant=tenant,
            obj=batch,
            detail={"rows": len(plan), "changed": len(changes), "sha256": sha256},
        )
    return batch


def reference_import_kreise(*, actor: Any, tenant: Tenant, path: Path | None = None) -> ImportBatch:
    """INKAR values of every Kreis and kreisfreie Stadt of Hessen (the own Kreis
    included) as comparison values for "Vergleich mit Hessen"."""
    path = path or settings.REFERENCE_DATA_DIR / "inkar_hessen_kreise.csv"
    data = path.read_bytes()
    plan = reference_plan(table=read_table(data, filename=path.name))
    # the source is listed on the sources page with its attribution; written together
    # with the import, so a refused file leaves no trace
    with transaction.atomic():
        ensure_source("bbsr-inkar")
        return reference_values_import(
            actor=actor,
            tenant=tenant,
            plan=plan,
            label="INKAR (BBSR) Vergleichswerte der Kreise Hessens",
            filename=path.name,
            sha256=file_sha256(data),
            attribution=INKAR_ATTRIBUTION,
        )


# ------------------------------------------------------------------ extracts and providers


def extract_import(
    *,
    actor: Any,
    tenant: Tenant,
    paths: Sequence[Path],
    measures: Sequence[str] | None = None,
) -> tuple[ImportBatch, dict[str, Any]]:
    """Aggregate person-level extracts (CSV/Parquet) in DuckDB into facts per leaf area
    and year of the tenant; the extract itself is read in place and not stored."""
    from .extracts import CATALOGUE_MEASURES, StreetRange, aggregate_extract

    chosen = [m for m in CATALOGUE_MEASURES if measures is None or m.code in measures]
    areas = list(tenant_areas(tenant))
    parents = {a.parent_id for a in areas}
    leaves = [a.code for a in areas if a.pk not in parents]
    directory = [
        StreetRange(s.street, s.number_from, s.number_to, s.area.code, s.parity)
        for s in StreetSegment.objects.filter(area__in=areas).select_related("area")
    ]
    result = aggregate_extract(
        list(paths),
        chosen,
        area_codes=leaves,
        street_directory=directory,
        periods=(FIRST_YEAR, last_allowed_year()),
    )
    rows = [
        {"area_code": area, "period": str(period), "measure": m, "value": str(v)}
        for (period, area, m), v in sorted(result.counts.items())
    ]
    plan = facts_plan(tenant=tenant, table=_table_from_rows(rows))
    digest = hashlib.sha256()
    for p in paths:
        digest.update(Path(p).name.encode())
    batch = facts_import(
        actor=actor,
        tenant=tenant,
        plan=plan,
        label=_("Einzeldaten-Auszug aggregiert (%(n)s Zeilen)") % {"n": result.rows_read},
        kind=BatchKind.EXTRACT,
        filename=", ".join(Path(p).name for p in paths)[:300],
        sha256=digest.hexdigest(),
    )
    summary = {
        "rows_read": result.rows_read,
        "rows_assigned": result.rows_assigned,
        "unassigned": result.unassigned,
        "unknown_area_codes": result.unknown_area_codes,
        "facts": len(rows),
    }
    return batch, summary


def provider_import(
    *, actor: Any, tenant: Tenant, key: str, period: str | None = None
) -> ImportBatch:
    """Pull aggregated counts from a registered module provider (core.providers)."""
    provider = providers.get(key)
    if provider is None:
        raise Problems([_problem(_("Unbekannter Datenlieferant „%(k)s“.") % {"k": key})])
    with transaction.atomic():
        for spec in provider.measures():
            Measure.objects.update_or_create(
                code=spec.code,
                defaults={
                    "name": spec.name,
                    "unit": spec.unit,
                    "description": spec.description,
                    "source": provider.label,
                    "provider": provider.key,
                    "kind": MeasureKind.COUNT,
                },
            )
    rows = [
        {"area_code": v.area_code, "period": v.period, "measure": v.measure, "value": str(v.value)}
        for v in provider.collect(tenant.slug, period)
    ]
    plan = facts_plan(tenant=tenant, table=_table_from_rows(rows))
    return facts_import(
        actor=actor,
        tenant=tenant,
        plan=plan,
        label=_("Baustein „%(p)s“") % {"p": provider.label},
        kind=BatchKind.PROVIDER,
    )


# ------------------------------------------------------------------ data quality


def quality_check_run(*, actor: Any, tenant: Tenant, period: str) -> list[QualityFlag]:
    """Validation rules (numerator <= denominator, totals = sum of parts) and outlier
    detection (z-score, modified z-score, plausible range, jump against the previous
    period) for one period. Findings are stored as flags to follow up."""
    areas = {a.pk: a for a in tenant_areas(tenant)}
    facts: dict[int, dict[int, Decimal]] = defaultdict(dict)  # measure -> area -> value
    for f in Fact.objects.filter(area__in=list(areas), period=period).values_list(
        "measure_id", "area_id", "value"
    ):
        facts[f[0]][f[1]] = f[2]
    measures = {m.pk: m for m in Measure.objects.all()}
    findings: list[tuple[int, str, str, str]] = []  # area_id, subject, rule, message
    children = defaultdict(list)
    for a in areas.values():
        if a.parent_id in areas:
            children[a.parent_id].append(a.pk)
    for mid, by_area in facts.items():
        m = measures[mid]
        if m.kind != MeasureKind.COUNT:
            continue
        for parent, kids in children.items():
            if parent in by_area and kids and all(k in by_area for k in kids):
                total = sum(by_area[k] for k in kids)
                if total != by_area[parent]:
                    findings.append(
                        (
                            parent,
                            m.code,
                            "summe",
                            _("Summe der Teilgebiete (%(s)s) weicht vom Gesamtwert (%(t)s) ab.")
                            % {"s": total, "t": by_area[parent]},
                        )
                    )
    for ind in Indicator.objects.filter(denominator__isnull=False).select_related(
        "numerator", "denominator"
    ):
        nums, dens = facts.get(ind.numerator_id, {}), facts.get(ind.denominator_id or 0, {})
        for area_id, num in nums.items():
            den = dens.get(area_id)
            if den is not None and num > den:
                findings.append(
                    (
                        area_id,
                        ind.code,
                        "zaehler_nenner",
                        _("Zähler %(n)s größer als Nenner %(d)s.") % {"n": num, "d": den},
                    )
                )
        rates = {
            str(a): float(nums[a]) / float(dens[a]) * 100 for a in nums if a in dens and dens[a] > 0
        }
        by_level: dict[str, dict[str, float]] = defaultdict(dict)
        for key, rate in rates.items():
            by_level[areas[int(key)].level][key] = rate
        for level_rates in by_level.values():
            for code, z in checks.zscore_outliers(level_rates).items():
                findings.append(
                    (
                        int(code),
                        ind.code,
                        "z_wert",
                        _("Auffälliger Wert (z-Wert %(z).1f).") % {"z": z},
                    )
                )
            for code, z in checks.modified_zscore_outliers(level_rates).items():
                findings.append(
                    (
                        int(code),
                        ind.code,
                        "mod_z_wert",
                        _("Auffälliger Wert (modifizierter z-Wert %(z).1f).") % {"z": z},
                    )
                )
            if ind.unit == "%":
                for code, v in checks.range_outliers(level_rates, 0, 100).items():
                    findings.append(
                        (
                            int(code),
                            ind.code,
                            "bereich",
                            _("Wert %(v).1f %% außerhalb 0–100 %%.") % {"v": v},
                        )
                    )
        # Jump against the previous period of the same kind (year or quarter).
        earlier = sorted(
            p
            for p in Fact.objects.filter(measure_id=ind.numerator_id, area__in=list(areas))
            .values_list("period", flat=True)
            .distinct()
            if p < period and len(p) == len(period)
        )
        if earlier:
            before: dict[int, dict[int, Decimal]] = defaultdict(dict)
            for mid, area_id, value in Fact.objects.filter(
                area__in=list(areas),
                period=earlier[-1],
                measure_id__in=[ind.numerator_id, ind.denominator_id],
            ).values_list("measure_id", "area_id", "value"):
                before[mid][area_id] = value
            old_n, old_d = before.get(ind.numerator_id, {}), before.get(ind.denominator_id or 0, {})
            previous = {
                str(a): float(old_n[a]) / float(old_d[a]) * 100
                for a in old_n
                if a in old_d and old_d[a] > 0
            }
            for code, change in checks.relative_change_outliers(rates, previous).items():
                findings.append(
                    (
                        int(code),
                        ind.code,
                        "sprung",
                        _("Veränderung um %(c)+.0f %% gegenüber %(p)s.")
                        % {"c": change * 100, "p": earlier[-1]},
                    )
                )
    with transaction.atomic():
        flags = []
        for area_id, subject, rule, message in findings:
            flag, created = QualityFlag.objects.get_or_create(
                tenant=tenant,
                area_id=area_id,
                period=period,
                subject=subject,
                rule=rule,
                defaults={"message": message[:400]},
            )
            if not created and flag.message != message[:400]:
                flag.message = message[:400]
                flag.status = QualityFlag.Status.OPEN
                flag.save(update_fields=["message", "status"])
            flags.append(flag)
        audit.record(
            actor=actor,
            action="monitoring.quality_check",
            tenant=tenant,
            detail={"period": period, "findings": len(findings)},
        )
    return flags


def quality_flag_update(
    *, actor: Any, flag: QualityFlag, status: str, note: str = ""
) -> QualityFlag:
    if status not in QualityFlag.Status.values:
        raise Problems([_problem(_("Unbekannter Status."))])
    with transaction.atomic():
        flag.status = status
        flag.note = note[:400]
        flag.save(update_fields=["status", "note"])
        audit.record(
            actor=actor,
            action="monitoring.quality_flag",
            tenant=flag.tenant,
            obj=flag,
            detail={"status": status},
        )
    return flag
