"""Alembic environment: the connection comes from the Store (config.attributes['connection'])."""

from alembic import context

from truceline.store.tables import Base

connection = context.config.attributes.get("connection")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
