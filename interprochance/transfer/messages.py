"""German messages for bundle errors."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from interprochance.transfer.bundle import BundleError, PersonalDataError

KIND_LABELS = {
    "key": "Feldname mit Personenbezug",
    "email": "E-Mail-Adresse",
    "iban": "IBAN",
    "phone": "Telefonnummer",
    "pension_number": "Rentenversicherungsnummer",
    "birth_date": "Geburtsdatum",
    "address": "Anschrift",
    "person_name": "Personenname",
}


def bundle_error_message(error: BundleError) -> str:
    if isinstance(error, PersonalDataError):
        where = "; ".join(
            f"{f.path} ({KIND_LABELS.get(f.kind, f.kind)})" for f in error.findings[:8]
        )
        return ngettext(
            "Das Transferpaket enthält personenbezogene Daten und wird nicht verarbeitet: %(where)s",
            "Das Transferpaket enthält %(n)d Stellen mit personenbezogenen Daten und wird nicht "
            "verarbeitet: %(where)s",
            len(error.findings),
        ) % {"n": len(error.findings), "where": where}
    if error.code == "version":
        if "found" in error.params:
            return _(
                "Das Transferpaket hat Version %(found)s; diese Plattform liest Version "
                "%(expected)s. Bitte das Paket mit passender Version exportieren."
            ) % {"found": error.params["found"], "expected": error.params["expected"]}
        return _("Die Datei ist kein InterProChance-Transferpaket.")
    if error.code == "syntax":
        return _("Die Datei ist kein gültiges JSON-Transferpaket.")
    if error.code == "checksum":
        return _(
            "Die Prüfsumme stimmt nicht: Das Transferpaket wurde verändert oder ist beschädigt."
        )
    if error.code == "schema":
        return _("Das Transferpaket entspricht nicht dem Format: %(problems)s") % {
            "problems": "; ".join(error.problems[:8]) or str(error)
        }
    return _("Das Transferpaket kann nicht gelesen werden.")
