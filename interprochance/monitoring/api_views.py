"""REST API of the monitoring.

Public (no login): the indicator catalogue and GET /api/monitoring/values with
protected values only (suppressed cells come back as "."). Signed-in
Sozialplanung/Gremium: the same per level plus the index; Sozialplanung gets
exact values for its own territory from /api/monitoring/internal/values,
audited. Without period or level both values endpoints default like the
indicator pages (see ``_resolve``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from interprochance.core import audit
from interprochance.core.api import PublicThrottle
from interprochance.core.models import Area, AreaLevel
from interprochance.core.policy import Access
from interprochance.core.selectors import tenant_areas

from . import selectors
from .access import READ_ROLES, WRITE_ROLES
from .index import DYNAMICS_CLASSES, STATUS_CLASSES
from .models import Indicator

LEVELS = ("landkreis", "gemeinde", "ortsteil", "sozialraum")
PERIOD = re.compile(r"^\d{4}(-Q[1-4])?$")

PARAMS = [
    OpenApiParameter("indicator", OpenApiTypes.STR, description="Indikator-Kürzel", required=True),
    OpenApiParameter(
        "period",
        OpenApiTypes.STR,
        description=(
            "JJJJ oder JJJJ-Qn; Standard: der Zeitraum mit Werten für die meisten Gebiete "
            "der Ebene (unter gleich vielen der neueste), wie auf den Indikatorseiten"
        ),
    ),
    OpenApiParameter(
        "level",
        OpenApiTypes.STR,
        enum=list(LEVELS),
        description=(
            "Gebietsebene; Standard: die Ebene, auf der die meisten Gebiete einen "
            "veröffentlichten Wert haben (bei Gleichstand die gröbere)"
        ),
    ),
]


class IndicatorSerializer(serializers.ModelSerializer):
    numerator = serializers.CharField(source="numerator.code")
    denominator = serializers.CharField(source="denominator.code", default=None)
    life_phase = serializers.CharField(source="get_life_phase_display")
    direction = serializers.CharField()

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "topic",
            "life_phase",
            "direction",
            "unit",
            "numerator",
            "denominator",
            "factor",
            "source",
            "data_owner",
            "update_rhythm",
            "definition",
        ]


class IndicatorList(generics.ListAPIView):
    """The indicator catalogue with sources and definitions."""

    access = Access(public=True)
    serializer_class = IndicatorSerializer
    throttle_classes = [PublicThrottle]
    authentication_classes: list[Any] = []
    pagination_class = None

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.indicators(public_only=True)


VALUE_ROW = inline_serializer(
    "MonitoringValue",
    {
        "area_code": serializers.CharField(),
        "area_name": serializers.CharField(),
        "level": serializers.CharField(),
        "value": serializers.CharField(help_text='Zahl als Text, "." = gesperrt'),
        "numerator": serializers.CharField(allow_null=True),
        "denominator": serializers.CharField(allow_null=True),
        "suppressed": serializers.BooleanField(),
        "synthetic": serializers.BooleanField(),
    },
)


def _bad(message: str) -> Response:
    return Response({"detail": message}, status=400)


def _resolve(request: Request, *, public: bool, areas: Callable[[str], list[Area]]):
    """Indicator, period and level from the query. A period or level not given
    defaults as on the indicator pages (``selectors.indicator_coverage`` over the
    ``areas`` of each level): the level where most areas show a value (equal: the
    coarser), there the period with figures for most areas (equal: the latest).
    Given ones are kept. The period is None when the indicator has no figures."""
    code = request.query_params.get("indicator", "")
    indicator = selectors.indicator_by_code(code, public_only=public)
    if indicator is None:
        return None, None, None, _bad(f"Unbekannter Indikator „{code[:60]}“.")
    period = request.query_params.get("period") or None
    if period is not None and not PERIOD.match(period):
        return None, None, None, _bad("Zeitraum ungültig: erwartet JJJJ oder JJJJ-Q1 bis JJJJ-Q4.")
    level = request.query_params.get("level") or None
    if level is not None and level not in LEVELS:
        return (
            None,
            None,
            None,
            _bad("Ebene ungültig: landkreis, gemeinde, ortsteil oder sozialraum."),
        )
    if level is None or period is None:
        coverage = selectors.indicator_coverage(indicator, [a for lv in LEVELS for a in areas(lv)])
        if level is None:
            widest = selectors.widest_level(coverage, LEVELS)
            level = widest.level if widest else "gemeinde"
        if period is None:
            at_level = coverage.get(level)
            period = at_level.period if at_level else selectors.latest_period(indicator)
    return indicator, period, level, None


def _rows(indicator: Indicator, rows) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        value: str | None
        numerator: str | None
        denominator: str | None
        if r.suppressed:
            value = numerator = denominator = "."
        else:
            value = None if r.value is None else f"{r.value:.{indicator.decimals}f}"
            numerator = None if r.numerator is None else f"{r.numerator.normalize():f}"
            denominator = None if r.denominator is None else f"{r.denominator.normalize():f}"
        out.append(
            {
                "area_code": r.area.code,
                "area_name": r.area.name,
                "level": r.area.level,
                "value": value,
                "numerator": numerator,
                "denominator": denominator,
                "suppressed": r.suppressed,
                "synthetic": r.synthetic,
            }
        )
    return out


class PublicValues(APIView):
    """Protected values per area: suppressed cells are "." (never the number)."""

    access = Access(public=True)
    throttle_classes = [PublicThrottle]
    authentication_classes: list[Any] = []

    @extend_schema(parameters=PARAMS, responses={200: VALUE_ROW, 400: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        indicator, period, level, error = _resolve(
            request, public=True, areas=selectors.public_areas
        )
        if error is not None:
            return error
        areas = selectors.public_areas(level)
        rows = selectors.indicator_values(indicator, period, areas) if period else []
        return Response(
            {
                "indicator": indicator.code,
                "period": period,
                "level": level,
                "values": _rows(indicator, rows),
            }
        )


class InternalValues(APIView):
    """Values of the active tenant's territory; exact for Sozialplanung (audited)."""

    access = Access(roles=READ_ROLES)

    @extend_schema(parameters=PARAMS, responses={200: VALUE_ROW, 400: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        tenant = request.tenant  # type: ignore[attr-defined]
        indicator, period, level, error = _resolve(
            request, public=False, areas=lambda lv: list(tenant_areas(tenant, level=lv))
        )
        if error is not None:
            return error
        areas = list(tenant_areas(tenant, level=level))
        exact = bool(set(request._request.roles) & set(WRITE_ROLES))  # type: ignore[attr-defined]
        rows = selectors.indicator_values(indicator, period, areas, exact=exact) if period else []
        if exact and period:
            audit.record_read(
                actor=request.user,
                tenant=tenant,
                entity="monitoring.values",
                object_id=f"{indicator.code}/{period}/{level}",
            )
        return Response(
            {
                "indicator": indicator.code,
                "period": period,
                "level": level,
                "exact": exact,
                "values": _rows(indicator, rows),
            }
        )


class IndexView(APIView):
    """MSS status index and classes over the protected values."""

    access = Access(roles=READ_ROLES)

    @extend_schema(
        parameters=[
            OpenApiParameter("period", OpenApiTypes.STR, description="JJJJ"),
            OpenApiParameter("level", OpenApiTypes.STR, enum=list(LEVELS)),
            OpenApiParameter(
                "indicators", OpenApiTypes.STR, description="code[:Gewicht],... (Standard-Index)"
            ),
        ],
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        level = request.query_params.get("level") or "gemeinde"
        if level not in LEVELS:
            return _bad("Ebene ungültig.")
        ind = selectors.indicator_by_code("kinderarmut_sgb2_u15")
        period = request.query_params.get("period") or (selectors.latest_period(ind) if ind else "")
        if not period or not PERIOD.match(period):
            return _bad("Zeitraum ungültig: erwartet JJJJ.")
        tenant = request.tenant  # type: ignore[attr-defined]
        areas = (
            selectors.public_areas(level)
            if level in (AreaLevel.GEMEINDE, AreaLevel.LANDKREIS)
            else list(tenant_areas(tenant, level=level))
        )
        try:
            spec = selectors.index_spec(request.query_params.get("indicators") or None)
        except ValueError as exc:
            return _bad(str(exc))
        result = selectors.index_table(period, areas, spec)
        if result is not None:
            spec = result.spec
        body: dict[str, Any] = {
            "period": period,
            "level": level,
            "indicators": [
                {"code": w.code, "weight": w.weight, "direction": w.direction} for w in spec.status
            ],
            "dynamics": bool(spec.dynamics),
            "method": "MSS: z-Standardisierung (ungewichtet), Summe, erneute Standardisierung",
            "areas": [],
        }
        if result is not None:
            for a in areas:
                r = result.areas[a.code]
                body["areas"].append(
                    {
                        "area_code": a.code,
                        "valid": r.valid,
                        "reason": r.reason,
                        "status": None if r.status is None else round(r.status, 4),
                        "status_class": r.status_class,
                        "dynamics": None if r.dynamics is None else round(r.dynamics, 4),
                        "status_label": STATUS_CLASSES.get(r.status_class or 0),
                        "dynamics_class": r.dynamics_class,
                        "dynamics_label": DYNAMICS_CLASSES.get(r.dynamics_class or 0),
                    }
                )
        return Response(body)
