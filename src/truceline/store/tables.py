"""SQLAlchemy tables of the store. Each row keeps its truceline/1 JSON beside the columns
that queries filter on, so what the store returns is exactly what the pipeline produced."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime)
    record: Mapped[dict] = mapped_column(JSON)


class ActorRow(Base):
    __tablename__ = "actors"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(8), index=True)
    sector: Mapped[str | None] = mapped_column(String(8))
    kind: Mapped[str | None] = mapped_column(String(16))
    qid: Mapped[str | None] = mapped_column(String(32))
    aliases: Mapped[list | None] = mapped_column(JSON)
    roles: Mapped[list | None] = mapped_column(JSON)
    origin: Mapped[str | None] = mapped_column(Text)


class MentionRow(Base):
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(32))


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(16), index=True)
    mode: Mapped[str | None] = mapped_column(String(32))
    source: Mapped[str | None] = mapped_column(String(128), index=True)
    target: Mapped[str | None] = mapped_column(String(128), index=True)
    source_country: Mapped[str | None] = mapped_column(String(8))
    target_country: Mapped[str | None] = mapped_column(String(8))
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_basis: Mapped[str | None] = mapped_column(String(16))  # stated, relative, published (revision 0006)
    status: Mapped[str] = mapped_column(String(16))
    cameo: Mapped[str | None] = mapped_column(String(8))
    goldstein: Mapped[float | None] = mapped_column(Float)
    sentence: Mapped[str] = mapped_column(Text)
    record: Mapped[dict] = mapped_column(JSON)
    independent_sources: Mapped[int | None] = mapped_column(Integer)


class AgreementRow(Base):
    __tablename__ = "agreements"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    process: Mapped[str | None] = mapped_column(String(64))
    phase: Mapped[int | None] = mapped_column(Integer)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    record: Mapped[dict] = mapped_column(JSON)


class AgreementActorRow(Base):
    __tablename__ = "agreement_actors"

    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True)
    actor_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)


Index("ix_agreement_actors_actor", AgreementActorRow.actor_id)
Index("ix_events_source_country", EventRow.source_country)
Index("ix_events_target_country", EventRow.target_country)
Index("ix_events_date_id", EventRow.date, EventRow.id)
Index("ix_events_type_date_id", EventRow.type, EventRow.date, EventRow.id)


class MergedAgreementRow(Base):
    """One agreement across all stored articles (rebuilt from the per-article rows and the overrides)."""

    __tablename__ = "merged_agreements"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    process: Mapped[str | None] = mapped_column(String(64), index=True)
    phase: Mapped[int | None] = mapped_column(Integer)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    record: Mapped[dict] = mapped_column(JSON)


class MergedAgreementActorRow(Base):
    __tablename__ = "merged_agreement_actors"

    agreement_id: Mapped[str] = mapped_column(ForeignKey("merged_agreements.id", ondelete="CASCADE"), primary_key=True)
    actor_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), primary_key=True)


Index("ix_merged_agreement_actors_actor", MergedAgreementActorRow.actor_id)


class OverrideRow(Base):
    """An analyst's correction that every rebuild applies: merge, split, confirm, dismiss."""

    __tablename__ = "agreement_overrides"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    action: Mapped[str] = mapped_column(String(16))
    member: Mapped[str] = mapped_column(String(64))
    other: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CopyRow(Base):
    """One outlet's copy of a stored story: the coded original, an exact copy, or a near copy."""

    __tablename__ = "article_copies"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    relation: Mapped[str] = mapped_column(String(16))
    similarity: Mapped[float] = mapped_column(Float)
    text_id: Mapped[str] = mapped_column(String(64), index=True)
    source: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    ref: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SignatureRow(Base):
    """The MinHash signature of a stored story, for near-duplicate search across ingest runs."""

    __tablename__ = "article_signatures"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    minhash: Mapped[bytes] = mapped_column(LargeBinary)


class IngestWarningRow(Base):
    """A problem met while reading inputs: a bad line, an unreadable file (one row per distinct problem)."""

    __tablename__ = "ingest_warnings"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    ref: Mapped[str] = mapped_column(Text)
    code: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text)
    fatal: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[dt.datetime] = mapped_column(DateTime)


class StatementRow(Base):
    __tablename__ = "statements"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    speaker: Mapped[str | None] = mapped_column(String(128), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    record: Mapped[dict] = mapped_column(JSON)


class TokenRow(Base):
    """An API token: only its SHA-256 hash is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
