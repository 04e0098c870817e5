"""Vega-Lite charts: one spec, rendered to SVG on the server for the page and
the PDF alike (so the public pages need no JavaScript and the CSP stays strict)."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from django.utils.safestring import SafeString, mark_safe

KERN_FONT = "Fira Sans, Noto Sans, DejaVu Sans, sans-serif"


def base_config() -> dict[str, Any]:
    return {
        "font": KERN_FONT,
        "view": {"stroke": None},
        "axis": {"labelFontSize": 12, "titleFontSize": 13},
        "legend": {"labelFontSize": 12, "titleFontSize": 13},
    }


def _with_defaults(spec: dict[str, Any]) -> dict[str, Any]:
    full = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", **spec}
    full.setdefault("config", base_config())
    return full


@lru_cache(maxsize=256)
def _svg_cached(spec_json: str) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(vl_spec=spec_json)


def svg(spec: dict[str, Any], *, title: str = "", description: str = "") -> SafeString:
    """SVG markup for a Vega-Lite spec, with an accessible name."""
    markup = _svg_cached(json.dumps(_with_defaults(spec), sort_keys=True, default=str))
    label = title or spec.get("title") or "Diagramm"
    if isinstance(label, dict):
        label = label.get("text", "Diagramm")
    markup = markup.replace("<svg ", f'<svg role="img" aria-label="{_escape(str(label))}" ', 1)
    if description:
        markup = markup.replace(">", f"><desc>{_escape(description)}</desc>", 1)
    return mark_safe(markup)  # noqa: S308 - produced by vl-convert from our own spec, text escaped


def spec_json(spec: dict[str, Any]) -> str:
    return json.dumps(_with_defaults(spec), ensure_ascii=False, indent=2, default=str)


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
