from django import template

from interprochance.core import labels
from interprochance.fund.ledger.rules import format_cents

register = template.Library()


@register.filter
def euro(cents: int | None) -> str:
    """Integer cents as German money, e.g. 123456 -> 1.234,56 €; None -> –."""
    return "–" if cents is None else format_cents(int(cents))


@register.filter
def shown(value: str | None) -> str:
    """A German text from the rules (route title, office, note, hint) in the reader's
    language: marked constants, stored copies of them, and filled-in messages."""
    return labels.text(value or "")


@register.filter
def percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.1f} %".replace(".", ",")


@register.filter
def cell(value: int | None) -> str:
    """A count or amount that may be suppressed (small numbers)."""
    return "< 5" if value is None else str(value)
