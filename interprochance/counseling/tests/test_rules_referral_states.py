import pytest

from interprochance.counseling.rules.referral_states import (
    TERMINAL,
    Side,
    State,
    TransitionError,
    allowed_targets,
    transition,
)


def test_happy_path():
    s = transition(State.SENT, State.ACCEPTED, Side.RECEIVER)
    assert transition(s, State.DONE, Side.RECEIVER) is State.DONE


def test_sender_cannot_accept_and_receiver_cannot_revoke():
    with pytest.raises(TransitionError):
        transition(State.SENT, State.ACCEPTED, Side.SENDER)
    with pytest.raises(TransitionError):
        transition(State.SENT, State.REVOKED, Side.RECEIVER)


@pytest.mark.parametrize("state", sorted(TERMINAL))
def test_terminal_states_have_no_way_out(state):
    for side in Side:
        assert allowed_targets(state, side) == ()
        for target in State:
            with pytest.raises(TransitionError):
                transition(state, target, side)


def test_allowed_targets():
    assert set(allowed_targets(State.SENT, Side.RECEIVER)) == {State.ACCEPTED, State.REJECTED}
    assert allowed_targets(State.ACCEPTED, Side.SENDER) == (State.REVOKED,)
