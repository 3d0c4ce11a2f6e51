"""Event trigger lexicon (``data/events/triggers.yaml``), validated on load."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from truceline.events.ontology import ontology
from truceline.models import EVENT_TYPES
from truceline.vocab import clean, data_path, fail, load_yaml

STATUSES = {"asserted", "agreed", "planned", "proposed", "demanded", "refused", "threatened", "denied", "hypothetical"}


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None = None
    cameo: str | None = None
    swap: bool = False  # "X hosted Y": the grammatical object (the visitor) is the event's source


@dataclass(frozen=True)
class Governor:
    status: str
    type: str | None = None
    mode: str | None = None
    absorb: bool = True
    only_conflict: bool = False
    only_cooperative: bool = False


@dataclass
class Lexicon:
    verbs: dict[str, Trigger] = field(default_factory=dict)
    nouns: dict[str, Trigger] = field(default_factory=dict)
    governors: dict[str, Governor] = field(default_factory=dict)
    light_verbs: set[str] = field(default_factory=set)
    reporting: set[str] = field(default_factory=set)
    observing: set[str] = field(default_factory=set)  # "reported 90 clashes": who counts an act is no party to it
    media: set[str] = field(default_factory=set)  # "told reporters on a call": how something was said
    telling: set[str] = field(default_factory=set)  # "told Blinken": words said to a counterpart
    vote_verbs: set[str] = field(default_factory=set)  # "voted in favour of the truce": approving it
    alarms: set[str] = field(default_factory=set)  # "sirens warned of rockets": fire coming in, no threat
    alarm_verbs: set[str] = field(default_factory=set)
    alarm_setters: set[str] = field(default_factory=set)
    appraisal_verbs: set[str] = field(default_factory=set)  # "called the raid an aggression"
    exposing: set[str] = field(default_factory=set)  # "subjected the town to shelling": the object suffers it
    aircraft: set[str] = field(default_factory=set)  # "warplanes bombed": a doer only a state's forces are
    air_strikes: set[str] = field(default_factory=set)  # trigger keys of attacks from the air
    condemning: set[str] = field(default_factory=set)
    praising: set[str] = field(default_factory=set)
    request_modes: dict[str, str] = field(default_factory=dict)
    cutbacks: set[str] = field(default_factory=set)
    reversals: set[str] = field(default_factory=set)
    event_heads: set[str] = field(default_factory=set)
    joint_modifiers: set[str] = field(default_factory=set)
    not_events: set[str] = field(default_factory=set)  # "exchange of views": an event noun used otherwise
    type_status: dict[str, str] = field(default_factory=dict)


def _trigger(path: Path, entries: dict, key: str, value: dict) -> Trigger:
    if not isinstance(value, dict) or value.get("type") not in EVENT_TYPES:
        raise fail(path, entries, f"{key!r}: type must be one of {', '.join(EVENT_TYPES)}")
    mode = value.get("mode")
    if mode is not None and mode not in ontology().modes(value["type"]):
        raise fail(path, value, f"{key!r}: {value['type']} has no mode {mode!r}")
    roles = value.get("roles", "subject-acts")
    if roles not in ("subject-acts", "object-acts"):
        raise fail(path, value, f"{key!r}: roles must be subject-acts or object-acts, not {roles!r}")
    return Trigger(value["type"], mode, value.get("cameo"), roles == "object-acts")


def load_lexicon(path: Path | None = None) -> Lexicon:
    path = path or data_path("events", "triggers.yaml")
    data = load_yaml(path)
    lex = Lexicon()
    for section, target in (("verbs", lex.verbs), ("nouns", lex.nouns)):
        entries = data.get(section) or {}
        for key, value in entries.items():
            if key != "__line__":
                target[str(key)] = _trigger(path, entries, key, value)
    _deal_phrases(path, clean(data.get("deal_phrases") or {}), lex)
    govs = data.get("governors") or {}
    for key, value in govs.items():
        if key == "__line__":
            continue
        v = clean(value)
        if v.get("status") not in STATUSES:
            raise fail(path, value, f"governor {key!r}: unknown status {v.get('status')!r}")
        if v.get("type") is not None and v["type"] not in EVENT_TYPES:
            raise fail(path, value, f"governor {key!r}: unknown type {v['type']!r}")
        lex.governors[str(key)] = Governor(
            v["status"],
            v.get("type"),
            v.get("mode"),
            bool(v.get("absorb", True)),
            bool(v.get("only_conflict", False)),
            bool(v.get("only_cooperative", False)),
        )
    lex.light_verbs = set(data.get("light_verbs") or [])
    lex.exposing = {str(w) for w in data.get("exposing") or []}
    air = clean(data.get("air_power") or {})
    lex.aircraft = {str(w) for w in air.get("aircraft") or []}
    lex.air_strikes = {str(w) for w in air.get("strikes") or []}
    lex.reporting = set(data.get("reporting") or [])
    lex.observing = set(data.get("observing") or [])
    lex.media = set(data.get("media_of_saying") or [])
    lex.telling = {str(w) for w in data.get("telling") or []}
    alarms = clean(data.get("alarms") or {})
    lex.alarms = {str(w) for w in alarms.get("nouns") or []}
    lex.alarm_verbs = {str(w) for w in alarms.get("verbs") or []}
    lex.alarm_setters = {str(w) for w in alarms.get("setters") or []}
    appraisals = clean(data.get("appraisals") or {})
    lex.appraisal_verbs = {str(w) for w in appraisals.get("verbs") or []}
    lex.condemning = {str(w) for w in appraisals.get("condemning") or []}
    lex.praising = {str(w) for w in appraisals.get("praising") or []}
    lex.cutbacks = set(data.get("cutbacks") or [])
    lex.reversals = set(data.get("reversals") or [])
    lex.event_heads = set(data.get("event_heads") or [])
    lex.joint_modifiers = set(data.get("joint_modifiers") or [])
    lex.not_events = {str(x).lower() for x in data.get("not_events") or []}
    for type_, status in clean(data.get("type_status") or {}).items():
        if type_ not in EVENT_TYPES or status not in STATUSES:
            raise fail(path, data, f"type_status: {type_!r} -> {status!r} is not a known type and status")
        lex.type_status[str(type_)] = str(status)
    for mode, words in clean(data.get("request_modes") or {}).items():
        for w in words:
            lex.request_modes[str(w)] = mode
    return lex


def _deal_phrases(path: Path, spec: dict, lex: Lexicon) -> None:
    """'struck a deal', 'reached a truce', 'approved the accord': an agreeing verb with an agreement noun is
    the agreement (AGREE; mode ceasefire for a truce); 'brokered a deal' is the broker's mediation."""
    if not spec:
        return
    nouns = [str(n) for n in spec.get("nouns") or []]
    truces = {str(n) for n in spec.get("ceasefire_nouns") or []}
    if not nouns:
        raise fail(path, spec, "deal_phrases: 'nouns' must list agreement nouns")
    for verb in spec.get("agree_verbs") or []:
        for noun in nouns:
            mode = "ceasefire" if noun in truces else None
            lex.verbs.setdefault(f"{verb} {noun}", Trigger("AGREE", mode))
    lex.vote_verbs = {str(v) for v in spec.get("vote_verbs") or []}
    for verb in lex.vote_verbs:  # looked up through "for" or "in favour of" (see Coder._voted_for)
        for noun in nouns:
            lex.verbs.setdefault(f"{verb} {noun}", Trigger("AGREE", "ceasefire" if noun in truces else None))
    for verb in spec.get("broker_verbs") or []:
        for noun in nouns:
            lex.verbs.setdefault(f"{verb} {noun}", Trigger("CONSULT", "third-party", "046"))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return load_lexicon()
