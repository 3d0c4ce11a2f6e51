"""Store stage: SQLAlchemy tables, Alembic migrations and the queries the product needs."""

from truceline.store.store import ArticleSummary, Store, resolve_url

__all__ = ["ArticleSummary", "Store", "resolve_url"]
