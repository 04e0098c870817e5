"""REST API of the fund (read-only): balances per source and the yearly report.
Applications are not exposed over the API (personal data stays in the UI)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from interprochance.core.policy import Access
from interprochance.core.roles import Role
from interprochance.fund import selectors

STAFF_AND_REPORTS = Access(roles=(Role.FONDS, Role.FONDS_ANORDNUNG, Role.PLANUNG, Role.GREMIUM))


class BalanceSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    contributed_cents = serializers.IntegerField()
    available_cents = serializers.IntegerField()
    committed_cents = serializers.IntegerField()
    paid_cents = serializers.IntegerField()


class YearRowSerializer(serializers.Serializer):
    name = serializers.CharField()
    contributed = serializers.IntegerField()
    committed = serializers.IntegerField()
    paid = serializers.IntegerField()
    released = serializers.IntegerField()
    available_end = serializers.IntegerField()
    committed_end = serializers.IntegerField()


class SourceBalances(APIView):
    """Balances per funding source in cents, derived from the ledger."""

    access = STAFF_AND_REPORTS

    @extend_schema(responses=BalanceSerializer(many=True))
    def get(self, request: Request) -> Response:
        rows = [
            {
                "key": b.source.key,
                "name": b.source.name,
                "kind": b.source.kind,
                "contributed_cents": b.contributed,
                "available_cents": b.available,
                "committed_cents": b.committed,
                "paid_cents": b.paid,
            }
            for b in selectors.source_balances(request.tenant)  # type: ignore[attr-defined]
        ]
        return Response(BalanceSerializer(rows, many=True).data)


class YearlyReport(APIView):
    """Flows of the year and closing balances per source, in cents."""

    access = STAFF_AND_REPORTS

    @extend_schema(
        parameters=[OpenApiParameter("year", int)], responses=YearRowSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        try:
            year = int(request.query_params.get("year", timezone.localdate().year))
        except ValueError:
            return Response({"detail": "Das Jahr muss eine Zahl sein."}, status=400)
        if not 2000 <= year <= 2100:
            return Response({"detail": "Das Jahr liegt außerhalb von 2000 bis 2100."}, status=400)
        rows = selectors.yearly_report(request.tenant, year)  # type: ignore[attr-defined]
        return Response(YearRowSerializer(rows, many=True).data)
