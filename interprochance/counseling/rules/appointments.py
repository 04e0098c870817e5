"""Spam and abuse rules for the public appointment-request form. Pure.

- honeypot: a field hidden from people (CSS class, aria-hidden, tabindex -1)
  that bots fill in;
- time trap: a form sent back faster than a person can type is refused;
- rate limit: at most `limit` requests per client key (a salted hash of the
  IP address, never the address itself) within a sliding window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class SpamPolicy:
    min_seconds: int = 3  # faster than this is a bot
    max_age: timedelta = timedelta(hours=2)  # a form older than this must be reloaded
    limit: int = 5
    window: timedelta = timedelta(hours=1)


DEFAULT_SPAM_POLICY = SpamPolicy()


def spam_reason(
    *,
    honeypot: str,
    rendered_at: datetime | None,
    now: datetime,
    policy: SpamPolicy = DEFAULT_SPAM_POLICY,
) -> str | None:
    """None if the submission looks human; otherwise why not ('honeypot', 'too_fast', 'stale')."""
    if honeypot.strip():
        return "honeypot"
    if rendered_at is None:
        return "stale"
    elapsed = now - rendered_at
    if elapsed < timedelta(seconds=policy.min_seconds):
        return "too_fast"
    if elapsed > policy.max_age:
        return "stale"
    return None


def rate_limited(
    previous: Sequence[datetime], now: datetime, policy: SpamPolicy = DEFAULT_SPAM_POLICY
) -> bool:
    """True if another request now would exceed `limit` within the sliding window."""
    since = now - policy.window
    return sum(1 for t in previous if since < t <= now) >= policy.limit
