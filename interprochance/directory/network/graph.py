"""Network graph "who works with whom", laid out and drawn as SVG (pure Python).

Edges come from cooperation agreements (strong ties) and from taking part in
the same network meetings (weak ties). The drawing is a circle ordered by
organisation kind, so the groups (Stadt, Kita, Schule, freie Träger, ...) sit
together; node size grows with the number of partners, line width with the
strength of the tie, agreements are solid, shared meetings dashed. Labels are
horizontal and placed outside the circle so they stay readable.

Only presentation attributes are used (no ``style``), so the SVG works under a
strict Content Security Policy. The view shows the same data as a table for
screen readers and keyboard users.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

#: Colour per kind (WCAG: >= 3:1 against white for graphical objects).
PALETTE = {
    "kommune": "#1f5f99",
    "kita": "#b35900",
    "schule": "#2e7d32",
    "traeger": "#7b3fa0",
    "beratung": "#b0245b",
    "verein": "#00756f",
    "sonstige": "#5f6368",
}


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    kind: str = "sonstige"


@dataclass(frozen=True)
class Tie:
    a: str
    b: str
    agreements: int = 0
    meetings: int = 0

    @property
    def weight(self) -> float:
        return self.agreements * 2 + self.meetings


@dataclass(frozen=True)
class PlacedNode:
    node: Node
    x: float
    y: float
    r: float
    degree: int
    label_x: float
    label_y: float
    anchor: str


def build_ties(agreements: Iterable[Sequence[str]], meetings: Iterable[Sequence[str]]) -> list[Tie]:
    """Undirected ties from agreement parties and meeting participants (organisation keys)."""
    agr: dict[tuple[str, str], int] = defaultdict(int)
    met: dict[tuple[str, str], int] = defaultdict(int)
    for parties, counter in ((agreements, agr), (meetings, met)):
        for group in parties:
            members = sorted(set(group))
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    counter[(a, b)] += 1
    keys = sorted(set(agr) | set(met))
    return [Tie(a, b, agr.get((a, b), 0), met.get((a, b), 0)) for a, b in keys]


def layout(
    nodes: Sequence[Node], ties: Sequence[Tie], *, size: int = 640, margin: int = 150
) -> list[PlacedNode]:
    degree: dict[str, int] = defaultdict(int)
    for t in ties:
        degree[t.a] += 1
        degree[t.b] += 1
    kinds = list(PALETTE)
    ordered = sorted(
        nodes,
        key=lambda n: (
            kinds.index(n.kind) if n.kind in kinds else len(kinds),
            -degree[n.key],
            n.label,
        ),
    )
    cx = cy = size / 2
    radius = size / 2 - margin
    placed = []
    n = max(len(ordered), 1)
    for i, node in enumerate(ordered):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        r = 6 + 2.5 * math.sqrt(degree[node.key])
        lx, ly = cx + (radius + r + 8) * math.cos(angle), cy + (radius + r + 8) * math.sin(angle)
        anchor = (
            "start" if math.cos(angle) > 0.15 else ("end" if math.cos(angle) < -0.15 else "middle")
        )
        if anchor == "middle":
            ly += 12 if math.sin(angle) > 0 else -4
        placed.append(
            PlacedNode(
                node,
                round(x, 1),
                round(y, 1),
                round(r, 1),
                degree[node.key],
                round(lx, 1),
                round(ly + 4, 1),
                anchor,
            )
        )
    return placed


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def render_svg(
    nodes: Sequence[Node],
    ties: Sequence[Tie],
    *,
    title: str,
    description: str,
    size: int = 640,
    kind_labels: dict[str, str] | None = None,
) -> str:
    placed = layout(nodes, ties, size=size)
    pos = {p.node.key: p for p in placed}
    kind_labels = kind_labels or {}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size + 40}" '
        f'role="img" aria-labelledby="netz-title netz-desc" class="network-graph">',
        f'<title id="netz-title">{escape(title)}</title>',
        f'<desc id="netz-desc">{escape(description)}</desc>',
        '<g fill="none" stroke="#4d4d4d">',
    ]
    for t in sorted(ties, key=lambda t: t.weight):
        if t.a not in pos or t.b not in pos:
            continue
        a, b = pos[t.a], pos[t.b]
        width = min(1 + t.weight * 0.8, 7)
        dash = "" if t.agreements else ' stroke-dasharray="5 4"'
        opacity = "0.85" if t.agreements else "0.6"
        out.append(
            f'<line x1="{a.x}" y1="{a.y}" x2="{b.x}" y2="{b.y}" stroke-width="{width:.1f}" '
            f'stroke-opacity="{opacity}"{dash}><title>{escape(a.node.label)} – {escape(b.node.label)}: '
            f"{t.agreements} Vereinbarung(en), {t.meetings} gemeinsame Treffen</title></line>"
        )
    out.append("</g>")
    for p in placed:
        color = PALETTE.get(p.node.kind, PALETTE["sonstige"])
        out.append(
            f'<g><circle cx="{p.x}" cy="{p.y}" r="{p.r}" fill="{color}" stroke="#ffffff" stroke-width="1.5">'
            f"<title>{escape(p.node.label)}: {p.degree} Partner</title></circle>"
            f'<text x="{p.label_x}" y="{p.label_y}" text-anchor="{p.anchor}" font-size="12" '
            f'fill="#1a1a1a">{escape(_short(p.node.label))}</text></g>'
        )
    # legend
    used = [k for k in PALETTE if any(n.kind == k for n in nodes)]
    x = 10
    y = size + 20
    for k in used:
        label = kind_labels.get(k, k)
        out.append(
            f'<circle cx="{x + 6}" cy="{y - 4}" r="6" fill="{PALETTE[k]}"/>'
            f'<text x="{x + 16}" y="{y}" font-size="12" fill="#1a1a1a">{escape(label)}</text>'
        )
        x += 24 + 7 * len(label)
    out.append("</svg>")
    return "".join(out)
