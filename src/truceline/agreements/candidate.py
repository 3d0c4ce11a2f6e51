"""What the agreements stage works with: its vocabulary and one candidate mention."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.tokens import Span, Token

from truceline.models import Condition, Quantity
from truceline.vocab import clean, data_path, load_yaml


@dataclass
class Vocabulary:
    kinds: dict[str, str]  # phrase -> kind
    domains: dict[str, str]  # word -> domain
    coverage: dict[str, str]
    status: dict[str, str]
    ends: dict[str, str]
    sequence: list[str]
    pause_nouns: set[str]
    hostilities: set[str]
    incident_targets: dict[str, list[str]] = field(default_factory=dict)  # domain -> phrases
    monitor_words: set[str] = field(default_factory=set)
    verify_words: set[str] = field(default_factory=set)
    deny_words: set[str] = field(default_factory=set)
    responses: set[str] = field(default_factory=set)
    reservations: list[str] = field(default_factory=list)
    arrangement_nouns: set[str] = field(default_factory=set)
    content_kinds: dict[str, str] = field(default_factory=dict)  # word -> kind
    ending_verbs: set[str] = field(default_factory=set)
    conflict_words: set[str] = field(default_factory=set)
    zone_nouns: set[str] = field(default_factory=set)
    zone_words: set[str] = field(default_factory=set)
    halt_nouns: dict[str, str] = field(default_factory=dict)  # noun -> status
    claim_verbs: set[str] = field(default_factory=set)
    peace_nouns: set[str] = field(default_factory=set)
    dispute_words: set[str] = field(default_factory=set)
    process_nouns: set[str] = field(default_factory=set)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = clean(load_yaml(data_path("agreements", "vocabulary.yaml")))

    def invert(section: str) -> dict[str, str]:
        return {str(w).lower(): k for k, ws in (data.get(section) or {}).items() for w in ws}

    return Vocabulary(
        invert("kinds"),
        invert("domains"),
        invert("coverage"),
        invert("status_cues"),
        invert("end_cues"),
        [str(s) for s in data.get("sequence_cues") or []],
        {str(w) for w in data.get("pause_nouns") or []},
        {str(w) for w in data.get("hostilities") or []},
        {str(k): [str(w).lower() for w in ws] for k, ws in (data.get("incident_targets") or {}).items()},
        {str(w) for w in data.get("monitor_words") or []},
        {str(w) for w in data.get("verify_words") or []},
        {str(w) for w in data.get("deny_words") or []},
        {str(w) for w in data.get("response_words") or []},
        [str(w).lower() for w in data.get("reservations") or []],
        {str(w) for w in data.get("arrangement_nouns") or []},
        invert("content_kinds"),
        {str(w) for w in data.get("ending_verbs") or []},
        {str(w) for w in data.get("conflict_words") or []},
        {str(w) for w in data.get("zone_nouns") or []},
        {str(w).lower() for w in data.get("zone_words") or []},
        {str(k): str(v) for k, v in (data.get("halt_nouns") or {}).items()},
        {str(w) for w in data.get("claim_verbs") or []},
        {str(w) for w in data.get("peace_nouns") or []},
        {str(w) for w in data.get("dispute_words") or []},
        {str(w) for w in data.get("process_nouns") or []},
    )


@dataclass
class Candidate:
    kind: str
    head: Token
    sent: Span
    domains: list[str] = field(default_factory=list)
    coverage: str = "unknown"
    status: str | None = None
    end_reason: str | None = None
    parties: list[str] = field(default_factory=list)
    mediators: list[str] = field(default_factory=list)
    declared_by: str | None = None
    date: date | None = None
    date_precision: str | None = None
    start_date: date | None = None
    start_precision: str = "month"
    duration_text: str | None = None
    events: list[str] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    area: str | None = None
    phase: int | None = None
    process: str | None = None
    scope_tokens: list[int] = field(default_factory=list)  # the words that set the scope, as written
    rule: str = "agreement:mention"
    modality: str = "asserted"  # "future" for "will enter into force on Monday"
    dropped: list[str] = field(default_factory=list)  # taken for parties, then found to be no side
    named_sides: bool = False  # "between X and Y" named both sides: nothing else adds one
    extends_kind: str | None = None  # an extension: the kind of what it extends ("extend the truce": truce)
    proposer: str | None = None  # who offered it (a party key), when the offer is its status
    purpose: str | None = None  # "protection_zone" for a zone, "grain exports" for a corridor
    refers: Candidate | None = None  # "the deal", "an agreement brokered by ...": the mention it refers back to
    status_verb: Token | None = None  # the verb that gave the status, when it does not govern the mention
    date_fixed: bool = False  # the status's own date phrase was read already ("the expiration on Saturday of")
