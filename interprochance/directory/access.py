"""Object access for directory entities: tenant first, then role and object rules.

Forbidden and missing both answer 404. Roles are checked by the view
decorators (``policy.require_roles``); these functions make sure the object
belongs to the active tenant.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from interprochance.core.models import Tenant

from .models import MeetingAction, NetworkMeeting, Organization, Service, ServiceProposal


def _check(user: Any, tenant: Tenant | None) -> Tenant:
    if tenant is None or not getattr(user, "is_authenticated", False):
        raise Http404
    return tenant


def access_service(user: Any, tenant: Tenant | None, pk: Any, *, write: bool = False) -> Service:
    tenant = _check(user, tenant)
    service = (
        Service.objects.select_related("organization", "tenant")
        .filter(pk=pk, tenant=tenant)
        .first()
    )
    if service is None:
        raise Http404
    return service


def access_organization(
    user: Any, tenant: Tenant | None, pk: Any, *, write: bool = False
) -> Organization:
    tenant = _check(user, tenant)
    org = Organization.objects.filter(pk=pk, tenant=tenant).first()
    if org is None:
        raise Http404
    return org


def access_proposal(
    user: Any, tenant: Tenant | None, pk: Any, *, write: bool = False
) -> ServiceProposal:
    tenant = _check(user, tenant)
    proposal = (
        ServiceProposal.objects.select_related("organization", "service")
        .filter(pk=pk, tenant=tenant)
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def access_meeting(
    user: Any, tenant: Tenant | None, pk: Any, *, write: bool = False
) -> NetworkMeeting:
    tenant = _check(user, tenant)
    meeting = NetworkMeeting.objects.filter(pk=pk, tenant=tenant).first()
    if meeting is None:
        raise Http404
    return meeting


def access_meeting_action(
    user: Any, tenant: Tenant | None, pk: Any, *, write: bool = False
) -> MeetingAction:
    tenant = _check(user, tenant)
    action = (
        MeetingAction.objects.select_related("meeting")
        .filter(pk=pk, meeting__tenant=tenant)
        .first()
    )
    if action is None:
        raise Http404
    return action
