"""Who may see which counselling record. Tenant first, then role, then office.

A counsellor (role Beratung in the active tenant) sees the records of the
offices she belongs to, and nothing else. Missing and forbidden both raise
Http404. Views never fetch a counselling object by a user-supplied id any
other way.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from interprochance.core.models import Tenant
from interprochance.core.policy import has_role
from interprochance.core.roles import Role

from .models import (
    AppointmentRequest,
    Case,
    Contact,
    CounsellingOffice,
    Document,
    Household,
    OfficeMembership,
    Referral,
)


def office_ids(user: Any, tenant: Tenant | None) -> list[int]:
    """The offices in `tenant` whose records `user` may see (empty if not a counsellor there)."""
    if tenant is None or not getattr(user, "is_authenticated", False):
        return []
    if not has_role(user, tenant, Role.BERATUNG):
        return []
    cache = getattr(user, "_office_cache", None)
    if cache is None:
        cache = {}
        user._office_cache = cache
    if tenant.pk not in cache:
        cache[tenant.pk] = list(
            OfficeMembership.objects.filter(
                user=user, office__tenant=tenant, office__is_active=True
            )
            .order_by("office_id")
            .values_list("office_id", flat=True)
        )
    return cache[tenant.pk]


def is_office_lead(user: Any, office: CounsellingOffice) -> bool:
    return OfficeMembership.objects.filter(user=user, office=office, is_lead=True).exists()


def visible_offices(user: Any, tenant: Tenant | None) -> QuerySet[CounsellingOffice]:
    return CounsellingOffice.objects.filter(pk__in=office_ids(user, tenant))


def visible_cases(user: Any, tenant: Tenant | None) -> QuerySet[Case]:
    ids = office_ids(user, tenant)
    if not ids:
        return Case.objects.none()
    # office ids are already restricted to the tenant (office_ids); filtering by office
    # alone lets the list use the partial (office, opened_on, id) index of visible cases.
    return Case.objects.filter(office_id__in=ids, anonymised_at__isnull=True)


def _require(user: Any, tenant: Tenant | None) -> list[int]:
    ids = office_ids(user, tenant)
    if not ids:
        raise Http404
    return ids


def _pk(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def access_case(user: Any, tenant: Tenant | None, case_id: Any, *, write: bool = False) -> Case:
    ids = _require(user, tenant)
    case = (
        Case.objects.select_related("office", "household", "counsellor", "area")
        .filter(pk=_pk(case_id), tenant=tenant, office_id__in=ids, anonymised_at__isnull=True)
        .first()
    )
    if case is None:
        raise Http404
    if write and case.status != "open":
        raise Http404
    return case


def access_household(user: Any, tenant: Tenant | None, household_id: Any) -> Household:
    ids = _require(user, tenant)
    household = (
        Household.objects.select_related("office", "area")
        .filter(pk=_pk(household_id), tenant=tenant, office_id__in=ids, anonymised_at__isnull=True)
        .first()
    )
    if household is None:
        raise Http404
    return household


def access_document(user: Any, tenant: Tenant | None, document_id: Any) -> Document:
    ids = _require(user, tenant)
    doc = (
        Document.objects.select_related("case")
        .filter(
            pk=_pk(document_id),
            case__tenant=tenant,
            case__office_id__in=ids,
            case__anonymised_at__isnull=True,
        )
        .first()
    )
    if doc is None:
        raise Http404
    return doc


def access_contact(user: Any, tenant: Tenant | None, contact_id: Any) -> Contact:
    ids = _require(user, tenant)
    contact = (
        Contact.objects.select_related("case")
        .filter(
            pk=_pk(contact_id),
            case__tenant=tenant,
            case__office_id__in=ids,
            case__anonymised_at__isnull=True,
        )
        .first()
    )
    if contact is None:
        raise Http404
    return contact


def visible_referrals(user: Any, tenant: Tenant | None) -> QuerySet[Referral]:
    ids = office_ids(user, tenant)
    if not ids:
        return Referral.objects.none()
    return Referral.objects.filter(case__tenant=tenant).filter(
        Q(from_office_id__in=ids) | Q(to_office_id__in=ids)
    )


def access_referral(user: Any, tenant: Tenant | None, referral_id: Any) -> tuple[Referral, str]:
    """The referral and the user's side: 'sender' (her office sent it) or 'receiver'."""
    ids = _require(user, tenant)
    referral = (
        Referral.objects.select_related("case", "from_office", "to_office", "consent")
        .filter(pk=_pk(referral_id), case__tenant=tenant)
        .filter(Q(from_office_id__in=ids) | Q(to_office_id__in=ids))
        .first()
    )
    if referral is None:
        raise Http404
    side = "sender" if referral.from_office_id in ids else "receiver"
    return referral, side


def visible_requests(user: Any, tenant: Tenant | None) -> QuerySet[AppointmentRequest]:
    """Requests of the tenant addressed to one of the user's offices or to no office yet."""
    ids = office_ids(user, tenant)
    if not ids:
        return AppointmentRequest.objects.none()
    return AppointmentRequest.objects.filter(tenant=tenant).filter(
        Q(office_id__in=ids) | Q(office__isnull=True)
    )


def access_request(user: Any, tenant: Tenant | None, request_id: Any) -> AppointmentRequest:
    item = visible_requests(user, tenant).filter(pk=_pk(request_id)).first()
    if item is None:
        raise Http404
    return item
