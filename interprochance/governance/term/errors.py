"""Errors of the term arithmetic.

Each error has a stable ``code`` and ``params`` so that the Django layer can
show a German message via gettext (see ``interprochance.governance.messages``);
``str(error)`` is an English text for logs and the CLI's stderr.
"""

from __future__ import annotations

from typing import Any


class TermError(ValueError):
    code = "term_error"

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.params = params


class InvalidRuleError(TermError):
    code = "invalid_rule"


class NotInForceError(TermError):
    code = "not_in_force"


class NoticeFormError(TermError):
    code = "notice_form"


class NoticeBeforeSigningError(TermError):
    code = "notice_before_signing"


class LateNoticeError(TermError):
    """Notice received after the last day for notice of its term.

    ``params``: ``received``, ``deadline``, ``term_end`` (the end the notice
    aimed at) and ``next_possible_end`` (the end it could take effect at if
    the parties treat it as notice to the next possible date).
    """

    code = "late_notice"


class OverlapError(TermError):
    code = "overlap"
