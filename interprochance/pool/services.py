"""Write actions of the pool module. Keyword-only, ``actor=``; each validates
everything first and then writes in one transaction with one audit record.
Errors are raised as ``PoolError`` with German messages; nothing is written then.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from interprochance.core import audit, jobs
from interprochance.core.models import Institution, Tenant
from interprochance.core.tabular import Problems, read_table

from .costsplit import ChildLine, split_cost
from .models import (
    DEFAULT_SLOTS,
    Assistant,
    Child,
    ChildIdentity,
    CostBearer,
    CostRule,
    Entitlement,
    LegalBasis,
    MonthStatement,
    NeedArea,
    Plan,
    PlanKind,
    PlanStatus,
    Pool,
    PoolKind,
    Qualification,
)
from .optimizer.bound import baseline_cost
from .optimizer.checker import check
from .optimizer.exchange import instance_to_dict, parse_instance
from .optimizer.replan import replan
from .optimizer.types import Assignment, Solution
from .selectors import approved_rates
from .texts import DAY_FROM_GERMAN


class PoolError(Exception):
    def __init__(self, messages: list[str] | str):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("; ".join(self.messages))


# ---- set-up ------------------------------------------------------------------------------


def cost_bearer_ensure(*, actor: Any, tenant: Tenant, code: str, name: str) -> CostBearer:
    with transaction.atomic():
        bearer, created = CostBearer.objects.get_or_create(
            tenant=tenant, code=code, defaults={"name": name}
        )
        if created:
            audit.record(
                actor=actor,
                action="pool.bearer_create",
                tenant=tenant,
                obj=bearer,
                detail={"code": code},
            )
    return bearer


def pool_create(
    *,
    actor: Any,
    tenant: Tenant,
    name: str,
    school: Institution,
    kind: str = PoolKind.CASE,
    provider: str = "",
    cost_rule: str = CostRule.HOURS,
    is_synthetic: bool = False,
) -> Pool:
    errors = []
    if not name.strip():
        errors.append(_("Bitte einen Namen angeben."))
    if kind not in PoolKind.values:
        errors.append(_("Unbekannte Pool-Art."))
    if cost_rule not in CostRule.values:
        errors.append(_("Unbekannte Regel für die Kostenaufteilung."))
    if errors:
        raise PoolError(errors)
    with transaction.atomic():
        pool = Pool.objects.create(
            tenant=tenant,
            name=name.strip(),
            school=school,
            kind=kind,
            provider=provider,
            cost_rule=cost_rule,
            slots=list(DEFAULT_SLOTS),
            is_synthetic=is_synthetic,
        )
        audit.record(
            actor=actor, action="pool.create", tenant=tenant, obj=pool, detail={"school": school.pk}
        )
    return pool


def pool_rule_set(*, actor: Any, pool: Pool, cost_rule: str) -> Pool:
    if cost_rule not in CostRule.values:
        raise PoolError(_("Unbekannte Regel für die Kostenaufteilung."))
    with transaction.atomic():
        pool.cost_rule = cost_rule
        pool.save(update_fields=["cost_rule"])
        audit.record(
            actor=actor,
            action="pool.rule_set",
            tenant=pool.tenant,
            obj=pool,
            detail={"rule": cost_rule},
        )
    return pool


@dataclass
class AssistantInput:
    code: str
    name: str
    provider: str
    qualifications: list[str]
    max_slots_week: int
    hourly_cost: Decimal
    schools: list[Institution]
    available: list[list[Any]] | None = None
    is_synthetic: bool = False


def assistant_save(*, actor: Any, tenant: Tenant, data: AssistantInput) -> Assistant:
    errors = []
    if not re.fullmatch(r"[A-Za-z0-9-]{1,20}", data.code or ""):
        errors.append(
            _("Die Kennung darf nur Buchstaben, Ziffern und Bindestriche enthalten (höchstens 20).")
        )
    unknown = [q for q in data.qualifications if q not in NeedArea.values]
    if unknown:
        errors.append(_("Unbekannte Qualifikation: %(q)s") % {"q": ", ".join(unknown)})
    if data.max_slots_week < 0:
        errors.append(_("Die Wochenstunden dürfen nicht negativ sein."))
    if data.hourly_cost < 0:
        errors.append(_("Die Kosten je Stunde dürfen nicht negativ sein."))
    if not data.schools:
        errors.append(_("Bitte mindestens eine Schule angeben."))
    if errors:
        raise PoolError(errors)
    with transaction.atomic():
        a, _created = Assistant.objects.update_or_create(
            tenant=tenant,
            code=data.code,
            defaults={
                "name": data.name,
                "provider": data.provider,
                "qualifications": sorted(set(data.qualifications)),
                "max_slots_week": data.max_slots_week,
                "hourly_cost": data.hourly_cost,
                "available": data.available,
                "is_synthetic": data.is_synthetic,
            },
        )
        a.schools.set(data.schools)
        audit.record(
            actor=actor, action="pool.assistant_save", tenant=tenant, obj=a, detail={"code": a.code}
        )
    return a


# ---- entitlements import ----------------------------------------------------------------------

IMPORT_COLUMNS = [
    "kennung",
    "vorname",
    "nachname",
    "geburtsdatum",
    "klasse",
    "rechtsgrundlage",
    "kostentraeger",
    "aktenzeichen",
    "gueltig_ab",
    "gueltig_bis",
    "std_unterricht",
    "std_nachmittag",
    "std_schulweg",
    "std_ausfluege",
    "qualifikation",
    "stundensatz",
    "leistungserbringer",
    "bereiche",
    "einwilligung",
    "eins_zu_eins",
    "max_gruppe",
    "max_kraefte",
    "zeiten",
]
REQUIRED_COLUMNS = [
    "klasse",
    "rechtsgrundlage",
    "kostentraeger",
    "aktenzeichen",
    "gueltig_ab",
    "gueltig_bis",
    "std_unterricht",
    "stundensatz",
    "bereiche",
    "einwilligung",
    "zeiten",
]
_NEED_WORDS = {
    **{n.value: n.value for n in NeedArea},
    "pflege": "care",
    "mobilität": "mobility",
    "mobilitaet": "mobility",
    "kommunikation": "communication",
    "verhalten": "behaviour",
    "struktur": "structure",
}
_YES = {"ja", "j", "yes", "1", "x", "true", "wahr"}
_NO = {"nein", "n", "no", "0", "", "false", "falsch"}


def _date(value: str) -> date | None:
    value = value.strip()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    return None


def _decimal(value: str) -> Decimal | None:
    try:
        return Decimal(
            value.strip().replace(".", "").replace(",", ".")
            if "," in value
            else value.strip() or "0"
        )
    except InvalidOperation:
        return None


def parse_times(text: str, n_slots: int) -> tuple[list[list[Any]], list[str]]:
    """'Mo 1-4; Di 1-3,5' -> [["mo", 0], ...] (lessons counted from 1). Returns (slots, errors)."""
    out: list[list[Any]] = []
    errors: list[str] = []
    seen: set[tuple[str, int]] = set()
    for part in re.split(r"[;|\n]+", text.strip()):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"([A-Za-z]{2})\s*:?\s*([0-9,\-\s]+)", part)
        if not m or m.group(1).lower() not in DAY_FROM_GERMAN:
            errors.append(
                _("„%(p)s“ ist keine gültige Zeitangabe (Beispiel: „Mo 1-4; Di 2,3“).")
                % {"p": part}
            )
            continue
        day = DAY_FROM_GERMAN[m.group(1).lower()]
        for chunk in m.group(2).split(","):
            chunk = chunk.strip()
            if not chunk:
                continue
            lo, _sep, hi = chunk.partition("-")
            try:
                a, b = int(lo), int(hi or lo)
            except ValueError:
                errors.append(_("„%(p)s“ ist keine gültige Stundenangabe.") % {"p": chunk})
                continue
            if a < 1 or b > n_slots or a > b:
                errors.append(
                    _("Stunde %(c)s liegt außerhalb des Stundenrasters 1–%(n)s.")
                    % {"c": chunk, "n": n_slots}
                )
                continue
            for lesson in range(a, b + 1):
                if (day, lesson - 1) not in seen:
                    seen.add((day, lesson - 1))
                    out.append([day, lesson - 1])
    if not out and not errors:
        errors.append(_("Keine Unterstützungszeiten angegeben."))
    return out, errors


def entitlements_import(
    *, actor: Any, tenant: Tenant, pool: Pool, data: bytes, filename: str
) -> int:
    """Import a cost bearer's CSV/XLSX. All rows are validated first; on any problem
    nothing is written and ``Problems`` lists every one by row and column."""
    try:
        table = read_table(data, filename=filename)
    except Problems:
        raise
    except Exception as exc:  # unreadable file of any kind: a message, not a crash
        problems = Problems()
        problems.add(
            None,
            None,
            _("Die Datei konnte nicht gelesen werden (%(e)s).") % {"e": exc.__class__.__name__},
        )
        raise problems from None
    table.require_columns(REQUIRED_COLUMNS)
    problems = Problems()
    bearers = {b.code: b for b in CostBearer.objects.filter(tenant=tenant)}
    existing_files = set(
        Entitlement.objects.filter(cost_bearer__tenant=tenant).values_list(
            "cost_bearer__code", "file_number"
        )
    )
    in_file: set[tuple[str, str]] = set()
    rows: list[dict[str, Any]] = []
    n_slots = len(pool.slot_list)
    for raw in table.rows:
        r = int(raw["__row__"])
        get = lambda k, raw=raw: (raw.get(k) or "").strip()  # noqa: E731
        row: dict[str, Any] = {"row": r}
        pseudonym = get("kennung")
        if pseudonym and not re.fullmatch(r"[A-Za-z0-9-]{2,20}", pseudonym):
            problems.add(
                r,
                "kennung",
                _("Die Kennung darf nur Buchstaben, Ziffern und Bindestriche enthalten."),
            )
        row["pseudonym"] = pseudonym
        row["first_name"], row["last_name"] = get("vorname"), get("nachname")
        if bool(row["first_name"]) != bool(row["last_name"]):
            problems.add(r, "vorname", _("Vor- und Nachname bitte zusammen angeben."))
        if not pseudonym and not row["last_name"]:
            problems.add(
                r,
                "kennung",
                _("Ohne Kennung braucht es Vor- und Nachnamen, um das Kind anzulegen."),
            )
        birth = get("geburtsdatum")
        row["birth_date"] = _date(birth) if birth else None
        if birth and row["birth_date"] is None:
            problems.add(r, "geburtsdatum", _("Bitte ein Datum wie 31.01.2016 angeben."))
        row["klasse"] = get("klasse")
        if not row["klasse"]:
            problems.add(r, "klasse", _("Bitte die Klasse angeben."))
        basis = get("rechtsgrundlage").lower().replace(" ", "")
        if "35a" in basis:
            row["legal_basis"] = LegalBasis.SGB8_35A
        elif "112" in basis or "54" in basis:
            row["legal_basis"] = LegalBasis.SGB9_112
        else:
            problems.add(
                r,
                "rechtsgrundlage",
                _("Rechtsgrundlage muss § 35a SGB VIII oder § 112 SGB IX sein."),
            )
        bearer = bearers.get(get("kostentraeger").lower())
        if bearer is None:
            problems.add(
                r,
                "kostentraeger",
                _("Unbekannter Kostenträger „%(k)s“. Bekannt: %(l)s.")
                % {"k": get("kostentraeger"), "l": ", ".join(sorted(bearers)) or "–"},
            )
        row["bearer"] = bearer
        file_number = get("aktenzeichen")
        row["file_number"] = file_number
        if not file_number:
            problems.add(r, "aktenzeichen", _("Bitte das Aktenzeichen angeben."))
        elif bearer is not None:
            file_key = (bearer.code, file_number)
            if file_key in existing_files:
                problems.add(
                    r,
                    "aktenzeichen",
                    _("Aktenzeichen %(a)s ist bei diesem Kostenträger schon erfasst.")
                    % {"a": file_number},
                )
            elif file_key in in_file:
                problems.add(
                    r,
                    "aktenzeichen",
                    _("Aktenzeichen %(a)s kommt in der Datei doppelt vor.") % {"a": file_number},
                )
            in_file.add(file_key)
        row["valid_from"], row["valid_to"] = _date(get("gueltig_ab")), _date(get("gueltig_bis"))
        for dcol, dkey in (("gueltig_ab", "valid_from"), ("gueltig_bis", "valid_to")):
            if row[dkey] is None:
                problems.add(r, dcol, _("Bitte ein Datum wie 01.08.2025 angeben."))
        if row["valid_from"] and row["valid_to"] and row["valid_to"] < row["valid_from"]:
            problems.add(r, "gueltig_bis", _("Das Ende liegt vor dem Beginn."))
        for col in (
            "std_unterricht",
            "std_nachmittag",
            "std_schulweg",
            "std_ausfluege",
            "stundensatz",
        ):
            value = _decimal(get(col))
            if value is None:
                problems.add(r, col, _("Bitte eine Zahl angeben (z. B. 12,5)."))
            elif value < 0:
                problems.add(r, col, _("Negative Werte sind nicht zulässig."))
            elif value > 1000:
                problems.add(r, col, _("Der Wert ist unplausibel hoch."))
            row[col] = value if value is not None and value >= 0 else Decimal(0)
        qual = get("qualifikation").lower() or "assistenz"
        row["qualification"] = (
            Qualification.SPECIALIST if qual.startswith("fach") else Qualification.ASSISTANT
        )
        needs = []
        for word in re.split(r"[,;|/]+", get("bereiche")):
            word = word.strip().lower()
            if not word:
                continue
            if word not in _NEED_WORDS:
                problems.add(
                    r,
                    "bereiche",
                    _(
                        "Unbekannter Unterstützungsbereich „%(w)s“ (erlaubt: Pflege, Mobilität, Kommunikation, Verhalten, Struktur; keine Diagnosen)."
                    )
                    % {"w": word},
                )
            else:
                needs.append(_NEED_WORDS[word])
        row["needs"] = sorted(set(needs))
        for ycol, ykey in (("einwilligung", "consent"), ("eins_zu_eins", "exclusive")):
            v = get(ycol).lower()
            if v in _YES:
                row[ykey] = True
            elif v in _NO:
                row[ykey] = False
            else:
                problems.add(r, ycol, _("Bitte „ja“ oder „nein“ angeben."))
        for icol, ikey, default in (
            ("max_gruppe", "max_group", 3),
            ("max_kraefte", "max_assistants", 2),
        ):
            v = get(icol)
            try:
                row[ikey] = int(v) if v else default
                if row[ikey] < 1 or row[ikey] > 10:
                    raise ValueError
            except ValueError:
                problems.add(r, icol, _("Bitte eine ganze Zahl zwischen 1 und 10 angeben."))
                row[ikey] = default
        support, errs = parse_times(get("zeiten"), n_slots)
        for e in errs:
            problems.add(r, "zeiten", e)
        row["support"] = support
        support_hours = Decimal(len(support) * pool.slot_minutes) / 60
        entitled = row["std_unterricht"] + row["std_nachmittag"]
        if support and support_hours > entitled + Decimal("0.01"):
            problems.add(
                r,
                "zeiten",
                _(
                    "Die Unterstützungszeiten (%(s)s Std.) übersteigen die bewilligten Stunden für Unterricht und Nachmittag (%(e)s Std.)."
                )
                % {"s": support_hours.quantize(Decimal("0.01")), "e": entitled},
            )
        row["provider"] = get("leistungserbringer")
        rows.append(row)
    if not rows:
        problems.add(None, None, _("Die Datei enthält keine Zeilen."))
    problems.raise_if_any()

    with transaction.atomic():
        for row in rows:
            child = None
            if row["pseudonym"]:
                child = Child.objects.filter(tenant=tenant, pseudonym=row["pseudonym"]).first()
            if child is None:
                child = Child.objects.create(
                    tenant=tenant,
                    pseudonym=row["pseudonym"] or _new_pseudonym(tenant),
                    school=pool.school,
                    school_class=row["klasse"],
                )
            else:
                child.school_class = row["klasse"]
                child.school = pool.school
                child.save(update_fields=["school_class", "school"])
            if row["last_name"]:
                ChildIdentity.objects.update_or_create(
                    child=child,
                    defaults={
                        "first_name": row["first_name"],
                        "last_name": row["last_name"],
                        "birth_date": row["birth_date"],
                    },
                )
            Entitlement.objects.create(
                child=child,
                pool=pool,
                legal_basis=row["legal_basis"],
                cost_bearer=row["bearer"],
                file_number=row["file_number"],
                valid_from=row["valid_from"],
                valid_to=row["valid_to"],
                hours_lessons=row["std_unterricht"],
                hours_afternoon=row["std_nachmittag"],
                hours_route=row["std_schulweg"],
                hours_trips=row["std_ausfluege"],
                qualification=row["qualification"],
                hourly_rate=row["stundensatz"],
                provider=row["provider"],
                needs=row["needs"],
                consent_joint=row["consent"],
                exclusive=row["exclusive"],
                max_group=row["max_group"],
                max_assistants=row["max_assistants"],
                support=row["support"],
            )
        audit.record(
            actor=actor,
            action="pool.entitlements_import",
            tenant=tenant,
            obj=pool,
            detail={"rows": len(rows), "filename_ext": filename.rsplit(".", 1)[-1].lower()},
        )
    return len(rows)


def _new_pseudonym(tenant: Tenant) -> str:
    while True:
        candidate = "SA-" + secrets.token_hex(3).upper()
        if not Child.objects.filter(tenant=tenant, pseudonym=candidate).exists():
            return candidate


# ---- plans -------------------------------------------------------------------------------------


def _verdict(instance: dict, assignments: list[dict]) -> tuple[list[dict], Decimal]:
    inst = parse_instance(instance)
    sol = Solution(
        "feasible",
        [
            Assignment(x["assistant"], x["day"], int(x["slot"]), tuple(x["children"]))
            for x in assignments
        ],
    )
    report = check(inst, sol, verify_cost=False)
    return (
        [
            {"rule": v.rule, "code": v.code, "message": v.message, "params": v.params}
            for v in report.violations
        ],
        report.cost.quantize(Decimal("0.01")),
    )


def _next_version(pool: Pool) -> int:
    return (Plan.objects.filter(pool=pool).aggregate(m=Max("version"))["m"] or 0) + 1


def plan_from_solution(
    *,
    actor: Any,
    pool: Pool,
    instance: dict,
    solution: Solution,
    kind: str = PlanKind.OPTIMISED,
    note: str = "",
    based_on: Plan | None = None,
) -> Plan:
    assignments = [
        {"assistant": x.assistant, "day": x.day, "slot": x.slot, "children": list(x.children)}
        for x in solution.assignments
    ]
    violations, cost = _verdict(instance, assignments)
    with transaction.atomic():
        plan = Plan.objects.create(
            pool=pool,
            version=_next_version(pool),
            kind=kind,
            instance=instance,
            assignments=assignments,
            solver_status=solution.status,
            cost=cost,
            lower_bound=solution.lower_bound,
            baseline=baseline_cost(parse_instance(instance), approved_rates(pool)).quantize(
                Decimal("0.01")
            ),
            violations=violations,
            unmet=[
                {
                    "child": u.child,
                    "day": u.day,
                    "slot": u.slot,
                    "reason": u.reason,
                    "params": u.params,
                }
                for u in solution.unmet
            ],
            note=note[:300],
            based_on=based_on,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            actor=actor,
            action="pool.plan_create",
            tenant=pool.tenant,
            obj=plan,
            detail={"pool": pool.pk, "kind": kind, "status": solution.status},
        )
    return plan


def plan_solve_start(*, actor: Any, tenant: Tenant, pool: Pool, time_limit: float = 10.0) -> Any:
    from .selectors import pool_children

    if not pool_children(pool):
        raise PoolError(_("Der Pool hat keine gültigen Bewilligungen."))
    return jobs.start(
        kind="pool.solve",
        title=_("Wochenplan berechnen: %(p)s") % {"p": pool.name},
        func="interprochance.pool.tasks.solve_plan",
        tenant=tenant,
        actor=actor,
        pool_id=pool.pk,
        user_id=getattr(actor, "pk", None),
        time_limit=time_limit,
    )


def plan_copy(*, actor: Any, plan: Plan) -> Plan:
    """A new draft from a plan, for editing."""
    with transaction.atomic():
        copy = Plan.objects.create(
            pool=plan.pool,
            version=_next_version(plan.pool),
            kind=PlanKind.EDITED,
            instance=plan.instance,
            assignments=plan.assignments,
            solver_status="feasible" if not plan.violations else plan.solver_status,
            cost=plan.cost,
            lower_bound=plan.lower_bound,
            baseline=plan.baseline,
            violations=plan.violations,
            unmet=plan.unmet,
            note=_("Bearbeitung von Version %(v)s") % {"v": plan.version},
            based_on=plan,
            created_by=actor,
        )
        audit.record(
            actor=actor,
            action="pool.plan_copy",
            tenant=plan.pool.tenant,
            obj=copy,
            detail={"from": plan.pk},
        )
    return copy


def plan_assignment_set(
    *, actor: Any, plan: Plan, child: str, day: str, slot: int, assistant: str
) -> Plan:
    """Move one (child, day, slot) to ``assistant`` (joining its group there), or leave it
    uncovered with an empty assistant. Only drafts; the checker's verdict is stored."""
    if plan.status != PlanStatus.DRAFT:
        raise PoolError(_("Nur Entwürfe können bearbeitet werden."))
    inst = plan.instance
    kids = {c["id"]: c for c in inst["children"]}
    errors = []
    if child not in kids:
        errors.append(_("Unbekanntes Kind."))
    if day not in inst["days"]:
        errors.append(_("Unbekannter Tag."))
    if not isinstance(slot, int) or not 0 <= slot < len(inst["slots"]):
        errors.append(_("Die Stunde liegt außerhalb des Stundenrasters."))
    if assistant and assistant not in {a["id"] for a in inst["assistants"]}:
        errors.append(_("Unbekannte Kraft."))
    if not errors and [day, slot] not in kids[child]["support"]:
        errors.append(_("Das Kind hat zu dieser Zeit keinen Unterstützungsbedarf."))
    if errors:
        raise PoolError(errors)
    assignments = []
    for x in plan.assignments:
        if x["day"] == day and x["slot"] == slot and child in x["children"]:
            x = {**x, "children": [k for k in x["children"] if k != child]}
        if x["children"]:
            assignments.append(x)
    if assistant:
        for i, x in enumerate(assignments):
            if x["assistant"] == assistant and x["day"] == day and x["slot"] == slot:
                assignments[i] = {**x, "children": sorted([*x["children"], child])}
                break
        else:
            assignments.append(
                {"assistant": assistant, "day": day, "slot": slot, "children": [child]}
            )
    violations, cost = _verdict(inst, assignments)
    with transaction.atomic():
        plan.assignments = assignments
        plan.violations = violations
        plan.cost = cost
        plan.kind = PlanKind.EDITED if plan.kind == PlanKind.OPTIMISED else plan.kind
        plan.solver_status = "feasible" if not violations else "invalid"
        plan.save(update_fields=["assignments", "violations", "cost", "kind", "solver_status"])
        audit.record(
            actor=actor,
            action="pool.plan_edit",
            tenant=plan.pool.tenant,
            obj=plan,
            detail={
                "child": child,
                "day": day,
                "slot": slot,
                "assistant": assistant,
                "valid": not violations,
            },
        )
    return plan


def plan_publish(*, actor: Any, plan: Plan) -> Plan:
    if plan.status != PlanStatus.DRAFT:
        raise PoolError(_("Nur Entwürfe können veröffentlicht werden."))
    violations, _cost = _verdict(plan.instance, plan.assignments)
    if violations:
        raise PoolError(
            _("Der Plan verletzt %(n)s Regeln und kann nicht veröffentlicht werden.")
            % {"n": len(violations)}
        )
    with transaction.atomic():
        Plan.objects.filter(pool=plan.pool, status=PlanStatus.PUBLISHED).update(
            status=PlanStatus.SUPERSEDED
        )
        plan.status = PlanStatus.PUBLISHED
        plan.published_at = timezone.now()
        plan.save(update_fields=["status", "published_at"])
        audit.record(
            actor=actor,
            action="pool.plan_publish",
            tenant=plan.pool.tenant,
            obj=plan,
            detail={"version": plan.version},
        )
    return plan


def plan_substitute(
    *, actor: Any, plan: Plan, assistant: str, day: str, time_limit: float = 10.0
) -> tuple[Plan, list]:
    """Re-plan for an assistant absent on one day, with minimal changes to ``plan``
    (with POOL_SOLVER_WORKERS CP-SAT threads, as the background optimisation)."""
    inst = parse_instance(plan.instance)
    errors = []
    if assistant not in {a.id for a in inst.assistants}:
        errors.append(_("Unbekannte Kraft."))
    if day not in inst.days:
        errors.append(_("Unbekannter Tag."))
    if errors:
        raise PoolError(errors)
    published = [
        Assignment(x["assistant"], x["day"], int(x["slot"]), tuple(x["children"]))
        for x in plan.assignments
    ]
    solution, changes = replan(
        inst,
        published,
        absent=assistant,
        day=day,
        time_limit=time_limit,
        workers=settings.POOL_SOLVER_WORKERS,
    )
    from .optimizer.replan import mark_absent

    changed_instance = instance_to_dict(mark_absent(inst, assistant, day))
    note = _("Vertretung: %(a)s fehlt am %(d)s; %(n)s Änderungen") % {
        "a": assistant,
        "d": day,
        "n": len(changes),
    }
    new = plan_from_solution(
        actor=actor,
        pool=plan.pool,
        instance=changed_instance,
        solution=solution,
        kind=PlanKind.SUBSTITUTION,
        note=note,
        based_on=plan,
    )
    return new, changes


# ---- month statements -----------------------------------------------------------------------------


def statement_create(
    *,
    actor: Any,
    pool: Pool,
    month: date,
    school_weeks: Decimal,
    cancelled_slots: int = 0,
    rule: str | None = None,
) -> MonthStatement:
    from .selectors import published_plan

    rule = rule or pool.cost_rule
    errors = []
    plan = published_plan(pool)
    if plan is None:
        errors.append(_("Es gibt keinen veröffentlichten Plan für diesen Pool."))
    if rule not in CostRule.values:
        errors.append(_("Unbekannte Regel für die Kostenaufteilung."))
    if school_weeks <= 0 or school_weeks > 5:
        errors.append(_("Die Zahl der Schulwochen muss zwischen 0 und 5 liegen."))
    if cancelled_slots < 0:
        errors.append(_("Ausgefallene Stunden dürfen nicht negativ sein."))
    if MonthStatement.objects.filter(pool=pool, month=month.replace(day=1)).exists():
        errors.append(_("Für diesen Monat gibt es schon eine Abrechnung."))
    if errors:
        raise PoolError(errors)
    assert plan is not None
    inst = parse_instance(plan.instance)
    rate = {a.id: a.hourly_cost for a in inst.assistants}
    unit = Decimal(inst.slot_minutes) / 60
    weekly = [(rate[x["assistant"]] * unit, tuple(x["children"])) for x in plan.assignments]
    week_slots = len(plan.assignments)
    delivered_slots = week_slots * school_weeks - cancelled_slots
    if delivered_slots < 0:
        raise PoolError(_("Es können nicht mehr Stunden ausfallen als geplant sind."))
    week_cost = sum((c for c, _k in weekly), Decimal(0))
    factor = delivered_slots / week_slots if week_slots else Decimal(0)
    total = (week_cost * factor).quantize(Decimal("0.01"))
    first = month.replace(day=1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    hours: dict[str, Decimal] = {}
    for e in (
        pool.entitlements.filter(valid_from__lte=last, valid_to__gte=first)
        .select_related("child")
        .order_by("valid_from")
    ):
        hours[e.child.pseudonym] = e.hours_total  # the latest entitlement of the month counts
    lines = [
        ChildLine(c.id, c.cost_bearer, hours.get(c.id, Decimal(len(c.support)) * unit))
        for c in inst.children
    ]
    split = split_cost(total_cents=int(total * 100), children=lines, assignments=weekly, rule=rule)
    baseline = (baseline_cost(inst, approved_rates(pool, first, last)) * school_weeks).quantize(
        Decimal("0.01")
    )
    names = {b.code: b.name for b in CostBearer.objects.filter(tenant=pool.tenant)}
    result = {
        "rule": rule,
        "week_cost": str(week_cost.quantize(Decimal("0.01"))),
        "week_slots": week_slots,
        "factor": str(Decimal(factor).quantize(Decimal("0.0001"))),
        "basis_total": str(split.basis_total.quantize(Decimal("0.01"))),
        "bearers": [
            {
                "code": b.bearer,
                "name": names.get(b.bearer, b.bearer),
                "basis": str(b.basis.quantize(Decimal("0.01"))),
                "amount": str(Decimal(b.amount_cents) / 100),
                "children": [
                    {
                        "child": c.child,
                        "basis": str(c.basis.quantize(Decimal("0.01"))),
                        "amount": str(Decimal(c.amount_cents) / 100),
                        "alone": c.slots_alone,
                        "grouped": c.slots_grouped,
                    }
                    for c in b.children
                ],
            }
            for b in split.bearers
        ],
    }
    with transaction.atomic():
        try:
            st = MonthStatement.objects.create(
                pool=pool,
                month=month.replace(day=1),
                plan=plan,
                school_weeks=school_weeks,
                cancelled_slots=cancelled_slots,
                rule=rule,
                total_cost=total,
                baseline_cost=baseline,
                delivered_hours=(Decimal(delivered_slots) * unit).quantize(Decimal("0.01")),
                result=result,
                created_by=actor,
            )
        except IntegrityError:
            raise PoolError(_("Für diesen Monat gibt es schon eine Abrechnung.")) from None
        audit.record(
            actor=actor,
            action="pool.statement_create",
            tenant=pool.tenant,
            obj=st,
            detail={"pool": pool.pk, "month": st.month.isoformat(), "rule": rule},
        )
    return st
