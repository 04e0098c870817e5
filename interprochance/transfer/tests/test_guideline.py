import datetime as dt

from interprochance.transfer.guideline import (
    Condition,
    Fact,
    Guideline,
    Lesson,
    Step,
    render_html,
    render_markdown,
)

G = Guideline(
    title="Handlungsleitfaden Präventionskette",
    municipality="Weiterstadt",
    generated=dt.date(2026, 11, 25),
    intro="Was wir gelernt haben.\n\nZweiter Absatz.",
    facts=[Fact("Einwohner", "26.583")],
    steps=[
        Step(
            "Steuerungsgruppe einsetzen",
            "Landkreis und Stadt benennen Vertreter.",
            roles=["Sozialplanung"],
            checklist=["Mitglieder benannt", "Termine geplant"],
        )
    ],
    roles=[("Netzwerkkoordination", "pflegt das Angebotsverzeichnis")],
    conditions=[Condition("Politischer Rückhalt", "Beschluss der Gremien", "erfüllt")],
    lessons=[Lesson("Früh beteiligen", "Kitas von Anfang an einbinden.", dt.date(2025, 3, 1))],
    sources=["Kooperationsvereinbarung vom 16.09.2014"],
)


def test_markdown_structure():
    text = render_markdown(G)
    assert text.startswith("# Handlungsleitfaden Präventionskette\n")
    assert "### 1. Steuerungsgruppe einsetzen" in text
    assert "- [ ] Mitglieder benannt" in text
    assert "| Netzwerkkoordination | pflegt das Angebotsverzeichnis |" in text
    assert "### Früh beteiligen (01.03.2025)" in text
    assert "erstellt am 25.11.2025" not in text and "25.11.2026" in text


def test_html_has_toc_and_tables():
    out = render_html(render_markdown(G))
    assert '<div class="toc">' in out
    assert "<table>" in out
    assert 'id="gelingensbedingungen"' in out
    assert "<h1" in out


def test_stored_html_is_escaped():
    evil = Guideline(
        title="T",
        municipality="<b>x</b>",
        generated=dt.date(2026, 1, 1),
        steps=[Step("<script>alert(1)</script>", "[link](javascript:alert(1))")],
    )
    out = render_html(render_markdown(evil))
    assert "<script>" not in out and "<b>x</b>" not in out
    assert 'href="javascript' not in out
