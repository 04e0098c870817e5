"""GET /api/monitoring/values (and its internal twin) without period or level
defaults like the indicator pages: the level where most areas show a value
(equal: the coarser), there the period with figures for most areas (equal: the
latest). A period or level given is kept, even where there are no figures."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from interprochance.monitoring import services

from .helpers import gemeinden as _gemeinden
from .helpers import import_values as _import
from .helpers import sozialraeume as _sozialraeume

pytestmark = pytest.mark.django_db

API = "/api/monitoring/values"
INTERNAL = "/api/monitoring/internal/values/"
PAGE = "/monitoring/oeffentlich/"


def _get(query: dict, client: Client | None = None, url: str = API) -> dict:
    r = (client or Client()).get(url, query)
    assert r.status_code == 200, r.content
    return r.json()


def _shown(body: dict) -> list[str]:
    return [v["area_code"] for v in body["values"] if v["value"] not in (None, ".")]


def _page_choice(query: dict) -> tuple[str, str]:
    html = Client().get(PAGE, query).content.decode()
    level = re.search(r'id="f-level".*?<option value="([^"]+)" selected>', html, flags=re.S)
    period = re.search(r'id="f-period".*?<option selected>([^<]*)<', html, flags=re.S)
    assert level and period
    return level.group(1), period.group(1)


def test_figures_for_sozialraeume_only_default_to_that_level(core_demo, client_as):
    rows = []
    for i, sr in enumerate(_sozialraeume(core_demo)):
        rows += [
            f"{sr.code};2024;kinder_u15;{300 + 10 * i}",
            f"{sr.code};2024;kinder_u15_sgb2;{30 + i}",
        ]
    _import(core_demo.weiterstadt, rows)
    query = {"indicator": "kinderarmut_sgb2_u15"}
    body = _get(query)
    assert (body["level"], body["period"]) == ("sozialraum", "2024")
    assert len(_shown(body)) == len(_sozialraeume(core_demo))
    # the same choice as the public page
    assert _page_choice({"indikator": "kinderarmut_sgb2_u15"}) == ("sozialraum", "2024")
    # and for Sozialplanung of Weiterstadt on the internal endpoint
    internal = _get(query, client_as("demo-planung"), INTERNAL)
    assert (internal["level"], internal["period"]) == ("sozialraum", "2024")
    assert len(_shown(internal)) == len(_sozialraeume(core_demo))
    # a level asked for is kept, even without figures there
    body = _get({**query, "level": "gemeinde"})
    assert body["level"] == "gemeinde" and _shown(body) == []


def test_the_default_period_has_figures_for_most_areas(core_demo):
    """2023 for all 23 Gemeinden, 2024 for two only: the default is 2023 (the page's
    choice too), 2024 only when asked for."""
    gemeinden = _gemeinden()
    rows = []
    for i, g in enumerate(gemeinden):
        rows += [
            f"{g.code};2023;kinder_u15;{800 + 37 * i}",
            f"{g.code};2023;kinder_u15_sgb2;{90 + i}",
        ]
    for g in gemeinden[:2]:
        rows += [f"{g.code};2024;kinder_u15;900", f"{g.code};2024;kinder_u15_sgb2;95"]
    _import(core_demo.landkreis, rows)
    query = {"indicator": "kinderarmut_sgb2_u15"}
    body = _get(query)
    assert (body["level"], body["period"]) == ("gemeinde", "2023")
    assert len(_shown(body)) == 23
    assert _page_choice({"indikator": "kinderarmut_sgb2_u15"}) == ("gemeinde", "2023")
    body = _get({**query, "period": "2024"})
    assert body["period"] == "2024" and len(_shown(body)) == 2


def test_kreis_figures_default_to_the_landkreis_level(core_demo):
    services.reference_import_inkar(actor=None, tenant=core_demo.landkreis)
    body = _get({"indicator": "inkar_ohne_abschluss"})
    assert (body["level"], body["period"]) == ("landkreis", "2021")
    assert _shown(body) == ["06432"]
    assert body["values"][0]["value"] == "5.0"  # 4.99 % (INKAR), one decimal


def test_without_any_figures_there_is_no_period(core_demo):
    services.reference_import_inkar(actor=None, tenant=core_demo.landkreis)
    body = _get({"indicator": "arbeitslosendichte"})
    assert body["period"] is None and body["values"] == []
    # a period asked for is answered for the areas, without values
    body = _get({"indicator": "arbeitslosendichte", "period": "2021"})
    assert body["period"] == "2021" and body["values"] and _shown(body) == []


def test_bad_parameters_are_still_refused(core_demo):
    assert Client().get(API, {"indicator": "gisd", "period": "21"}).status_code == 400
    assert Client().get(API, {"indicator": "gisd", "level": "land"}).status_code == 400
    assert Client().get(API, {"indicator": "gibtsnicht"}).status_code == 400
