"""The store's questions about sources: copies of stories, signatures, ingest warnings, statements,
and how many independent outlets report an event."""

from __future__ import annotations

import datetime as dt
import hashlib
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from truceline.models import Agreement, Article, ArticleRef, Event, Statement
from truceline.store.tables import (
    AgreementRow,
    ArticleRow,
    CopyRow,
    EventRow,
    IngestWarningRow,
    SignatureRow,
    StatementRow,
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _key(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode(), usedforsecurity=False).hexdigest()[:32]


@dataclass
class Copy:
    relation: str  # original, exact, near
    similarity: float
    source: str | None
    url: str | None
    title: str | None
    published: dt.date | None
    ref: str | None


@dataclass
class Story:
    """A coded article and every copy of it that was ingested."""

    id: str
    title: str | None
    source: str | None
    published: dt.date | None
    events: int
    agreements: int
    independent_sources: int
    copies: list[Copy] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        return sorted({c.source for c in self.copies if c.source} | ({self.source} if self.source else set()))


@dataclass
class EventKey:
    """What the corroboration pass needs of a stored event."""

    id: str
    article_id: str
    type: str
    source: str | None
    target: str | None
    date: dt.date | None
    outlet: str | None


class SourcesStore:
    """Mixed into :class:`~truceline.store.Store`."""

    def session(self) -> AbstractContextManager[Session]:  # provided by Store
        raise NotImplementedError

    # ------------------------------------------------------------------ copies and signatures
    def has_article(self, article_id: str) -> bool:
        with self.session() as s:
            return s.get(ArticleRow, article_id) is not None

    def add_copy(self, story_id: str, article: Article, relation: str, similarity: float = 1.0) -> bool:
        """Record that ``article`` is a copy (or the original) of the stored story; False if known already."""
        with self.session() as s:
            return self.copy_row(s, story_id, article, relation, similarity)

    def copy_row(self, s: Session, story_id: str, article: Article, relation: str, similarity: float = 1.0) -> bool:
        cid = _key(story_id, article.id, article.source or "", article.url or "", article.ref or "")
        if s.get(CopyRow, cid) is not None:
            return False
        if relation != "original":
            same = select(CopyRow.id).where(
                CopyRow.article_id == story_id,
                CopyRow.text_id == article.id,
                CopyRow.source.is_(None) if article.source is None else CopyRow.source == article.source,
            )
            if s.execute(same.limit(1)).first() is not None:
                return False  # the same text from the same outlet, read again from another file
        s.add(
            CopyRow(
                id=cid,
                article_id=story_id,
                relation=relation,
                similarity=round(similarity, 4),
                text_id=article.id,
                source=article.source,
                url=article.url,
                title=article.title,
                published=article.published,
                ref=article.ref,
                text=article.text if relation == "near" else None,
                ingested_at=_now(),
            )
        )
        return True

    def signatures(self) -> list[tuple[str, bytes]]:
        with self.session() as s:
            return [(a, m) for a, m in s.execute(select(SignatureRow.article_id, SignatureRow.minhash))]

    def article_text(self, article_id: str) -> str | None:
        with self.session() as s:
            return s.scalar(select(ArticleRow.text).where(ArticleRow.id == article_id))

    def copy_of(self, text_id: str) -> str | None:
        """The story a text was stored as a copy of, if any."""
        with self.session() as s:
            return s.scalar(select(CopyRow.article_id).where(CopyRow.text_id == text_id).limit(1))

    # ------------------------------------------------------------------ warnings
    def add_warning(self, ref: str, code: str, message: str, fatal: bool = False) -> bool:
        wid = _key(ref, code, message)
        with self.session() as s:
            if s.get(IngestWarningRow, wid) is not None:
                return False
            s.add(IngestWarningRow(id=wid, ref=ref, code=code, message=message, fatal=fatal, at=_now()))
        return True

    def ingest_warnings(self, limit: int | None = None) -> list[tuple[str, str, str, bool, dt.datetime]]:
        q = select(
            IngestWarningRow.ref,
            IngestWarningRow.code,
            IngestWarningRow.message,
            IngestWarningRow.fatal,
            IngestWarningRow.at,
        ).order_by(IngestWarningRow.at, IngestWarningRow.ref)
        if limit:
            q = q.limit(limit)
        with self.session() as s:
            return [tuple(r) for r in s.execute(q)]  # type: ignore[misc]

    # ------------------------------------------------------------------ statements
    @staticmethod
    def statement_rows(s: Session, article_id: str, statements: list[Statement]) -> None:
        """Statement rows of an article being stored (their ids derive from the new article's id)."""
        s.add_all(
            StatementRow(
                id=st.id, article_id=article_id, speaker=st.speaker, kind=st.kind, record=st.model_dump(mode="json")
            )
            for st in {st.id: st for st in statements}.values()
        )

    def statements(self, *, speaker: str | None = None, article: str | None = None) -> list[Statement]:
        q = select(StatementRow.record).order_by(StatementRow.article_id, StatementRow.id)
        if speaker:
            q = q.where(StatementRow.speaker == speaker)
        if article:
            q = q.where(StatementRow.article_id.like(f"{article}%"))
        with self.session() as s:
            return [Statement.model_validate(r) for r in s.scalars(q)]

    # ------------------------------------------------------------------ corroboration
    def event_keys(self, types: tuple[str, ...] | None = None) -> list[EventKey]:
        q = select(
            EventRow.id,
            EventRow.article_id,
            EventRow.type,
            func.coalesce(EventRow.source_country, EventRow.source),
            func.coalesce(EventRow.target_country, EventRow.target),
            func.coalesce(EventRow.date, ArticleRow.published),
            ArticleRow.source,
        ).join(ArticleRow, ArticleRow.id == EventRow.article_id)
        if types:
            q = q.where(EventRow.type.in_(types))
        with self.session() as s:
            return [EventKey(*row) for row in s.execute(q)]

    def fatality_reports(self) -> dict[str, dict]:
        """Event id -> the ``fatalities`` of its record, for the events whose report states deaths."""
        q = select(EventRow.id, EventRow.record).where(EventRow.type == "ASSAULT")
        with self.session() as s:
            return {i: r["fatalities"] for i, r in s.execute(q) if r and r.get("fatalities")}

    def set_incident_fatalities(self, values: dict[str, dict | None]) -> None:
        """Write each event's deaths over its incident's reports into its record (None clears them)."""
        with self.session() as s:
            ids = list(values)
            for i in range(0, len(ids), 500):
                for row in s.scalars(select(EventRow).where(EventRow.id.in_(ids[i : i + 500]))):
                    record = dict(row.record or {})
                    if record.get("incident_fatalities") != values[row.id]:
                        record["incident_fatalities"] = values[row.id]
                        row.record = record

    def set_independent_sources(self, counts: dict[str, int]) -> None:
        with self.session() as s:
            by_value: dict[int, list[str]] = {}
            for event_id, n in counts.items():
                by_value.setdefault(n, []).append(event_id)
            for n, ids in by_value.items():
                for i in range(0, len(ids), 500):
                    s.execute(update(EventRow).where(EventRow.id.in_(ids[i : i + 500])).values(independent_sources=n))

    # ------------------------------------------------------------------ stories
    def stories(
        self,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Story]:
        """Each coded article with its copies and the most independent sources any of its events has."""
        ev = (
            select(
                EventRow.article_id,
                func.count().label("n"),
                func.max(EventRow.independent_sources).label("indep"),
            )
            .group_by(EventRow.article_id)
            .subquery()
        )
        ag = select(AgreementRow.article_id, func.count().label("n")).group_by(AgreementRow.article_id).subquery()
        q = (
            select(
                ArticleRow.id,
                ArticleRow.title,
                ArticleRow.source,
                ArticleRow.published,
                func.coalesce(ev.c.n, 0),
                func.coalesce(ag.c.n, 0),
                func.coalesce(ev.c.indep, 1),
            )
            .join(ev, ev.c.article_id == ArticleRow.id, isouter=True)
            .join(ag, ag.c.article_id == ArticleRow.id, isouter=True)
            .order_by(ArticleRow.published.is_(None), ArticleRow.published, ArticleRow.id)
        )
        if since:
            q = q.where(ArticleRow.published >= since)
        if until:
            q = q.where(ArticleRow.published <= until)
        if limit is not None:
            q = q.limit(limit)
        if offset:
            q = q.offset(offset)
        with self.session() as s:
            stories = {row[0]: Story(*row) for row in s.execute(q)}
            copies = select(
                CopyRow.article_id,
                CopyRow.relation,
                CopyRow.similarity,
                CopyRow.source,
                CopyRow.url,
                CopyRow.title,
                CopyRow.published,
                CopyRow.ref,
            ).order_by(CopyRow.article_id, CopyRow.relation.desc(), CopyRow.ingested_at)
            if limit is not None or offset:
                copies = copies.where(CopyRow.article_id.in_(list(stories)))  # only the page's stories
            for article_id, *rest in s.execute(copies):
                if article_id in stories:
                    stories[article_id].copies.append(Copy(*rest))
        return list(stories.values())

    # ------------------------------------------------------------------ accounts for compare
    def agreement_records(self, ids: list[str]) -> list[tuple[Agreement, ArticleRef]]:
        """Per-article agreement records by id, with their articles."""
        return self._with_article(AgreementRow, Agreement, ids)

    def event_records(self, ids: list[str]) -> list[tuple[Event, ArticleRef]]:
        """Stored events by id, with their articles."""
        return self._with_article(EventRow, Event, ids)

    def _with_article(self, table: type, model: type, ids: list[str]) -> list:
        q = (
            select(table.record, ArticleRow.id, ArticleRow.source, ArticleRow.published, ArticleRow.title)
            .join(ArticleRow, ArticleRow.id == table.article_id)
            .where(table.id.in_(ids))
        )
        with self.session() as s:
            return [
                (model.model_validate(rec), ArticleRef(id=aid, source=src, published=pub, title=title))
                for rec, aid, src, pub, title in s.execute(q)
            ]

    def event_id(self, prefix: str) -> str | None:
        """An event id from its first characters (6+), if only one matches."""
        with self.session() as s:
            rows = s.scalars(select(EventRow.id).where(EventRow.id.like(f"{prefix}%")).limit(2)).all()
        return rows[0] if len(rows) == 1 else None

    def delete_copies(self, article_id: str, s: Session) -> None:
        for table in (CopyRow, SignatureRow, StatementRow):
            s.execute(delete(table).where(table.article_id == article_id))
