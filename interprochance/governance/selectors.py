"""Reads of the governance module for views and other apps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from interprochance.core.models import Tenant
from interprochance.governance.models import (
    ActionItem,
    ActionStatus,
    Agreement,
    Body,
    BodyMember,
    Decision,
    Meeting,
    ReportTemplate,
    StatusReport,
)
from interprochance.governance.seats import SeatCheck, check_seats
from interprochance.governance.term import (
    LatePolicy,
    Notice,
    TermError,
    TermState,
    evaluate,
    iter_terms,
    reminder_dates,
)


def _current_members(day: dt.date) -> Prefetch:
    return Prefetch(
        "members",
        queryset=BodyMember.objects.filter(since__lte=day)
        .filter(Q(until__isnull=True) | Q(until__gte=day))
        .order_by("seat", "name"),
        to_attr="current_members",
    )


@dataclass
class BodyView:
    body: Body
    members: list[BodyMember]
    seats: SeatCheck


def bodies_for_tenant(tenant: Tenant, *, on: dt.date | None = None) -> list[BodyView]:
    day = on or timezone.localdate()
    bodies = (
        Body.objects.filter(tenant=tenant)
        .prefetch_related(_current_members(day))
        .annotate(n_meetings=Count("meetings"))
        .order_by("kind", "name")
    )
    views = []
    for b in bodies:
        members = getattr(b, "current_members", [])
        views.append(BodyView(b, members, check_seats(b.kind, [m.seat for m in members])))
    return views


def body_detail(tenant: Tenant, pk: int, *, on: dt.date | None = None) -> BodyView | None:
    day = on or timezone.localdate()
    body = Body.objects.filter(tenant=tenant, pk=pk).prefetch_related(_current_members(day)).first()
    if body is None:
        return None
    members = getattr(body, "current_members", [])
    return BodyView(body, members, check_seats(body.kind, [m.seat for m in members]))


def meetings_for_tenant(tenant: Tenant) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(body__tenant=tenant)
        .select_related("body")
        .annotate(
            n_decisions=Count("decisions", distinct=True),
            n_open=Count("actions", filter=Q(actions__status=ActionStatus.OPEN), distinct=True),
        )
        .order_by("-starts_at")
    )


def meeting_detail(tenant: Tenant, pk: int) -> Meeting | None:
    return (
        Meeting.objects.filter(body__tenant=tenant, pk=pk)
        .select_related("body")
        .prefetch_related("agenda", "decisions", "actions")
        .first()
    )


def open_actions(tenant: Tenant) -> QuerySet[ActionItem]:
    return (
        ActionItem.objects.filter(meeting__body__tenant=tenant, status=ActionStatus.OPEN)
        .select_related("meeting", "meeting__body")
        .order_by("due", "pk")
    )


def decisions_between(tenant: Tenant, start: dt.date, end: dt.date) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(
            meeting__body__tenant=tenant,
            meeting__starts_at__date__gte=start,
            meeting__starts_at__date__lte=end,
        )
        .select_related("meeting", "meeting__body")
        .order_by("meeting__starts_at", "pk")
    )


def meetings_between(tenant: Tenant, start: dt.date, end: dt.date) -> QuerySet[Meeting]:
    return meetings_for_tenant(tenant).filter(starts_at__date__gte=start, starts_at__date__lte=end)


@dataclass
class AgreementView:
    agreement: Agreement
    state: TermState | None
    error: str
    reminders: list[dt.date]
    upcoming_terms: list[Any]


def agreement_state(agreement: Agreement, on: dt.date) -> AgreementView:
    from interprochance.governance.messages import term_error_message
    from interprochance.governance.services import agreement_rule

    rule = agreement_rule(agreement)
    notice = Notice(received=agreement.notice_received) if agreement.notice_received else None
    policy = LatePolicy.NEXT_TERM if agreement.notice_late_accepted else LatePolicy.REJECT
    try:
        state = evaluate(rule, on, notice, late_policy=policy)
    except TermError as exc:
        return AgreementView(agreement, None, term_error_message(exc), [], [])
    terms = []
    for term in iter_terms(rule):
        if term.end >= on:
            terms.append(term)
        if len(terms) >= 3:
            break
    return AgreementView(agreement, state, "", reminder_dates(state), terms)


def agreements_for_tenant(tenant: Tenant, *, on: dt.date | None = None) -> list[AgreementView]:
    day = on or timezone.localdate()
    return [agreement_state(a, day) for a in Agreement.objects.filter(tenant=tenant)]


def reminders_due(tenant: Tenant | None, on: dt.date) -> list[tuple[Agreement, dt.date]]:
    """(agreement, deadline) for every agreement with a reminder on ``on``."""
    qs = Agreement.objects.all() if tenant is None else Agreement.objects.filter(tenant=tenant)
    due = []
    for agreement in qs.select_related("tenant"):
        view = agreement_state(agreement, on)
        if view.state is not None and on in view.reminders:
            due.append((agreement, view.state.term.notice_deadline))
    return due


def reports_for_tenant(tenant: Tenant) -> QuerySet[StatusReport]:
    return (
        StatusReport.objects.filter(tenant=tenant)
        .defer("html", "pdf")
        .select_related("created_by")
        .order_by("-created")
    )


def report_templates_for(tenant: Tenant) -> QuerySet[ReportTemplate]:
    return ReportTemplate.objects.filter(tenant=tenant).order_by("name")


def report_template_config(tenant: Tenant) -> list[dict[str, Any]]:
    return [
        {"code": t.code, "name": t.name, "sections": list(t.sections)}
        for t in report_templates_for(tenant)
    ]


def governance_summary(tenant: Tenant, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Counts for reports and dashboards (no personal data)."""
    return {
        "meetings": meetings_between(tenant, start, end).count(),
        "decisions": decisions_between(tenant, start, end).count(),
        "open_actions": open_actions(tenant).count(),
        "overdue_actions": open_actions(tenant).filter(due__lt=end).count(),
    }
