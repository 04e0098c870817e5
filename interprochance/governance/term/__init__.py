"""Agreement term arithmetic (pure Python, no Django)."""

from .core import (
    LatePolicy,
    Notice,
    Period,
    Status,
    Term,
    TermRule,
    TermState,
    check_no_overlap,
    evaluate,
    iter_terms,
    notice_effect,
    reminder_dates,
    term_at_index,
    term_on,
)
from .dates import add_months_clipped, event_period_end, latest_event_day, period_end
from .errors import (
    InvalidRuleError,
    LateNoticeError,
    NoticeBeforeSigningError,
    NoticeFormError,
    NotInForceError,
    OverlapError,
    TermError,
)

__all__ = [
    "InvalidRuleError", "LateNoticeError", "LatePolicy", "Notice", "NoticeBeforeSigningError",
    "NoticeFormError", "NotInForceError", "OverlapError", "Period", "Status", "Term",
    "TermError", "TermRule", "TermState", "add_months_clipped", "check_no_overlap",
    "evaluate", "event_period_end", "iter_terms", "latest_event_day", "notice_effect",
    "period_end", "reminder_dates", "term_at_index", "term_on",
]
