"""Core REST endpoints: areas (public reference data), the caller's identity,
the OpenAPI schema and its human-readable docs."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from interprochance.core.api import PublicThrottle
from interprochance.core.models import Area
from interprochance.core.policy import Access, public_view
from interprochance.core.roles import Role


class AreaSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent.code", allow_null=True, read_only=True)  # type: ignore[assignment]
    source = serializers.CharField(source="source.attribution", allow_null=True, read_only=True)  # type: ignore[assignment]

    class Meta:
        model = Area
        fields = [
            "code",
            "name",
            "level",
            "parent",
            "valid_from",
            "valid_to",
            "population",
            "population_date",
            "area_km2",
            "is_synthetic",
            "source",
        ]


class AreaList(generics.ListAPIView):
    """Areas of the territory valid today (public reference data, no personal data)."""

    access = Access(public=True)
    serializer_class = AreaSerializer
    throttle_classes = [PublicThrottle]
    authentication_classes: list[Any] = []

    def get_queryset(self):  # type: ignore[no-untyped-def]
        qs = Area.objects.valid_on().select_related("parent", "source").order_by("code")
        level = self.request.query_params.get("level")
        return qs.filter(level=level) if level else qs


class AreaDetail(generics.RetrieveAPIView):
    access = Access(public=True)
    serializer_class = AreaSerializer
    throttle_classes = [PublicThrottle]
    authentication_classes: list[Any] = []
    lookup_field = "code"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return Area.objects.valid_on().select_related("parent", "source")


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    tenant = serializers.CharField(allow_null=True)
    roles = serializers.ListField(child=serializers.CharField())


class Me(APIView):
    """Who am I, in which tenant, with which roles (tenant via X-Tenant header)."""

    access = Access(roles=tuple(Role.values))

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        tenant = getattr(request, "tenant", None)
        return Response(
            {
                "username": request.user.get_username(),
                "tenant": tenant.slug if tenant else None,
                "roles": sorted(request._request.roles),  # type: ignore[attr-defined]
            }
        )


class SchemaView(SpectacularAPIView):
    access = Access(public=True)
    authentication_classes: list[Any] = []


@public_view
def api_docs(request: HttpRequest) -> HttpResponse:
    """Readable API documentation rendered on the server from the OpenAPI schema."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for path_name, methods in sorted(schema.get("paths", {}).items()):
        for method, op in methods.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            operations.append(
                {
                    "path": path_name,
                    "method": method.upper(),
                    "summary": op.get("summary") or op.get("description", ""),
                    "tags": ", ".join(op.get("tags", [])),
                    "parameters": [
                        (p["name"], p["in"], p.get("required", False), p.get("description", ""))
                        for p in op.get("parameters", [])
                    ],
                }
            )
    return render(
        request, "core/api_docs.html", {"operations": operations, "info": schema.get("info", {})}
    )
