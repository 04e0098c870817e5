"""Reads of the counselling module, for its views and for other apps.

List selectors return a fixed number of queries per page whatever the page
size (select_related / prefetch_related here, never in views).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from interprochance.core.models import AuditEvent, Tenant

from .access import office_ids, visible_cases
from .models import Case, CaseStatus, CaseTopic, Contact, Household, HouseholdIdentity
from .rules.statistics import Row

SEARCH_LIMIT = 500


_NUMBER = re.compile(r"^(?:B-?)?(?:(\d{4})-)?0*(\d{1,6})$")


def number_candidates(query: str, this_year: int) -> list[str]:
    """Case numbers a term can mean: 'B-2025-00042', '2025-42' or just '42' (any year)."""
    match = _NUMBER.match(query.strip().upper())
    if not match:
        return []
    year_text, seq_text = match.groups()
    years = [int(year_text)] if year_text else list(range(2000, this_year + 1))
    seq = int(seq_text)
    return [f"B-{y}-{seq:0{width}d}" for y in years for width in (5, 6)]


def search_case_ids(
    user: Any, tenant: Tenant | None, query: str, limit: int = SEARCH_LIMIT
) -> list[int]:
    """Ids of the user's visible cases matching the term, newest first, at most `limit`.

    Driven from the selective side: case numbers by exact candidates on the
    (tenant, number) index, pseudonyms by their unique index, names by the
    identity table alone (then cases by their household index). Visibility
    (office, not anonymised) is applied to those few rows. No identity field is
    joined into case queries; a counsellor refines a search with more hits.
    """
    from django.utils import timezone

    visible_offices = set(office_ids(user, tenant))
    if not visible_offices:
        return []
    columns = ("id", "opened_on", "office_id", "anonymised_at")
    rows: list[tuple[Any, ...]] = []
    numbers = number_candidates(query, timezone.localdate().year)
    if numbers:
        rows += (
            Case.objects.filter(tenant=tenant, number__in=numbers).order_by().values_list(*columns)
        )
    if not numbers:  # a term that reads as a case number is not a name: skip the identity scan
        names = (
            HouseholdIdentity.objects.filter(search_key__contains=query.casefold())
            .order_by()
            .values("household_id")
        )
        rows += (
            Case.objects.filter(household_id__in=names[: limit * 5])
            .order_by()
            .values_list(*columns)[: limit * 5]
        )
    pseudonyms = Household.objects.filter(pseudonym=query.upper()).values("id")
    rows += Case.objects.filter(household_id__in=pseudonyms).order_by().values_list(*columns)
    hits = {
        pk: opened
        for pk, opened, office, anonymised in rows
        if office in visible_offices and anonymised is None
    }
    return [pk for pk, _d in sorted(hits.items(), key=lambda kv: (kv[1], kv[0]), reverse=True)][
        :limit
    ]


def case_list(
    user: Any, tenant: Tenant | None, *, query: str = "", status: str = "", topic: str = ""
) -> QuerySet[Case]:
    """The counsellor's cases, newest first, searchable by number, pseudonym or contact name.

    Filters use subqueries/id lists rather than joins so that the list can be
    paged on the partial (office, opened_on, id) index of visible cases; see `case_page`.
    """
    qs = visible_cases(user, tenant)
    query = query.strip()
    if query:
        # the ids come from the visible cases only; paging over them needs no other filter
        qs = Case.objects.filter(pk__in=search_case_ids(user, tenant, query))
    if status in CaseStatus.values:
        qs = qs.filter(status=status)
    if topic:
        # probes the (case, topic) unique index for the rows the page walks through
        qs = qs.filter(Exists(CaseTopic.objects.filter(case_id=OuterRef("pk"), topic=topic)))
    return qs.order_by("-opened_on", "-id")


def hydrate_cases(ids: list[int]) -> list[Case]:
    """The rows of one page, with everything the list shows, in the given order (2 queries)."""
    rows = {
        c.pk: c
        for c in Case.objects.filter(pk__in=ids)
        .select_related("office", "area", "household", "household__identity", "counsellor")
        .prefetch_related(Prefetch("topics", queryset=CaseTopic.objects.order_by("topic")))
    }
    return [rows[i] for i in ids if i in rows]


@dataclass
class CasePage:
    """One page of the case list without counting all matches (no COUNT over the office's cases)."""

    object_list: list[Case]
    number: int
    has_next: bool
    total: int | None = None  # known for searches (the candidate ids), else None

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def case_page(
    qs: QuerySet[Case], number: Any, per_page: int = 25, *, total: int | None = None
) -> CasePage:
    """Page on ids along the index (per_page + 1 to see whether a next page exists), then hydrate."""
    try:
        page_number = max(1, int(number))
    except (TypeError, ValueError):
        page_number = 1
    offset = (page_number - 1) * per_page
    ids = list(qs.values_list("id", flat=True)[offset : offset + per_page + 1])
    if not ids and page_number > 1:  # past the end: show the first page rather than an empty one
        return case_page(qs, 1, per_page, total=total)
    return CasePage(
        object_list=hydrate_cases(ids[:per_page]),
        number=page_number,
        has_next=len(ids) > per_page,
        total=total,
    )


def case_detail(case: Case) -> dict[str, Any]:
    """Everything the case page shows, in a fixed number of queries."""
    return {
        "topics": list(case.topics.order_by("topic")),
        "goals": list(case.goals.all()),
        "contacts": list(case.contacts.select_related("created_by")),
        "tasks": list(case.tasks.select_related("assignee")),
        "documents": list(case.documents.select_related("uploaded_by")),
        "consents": list(case.consents.all()),
        "referrals": list(case.referrals.select_related("to_office", "consent")),
        "members": list(case.household.members.all()) if case.household else [],
    }


def access_log(case: Case) -> QuerySet[AuditEvent]:
    """Every audited event about the case and the records hanging on it (for the DPO)."""
    return AuditEvent.objects.filter(
        Q(entity="counseling.case", object_id=str(case.pk)) | Q(detail__case=case.pk)
    ).order_by("-id")


def open_tasks(user: Any, tenant: Tenant | None) -> QuerySet:
    from .models import CaseTask

    return (
        CaseTask.objects.filter(
            case__in=visible_cases(user, tenant), done_at__isnull=True, assignee=user
        )
        .select_related("case")
        .order_by("due_on")
    )


def statistics_rows(
    tenant_slug: str, bounds: tuple[date, date] | None
) -> tuple[list[Row], list[Row], list[Row]]:
    """Area, topic and date of cases and contacts: no identities, no ids leave this function."""
    cases = Case.objects.filter(tenant__slug=tenant_slug, area__isnull=False)
    contacts = Contact.objects.filter(case__tenant__slug=tenant_slug, case__area__isnull=False)
    if bounds:
        cases = cases.filter(opened_on__range=bounds)
        contacts = contacts.filter(date__range=bounds)
    case_rows = [
        Row(code, None, day)
        for code, day in cases.values_list("area__code", "opened_on").iterator()
    ]
    contact_rows = [
        Row(code, None, day)
        for code, day in contacts.values_list("case__area__code", "date").iterator()
    ]
    topic_rows = [
        Row(code, topic, day)
        for code, topic, day in CaseTopic.objects.filter(case__in=cases)
        .values_list("case__area__code", "topic", "case__opened_on")
        .iterator()
    ]
    return case_rows, contact_rows, topic_rows


def office_case_counts(tenant: Tenant) -> QuerySet:
    return (
        Case.objects.filter(tenant=tenant, anonymised_at__isnull=True)
        .values("office__name")
        .annotate(n=Count("id"))
        .order_by("office__name")
    )
