"""Append-only, hash-chained audit trail.

Each event stores the hash of its predecessor; its own hash covers its
content and that predecessor hash, so changing or removing any event breaks
the chain from there on (`manage.py verify_audit` finds where). Events
carry identifiers only, never personal data, so they can outlive the
records they describe (retention deletes the record, not its audit trail).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from interprochance.core.models import AuditEvent, Tenant
from interprochance.core.requestid import request_id_var

GENESIS = "0" * 64
_ADVISORY_LOCK_KEY = 727_001  # serialises chain appends on PostgreSQL


def _canonical(event: AuditEvent) -> bytes:
    payload = {
        "timestamp": event.timestamp.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "actor_username": event.actor_username,
        "tenant": event.tenant_slug,
        "action": event.action,
        "entity": event.entity,
        "object_id": event.object_id,
        "detail": event.detail,
        "request_id": event.request_id,
        "prev": event.prev_hash,
    }
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode()


def compute_hash(event: AuditEvent) -> str:
    return hashlib.sha256(_canonical(event)).hexdigest()


def _entity_of(obj: Any) -> tuple[str, str]:
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}", str(obj.pk)


def record(
    *,
    actor: Any,
    action: str,
    tenant: Tenant | str | None = None,
    obj: Any = None,
    entity: str = "",
    object_id: str | int = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. Call inside the transaction of the action it records."""
    if obj is not None:
        entity, object_id = _entity_of(obj)
    tenant_slug = tenant.slug if isinstance(tenant, Tenant) else (tenant or "")
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])
        last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        event = AuditEvent(
            timestamp=timezone.now(),
            actor_id=actor.pk if authenticated else None,
            actor_username=actor.get_username()
            if authenticated
            else ("system" if actor is None else "anonym"),
            tenant_slug=tenant_slug,
            action=action,
            entity=entity,
            object_id=str(object_id),
            detail=json.loads(json.dumps(detail or {}, default=str)),
            request_id=request_id_var.get(),
            prev_hash=last or GENESIS,
        )
        event.hash = compute_hash(event)
        event.save(force_insert=True)
    return event


def record_read(
    *,
    actor: Any,
    tenant: Tenant | str | None,
    obj: Any = None,
    entity: str = "",
    object_id: str | int = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Audit a read of a person's record (case, household, child identity, ...)."""
    return record(
        actor=actor,
        action="read",
        tenant=tenant,
        obj=obj,
        entity=entity,
        object_id=object_id,
        detail=detail,
    )


@dataclass
class ChainProblem:
    event_id: int
    reason: str


def verify_chain(batch_size: int = 5000) -> tuple[int, list[ChainProblem]]:
    """Recompute the chain; return (events checked, problems)."""
    problems: list[ChainProblem] = []
    expected_prev = GENESIS
    checked = 0
    for event in _iterate(batch_size):
        checked += 1
        if event.prev_hash != expected_prev:
            problems.append(
                ChainProblem(
                    event.pk, "Verkettung unterbrochen (Vorgänger fehlt oder wurde verändert)"
                )
            )
        if compute_hash(event) != event.hash:
            problems.append(ChainProblem(event.pk, "Inhalt verändert (Prüfsumme stimmt nicht)"))
        expected_prev = event.hash
    return checked, problems


def _iterate(batch_size: int) -> Iterator[AuditEvent]:
    last_id = 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            return
        yield from batch
        last_id = batch[-1].pk
