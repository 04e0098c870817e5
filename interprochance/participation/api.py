"""REST API of the participation module (read only)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from interprochance.core.policy import Access
from interprochance.participation import access, selectors


class StageSerializer(serializers.Serializer):
    stage = serializers.CharField()
    description = serializers.CharField()
    indicator_codes = serializers.ListField(child=serializers.CharField())


class ConceptSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    goal = serializers.CharField()
    target_group = serializers.CharField()
    life_phase = serializers.CharField()
    institution_kind = serializers.CharField()
    resources = serializers.CharField()
    stages = StageSerializer(many=True)


class ConceptList(APIView):
    """The concept catalogue with impact staircase and indicator links."""

    access = Access(roles=access.READ_ROLES)

    @extend_schema(responses=ConceptSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(ConceptSerializer(selectors.concept_config(request.tenant), many=True).data)  # type: ignore[attr-defined]


class StageCounts(APIView):
    """Implementations per stage (planned ... anchored)."""

    access = Access(roles=access.READ_ROLES)

    @extend_schema(responses=dict[str, int])
    def get(self, request: Request) -> Response:
        return Response(selectors.stage_counts(request.tenant))  # type: ignore[attr-defined]
