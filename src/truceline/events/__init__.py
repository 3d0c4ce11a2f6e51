"""Events stage: PLOVER-coded events from a parse and its resolved actors."""

from truceline.events.coder import Coder, code_events, dyadic

__all__ = ["Coder", "code_events", "dyadic"]
