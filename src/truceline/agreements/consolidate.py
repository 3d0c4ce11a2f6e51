"""One record per agreement across articles.

Each article yields its own agreement records (``extract``). This module merges the records that
describe the same arrangement — same kind, overlapping parties, overlapping scope, compatible
dates, the same phase of the same process — into one record that keeps every article's evidence
and timeline entries. It is a pure function of the per-article records and the analyst's
overrides: the members are ordered by content (dates, then ids), never by the order they were
ingested in, so ingesting the same reports in any order gives the same records.

Extensions and renewals are new records linked to the agreement they extend.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections import Counter
from dataclasses import dataclass, field

from truceline.agreements.records import RANK, family
from truceline.models import Agreement, AgreementActor, AgreementLink, ArticleRef, Condition, StatusChange

_CONDITION_RANK = {"stated": 0, "rejected": 1, "accepted": 1, "met": 2}
_MAX_GAP_DAYS = 120
# even reports of the same scope (two energy moratoriums) more than a year apart, with nothing between them,
# are two arrangements; this also bounds what an incremental rebuild has to look at
MAX_SCOPE_GAP_DAYS = 365
CEASEFIRE_KINDS = {
    "ceasefire",
    "truce",
    "cessation_of_hostilities",
    "humanitarian_pause",
    "extension",
}  # reports further apart than this, with nothing else shared, are different arrangements


@dataclass(frozen=True)
class Member:
    """One article's record of an agreement, with what the merge needs to know about the article."""

    agreement: Agreement
    article: ArticleRef
    context: frozenset[str] = frozenset()  # countries and groups the article names


@dataclass(frozen=True)
class Override:
    """An analyst's correction: 'merge' two records or 'split' a member off its record."""

    action: str
    member: str
    other: str | None = None


@dataclass
class _Cluster:
    kind: str
    members: list[Member] = field(default_factory=list)
    parties: set[str] = field(default_factory=set)
    scope: set[str] = field(default_factory=set)
    coverage: str = "unknown"
    processes: set[str] = field(default_factory=set)
    phases: set[int] = field(default_factory=set)
    dates: list[dt.date] = field(default_factory=list)
    end: dt.date | None = None
    order: int = 0  # creation order: ties go to the older record, whatever the blocking returns
    articles: set[str] = field(default_factory=set)
    context: set[str] = field(default_factory=set)
    mediators: set[str] = field(default_factory=set)
    agreed_on: set[dt.date] = field(default_factory=set)
    last: dt.date | None = None  # the latest day any member reports

    def add(self, m: Member) -> None:
        a = m.agreement
        self.members.append(m)
        self.articles.add(m.article.id)
        self.context |= m.context
        brokers = self.mediators - self.parties
        sides = set(a.parties)
        if sides - brokers and sides & brokers:
            sides -= brokers  # a side of this report that the others call the mediator stays the mediator
        self.parties |= sides
        self.mediators |= set(a.mediators)
        self.agreed_on |= _agreed_on(a)
        self.scope |= set(a.scope)
        if self.coverage == "unknown":
            self.coverage = a.coverage
        if a.process:
            self.processes.add(a.process)
        if a.phase:
            self.phases.add(a.phase)
        told = _dates(m)
        self.dates += told
        self.last = max([*told, *([self.last] if self.last else [])], default=None)
        ended = [d for d in (_when(s, m) for s in a.timeline if s.status == "ended" and s.modality != "future") if d]
        if ended:
            self.end = max([*ended, *([self.end] if self.end else [])])


_SAME_DEAL_DAYS = 3  # two reports of one deal date its agreement within this many days of each other


def _agreed_on(a: Agreement) -> set[dt.date]:
    """The days the text says the arrangement was agreed (never the article's date; a halt told only as an
    event is too loose a reading to tell two arrangements apart)."""
    return {
        s.date
        for s in a.timeline
        if s.date
        and s.status == "agreed"
        and s.modality == "asserted"
        and s.date_precision in (None, "day")
        and s.rule not in ("agreement:from-event", "agreement:reference")
    }


def _same_sides(a: set[str], c: _Cluster, m: Member) -> bool:
    """Are these the sides of the cluster's arrangement? The same sides; or one report names only some of
    them and its article names the others too. Two ceasefires that share only Israel are two. A side of the
    report that the arrangement's other reports call its mediator is that mediator ("as agreed with the
    United States")."""
    brokers = c.mediators - c.parties
    if a - brokers and a & brokers:
        a = a - brokers
    if a == c.parties:
        return True
    if a < c.parties:
        return c.parties <= m.context | a
    if c.parties < a:
        return a <= c.context | c.parties
    return False


def _when(s: StatusChange, m: Member) -> dt.date | None:
    return s.date or m.article.published


def _dates(m: Member) -> list[dt.date]:
    found = [d for d in (_when(s, m) for s in m.agreement.timeline) if d]
    return found or ([m.article.published] if m.article.published else [])


def _order(m: Member) -> tuple:
    first = min(_dates(m), default=dt.date.max)
    return (first, m.article.published or dt.date.max, m.article.id, m.agreement.start, m.agreement.id)


def _bare(a: Agreement) -> bool:
    return not a.parties and not a.scope and a.coverage == "unknown" and not a.process


def _as_named(parties: set[str], others: set[str], context: set[str], homes: dict[str, str]) -> set[str]:
    """A group the other reports name by its country ("Yemen's warring parties" for the Houthis, in articles
    that name the Houthis too) is that country there: {SAU, houthis} is {SAU, YEM}."""
    out = set()
    for p in parties:
        home = homes.get(p)
        out.add(home if home and home in others and p not in others and p in context else p)
    return out


def _score(c: _Cluster, m: Member, extended: bool = False, homes: dict[str, str] | None = None) -> float | None:
    homes = homes or {}
    """How well a member fits a cluster; None when something contradicts."""
    a = m.agreement
    if m.article.id in c.articles:
        return None  # one article's extractor already told its own records apart
    first = min(_dates(m), default=None)
    if family(a.kind) != family(c.kind):
        return None  # one report's "truce" is another's "ceasefire"; an extension is its own record
    parties, scope = set(a.parties), set(a.scope)
    if parties and c.parties and not _same_sides(_as_named(parties, c.parties, c.context, homes), c, m):
        return None  # another conflict's arrangement, or another pair of sides in the same war
    if a.mediators and c.mediators and not set(a.mediators) & c.mediators:
        return None  # brokered by someone else: the Moscow truce is not the one agreed in Washington
    mine = _agreed_on(a)
    if mine and c.agreed_on and min(abs((x - y).days) for x in mine for y in c.agreed_on) > _SAME_DEAL_DAYS:
        return None  # agreed on another day: a new arrangement between the same sides
    if scope and c.scope and not scope & c.scope:
        return None
    if a.coverage != "unknown" and c.coverage != "unknown" and a.coverage != c.coverage:
        return None
    if a.phase and c.phases and a.phase not in c.phases:
        return None
    looks_back = bool(a.timeline) and all(s.rule == "agreement:violated" for s in a.timeline)
    if c.end and first and first > c.end + dt.timedelta(days=1) and not looks_back and not extended:
        return None  # the arrangement had ended: later news is of another one (an alleged breach looks back)
    gap = min((abs((first - d).days) for d in c.dates), default=0) if first else 0
    if a.start_date and a.start_precision in ("year", "month") and c.dates:
        # "the truce in place since 2021": a start told roughly fits any report of that year (month)
        same = [d for d in c.dates if d.year == a.start_date.year]
        if a.start_precision == "month":
            same = [d for d in same if d.month == a.start_date.month]
        if same:
            gap = 0
    score = 4.0 * len(scope & c.scope) + 2.0 * len(parties & c.parties) - gap / 30.0
    if a.coverage == c.coverage != "unknown":
        score += 1.0
    if not parties:
        if len(m.context & c.parties) < min(2, len(c.parties)) or not c.parties:
            return None  # a record without parties joins only a record whose sides the article names
        score += 1.0
    elif not c.parties and not (parties & c.context):
        return None
    named_there = c.context
    positive = (
        bool(scope & c.scope)
        or bool(parties & c.parties)
        or (a.coverage == c.coverage != "unknown")
        or (not c.parties and len(parties & named_there) >= 2)  # the other report names both its sides
    )
    if not positive and not _bare(a):
        return None
    if (gap > _MAX_GAP_DAYS and not (scope & c.scope)) or gap > MAX_SCOPE_GAP_DAYS:
        return None
    return score


def consolidate(
    members: list[Member], overrides: list[Override] = (), homes: dict[str, str] | None = None
) -> list[Agreement]:
    """Merge per-article agreement records into one record per arrangement (``homes``: each armed group's
    country, so that a report naming the country for the group can join)."""
    alone = {o.member for o in overrides if o.action == "split"}
    clusters: list[_Cluster] = []
    by_party: dict[str, list[_Cluster]] = {}  # blocking: only clusters that share a side are scored
    sideless: list[_Cluster] = []
    extensions: list[tuple[frozenset[str], dt.date]] = []  # the sides and day of each extension taken
    for m in sorted(members, key=_order):
        a = m.agreement
        keys = set(a.parties) or set(m.context)
        first = min(_dates(m), default=None)
        if first is not None:  # a record without sides older than any merge window is closed to newcomers
            horizon = first - dt.timedelta(days=_MAX_GAP_DAYS)
            sideless = [c for c in sideless if not c.dates or max(c.dates) >= horizon]
        near = {id(c): c for k in keys for c in by_party.get(k, [])}
        near.update({id(c): c for c in sideless})
        if first is not None:  # (a cluster last reported more than the longest gap ago can take nobody)
            earliest = min(first, dt.date(a.start_date.year, 1, 1)) if a.start_date else first
            old = earliest - dt.timedelta(days=MAX_SCOPE_GAP_DAYS)
            near = {i: c for i, c in near.items() if c.last is None or c.last >= old}
        pool = sorted(near.values(), key=lambda c: c.order)
        fits = (
            []
            if a.id in alone
            else [(s, c) for c in pool if (s := _score(c, m, _extended(c, extensions), homes)) is not None]
        )
        if a.kind == "extension" and a.parties:
            extensions += [(frozenset(a.parties), d) for s in a.timeline if s.status in _TAKEN and (d := _when(s, m))]
        if fits:
            best = max(fits, key=lambda sc: sc[0])[1]
            had = set(best.parties)
            best.add(m)
        elif _bare(a) and not a.timeline:
            continue  # a passing mention that fits nothing known: evidence of nothing yet
        else:
            best, had = _Cluster(kind=a.kind, order=len(clusters)), set()
            best.add(m)
            clusters.append(best)
        if best.parties:
            if best in sideless:
                sideless.remove(best)
            for k in best.parties - had:
                by_party.setdefault(k, []).append(best)
        elif best not in sideless:
            sideless.append(best)
    clusters = _apply_merges(clusters, [o for o in overrides if o.action == "merge"])
    records = [_record(c, homes or {}) for c in clusters]
    _link_processes(records, clusters)
    _share_process_brokers(records)
    _link_extensions(records)
    _supersede(records)
    records.sort(key=lambda r: (r.start_date or dt.date.max, r.process or "", r.phase or 0, r.id))
    return records


def _extended(c: _Cluster, extensions: list[tuple[frozenset[str], dt.date]]) -> bool:
    """Was the cluster's arrangement extended around the day it was said to end? Then that end closed a
    period, not the arrangement, and later reports may still be of it. (``extensions``: the sides and the
    day of every extension taken so far.)"""
    if c.end is None or c.kind == "extension" or not extensions:
        return False
    since = c.end - dt.timedelta(days=_SAME_DEAL_DAYS)
    sides = c.parties | c.context
    return any(day >= since and parties and parties <= sides for parties, day in extensions)


def _apply_merges(clusters: list[_Cluster], merges: list[Override]) -> list[_Cluster]:
    for o in merges:
        owner = {m.agreement.id: c for c in clusters for m in c.members}
        a, b = owner.get(o.member), owner.get(o.other or "")
        if a is None or b is None or a is b:
            continue
        for m in b.members:
            a.add(m)
        clusters.remove(b)
    return clusters


def merged_id(member_ids: list[str]) -> str:
    """A merged record's id: stable while its earliest member stays in it."""
    return "agr-" + hashlib.sha1(min(member_ids).encode(), usedforsecurity=False).hexdigest()[:10]


def _record(c: _Cluster, homes: dict[str, str]) -> Agreement:
    members = sorted(c.members, key=_order)
    first = members[0].agreement
    if c.kind != "extension":
        kinds = Counter(m.agreement.kind for m in members)
        c.kind = max(kinds, key=lambda k: (kinds[k], k == "ceasefire"))
    r = Agreement(
        id=merged_id([m.agreement.id for m in members]),
        kind=c.kind,
        name=first.name,
        status="proposed",
        start=first.start,
        end=first.end,
        scope=sorted(c.scope),
        coverage=c.coverage,  # type: ignore[arg-type]
        members=[m.agreement.id for m in members],
        articles=sorted({m.article.id for m in members}),
    )
    named = [m.agreement.name for m in members if m.agreement.scope or m.agreement.parties]
    r.name = max(named, key=len) if named else first.name
    votes: Counter[str] = Counter()
    mediators: Counter[str] = Counter()
    for m in members:
        a = m.agreement
        votes.update(a.parties)
        mediators.update(a.mediators)
        r.events += [e for e in a.events if e not in r.events]
        r.quantities += [q for q in a.quantities if q not in r.quantities]
        r.evidence += a.evidence
        r.areas += [x for x in a.areas if x not in r.areas]
        r.duration_text = r.duration_text or a.duration_text
        r.scope_text = r.scope_text or a.scope_text
        r.duration_days = r.duration_days or a.duration_days
        r.monitor = r.monitor or a.monitor
        r.purpose = r.purpose or a.purpose
        r.extends_kind = r.extends_kind or a.extends_kind
        r.planned_end = r.planned_end or a.planned_end
        for s in a.timeline:
            r.timeline.append(
                s.model_copy(
                    update={
                        "article_id": m.article.id,
                        "published": m.article.published,
                        "source": m.article.source,
                        # who claims it: the actor of the statement, else the outlet that reports it
                        "claimed_by": s.claimed_by or m.article.source,
                    }
                )
            )
        for cond in a.conditions:
            _add_condition(r, cond, m)
    r.parties = sorted(p for p in votes if p not in mediators or votes[p] >= mediators[p])
    if len(r.parties) > 2:  # "Yemen's warring parties" in one report, the Houthis in another: the Houthis
        stand_ins = {homes[p] for p in r.parties if homes.get(p) in r.parties}
        if len(r.parties) - len(stand_ins) >= 2:
            r.parties = [p for p in r.parties if p not in stand_ins]
    if len(r.parties) > 2:  # a side some reports call a mediator is the mediator when there are two others
        brokers = [p for p in r.parties if mediators[p]]
        if len(r.parties) - len(brokers) >= 2:
            r.parties = [p for p in r.parties if p not in brokers]
            mediators.update(brokers)
    r.mediators = sorted(x for x in mediators if x not in r.parties)
    hosts = Counter(h for m in members for h in m.agreement.hosts)
    r.hosts = sorted(h for h in hosts if h not in r.parties)
    r.actors = (
        [AgreementActor(actor=p, role="party") for p in r.parties]
        + [AgreementActor(actor=x, role="mediator") for x in r.mediators]
        + [AgreementActor(actor=h, role="host") for h in r.hosts if h not in r.mediators]
    )
    phases = Counter(m.agreement.phase for m in members if m.agreement.phase)
    r.phase = phases.most_common(1)[0][0] if phases else None
    r.declaration = "bilateral" if len(r.parties) == 2 else "multilateral" if len(r.parties) > 2 else None
    if c.kind in CEASEFIRE_KINDS and not r.scope and r.coverage in ("unknown", "comprehensive"):
        # no report limits it to some targets or areas: a ceasefire covers all hostilities between the parties
        r.coverage, r.scope = "comprehensive", ["all_hostilities"]
    derive(r)
    if r.start_date is None:  # "ending a two-month ceasefire": a start known only roughly
        rough = [m.agreement for m in members if m.agreement.start_date]
        if rough:
            first_rough = min(rough, key=lambda a: a.start_date)
            r.start_date, r.start_precision = first_rough.start_date, first_rough.start_precision
    return r


def _add_condition(r: Agreement, cond: Condition, m: Member) -> None:
    """Conditions with the same setter and much the same words are one condition; its status is the
    latest by article date, and a condition accepted, rejected or met is never 'stated' again."""
    words = _content(cond.text)
    for old in r.conditions:
        if (old.by and cond.by and old.by != cond.by) or (cond.on and old.on and cond.on != old.on):
            continue
        if not (old.by and cond.by) and len(words & _content(old.text)) < 2:
            continue  # a setter unknown on one side: the words must say it is the same condition
        same_words = len(words & _content(old.text)) >= 2
        update = cond.status != "stated" and old.status == "stated"  # "accepted the condition Moscow attached"
        if same_words or update:
            if _CONDITION_RANK[cond.status] >= _CONDITION_RANK[old.status]:
                old.status, old.status_by, old.status_article_id = cond.status, cond.status_by, m.article.id
            old.by = old.by or cond.by
            old.on = old.on or cond.on
            return
    r.conditions.append(cond.model_copy(update={"article_id": m.article.id, "status_article_id": m.article.id}))


_STOP = {"the", "a", "an", "of", "to", "and", "on", "in", "its", "it", "that", "for", "from", "any", "would", "must"}


def _content(text: str) -> set[str]:
    return {w.strip(".,;:\"'()") for w in text.lower().split()} - _STOP


_BEFORE_FORCE = {"proposed", "negotiating", "agreed", "declared", "planned"}


def derive(r: Agreement) -> None:
    """Status, end reason and dates from the timeline, by event date (the article's date when the
    text gives none), never by the order the reports arrived in."""
    r.timeline.sort(key=lambda s: (s.date or s.published or dt.date.max, RANK[s.status], s.article_id or ""))
    outlets: dict[tuple, set[str]] = {}
    for s in r.timeline:  # copies are never coded, so each entry's article is an independent report
        outlets.setdefault((s.status, s.date or s.published), set()).add(s.source or s.article_id or "")
    for s in r.timeline:
        s.independent_sources = len(outlets[(s.status, s.date or s.published)])
    asserted = [s for s in r.timeline if s.modality in ("asserted", "claimed")]
    if not asserted:
        r.status = "proposed"
        return
    # "accused X of violating the truce" says it was in force, but never outweighs what reports of the
    # arrangement itself say (a violation alleged after the collapse does not revive it)
    direct = [s for s in asserted if s.rule != "agreement:violated"] or asserted
    latest = max(direct, key=lambda s: (s.date or s.published or dt.date.min, RANK[s.status]))
    if latest.status in _BEFORE_FORCE:
        # "agreed" said again after the arrangement took effect is a restatement, not a step back
        running = [s for s in asserted if s.status in ("in_force", "suspended", "ended")]
        if running and min(s.date or s.published or dt.date.max for s in running) <= (
            latest.date or latest.published or dt.date.max
        ):
            latest = max(running, key=lambda s: (s.date or s.published or dt.date.min, RANK[s.status]))
    r.status = latest.status
    r.end_reason = latest.end_reason if latest.status == "ended" else None

    def exact_first(statuses: tuple[str, ...]) -> list[dt.date]:
        # a day the text names beats a coarser one ("began last week")
        found = [s for s in asserted if s.status in statuses and (s.date or s.published)]
        exact = [s for s in found if s.date is None or s.date_precision in (None, "day")]
        return [s.date or s.published for s in exact or found]  # type: ignore[misc]

    begun, agreed = exact_first(("in_force",)), exact_first(("agreed", "declared"))
    # ("violated the truce on Friday" shows it was in force then, not that it began that day)
    begun = [d for d in begun if d not in _violation_days(asserted)]
    if begun:
        r.start_date, r.start_precision = min(begun), "day"
    elif agreed and r.start_date is None:
        r.start_date, r.start_precision = min(agreed), "day"
    r.end_date = (latest.date or latest.published) if latest.status == "ended" else None
    if r.start_date and r.duration_days and r.planned_end is None:
        r.planned_end = r.start_date + dt.timedelta(days=r.duration_days - 1)


def _violation_days(entries: list[StatusChange]) -> set[dt.date]:
    plain = {s.date or s.published for s in entries if s.status == "in_force" and s.rule != "agreement:violated"}
    return {
        d for s in entries if s.status == "in_force" and s.rule == "agreement:violated" and (d := s.date or s.published)
    } - plain


_RUNNING = {"agreed", "declared", "in_force", "extended", "suspended"}


def _supersede(records: list[Agreement]) -> None:
    """A new arrangement of the same kind and scope between the same sides replaces one still running: the
    Moscow truce of 10 October ends when the US-brokered one of 26 October begins. (Never between phases of
    one process, or an arrangement and its extension.)"""
    by_sides: dict[tuple, list[Agreement]] = {}
    for r in records:
        if r.kind != "extension" and len(r.parties) >= 2 and r.start_date:
            key = (family(r.kind), frozenset(r.parties), frozenset(r.scope), r.coverage)
            by_sides.setdefault(key, []).append(r)
    for group in by_sides.values():
        group.sort(key=lambda r: (r.start_date, r.id))
        for old, new in itertools.pairwise(group):
            if old.end_date is not None or old.status not in _RUNNING or new.status in ("proposed", "rejected"):
                continue
            if (old.process and old.process == new.process) or new.start_date <= old.start_date + dt.timedelta(
                days=_SAME_DEAL_DAYS
            ):
                continue
            old.status, old.end_reason, old.end_date = "ended", "superseded", new.start_date
            old.links.append(AgreementLink(relation="references", agreement=new.id))


def _link_processes(records: list[Agreement], clusters: list[_Cluster]) -> None:
    """Per-article process ids that meet in one merged record name one process across articles."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for c in clusters:
        pids = sorted(c.processes)
        for p in pids:
            find(p)
        for p in pids[1:]:
            parent[find(p)] = find(pids[0])
    for r, c in zip(records, clusters, strict=True):
        if c.processes:
            mine = find(min(c.processes))
            root = min(p for p in list(parent) if find(p) == mine)
            r.process = "process-" + hashlib.sha1(root.encode(), usedforsecurity=False).hexdigest()[:10]


def _share_process_brokers(records: list[Agreement]) -> None:
    """The phases of one process have the same mediators; a side that mediates one phase is no party
    to another (the US brokering the energy, maritime and full ceasefires between Russia and Ukraine)."""
    by_process: dict[str, list[Agreement]] = {}
    for r in records:
        if r.process:
            by_process.setdefault(r.process, []).append(r)
    for phases in by_process.values():
        brokers = {m for r in phases for m in r.mediators}
        for r in phases:
            sides = [p for p in r.parties if p not in brokers]
            if len(sides) >= 2:
                r.parties = sides
            r.mediators = sorted(brokers - set(r.parties))
            r.actors = [AgreementActor(actor=p, role="party") for p in r.parties] + [
                AgreementActor(actor=m, role="mediator") for m in r.mediators
            ]


_TAKEN = {"agreed", "declared", "in_force", "extended", "suspended", "ended"}


def _link_extensions(records: list[Agreement]) -> None:
    """An extension is its own record that 'extends' the latest arrangement of its kind between the same
    sides. One that was agreed prolongs that arrangement: the arrangement's timeline gets an 'extended'
    entry and goes on (the Gaza truce: agreed, extended, then ended); its end is the extension's end too. An
    extension only offered, talked about or turned down leaves the arrangement as it was."""
    for r in (x for x in records if x.kind == "extension"):
        first = r.start_date or min((s.date or s.published for s in r.timeline if s.date or s.published), default=None)
        wanted = family(r.extends_kind or "ceasefire")
        bases = [
            b
            for b in records
            if b.kind != "extension"
            and family(b.kind) == wanted
            and (not r.parties or set(r.parties) <= set(b.parties) or set(b.parties) <= set(r.parties))
            and (not r.parties or not b.parties or set(r.parties) & set(b.parties))
            and (b.start_date is None or first is None or b.start_date <= first)
            and (b.end_date is None or first is None or b.end_date >= first - dt.timedelta(days=_SAME_DEAL_DAYS))
        ]
        if not bases:
            continue
        base = max(bases, key=lambda b: b.start_date or dt.date.min)
        r.links.append(AgreementLink(relation="extends", agreement=base.id))
        r.parties = r.parties or list(base.parties)
        r.mediators = r.mediators or list(base.mediators)
        r.actors = r.actors or list(base.actors)
        r.scope = r.scope or list(base.scope)
        r.coverage = base.coverage if r.coverage == "unknown" else r.coverage
        taken = [s for s in r.timeline if s.status in _TAKEN and s.modality in ("asserted", "claimed")]
        if not taken:
            continue
        when = min(taken, key=lambda s: s.date or s.published or dt.date.max)
        on = when.date or when.published
        took = max(
            (s.date or s.published for s in taken if s.status == "in_force" and (s.date or s.published)), default=on
        )
        if on is not None and took is not None:
            # "entered into force this morning, after the first period ended at midnight": a period's end
            base.timeline = [
                s
                for s in base.timeline
                if not (
                    s.status == "ended"
                    and (d := s.date or s.published)
                    and on - dt.timedelta(days=_SAME_DEAL_DAYS) <= d <= took + dt.timedelta(days=1)
                )
            ]
        base.timeline.append(when.model_copy(update={"status": "extended", "end_reason": None}))
        base.timeline.extend(s for s in r.timeline if s.status == "ended")
        derive(base)
        if base.status == "ended" and base.end_date and (first is None or base.end_date >= first):
            r.status, r.end_reason, r.end_date = "ended", base.end_reason, base.end_date
            r.timeline.extend(
                s
                for s in base.timeline
                if s.status == "ended" and (s.date or s.published or dt.date.min) >= base.end_date
            )
