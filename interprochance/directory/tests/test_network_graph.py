"""Network graph: ties, layout and SVG (pure)."""

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from interprochance.directory.network.graph import Node, build_ties, layout, render_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_build_ties_counts_agreements_and_meetings():
    ties = build_ties([["a", "b"], ["b", "a", "c"]], [["a", "b", "d"], ["a", "a"]])
    by = {(t.a, t.b): t for t in ties}
    assert by[("a", "b")].agreements == 2 and by[("a", "b")].meetings == 1
    assert by[("a", "c")].agreements == 1 and by[("a", "c")].meetings == 0
    assert by[("b", "d")].meetings == 1 and by[("b", "d")].agreements == 0
    assert ("a", "a") not in by


def test_svg_is_wellformed_accessible_and_escaped():
    nodes = [
        Node("a", "Stadt <Weiterstadt>", "kommune"),
        Node("b", "Kita & Co", "kita"),
        Node("c", "Caritas", "traeger"),
    ]
    ties = build_ties([["a", "b"]], [["a", "b", "c"]])
    svg = render_svg(
        nodes, ties, title="Netzwerk", description="3 Akteure", kind_labels={"kita": "Kita"}
    )
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Netzwerk"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Stadt <Weiterstadt>" in texts and "Kita & Co" in texts
    lines = list(root.iter(f"{SVG}line"))
    assert len(lines) == 3
    dashed = [line for line in lines if line.get("stroke-dasharray")]
    assert len(dashed) == 2  # meeting-only ties
    assert "style=" not in svg  # CSP: presentation attributes only


@given(
    st.lists(
        st.sampled_from(["kommune", "kita", "schule", "traeger", "x"]), min_size=1, max_size=40
    )
)
@settings(max_examples=40)
def test_layout_keeps_nodes_inside_and_groups_kinds(kinds):
    nodes = [Node(str(i), f"Akteur {i}", k) for i, k in enumerate(kinds)]
    placed = layout(nodes, [], size=640)
    assert len(placed) == len(nodes)
    for p in placed:
        assert 0 <= p.x <= 640 and 0 <= p.y <= 640
    order = [p.node.kind for p in placed]
    # each kind forms one contiguous run around the circle
    runs = [k for i, k in enumerate(order) if i == 0 or order[i - 1] != k]
    assert len(runs) == len(set(order))
