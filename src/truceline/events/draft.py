"""The event under construction, shared by the coder and the coding conventions."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from truceline.events import dates as dates_mod
from truceline.events.lexicon import Trigger
from truceline.models import Location, Quantity


@dataclass
class Draft:
    """An event being coded in one sentence (internal to the events stage)."""

    trigger: Token
    spec: Trigger
    rule: str
    type: str
    mode: str | None
    status: str = "asserted"
    source: str | None = None
    target: str | None = None
    negated: bool = False
    reported_by: str | None = None
    absorbed: bool = False
    intent: bool = False  # "ready/willing/prepared to ...": an offer or a threat, not a fact
    date: dates_mod.Resolved | None = None
    date_text: str | None = None
    date_basis: str | None = None  # stated, relative or published (see models.Event)
    said_on: dates_mod.Resolved | None = None  # the date of the statement that reports it
    said_text: str | None = None
    location: Location | None = None
    locations: list[Location] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    confidence: float = 0.5
    mirror: bool = False  # the second side's event of a joint subject ("X and Y agreed": Y -> X too)
    place_copy: int = 0  # the act at the k-th place of a list ("deployed to A, B and C"): one event per place
