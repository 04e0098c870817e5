"""German messages for the errors of the pure term arithmetic."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from interprochance.governance.term.errors import TermError

FIELD_LABELS = {
    "initial_months": "Erstlaufzeit",
    "renewal_months": "Verlängerung",
    "notice_months": "Kündigungsfrist",
    "signed": "Unterzeichnungsdatum",
}


def _d(value) -> str:
    return date_format(value, "d.m.Y") if value else ""


def term_error_message(error: TermError) -> str:
    p = error.params
    if error.code == "late_notice":
        return _(
            "Die Kündigung ist verspätet: Sie ging am %(received)s zu, die Frist für das "
            "Laufzeitende %(term_end)s endete am %(deadline)s. Frühestens möglich ist eine "
            "Beendigung zum %(next_end)s."
        ) % {
            "received": _d(p["received"]),
            "term_end": _d(p["term_end"]),
            "deadline": _d(p["deadline"]),
            "next_end": _d(p["next_possible_end"]),
        }
    if error.code == "notice_form":
        return _(
            "Die Kündigung bedarf der Schriftform; eine nicht schriftliche Kündigung "
            "wird nicht erfasst."
        )
    if error.code == "notice_before_signing":
        return _("Die Kündigung (%(received)s) liegt vor der Unterzeichnung (%(signed)s).") % {
            "received": _d(p["received"]),
            "signed": _d(p["signed"]),
        }
    if error.code == "not_in_force":
        return _(
            "Am %(on)s war die Vereinbarung noch nicht unterzeichnet (Unterzeichnung: %(signed)s)."
        ) % {"on": _d(p["on"]), "signed": _d(p["signed"])}
    if error.code == "invalid_rule":
        field = p.get("field", "")
        if field == "notice_months":
            return _("Die Kündigungsfrist muss kürzer sein als jede Laufzeit.")
        if field == "initial_months":
            return _("Die Erstlaufzeit muss mindestens einen Monat betragen.")
        return _("Ungültige Angabe: %(field)s.") % {"field": FIELD_LABELS.get(field, field)}
    if error.code == "overlap":
        return _(
            "Die Laufzeit überschneidet sich mit einer anderen Vereinbarung derselben "
            "Vertragsparteien."
        )
    return _("Ungültige Angabe zur Laufzeit.")
