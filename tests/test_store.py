"""The store on SQLite and PostgreSQL (real servers, never mocked)."""

import datetime as dt

from sqlalchemy import inspect

from truceline.store import Store, resolve_url


def test_migrations_create_every_table(store_url):
    st = Store(store_url)
    tables = set(inspect(st.engine).get_table_names())
    assert {"articles", "actors", "mentions", "events", "agreements", "agreement_actors", "alembic_version"} <= tables
    Store(store_url)  # opening again is a no-op upgrade


def test_same_article_is_stored_once(store_url, seed_record, seed_text):
    st = Store(store_url)
    assert st.add(seed_record, seed_text) is True
    assert st.add(seed_record, seed_text) is False
    arts = st.stories()
    assert len(arts) == 1
    assert arts[0].events == len(seed_record.events) and arts[0].agreements == len(seed_record.agreements)


def test_stored_record_round_trips_exactly(store_url, seed_record, seed_text):
    st = Store(store_url)
    st.add(seed_record, seed_text)
    record, text = st.record(seed_record.article.id)
    assert text == seed_text
    assert record.model_dump(mode="json") == seed_record.model_dump(mode="json")
    assert st.record(seed_record.article.id[:8])[0].article.id == seed_record.article.id


def test_queries_filter_by_actor_type_and_date(store_url, seed_record, seed_text):
    st = Store(store_url)
    st.add(seed_record, seed_text)
    assaults = st.events(type="assault")
    assert assaults and all(e.type == "ASSAULT" for e in assaults)
    countries = {a.id: a.country for a in seed_record.actors}
    isr = st.events(actor="ISR")
    assert isr and all("ISR" in (countries.get(e.source or ""), countries.get(e.target or "")) for e in isr)
    on_day = st.events(since=dt.date(2025, 3, 18), until=dt.date(2025, 3, 18))
    assert on_day and all(e.date == dt.date(2025, 3, 18) for e in on_day)
    mediated = st.agreements(actor="USA")
    assert mediated and all("USA" in a.mediators + a.parties for a in mediated)
    assert all(a.kind == "ceasefire" for a in st.agreements(kind="ceasefire"))
    ended = st.agreements(status="ended")
    assert ended and ended[0].end_reason == "collapsed"
    actors = dict((a.id, n) for a, n in st.actors())
    assert actors["donald-trump"] >= 3


def test_delete_keeps_other_articles(store_url, pipe, seed_record, seed_text):
    st = Store(store_url)
    st.add(seed_record, seed_text)
    other_text = "Russian troops attacked Kharkiv on Monday."
    other = pipe.extract(other_text, published=dt.date(2025, 4, 8))
    st.add(other, other_text)
    assert st.delete_article(other.article.id)
    assert [a.id for a in st.stories()] == [seed_record.article.id]


def test_urls_resolve_from_paths_and_postgres_aliases(monkeypatch):
    monkeypatch.delenv("TRUCELINE_DB", raising=False)
    assert resolve_url(None) == "sqlite:///truceline.db"
    assert resolve_url("x/y.db") == "sqlite:///x/y.db"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("TRUCELINE_DB", "sqlite:///env.db")
    assert resolve_url(None) == "sqlite:///env.db"
