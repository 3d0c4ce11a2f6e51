"""Violations as an overlay on agreements, never a status.

An attack (ASSAULT or COERCE) between an agreement's parties, inside its period and its scope, is
linked to it as a *candidate* violation. The link then records how far the breach is established:

- ``alleged``: a party accuses the other, or the incident is reported on a party's word;
- ``disputed``: the accused side denies it;
- ``corroborated``: two independent outlets report it and nobody denies it;
- ``verified``: the agreement's named monitor finds it.

Reports of one incident from several articles (same attacker, same target, same day, same kind of
target) are one incident. Copies of one story (the same sentence in two outlets) count as one
source. An attack between the parties that the agreement does not cover (outside its scope or its
area) is kept apart in ``out_of_scope`` with the reason, never as a violation. Each link lists its
basis so an analyst can see why it was made, and an analyst's confirm/dismiss is kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from truceline.agreements.candidate import vocabulary
from truceline.agreements.consolidate import CEASEFIRE_KINDS
from truceline.models import Agreement, ArticleRef, Event, ViolationLink

ATTACKS = ("ASSAULT", "COERCE")
_WINDOW = dt.timedelta(days=3)  # accusations and denials refer to incidents of the days before
# how far a breach is established, for the compliance summary: a denied breach is less established
# than one two independent outlets report
_ORDER = ["candidate", "alleged", "disputed", "corroborated", "verified"]
_AGREEMENT_WORDS = ("ceasefire", "truce", "moratorium", "agreement", "arrangement", "cessation of hostilities")
_BREACH_WORDS = ("ceasefire", "truce", "moratorium", "violat", "breach", "agreement", "arrangement")


@dataclass(frozen=True)
class Report:
    """One event as one article reports it, with the party keys of its actors."""

    event: Event
    article: ArticleRef
    source_key: str | None  # country code, or group id for a non-state group
    target_key: str | None
    claimant_key: str | None = None


@dataclass
class Incident:
    id: str
    reports: list[Report] = field(default_factory=list)
    category: str | None = None

    @property
    def first(self) -> Report:
        return self.reports[0]

    def side(self, attr: str) -> str | None:
        """The attacker or target most reports name (the earliest on a tie); one vague report does not
        blank what the others say."""
        named = [getattr(r, attr) for r in self.reports if getattr(r, attr) is not None]
        return max(dict.fromkeys(named), key=named.count) if named else None

    @property
    def date(self) -> dt.date | None:
        return self.first.event.date or self.first.article.published


def category_of(sentence: str) -> str | None:
    """What an incident hit, as a scope domain, from the words of its sentence."""
    text = sentence.lower()
    best: tuple[int, str] | None = None
    for domain, words in vocabulary().incident_targets.items():
        hits = [w for w in words if re.search(rf"\b{re.escape(w)}", text)]
        if hits and (best is None or len(max(hits, key=len)) > best[0]):
            best = (len(max(hits, key=len)), domain)
    return best[1] if best else None


def incidents(reports: Iterable[Report]) -> list[Incident]:
    """Group attack reports from several articles into incidents (content order, not ingest order)."""
    out: list[Incident] = []
    attacks = [
        r for r in reports if r.event.type in ATTACKS and not r.event.negated and (r.source_key or r.claimant_key)
    ]
    attacks.sort(key=lambda r: (r.event.date or r.article.published or dt.date.max, r.article.id, r.event.id))
    for r in attacks:
        when = r.event.date or r.article.published
        cat = category_of(r.event.sentence)
        for inc in out:
            told = [x.event.date or x.article.published for x in inc.reports]
            same_day = when is not None and any(d is not None and abs((when - d).days) <= 1 for d in told)
            if when is not None and r.event.date is None:
                # an undated report ("the claims of an attack on a pumping station are false") is of an
                # incident of the days before its article
                same_day = same_day or any(
                    x.event.date is not None and dt.timedelta(0) <= when - x.event.date <= _WINDOW for x in inc.reports
                )
            if (
                same_day
                and inc.first.source_key == r.source_key
                and (r.source_key is not None or inc.first.claimant_key == r.claimant_key)
                and (inc.first.target_key == r.target_key or None in (inc.first.target_key, r.target_key))
                and (
                    inc.category == cat
                    or inc.category is None
                    # a report that names no target joins one that does only when it has no date of its
                    # own ("the claims of an attack on a pumping station are false"); "90 clashes along
                    # the front" on the same day is other fighting
                    or (cat is None and r.event.date is None)
                )
            ):
                inc.reports.append(r)
                inc.category = inc.category or cat
                break
        else:
            iid = "inc-" + hashlib.sha1(r.event.id.encode(), usedforsecurity=False).hexdigest()[:10]
            out.append(Incident(iid, [r], cat))
    return out


def overlay(
    records: list[Agreement],
    reports: list[Report],
    texts: dict[str, tuple[dt.date | None, str]],
    party_country: dict[str, str],
    decisions: dict[tuple[str, str], str] | None = None,
    article_texts: Callable[[set[str]], dict[str, tuple[dt.date | None, str]]] | None = None,
) -> None:
    """Link incidents to the agreements they may breach, assess each link, and sum up compliance.

    ``texts`` maps article ids to their date and text (for monitors' findings);
    ``party_country`` maps a group party to the country it fights in (hezbollah -> LBN);
    ``decisions`` holds analysts' confirm/dismiss by (agreement id, incident id);
    ``article_texts`` reads articles' texts, to see whether an article calls an attack a violation.
    """
    decisions = decisions or {}
    told: dict[str, bool] = {}

    def told_as_breach(inc: Incident) -> bool:
        ids = {r.article.id for r in inc.reports}
        missing = ids - set(told)
        if missing and article_texts is not None:
            for aid, (_, text) in article_texts(missing).items():
                told[aid] = any(calls_breach(s) for s in re.split(r"(?<=[.!?])\s+", text))
        return any(told.get(aid, False) for aid in ids)

    found = incidents(reports)
    statements = _Statements(
        [
            r
            for r in reports
            if r.event.type in ("ACCUSE", "REJECT")
            or r.event.status == "denied"
            or (r.event.type in ATTACKS and r.event.negated)
        ]
    )
    for agr in records:
        agr.violations, agr.out_of_scope = [], []
        parties = set(agr.parties)
        start = agr.start_date
        if len(parties) < 2 or start is None or agr.kind not in CEASEFIRE_KINDS:
            continue
        end = agr.end_date or dt.date.max
        for inc in found:
            src, tgt = inc.side("source_key"), inc.side("target_key") or _place_key(inc, party_country, parties)
            if src is None and inc.first.claimant_key in parties and len(parties) == 2:
                # "the RSF say an army air strike killed eleven in Nyala": the claimant accuses the other side
                src = next(p for p in parties if p != inc.first.claimant_key)
                tgt = inc.first.claimant_key  # who complains of it is who it hit
            inferred = False
            if src in parties and tgt is None and len(parties) == 2 and told_as_breach(inc):
                # "an Israeli drone targeted a house in <a village> … the strike is a clear violation of the
                # agreement": a party's attack that its article calls a breach hits the other party
                tgt, inferred = next(p for p in parties if p != src), True
            if src not in parties or tgt not in parties or src == tgt:
                continue
            when = inc.date
            if when is None or not (start <= when <= end):
                continue
            link = _link(agr, inc, src, party_country)
            if link.assessment == "out_of_scope":
                agr.out_of_scope.append(link)
                continue
            if inferred:
                link.basis.append("explicit_reference")
            _assess(link, agr, inc, statements, texts)
            if inferred and link.assessment == "candidate":
                link.assessment, link.alleging_party = "alleged", tgt  # told as a breach, on the victim's side
                link.basis.append("accusation")
            link.analyst = decisions.get((agr.id, inc.id))  # type: ignore[assignment]
            agr.violations.append(link)
        agr.compliance = compliance(agr.violations)


def calls_breach(sentence: str) -> bool:
    """Does a sentence call something a violation or breach of an agreement?"""
    low = sentence.lower()
    return bool(re.search(r"\b(violat\w*|breach\w*)\b", low)) and any(w in low for w in _AGREEMENT_WORDS)


def _place_key(inc: Incident, party_country: dict[str, str], parties: set[str]) -> str | None:
    """An attack with no named target hits the party whose territory it lands in."""
    loc = inc.first.event.location
    if loc is None or loc.country is None:
        return None
    for p in parties:
        if p == loc.country or party_country.get(p) == loc.country:
            return p
    return None


def _link(agr: Agreement, inc: Incident, src: str, party_country: dict[str, str]) -> ViolationLink:
    first = inc.first
    basis = ["party_match", "period_match"]
    link = ViolationLink(
        incident=inc.id,
        events=[r.event.id for r in inc.reports],
        date=inc.date,
        alleged_violator=src,
        target_category=inc.category,
        articles=sorted({r.article.id for r in inc.reports}),
        sources=sorted({r.article.source or r.article.id for r in inc.reports}),
        sentence=first.event.sentence,
    )
    scope = set(agr.scope)
    comprehensive = agr.coverage == "comprehensive" or "all_hostilities" in scope or not scope
    if not comprehensive:
        if inc.category not in scope:
            link.assessment = "out_of_scope"
            what = (inc.category or "targets outside the agreement's domains").replace("_", " ")
            link.reason = f"an attack on {what}, outside the scope ({', '.join(sorted(scope))})"
            return link
        basis.append("scope_match")
    loc = first.event.location
    territory = {party_country.get(p, p) for p in agr.parties}
    if loc is not None and loc.country and loc.country not in territory:
        link.assessment = "out_of_scope"
        link.reason = f"in {loc.name}, outside the area the agreement covers ({', '.join(sorted(territory))})"
        return link
    if loc is not None and loc.country:
        basis.append("area_match")
    if any(any(w in r.event.sentence.lower() for w in _BREACH_WORDS) for r in inc.reports):
        basis.append("explicit_reference")
    link.basis = basis
    return link


class _Statements:
    """Accusations, rejections and denials, indexed by day and by article: an incident is compared only with
    the statements of its days and of its own articles (every statement of a large store, otherwise)."""

    def __init__(self, reports: list[Report]) -> None:
        self.all = reports
        self.by_day: dict[dt.date, list[int]] = {}
        self.by_article: dict[str, list[int]] = {}
        for i, r in enumerate(reports):
            for d in {d for d in (r.event.date, r.article.published) if d}:
                self.by_day.setdefault(d, []).append(i)
            self.by_article.setdefault(r.article.id, []).append(i)

    def around(self, when: dt.date, articles: Iterable[str] = ()) -> list[Report]:
        """Statements dated from the incident's day to the window after it, or in these articles, in order."""
        found: set[int] = set()
        if when != dt.date.min:
            for n in range(_WINDOW.days + 1):
                found.update(self.by_day.get(when + dt.timedelta(days=n), ()))
        for aid in articles:
            found.update(self.by_article.get(aid, ()))
        return [self.all[i] for i in sorted(found)]


def _assess(
    link: ViolationLink,
    agr: Agreement,
    inc: Incident,
    statements: _Statements,
    texts: dict[str, tuple[dt.date | None, str]],
) -> None:
    voc = vocabulary()
    violator = link.alleged_violator
    victims = set(agr.parties) - {violator}
    when = inc.date or dt.date.min
    level = "candidate"
    # an accusation: a victim's ACCUSE against the violator, or the incident told on a victim's word
    for s in statements.around(when, link.articles):
        near = _near(s, when) or s.article.id in link.articles
        if s.event.type == "ACCUSE" and near and s.source_key in victims and s.target_key in (violator, None):
            level, link.alleging_party = "alleged", s.source_key
            link.basis.append("accusation")
            break
    claimants = {r.claimant_key for r in inc.reports} & victims
    if level == "candidate" and claimants:
        level, link.alleging_party = "alleged", sorted(claimants)[0]
        link.basis.append("accusation")
    independent = _independent_sources(inc)
    denied = _denials(inc, violator, statements)
    if denied:
        link.denied_by = [violator] if violator else []
    if len(independent) >= 2 and not denied:
        level = "corroborated"
    elif denied:
        level = "disputed"
    if agr.monitor:
        # the monitor's finding: an article naming the monitor, in the weeks after the incident
        for aid in sorted(texts):
            published, text = texts[aid]
            if published is not None and not (when <= published <= when + dt.timedelta(days=21)):
                continue
            if _finds(text, agr.monitor, voc.verify_words) and _about(text, inc):
                level, link.verified_by = "verified", agr.monitor
                link.articles = sorted({*link.articles, aid})
                link.basis.append("monitor_finding")
                break
    link.assessment = level  # type: ignore[assignment]


def _near(s: Report, when: dt.date) -> bool:
    """A statement is about an incident of the days before it: by the event's date or the article's."""
    days = [d for d in (s.event.date, s.article.published) if d]
    return any(0 <= (d - when).days <= _WINDOW.days for d in days)


def _independent_sources(inc: Incident) -> set[str]:
    """Outlets that report the incident, counting copies of one story (same sentence) once."""
    seen: dict[str, str] = {}
    for r in inc.reports:
        if r.event.status == "denied":
            continue
        key = re.sub(r"\W+", " ", r.event.sentence.lower()).strip()
        seen.setdefault(key, r.article.source or r.article.id)
    return set(seen.values())


def _denials(inc: Incident, violator: str | None, statements: _Statements) -> bool:
    if any(r.event.status == "denied" for r in inc.reports):
        return True
    words = vocabulary().deny_words
    for r in inc.reports:  # "the General Staff states that the Russian claims of an attack are false"
        if r.claimant_key == violator and "claim" in r.event.sentence.lower() and _says_any(r.event.sentence, words):
            return True
    words = vocabulary().deny_words
    for r in inc.reports:  # "the General Staff says the Russian claims of a strike are false"
        said = r.claimant_key or r.source_key
        if said == violator and r.claimant_key and any(w in r.event.sentence.lower().split() for w in words):
            return True
    when = inc.date or dt.date.min
    words = vocabulary().deny_words
    for s in statements.around(when):
        if s.source_key != violator or not _near(s, when):
            continue
        if s.event.status == "denied" or any(w in s.event.sentence.lower().split() for w in words):
            return True
        if s.event.type in ATTACKS and s.event.negated and s.target_key in (inc.side("target_key"), None):
            return True  # "did not carry out the attack described by the Russian side"
    return False


def _finds(text: str, monitor: str, verify_words: set[str]) -> bool:
    """Does an article say that the monitor found a breach?"""
    abbrev = re.search(r"\(([A-Z]{2,8})\)", monitor)
    name = re.sub(r"\s*\([A-Z]{2,8}\)", "", monitor).lower()
    low_text = text.lower()
    if name not in low_text and not (abbrev and re.search(rf"\b{abbrev.group(1)}\b", text)):
        return False  # the article must name the monitor
    for sentence in re.split(r"(?<=[.!?])\s+", low_text):
        if any(re.search(rf"\b{w}\b", sentence) for w in verify_words) and any(
            w in sentence for w in ("violat", "breach")
        ):
            return True  # "the committee assesses this launch as a violation of the arrangement"
    return False


def _about(text: str, inc: Incident) -> bool:
    """Is a finding about this incident: does it name its day ("on 5 May") or its place?"""
    days = {r.event.date for r in inc.reports if r.event.date}
    for d in days:
        month = d.strftime("%B")
        if re.search(rf"\b({d.day} {month}|{month} {d.day})\b", text):
            return True
    places = {r.event.location.name for r in inc.reports if r.event.location and r.event.location.kind != "country"}
    return any(p and p in text for p in places)


def _says_any(sentence: str, words: set[str]) -> bool:
    low = sentence.lower()
    return any(re.search(rf"\b{re.escape(w)}\b", low) for w in words)


def compliance(links: list[ViolationLink]) -> str:
    live = [x for x in links if x.analyst != "dismissed"]
    if not live:
        return "no_reports"
    top = max(live, key=lambda x: _ORDER.index(x.assessment)).assessment
    return "verified_breach" if top == "verified" else top
