"""Handlungsleitfaden (practical guideline) built from platform content.

Pure Python: dataclasses in, Markdown/HTML out.  The Django layer fills the
dataclasses from the transfer and governance models and the other modules'
selectors; the PDF is rendered from the HTML by core's PDF helper.

All text from the database is escaped before it becomes Markdown, so stored
text can never inject HTML into the rendered guideline.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import markdown as md


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    roles: Sequence[str] = ()
    checklist: Sequence[str] = ()


@dataclass(frozen=True)
class Condition:
    title: str
    text: str
    rating: str = ""  # latest assessment, already as a label ("erfüllt", ...)


@dataclass(frozen=True)
class Lesson:
    title: str
    text: str
    recorded: dt.date | None = None


@dataclass(frozen=True)
class Fact:
    label: str
    value: str


@dataclass(frozen=True)
class Guideline:
    title: str
    municipality: str
    generated: dt.date
    intro: str = ""
    facts: Sequence[Fact] = ()
    steps: Sequence[Step] = ()
    roles: Sequence[tuple[str, str]] = ()  # (role, what it does)
    conditions: Sequence[Condition] = ()
    lessons: Sequence[Lesson] = ()
    sources: Sequence[str] = field(default=())


# Only what can create links, images, code, emphasis or tables; "." and "-"
# stay readable in the Markdown download.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def _inline(text: str) -> str:
    """Escape text for use inside a Markdown line: HTML entities and the
    characters Markdown treats as syntax."""
    flat = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def _block(text: str) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "\n\n".join(_inline(p) for p in paragraphs)


def _date(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def render_markdown(g: Guideline) -> str:
    out: list[str] = [f"# {_inline(g.title)}", ""]
    out.append(f"*{_inline(g.municipality)}, erstellt am {_date(g.generated)}*")
    out.append("")
    if g.intro:
        out += [_block(g.intro), ""]
    if g.facts:
        out += ["## Ausgangslage", ""]
        out += [f"- **{_inline(f.label)}:** {_inline(f.value)}" for f in g.facts]
        out.append("")
    if g.steps:
        out += ["## Schritte zum Aufbau einer Präventionskette", ""]
        for number, step in enumerate(g.steps, start=1):
            out += [f"### {number}. {_inline(step.title)}", "", _block(step.text), ""]
            if step.roles:
                out += ["Beteiligt: " + ", ".join(_inline(r) for r in step.roles), ""]
            if step.checklist:
                out += ["Checkliste:", ""]
                out += [f"- [ ] {_inline(item)}" for item in step.checklist]
                out.append("")
    if g.roles:
        out += ["## Rollen", "", "| Rolle | Aufgabe |", "|---|---|"]
        out += [f"| {_inline(r)} | {_inline(t)} |" for r, t in g.roles]
        out.append("")
    if g.conditions:
        out += ["## Gelingensbedingungen", ""]
        for c in g.conditions:
            rating = f" — *{_inline(c.rating)}*" if c.rating else ""
            out += [f"- **{_inline(c.title)}**{rating}: {_inline(c.text)}"]
        out.append("")
    if g.lessons:
        out += ["## Erfahrungen aus dem Projekt", ""]
        for lesson in g.lessons:
            when = f" ({_date(lesson.recorded)})" if lesson.recorded else ""
            out += [f"### {_inline(lesson.title)}{when}", "", _block(lesson.text), ""]
    if g.sources:
        out += ["## Quellen", ""]
        out += [f"- {_inline(s)}" for s in g.sources]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def slug(text: str) -> str:
    text = text.lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "abschnitt"


def render_html(markdown_text: str) -> str:
    """HTML body fragment (no <html>/<body>), with ids on headings and a
    table of contents in ``[TOC]`` position prepended."""
    converter = md.Markdown(
        extensions=["tables", "toc", "sane_lists"],
        extension_configs={
            "toc": {
                "slugify": lambda value, separator: slug(value),
                "toc_depth": "2-3",
                "title": "Inhalt",
            }
        },
        output_format="html",
    )
    return converter.convert("[TOC]\n\n" + markdown_text)
