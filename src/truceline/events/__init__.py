"""Events stage: PLOVER-coded events from a parse and its resolved actors."""

from truceline.events.coder import Coder, code_events

__all__ = ["Coder", "code_events"]
