"""Template helpers of the counselling pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

from ..benefits.model import Reason

register = template.Library()


@register.filter
def reason_text(reason: Reason) -> str:
    """A benefits-check reason in the active language (the template is the msgid)."""
    translated = gettext(reason.template)
    return translated % dict(reason.params) if reason.params else translated
