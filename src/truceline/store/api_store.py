"""The store's questions for the API and dashboard: filtered event pages, map and relation counts, tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from contextlib import AbstractContextManager

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from truceline.models import Event
from truceline.store.filters import EventFilter
from truceline.store.tables import ArticleRow, EventRow, TokenRow

TOKEN_PREFIX = "tl_"  # noqa: S105 - a visible prefix, not a secret


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiStore:
    """Mixed into :class:`~truceline.store.Store`."""

    def session(self) -> AbstractContextManager[Session]:  # provided by Store
        raise NotImplementedError

    # ------------------------------------------------------------------ events
    def _event_where(self, f: EventFilter) -> list:
        e = EventRow
        where = []
        if f.actor:
            where.append(
                or_(e.source == f.actor, e.target == f.actor, e.source_country == f.actor, e.target_country == f.actor)
            )
        if f.country:
            where.append(or_(e.source_country == f.country, e.target_country == f.country))
        if f.dyad:
            a, b = (p.strip() for p in f.dyad.split(","))

            def side(x: str, col_actor: object, col_country: object) -> object:
                return or_(col_actor == x, col_country == x)

            where.append(
                or_(
                    and_(side(a, e.source, e.source_country), side(b, e.target, e.target_country)),
                    and_(side(b, e.source, e.source_country), side(a, e.target, e.target_country)),
                )
            )
        if f.type:
            where.append(e.type == f.type)
        if f.mode:
            where.append(e.mode == f.mode)
        if f.status:
            where.append(e.status == f.status)
        if f.since:
            where.append(e.date >= f.since)
        if f.until:
            where.append(e.date <= f.until)
        if f.q:
            for word in f.q.split()[:6]:
                where.append(e.sentence.ilike(f"%{word}%"))
        return where

    def events_page(self, f: EventFilter) -> tuple[list[Event], int]:
        """One page of events matching the filter, and how many match in all."""
        e = EventRow
        where = self._event_where(f)
        order = {  # written so that the (date, id) and (type, date, id) indexes serve them
            "date": (e.date.asc().nulls_last(), e.id),
            "-date": (e.date.desc().nulls_last(), e.id.desc()),
            "goldstein": (e.goldstein.asc().nulls_last(), e.id),
            "-goldstein": (e.goldstein.desc().nulls_last(), e.id.desc()),
            "type": (e.type, e.id),
            "id": (e.id,),
        }[f.sort]
        q = select(e.record, e.independent_sources).where(*where).order_by(*order).limit(f.limit).offset(f.offset)
        with self.session() as s:
            total = s.scalar(select(func.count()).select_from(e).where(*where)) or 0
            rows = [Event.model_validate({**r, "independent_sources": n}) for r, n in s.execute(q)]
        return rows, total

    def event_counts_by_country(self, f: EventFilter) -> dict[str, int]:
        """Events per country (as source or target) for the map."""
        e = EventRow
        where = self._event_where(f)
        counts: dict[str, int] = {}
        with self.session() as s:
            for col in (e.source_country, e.target_country):
                q = select(col, func.count()).where(*where, col.is_not(None)).group_by(col)
                for country, n in s.execute(q):
                    counts[country] = counts.get(country, 0) + n
        return counts

    def event_places(self, f: EventFilter, limit: int = 2000) -> list[dict]:
        """Where the events happened, for the map: one entry per place with coordinates (a town, or the
        centroid of a province or region), with its precision, event count and deaths (best estimates)."""
        e = EventRow
        where = self._event_where(f)
        places: dict[tuple, dict] = {}
        with self.session() as s:
            for (record,) in s.execute(select(e.record).where(*where)):
                loc = (record or {}).get("location") or {}
                if loc.get("lat") is None or loc.get("lon") is None:
                    continue
                key = (loc.get("name"), loc.get("country"), round(loc["lat"], 3), round(loc["lon"], 3))
                p = places.setdefault(
                    key,
                    {
                        "name": loc.get("name"),
                        "country": loc.get("country"),
                        "admin1": loc.get("admin1"),
                        "lat": loc["lat"],
                        "lon": loc["lon"],
                        "precision": loc.get("precision") or ("city" if loc.get("kind") == "city" else "region"),
                        "events": 0,
                        "fatalities": 0.0,
                    },
                )
                p["events"] += 1
                p["fatalities"] += float(((record.get("fatalities") or {}).get("best")) or 0)
        return sorted(places.values(), key=lambda p: -p["events"])[:limit]

    def event_counts_by_month(self, f: EventFilter) -> list[tuple[str, str, int]]:
        """(month 'YYYY-MM', type, count) for the timeline chart."""
        e = EventRow
        where = [*self._event_where(f), e.date.is_not(None)]
        with self.session() as s:
            rows = s.execute(select(e.date, e.type).where(*where)).all()
        counts: dict[tuple[str, str], int] = {}
        for d, t in rows:
            key = (d.strftime("%Y-%m"), t)
            counts[key] = counts.get(key, 0) + 1
        return sorted((m, t, n) for (m, t), n in counts.items())

    def relations(self, f: EventFilter, min_events: int = 1) -> list[dict]:
        """Dyads (source country/actor -> target) with their number of events and mean Goldstein score."""
        e = EventRow
        src = func.coalesce(e.source_country, e.source)
        tgt = func.coalesce(e.target_country, e.target)
        where = [*self._event_where(f), src.is_not(None), tgt.is_not(None), src != tgt]
        q = (
            select(src, tgt, func.count(), func.avg(e.goldstein))
            .where(*where)
            .group_by(src, tgt)
            .having(func.count() >= min_events)
        )
        with self.session() as s:
            return [
                {"source": a, "target": b, "events": n, "goldstein": round(float(g), 2) if g is not None else None}
                for a, b, n, g in s.execute(q)
            ]

    def relation_over_time(self, f: EventFilter) -> list[dict]:
        """Per month: events and mean Goldstein score between the filter's dyad (or whatever it selects)."""
        e = EventRow
        where = [*self._event_where(f), e.date.is_not(None)]
        with self.session() as s:
            rows = s.execute(select(e.date, e.goldstein).where(*where)).all()
        months: dict[str, list[float | None]] = {}
        for d, g in rows:
            months.setdefault(d.strftime("%Y-%m"), []).append(g)
        out = []
        for m in sorted(months):
            scores = [g for g in months[m] if g is not None]
            mean = round(sum(scores) / len(scores), 2) if scores else None
            out.append({"month": m, "events": len(months[m]), "goldstein": mean})
        return out

    def article_count(self) -> int:
        with self.session() as s:
            return s.scalar(select(func.count()).select_from(ArticleRow)) or 0

    # ------------------------------------------------------------------ tokens
    def create_token(self, name: str) -> str:
        """A new API token; only its hash is stored, so this is the one time it can be seen."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.session() as s:
            s.add(
                TokenRow(
                    id=secrets.token_hex(4),
                    name=name,
                    hash=_hash(token),
                    created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                )
            )
        return token

    def check_token(self, token: str) -> bool:
        with self.session() as s:
            row = s.scalar(select(TokenRow).where(TokenRow.hash == _hash(token)))
            return row is not None and row.revoked_at is None

    def tokens(self) -> list[tuple[str, str, dt.datetime, dt.datetime | None]]:
        with self.session() as s:
            return [
                (r.id, r.name, r.created_at, r.revoked_at)
                for r in s.scalars(select(TokenRow).order_by(TokenRow.created_at))
            ]

    def revoke_token(self, token_id: str) -> bool:
        with self.session() as s:
            row = s.get(TokenRow, token_id)
            if row is None or row.revoked_at is not None:
                return False
            row.revoked_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            return True
