"""truceline/1: the records every stage hands on, in one place.

The JSON that the CLI prints, the JSON Schema that ``truceline schema`` publishes and the
API's bodies are all serialisations of these models; there is no second description.
``start``/``end`` are always character offsets into the article text.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "truceline/1"

EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]

EventStatus = Literal[
    "asserted",
    "agreed",
    "planned",
    "proposed",
    "demanded",
    "refused",
    "threatened",
    "denied",
    "hypothetical",
]
AgreementStatus = Literal[
    "proposed",
    "negotiating",
    "agreed",
    "declared",
    "planned",
    "in_force",
    "extended",
    "suspended",
    "ended",
    "rejected",
]
EndReason = Literal[
    "expired",
    "superseded",
    "collapsed",
    "terminated_by_party",
    "never_implemented",
    "concluded",
]
DatePrecision = Literal["day", "week", "month", "year", "unknown"]
DateBasis = Literal["stated", "relative", "published"]
ConditionStatus = Literal["stated", "accepted", "rejected", "met"]
ActorRole = Literal[
    "party", "declarer", "signatory", "mediator", "facilitator", "guarantor", "monitor", "proposer", "host"
]
ViolationAssessment = Literal["candidate", "alleged", "disputed", "corroborated", "verified", "out_of_scope"]


class Record(BaseModel):
    """Base for every truceline/1 record: unknown fields are refused, not silently kept."""

    model_config = ConfigDict(extra="forbid")


class Span(Record):
    """A piece of the article text with its character offsets."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Warning(Record):
    """A problem met while reading or coding, kept with the record instead of a crash."""

    code: str
    message: str


class Article(Record):
    id: str = Field(description="Stable hash of the normalised text (sha256, first 16 hex digits).")
    url: str | None = None
    title: str | None = None
    source: str | None = Field(None, description="Outlet or file the article came from.")
    published: dt.date | None = None
    text: str = Field(description="The article text all offsets point into.")
    encoding: str | None = Field(None, description="Encoding the file was read with.")
    ref: str | None = Field(None, description="Where in the input it came from: path, or path#line / #row / #entry.")
    warnings: list[Warning] = Field(default_factory=list)


class ArticleRef(Record):
    """The article as it appears in a record (the text itself is not repeated)."""

    id: str
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: dt.date | None = None


class Mention(Record):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    method: str = Field(
        "exact",
        description="How the mention was resolved: exact, normalised, fuzzy, phonetic, "
        "generic, role, coreference or unresolved.",
    )
    score: float = 1.0


class Actor(Record):
    id: str = Field(description="Registry id (countries: ISO alpha-3; generic forms: ISO-SECTOR).")
    name: str
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 or null.")
    sector: str | None = Field(None, description="GOV, MIL, REB, LEG, JUD, IGO, NGO, MED, CVL, ...")
    kind: str | None = Field(None, description="country, person, group, generic")
    org: str | None = Field(None, description="A person's organisation on the article's date (registry id: 'un').")
    mentions: list[Mention] = Field(default_factory=list)


class UnresolvedMention(Record):
    """A named entity that matched no actor: kept with its NER label, never forced."""

    text: str
    start: int
    end: int
    label: str


class Quantity(Record):
    value: float
    unit: str = Field(
        description="What happened to what is counted: killed, wounded, casualties, prisoners, hostages, "
        "displaced, troops, drones, missiles, days, aid, money or other."
    )
    text: str
    lower_bound: bool = Field(False, description="True for 'hundreds' (ACLED: 100), 'more than 3,700', 'at least 12'.")
    approx: bool = Field(False, description="True for 'nearly', 'about', 'an estimated', 'up to'.")
    per_side: bool = Field(False, description="The number is for each side ('175 prisoners each').")
    low: float | None = Field(None, description="Low end of a stated range ('between 20 and 30').")
    high: float | None = None
    noun: str | None = Field(None, description="The noun counted, as written ('Palestinians', 'tonnes').")
    claimant: str | None = Field(None, description="Actor id of who states the number; null: the outlet itself.")
    of_war: bool = Field(
        False,
        description="A war's own toll told beside the event ('the conflict has killed thousands'), not the "
        "event's: left out of its fatalities.",
    )


class Fatalities(Record):
    """Deaths of one event as UCDP's GED gives them: a best estimate between a low and a high one,
    from every claim the reports make."""

    best: float
    low: float
    high: float
    claims: list[Quantity] = Field(default_factory=list)


class Location(Record):
    text: str = Field(description="The words of the text that name the place.")
    name: str = Field(description="The place as the gazetteer names it.")
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 of the country it lies in.")
    kind: str | None = Field(
        None, description="city, facility, admin1, admin2, region, territory, country, sea, border"
    )
    admin1: str | None = Field(None, description="First-level division (oblast, governorate, province, state).")
    admin2: str | None = Field(None, description="Second-level division, where known.")
    lat: float | None = None
    lon: float | None = None
    precision: str | None = Field(None, description="city, admin2, admin1, region, country, sea or border.")
    geo_precision: int | None = Field(None, description="ACLED's code: 1 the town, 2 a district, 3 wider.")
    geonames_id: int | None = None
    basis: str | None = Field(None, description="clause, sentence or article: where in the text the place was found.")
    role: str | None = Field(None, description="action (where it happened) or venue (where people met or signed).")
    start: int | None = Field(None, description="Start of the place's words in the article body.")
    end: int | None = None


class Evidence(Record):
    sentence: str
    start: int = Field(description="Start of the sentence.")
    end: int
    rule: str
    trigger_start: int | None = Field(None, description="Start of the word that triggered the record.")
    trigger_end: int | None = None
    parse: str | None = Field(None, description="Dependency path from the trigger to each actor found.")


class Event(Record):
    id: str
    type: EventType
    mode: str | None = None
    source: str | None = Field(None, description="Actor id of who did it.")
    target: str | None = Field(None, description="Actor id of whom it was done to.")
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_text: str | None = None
    date_precision: DatePrecision | None = None
    date_basis: DateBasis | None = Field(
        None,
        description="Where the date came from. stated: the text names the date ('March 5, 2024', "
        "'on 7 October'); relative: resolved from a relative expression against the publication date "
        "('on Tuesday', 'yesterday', 'last week'); published: the event has no date of its own and is "
        "told as just having happened, so it takes the publication date; null when undated.",
    )
    status: EventStatus = "asserted"
    negated: bool = False
    reported_by: str | None = None
    location: Location | None = Field(None, description="Where it happened (or met): the first of `locations`.")
    locations: list[Location] = Field(
        default_factory=list, description="Every place the text gives for it ('a flight from Tripoli to Benghazi')."
    )
    quantities: list[Quantity] = Field(default_factory=list)
    fatalities: Fatalities | None = Field(None, description="Deaths this report states (best, low, high).")
    incident_fatalities: Fatalities | None = Field(
        None,
        description="Deaths over every stored report of the same incident: each claim kept, low/best/high "
        "derived from them (set in the store).",
    )
    cameo: str | None = None
    goldstein: float | None = None
    quad_class: int | None = Field(None, ge=1, le=4)
    sentence: str
    start: int = Field(description="Start of the trigger word.")
    end: int
    trigger: str
    confidence: float = Field(ge=0, le=1)
    rule: str
    evidence: list[Evidence] = Field(default_factory=list)
    independent_sources: int | None = Field(
        None, description="Distinct outlets that report this event independently (copies count once); set in the store."
    )

    def place_columns(self) -> dict[str, object]:
        """The flat place and toll columns of an export row (ACLED-like: admin1, geo_precision, fatalities)."""
        loc, f = self.location, self.fatalities
        return {
            "place": loc.name if loc else None,
            "place_country": loc.country if loc else None,
            "admin1": loc.admin1 if loc else None,
            "admin2": loc.admin2 if loc else None,
            "lat": loc.lat if loc else None,
            "lon": loc.lon if loc else None,
            "precision": loc.precision if loc else None,
            "geo_precision": loc.geo_precision if loc else None,
            "place_basis": loc.basis if loc else None,
            "fatalities_best": f.best if f else None,
            "fatalities_low": f.low if f else None,
            "fatalities_high": f.high if f else None,
        }


PLACE_COLUMNS = (  # the keys of Event.place_columns(), in order
    "place",
    "place_country",
    "admin1",
    "admin2",
    "lat",
    "lon",
    "precision",
    "geo_precision",
    "place_basis",
    "fatalities_best",
    "fatalities_low",
    "fatalities_high",
)


class Statement(Record):
    """Quoted or reported speech: who said what, where in the article, and the events it asserts."""

    id: str = Field(description="Stable id: hash of article id and span.")
    speaker: str | None = Field(None, description="Actor id of the speaker, when resolved.")
    speaker_text: str | None = Field(None, description="The speaker as written ('a Kremlin spokesman').")
    kind: Literal["direct", "reported", "mixed"] = Field(
        description="direct: within quotation marks; reported: 'X said that …'; mixed: both in one statement."
    )
    verb: str | None = Field(None, description="The reporting verb's lemma (say, tell, accuse, deny, …).")
    quote: str = Field(description="What was said, as written (without the quotation marks).")
    start: int = Field(description="Start of the quote in the article text.")
    end: int
    sentence: str
    events: list[str] = Field(default_factory=list, description="Ids of the events the statement asserts.")
    rule: str
    article_id: str | None = None


class Condition(Record):
    by: str | None = Field(None, description="Actor id of who sets the condition.")
    on: str | None = Field(None, description="Actor id the condition is addressed to.")
    text: str
    start: int
    end: int
    status: ConditionStatus = Field("stated", description="stated, accepted, rejected or met.")
    status_by: str | None = Field(None, description="Who accepted, rejected or met it.")
    article_id: str | None = Field(None, description="Article that states it (merged records).")
    status_article_id: str | None = Field(None, description="Article that last changed its status.")


class AgreementActor(Record):
    """An actor's role in an agreement."""

    actor: str
    role: ActorRole


class AgreementLink(Record):
    relation: Literal["extends", "renews", "supersedes", "implements", "references"]
    agreement: str


class ViolationLink(Record):
    """An incident linked to an agreement as a possible breach, and how far it is established."""

    incident: str = Field(description="Stable id of the incident (events from one or more articles).")
    events: list[str] = Field(default_factory=list, description="Event ids that report the incident.")
    date: dt.date | None = None
    alleged_violator: str | None = None
    alleging_party: str | None = None
    target_category: str | None = Field(None, description="The scope domain the incident falls in.")
    basis: list[str] = Field(
        default_factory=list,
        description="party_match, period_match, scope_match, area_match, explicit_reference, accusation, ...",
    )
    assessment: ViolationAssessment = "candidate"
    reason: str | None = Field(None, description="Why it is out of scope, or the analyst's note.")
    articles: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list, description="Distinct outlets that report it.")
    denied_by: list[str] = Field(default_factory=list)
    verified_by: str | None = None
    analyst: Literal["confirmed", "dismissed"] | None = None
    sentence: str = ""


class StatusChange(Record):
    """One entry of an agreement's lifecycle, with its evidence."""

    status: AgreementStatus
    end_reason: EndReason | None = None
    date: dt.date | None = None
    date_precision: DatePrecision | None = None
    claimed_by: str | None = None
    modality: Literal["asserted", "claimed", "denied", "future", "hypothetical"] = "asserted"
    sentence: str
    start: int
    end: int
    rule: str
    article_id: str | None = Field(None, description="Article of the evidence (merged records).")
    published: dt.date | None = Field(None, description="The article's date (merged records).")
    source: str | None = Field(None, description="The article's outlet (merged records).")
    independent_sources: int | None = Field(
        None, description="Distinct outlets whose reports give this status on this date (merged records)."
    )


class Agreement(Record):
    id: str
    kind: str = Field(description="ceasefire, prisoner_exchange, peace_agreement, ...")
    name: str
    scope: list[str] = Field(default_factory=list, description="Domains from data/scope.yaml.")
    coverage: Literal["comprehensive", "partial", "unknown"] = "unknown"
    parties: list[str] = Field(default_factory=list)
    mediators: list[str] = Field(default_factory=list)
    status: AgreementStatus
    end_reason: EndReason | None = None
    process: str | None = None
    phase: int | None = None
    conditions: list[Condition] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    start_date: dt.date | None = None
    start_precision: DatePrecision | None = None
    end_date: dt.date | None = None
    duration_text: str | None = None
    scope_text: str | None = Field(
        None, description="The words that set the scope, as written ('energy and infrastructure')."
    )
    start: int = Field(description="Start of the first mention in the text.")
    end: int
    events: list[str] = Field(default_factory=list)
    timeline: list[StatusChange] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    # --- added in truceline/1 without changing any field above (all optional) ---
    actors: list[AgreementActor] = Field(default_factory=list, description="Every actor with its role.")
    declaration: Literal["unilateral", "bilateral", "multilateral"] | None = None
    form: Literal["verbal", "written"] | None = None
    purpose: str | None = Field(None, description="humanitarian, peace_process, holiday, goodwill, ...")
    areas: list[str] = Field(default_factory=list, description="Named areas the scope covers.")
    monitor: str | None = Field(None, description="Named monitoring mechanism.")
    planned_end: dt.date | None = None
    duration_days: int | None = None
    links: list[AgreementLink] = Field(default_factory=list)
    extends_kind: str | None = Field(None, description="An extension: the kind of arrangement it extends.")
    hosts: list[str] = Field(
        default_factory=list, description="Countries where it was agreed or negotiated, when no side of it."
    )
    violations: list[ViolationLink] = Field(default_factory=list)
    out_of_scope: list[ViolationLink] = Field(
        default_factory=list, description="Incidents between the parties that the agreement does not cover."
    )
    compliance: str | None = Field(
        None, description="no_reports, alleged, disputed, corroborated or verified_breach (from the violations)."
    )
    members: list[str] = Field(
        default_factory=list, description="Merged records: the per-article agreement ids merged into this one."
    )
    articles: list[str] = Field(default_factory=list, description="Merged records: the articles that report it.")

    @field_validator("kind")
    @classmethod
    def _current_kind(cls, v: str) -> str:
        return "extension" if v == "renewal_extension" else v  # (its name in stores written before this rename)


class FrameSide(Record):
    """One side of the conflict an article is about: the actors that stand for it."""

    actors: list[str] = Field(description="Actor ids on this side, the most mentioned first.")
    country: str | None = Field(None, description="The side's country (ISO alpha-3), if it has one.")
    label: str = Field(description="How the side is named most often in the article.")


class FrameDyad(Record):
    """Another pair of actors the article shows in conflict or negotiation (beside its main sides)."""

    sides: list[str] = Field(description="The two actor ids.")
    weight: int = Field(description="How many cues tie them (conflict words count more).")


class FrameReference(Record):
    """A phrase that stands for both sides ("the two sides", "the warring parties")."""

    text: str
    start: int
    end: int


class ArticleFrame(Record):
    """What the article was taken to be about, built once before events are coded: the conflict's two
    sides, the third parties (mediators, hosts) and the venue. The event coder fills a missing source
    or target with the counterpart side (rule ``+target_frame`` / ``+source_frame``), resolves "the two
    sides" to both, and keeps mediators and hosts out of a dyad."""

    sides: list[FrameSide] = Field(default_factory=list, description="Two sides, or none when unclear.")
    dyads: list[FrameDyad] = Field(
        default_factory=list, description="Other pairs in conflict or talks ('the US strikes on the Houthis')."
    )
    mediators: list[str] = Field(default_factory=list, description="Actors said to mediate, broker or facilitate.")
    hosts: list[str] = Field(default_factory=list, description="Actors that host talks without being a side.")
    venues: list[str] = Field(default_factory=list, description="Places where talks or signings took place.")
    references: list[FrameReference] = Field(default_factory=list)
    dateline_date: dt.date | None = Field(None, description="The date a wire dateline gives, if any.")
    evidence: list[str] = Field(default_factory=list, description="Why these sides: the cues counted.")


class TrucelineRecord(Record):
    """One article's whole record: what ``truceline extract`` prints."""

    schema_: Literal["truceline/1"] = Field(SCHEMA_VERSION, alias="schema")
    article: ArticleRef
    actors: list[Actor] = Field(default_factory=list)
    outlets: list[Actor] = Field(
        default_factory=list,
        description="News outlets and agencies the article cites: who reports, never who acts in an event.",
    )
    unresolved: list[UnresolvedMention] = Field(default_factory=list)
    frame: ArticleFrame | None = Field(None, description="The conflict the article was taken to be about.")
    events: list[Event] = Field(
        default_factory=list,
        description="Coded events: each has a source and a target (a dyad), as PETRARCH and ICEWS code them; "
        "protests and mobilisations may have a source alone.",
    )
    partial_events: list[Event] = Field(
        default_factory=list,
        description="Triggers whose source or target the text does not give: kept for review and for the "
        "agreements stage, never counted, stored or exported as events.",
    )
    agreements: list[Agreement] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)


def json_schema() -> dict:
    """The published JSON Schema of truceline/1."""
    schema = TrucelineRecord.model_json_schema(by_alias=True)
    schema["$id"] = "urn:truceline:schema:truceline-1"
    schema["title"] = "truceline/1"
    return schema
