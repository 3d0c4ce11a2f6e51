"""Store stage: SQLAlchemy tables, Alembic migrations and the queries the product needs."""

from truceline.store.sources_store import Copy, Story
from truceline.store.store import Store, resolve_url

__all__ = ["Copy", "Store", "Story", "resolve_url"]
