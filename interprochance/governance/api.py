"""REST API of the governance module (read only; writes go through the UI)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from interprochance.core.policy import Access
from interprochance.governance import access as gov_access
from interprochance.governance import selectors


class TermStateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    parties = serializers.CharField()
    signed = serializers.DateField()
    signed_note = serializers.CharField()
    term_start = serializers.DateField(allow_null=True)
    term_end = serializers.DateField(allow_null=True)
    notice_deadline = serializers.DateField(allow_null=True)
    status = serializers.CharField(allow_null=True)
    ends_on = serializers.DateField(allow_null=True)
    reminders = serializers.ListField(child=serializers.DateField())
    error = serializers.CharField()


class AgreementList(APIView):
    """Agreements of the active tenant with their term state on a date."""

    access = Access(roles=gov_access.READ_ROLES)

    @extend_schema(
        parameters=[OpenApiParameter("on", str, description="YYYY-MM-DD (default: today)")],
        responses=TermStateSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        on_text = request.query_params.get("on")
        try:
            on = dt.date.fromisoformat(on_text) if on_text else timezone.localdate()
        except ValueError:
            raise ValidationError({"on": "Bitte ein Datum im Format JJJJ-MM-TT angeben."}) from None
        rows: list[dict[str, Any]] = []
        for view in selectors.agreements_for_tenant(request.tenant, on=on):  # type: ignore[attr-defined]
            a, s = view.agreement, view.state
            rows.append(
                {
                    "id": a.pk,
                    "title": a.title,
                    "parties": a.parties,
                    "signed": a.signed,
                    "signed_note": a.signed_note,
                    "term_start": s.term.start if s else None,
                    "term_end": s.term.end if s else None,
                    "notice_deadline": s.term.notice_deadline if s else None,
                    "status": s.status.value if s else None,
                    "ends_on": s.ends_on if s else None,
                    "reminders": view.reminders,
                    "error": view.error,
                }
            )
        return Response(TermStateSerializer(rows, many=True).data)


class ActionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    owner = serializers.CharField()
    due = serializers.DateField()
    body = serializers.CharField(source="meeting.body.name")
    meeting = serializers.IntegerField(source="meeting_id")
    follow_up = serializers.CharField()


class OpenActionList(APIView):
    """Open action items from the bodies' meetings, by due date."""

    access = Access(roles=gov_access.READ_ROLES)

    @extend_schema(responses=ActionSerializer(many=True))
    def get(self, request: Request) -> Response:
        actions = selectors.open_actions(request.tenant)  # type: ignore[attr-defined]
        return Response(ActionSerializer(actions, many=True).data)


class MeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    body = serializers.CharField(source="body.name")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    location = serializers.CharField()
    status = serializers.CharField()
    n_decisions = serializers.IntegerField()
    n_open = serializers.IntegerField()


class MeetingList(APIView):
    """Meetings of the active tenant's bodies (newest first)."""

    access = Access(roles=gov_access.READ_ROLES)

    @extend_schema(responses=MeetingSerializer(many=True))
    def get(self, request: Request) -> Response:
        meetings = selectors.meetings_for_tenant(request.tenant)  # type: ignore[attr-defined]
        return Response(MeetingSerializer(meetings, many=True).data)
