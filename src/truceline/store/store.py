"""The store: SQLite by default, PostgreSQL by URL; migrations with Alembic.

One function per question the product asks (``events``, ``agreements``, ``articles``...), so the
CLI, the API and exports share them. The store knows ``models.py`` and nothing else.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, and_, create_engine, delete, func, or_, select, true
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from truceline.errors import StoreError
from truceline.models import Actor, Agreement, Article, ArticleRef, Event, TrucelineRecord
from truceline.store.api_store import ApiStore
from truceline.store.sources_store import SourcesStore
from truceline.store.tables import (
    ActorRow,
    AgreementActorRow,
    AgreementRow,
    ArticleRow,
    EventRow,
    MentionRow,
    MergedAgreementActorRow,
    MergedAgreementRow,
    OverrideRow,
    SignatureRow,
)

OVERRIDE_ACTIONS = ("merge", "split", "confirm", "dismiss")

DEFAULT_URL = "sqlite:///truceline.db"


def resolve_url(url: str | None = None) -> str:
    """--db, then TRUCELINE_DB, then ./truceline.db. A bare path means a SQLite file."""
    if not url and not os.environ.get("TRUCELINE_DB"):
        from truceline.config import load_settings

        url = load_settings().db
    url = url or os.environ.get("TRUCELINE_DB") or DEFAULT_URL
    if "://" not in url:
        url = f"sqlite:///{url}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


class Store(SourcesStore, ApiStore):
    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        try:
            self.engine: Engine = create_engine(self.url, future=True)
            self._migrate()
        except (SQLAlchemyError, OSError) as exc:
            reason = str(exc).splitlines()[0]
            raise StoreError(f"cannot open the store at {self.safe_url}: {reason}") from None

    @property
    def safe_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True) if hasattr(self, "engine") else self.url

    def _migrate(self) -> None:
        cfg = Config(str(Path(__file__).with_name("alembic.ini")))
        cfg.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine) as s, s.begin():
            yield s

    # ------------------------------------------------------------------ writes
    def add(
        self, record: TrucelineRecord, text: str, *, article: Article | None = None, minhash: bytes | None = None
    ) -> bool:
        """Store one article's record in one transaction; False when the article was already stored
        (idempotent). With ``article``, it is also recorded as the original copy of its story, with its
        MinHash signature when given."""
        try:
            with self.session() as s:
                if s.get(ArticleRow, record.article.id) is not None:
                    return False
                s.add(
                    ArticleRow(
                        id=record.article.id,
                        url=record.article.url,
                        title=record.article.title,
                        source=record.article.source,
                        published=record.article.published,
                        text=text,
                        ingested_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                        record=record.model_dump(mode="json"),
                    )
                )
                s.flush()
                countries = {a.id: a.country for a in record.actors}
                for actor in [*record.actors, *record.outlets]:
                    if s.get(ActorRow, actor.id) is None:
                        s.add(
                            ActorRow(
                                id=actor.id,
                                name=actor.name,
                                country=actor.country,
                                sector=actor.sector,
                                kind=actor.kind,
                            )
                        )
                        s.flush()
                    for m in actor.mentions:
                        s.add(
                            MentionRow(
                                article_id=record.article.id,
                                actor_id=actor.id,
                                text=m.text,
                                start=m.start,
                                end=m.end,
                                method=m.method,
                            )
                        )
                for e in record.events:
                    s.add(
                        EventRow(
                            id=e.id,
                            article_id=record.article.id,
                            type=e.type,
                            mode=e.mode,
                            source=e.source,
                            target=e.target,
                            source_country=countries.get(e.source or ""),
                            target_country=countries.get(e.target or ""),
                            date=e.date,
                            date_basis=e.date_basis,
                            status=e.status,
                            cameo=e.cameo,
                            goldstein=e.goldstein,
                            sentence=e.sentence,
                            record=e.model_dump(mode="json"),
                        )
                    )
                for a in record.agreements:
                    s.add(
                        AgreementRow(
                            id=a.id,
                            article_id=record.article.id,
                            kind=a.kind,
                            name=a.name,
                            status=a.status,
                            process=a.process,
                            phase=a.phase,
                            start_date=a.start_date,
                            end_date=a.end_date,
                            record=a.model_dump(mode="json"),
                        )
                    )
                    s.flush()
                    roles = {(p, "party") for p in a.parties} | {(m, "mediator") for m in a.mediators}
                    for actor_id, role in roles:
                        s.add(AgreementActorRow(agreement_id=a.id, actor_id=actor_id, role=role))
                s.flush()
                self.statement_rows(s, record.article.id, record.statements)
                if article is not None:
                    self.copy_row(s, article.id, article, "original")
                if minhash is not None:
                    s.add(SignatureRow(article_id=record.article.id, minhash=minhash))
            return True
        except OperationalError as exc:
            raise StoreError(f"cannot write to the store at {self.safe_url}: {str(exc).splitlines()[0]}") from None

    def load_registry(self, actors: list[dict]) -> int:
        """Upsert registry actors (id, name, country, sector, kind, qid, aliases, roles, origin)."""
        with self.session() as s:
            existing = {row.id: row for row in s.scalars(select(ActorRow))}
            for a in actors:
                row = existing.get(a["id"])
                if row is None:
                    s.add(ActorRow(**a))
                else:
                    for key, value in a.items():
                        setattr(row, key, value)
        return len(actors)

    def delete_article(self, article_id: str) -> bool:
        with self.session() as s:
            row = s.get(ArticleRow, article_id)
            if row is None:
                return False
            self.delete_copies(article_id, s)
            for table in (MentionRow, EventRow):
                s.execute(delete(table).where(table.article_id == article_id))
            ids = s.scalars(select(AgreementRow.id).where(AgreementRow.article_id == article_id)).all()
            s.execute(delete(AgreementActorRow).where(AgreementActorRow.agreement_id.in_(ids)))
            s.execute(delete(AgreementRow).where(AgreementRow.article_id == article_id))
            s.delete(row)
            return True

    # ------------------------------------------------------------------ reads
    def record(self, article_id: str) -> tuple[TrucelineRecord, str] | None:
        """One article's stored record and text (an id prefix of 6+ characters is enough)."""
        with self.session() as s:
            row = s.get(ArticleRow, article_id)
            if row is None and len(article_id) >= 6:
                rows = s.scalars(select(ArticleRow).where(ArticleRow.id.like(f"{article_id}%")).limit(2)).all()
                row = rows[0] if len(rows) == 1 else None
            if row is None:
                return None
            return TrucelineRecord.model_validate(row.record), row.text

    def events(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
    ) -> list[Event]:
        q = select(EventRow.record, EventRow.independent_sources).order_by(
            EventRow.date.is_(None), EventRow.date, EventRow.id
        )
        if actor:
            q = q.where(
                or_(
                    EventRow.source == actor,
                    EventRow.target == actor,
                    EventRow.source_country == actor,
                    EventRow.target_country == actor,
                )
            )
        if type:
            q = q.where(EventRow.type == type.upper())
        if since:
            q = q.where(EventRow.date >= since)
        if until:
            q = q.where(EventRow.date <= until)
        if limit:
            q = q.limit(limit)
        with self.session() as s:
            return [Event.model_validate({**r, "independent_sources": n}) for r, n in s.execute(q)]

    def agreements(
        self,
        *,
        actor: str | None = None,
        kind: str | None = None,
        status: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[Agreement]:
        q = select(AgreementRow.record).order_by(AgreementRow.process, AgreementRow.phase, AgreementRow.id)
        if actor:
            q = q.where(
                AgreementRow.id.in_(select(AgreementActorRow.agreement_id).where(AgreementActorRow.actor_id == actor))
            )
        if kind:
            q = q.where(AgreementRow.kind == kind)
        if status:
            q = q.where(AgreementRow.status == status)
        if since:
            q = q.where(or_(AgreementRow.end_date.is_(None), AgreementRow.end_date >= since))
        if until:
            q = q.where(or_(AgreementRow.start_date.is_(None), AgreementRow.start_date <= until))
        with self.session() as s:
            return [Agreement.model_validate(r) for r in s.scalars(q)]

    def actors(self, *, actor: str | None = None, country: str | None = None) -> list[tuple[Actor, int]]:
        """Actors with their number of stored mentions."""
        q = (
            select(ActorRow, func.count(MentionRow.id))
            .join(MentionRow, MentionRow.actor_id == ActorRow.id, isouter=True)
            .group_by(ActorRow.id)
            .order_by(func.count(MentionRow.id).desc(), ActorRow.id)
        )
        if actor:
            q = q.where(or_(ActorRow.id == actor, ActorRow.name.ilike(f"%{actor}%")))
        if country:
            q = q.where(ActorRow.country == country)
        with self.session() as s:
            return [
                (Actor(id=a.id, name=a.name, country=a.country, sector=a.sector, kind=a.kind), n)
                for a, n in s.execute(q)
            ]

    # ------------------------------------------------------------------ agreements across articles
    def agreement_members(
        self,
        *,
        articles: set[str] | None = None,
        parties: set[str] | None = None,
        ids: set[str] | None = None,
        window: tuple[dt.date, dt.date] | None = None,
    ) -> list[tuple[Agreement, ArticleRef, frozenset[str]]]:
        """Per-article agreement records, each with its article and the actors that article names: every one,
        or (when any filter is given) those of these articles, with these ids, or with one of these parties
        in an article published inside ``window`` (or undated)."""
        with self.session() as s:
            q = select(AgreementRow.article_id, AgreementRow.record)
            if articles is not None or parties is not None or ids is not None:
                q = q.where(
                    or_(
                        AgreementRow.article_id.in_(sorted(articles or ())),
                        AgreementRow.id.in_(sorted(ids or ())),
                        and_(
                            AgreementRow.id.in_(
                                select(AgreementActorRow.agreement_id).where(
                                    AgreementActorRow.actor_id.in_(sorted(parties or ())),
                                    AgreementActorRow.role == "party",
                                )
                            ),
                            AgreementRow.article_id.in_(
                                select(ArticleRow.id).where(
                                    or_(
                                        ArticleRow.published.is_(None),
                                        ArticleRow.published.between(*window),
                                    )
                                )
                            )
                            if window is not None
                            else true(),
                        ),
                    )
                )
            rows = s.execute(q).all()
            wanted = sorted({aid for aid, _ in rows})
            arts = {
                r.id: ArticleRef(id=r.id, url=r.url, title=r.title, source=r.source, published=r.published)
                for r in s.execute(
                    select(
                        ArticleRow.id, ArticleRow.url, ArticleRow.title, ArticleRow.source, ArticleRow.published
                    ).where(ArticleRow.id.in_(wanted))
                )
            }
            named: dict[str, set[str]] = {}
            q2 = (
                select(MentionRow.article_id, ActorRow.id, ActorRow.kind, ActorRow.country, ActorRow.sector)
                .join(ActorRow, ActorRow.id == MentionRow.actor_id)
                .where(MentionRow.article_id.in_(wanted))
            )
            for article_id, actor_id, kind, country, sector in s.execute(q2):
                named.setdefault(article_id, set()).add(party_key(actor_id, kind, country, sector))
        return [(Agreement.model_validate(rec), arts[aid], frozenset(named.get(aid, set()))) for aid, rec in rows]

    def merged_count(self) -> int:
        with self.session() as s:
            return int(s.scalar(select(func.count()).select_from(MergedAgreementRow)) or 0)

    def merged_with_parties(self, parties: set[str], since: dt.date | None = None) -> list[Agreement]:
        """The merged records one of these actors is a party to (``since``: only those not over before it)."""
        q = select(MergedAgreementRow.record).where(
            MergedAgreementRow.id.in_(
                select(MergedAgreementActorRow.agreement_id).where(
                    MergedAgreementActorRow.actor_id.in_(sorted(parties)), MergedAgreementActorRow.role == "party"
                )
            )
        )
        if since is not None:
            q = q.where(
                or_(
                    MergedAgreementRow.end_date.is_(None),
                    MergedAgreementRow.end_date >= since,
                    MergedAgreementRow.start_date >= since,
                )
            )
        with self.session() as s:
            return [Agreement.model_validate(r) for r in s.scalars(q)]

    def actor_facts(self) -> dict[str, tuple[str | None, str | None, str | None]]:
        """kind, country and sector of every stored actor."""
        with self.session() as s:
            return {r.id: (r.kind, r.country, r.sector) for r in s.scalars(select(ActorRow))}

    def event_reports(
        self,
        types: tuple[str, ...],
        actors: set[str] | None = None,
        articles: set[str] | None = None,
        within: tuple[dt.date, dt.date] | None = None,
    ) -> list[tuple[Event, ArticleRef]]:
        """Events of these types (and every denied event) with the article that reports them; only those
        whose source or target is one of ``actors`` (ids or countries), when given."""
        q = (
            select(EventRow.record, ArticleRow.id, ArticleRow.source, ArticleRow.published, ArticleRow.title)
            .join(ArticleRow, ArticleRow.id == EventRow.article_id)
            .where(or_(EventRow.type.in_(types), EventRow.status == "denied"))
        )
        if articles is not None:
            q = q.where(EventRow.article_id.in_(sorted(articles)))
        if within is not None:  # by the event's date, else its article's (undated ones always)
            day = func.coalesce(EventRow.date, ArticleRow.published)
            q = q.where(or_(day.is_(None), day.between(*within)))
        if actors is not None:
            keys = sorted(actors)
            q = q.where(
                or_(
                    EventRow.source.in_(keys),
                    EventRow.target.in_(keys),
                    EventRow.source_country.in_(keys),
                    EventRow.target_country.in_(keys),
                )
            )
        with self.session() as s:
            return [
                (Event.model_validate(rec), ArticleRef(id=aid, source=src, published=pub, title=title))
                for rec, aid, src, pub, title in s.execute(q)
            ]

    def article_texts(self, ids: set[str]) -> dict[str, tuple[dt.date | None, str]]:
        if not ids:
            return {}
        with self.session() as s:
            q = select(ArticleRow.id, ArticleRow.published, ArticleRow.text).where(ArticleRow.id.in_(sorted(ids)))
            return {aid: (pub, text) for aid, pub, text in s.execute(q)}

    def articles_naming(self, names: set[str]) -> dict[str, tuple[dt.date | None, str]]:
        """Date and text of every article whose text contains one of these names (a monitor's)."""
        if not names:
            return {}
        with self.session() as s:
            q = select(ArticleRow.id, ArticleRow.published, ArticleRow.text).where(
                or_(*(ArticleRow.text.contains(n) for n in sorted(names)))
            )
            return {aid: (pub, text) for aid, pub, text in s.execute(q)}

    def overrides(self) -> list[tuple[str, str, str | None]]:
        with self.session() as s:
            q = select(OverrideRow.action, OverrideRow.member, OverrideRow.other).order_by(OverrideRow.id)
            return [(a, m, o) for a, m, o in s.execute(q)]

    def add_override(self, action: str, member: str, other: str | None = None, note: str | None = None) -> None:
        if action not in OVERRIDE_ACTIONS:
            raise StoreError(f"unknown override {action!r}: use one of {', '.join(OVERRIDE_ACTIONS)}")
        with self.session() as s:
            s.add(
                OverrideRow(
                    action=action,
                    member=member,
                    other=other,
                    note=note,
                    created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                )
            )

    def save_merged(self, records: list[Agreement], replacing: set[str] | None = None) -> None:
        """Replace the merged agreements with a fresh build, or (``replacing``) only those ids with these
        records (one transaction)."""
        with self.session() as s:
            if replacing is None:
                s.execute(delete(MergedAgreementActorRow))
                s.execute(delete(MergedAgreementRow))
            else:
                gone = sorted(replacing | {r.id for r in records})
                s.execute(delete(MergedAgreementActorRow).where(MergedAgreementActorRow.agreement_id.in_(gone)))
                s.execute(delete(MergedAgreementRow).where(MergedAgreementRow.id.in_(gone)))
            s.flush()
            for r in records:
                s.add(
                    MergedAgreementRow(
                        id=r.id,
                        kind=r.kind,
                        name=r.name,
                        status=r.status,
                        process=r.process,
                        phase=r.phase,
                        start_date=r.start_date,
                        end_date=r.end_date,
                        record=r.model_dump(mode="json"),
                    )
                )
            s.flush()
            for r in records:
                for role in {(a.actor, a.role) for a in r.actors}:
                    s.add(MergedAgreementActorRow(agreement_id=r.id, actor_id=role[0], role=role[1]))

    def merged_agreements(
        self,
        *,
        party: str | None = None,
        kind: str | None = None,
        status: str | None = None,
        process: str | None = None,
    ) -> list[Agreement]:
        q = select(MergedAgreementRow.record).order_by(
            MergedAgreementRow.process.is_(None),
            MergedAgreementRow.process,
            MergedAgreementRow.phase,
            MergedAgreementRow.start_date,
            MergedAgreementRow.id,
        )
        if party:
            q = q.where(
                MergedAgreementRow.id.in_(
                    select(MergedAgreementActorRow.agreement_id).where(MergedAgreementActorRow.actor_id == party)
                )
            )
        if kind:
            q = q.where(MergedAgreementRow.kind == kind)
        if status:
            q = q.where(MergedAgreementRow.status == status)
        if process:
            q = q.where(MergedAgreementRow.process.like(f"{process}%"))
        with self.session() as s:
            return [Agreement.model_validate(r) for r in s.scalars(q)]

    def merged_agreement(self, agreement_id: str) -> Agreement | None:
        """One merged agreement by id, id prefix (6+ characters) or the id of one of its members."""
        with self.session() as s:
            row = s.get(MergedAgreementRow, agreement_id)
            if row is None and len(agreement_id) >= 6:
                rows = s.scalars(
                    select(MergedAgreementRow).where(MergedAgreementRow.id.like(f"{agreement_id}%")).limit(2)
                ).all()
                row = rows[0] if len(rows) == 1 else None
            if row is None:
                for r in s.scalars(select(MergedAgreementRow)):
                    if agreement_id in r.record.get("members", []):
                        row = r
                        break
            return Agreement.model_validate(row.record) if row is not None else None


def party_key(actor_id: str, kind: str | None, country: str | None, sector: str | None) -> str:
    """How an actor counts as a party: states (and their forces and officials) by country, non-state
    groups by their own id ('hezbollah', 'rsf'); a state's army listed as a group ('saf') is the state."""
    if kind == "group" and country and sector in ("MIL", "GOV", "COP"):
        return country
    if kind == "group" or not country:
        return actor_id
    return country
