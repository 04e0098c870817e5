"""Referral states and who may move a referral from one to the next. Pure."""

from __future__ import annotations

import enum


class State(enum.StrEnum):
    SENT = "sent"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DONE = "done"
    REVOKED = "revoked"


class Side(enum.StrEnum):
    SENDER = "sender"
    RECEIVER = "receiver"


TRANSITIONS: dict[tuple[State, State], Side] = {
    (State.SENT, State.ACCEPTED): Side.RECEIVER,
    (State.SENT, State.REJECTED): Side.RECEIVER,
    (State.ACCEPTED, State.DONE): Side.RECEIVER,
    (State.SENT, State.REVOKED): Side.SENDER,
    (State.ACCEPTED, State.REVOKED): Side.SENDER,
}

TERMINAL = frozenset({State.REJECTED, State.DONE, State.REVOKED})


class TransitionError(ValueError):
    pass


def allowed_targets(current: State, side: Side) -> tuple[State, ...]:
    return tuple(t for (s, t), who in TRANSITIONS.items() if s is current and who is side)


def transition(current: State, target: State, side: Side) -> State:
    who = TRANSITIONS.get((current, target))
    if who is None:
        raise TransitionError(f"no transition from {current} to {target}")
    if who is not side:
        raise TransitionError(f"only the {who} may move a referral from {current} to {target}")
    return target
