"""The store on SQLite and PostgreSQL (real servers, never mocked)."""

import datetime as dt

from sqlalchemy import inspect, select

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


def with_date_bases(record):
    """The record with every dated event given a date_basis in turn (the undated keep null)."""
    rec = record.model_copy(deep=True)
    dated = [e for e in rec.events if e.date is not None]
    assert len(dated) >= 3
    for i, e in enumerate(dated):
        e.date_basis = ("stated", "relative", "published")[i % 3]
    return rec


def test_date_basis_round_trips_through_the_store(store_url, seed_record, seed_text):
    from truceline.store.filters import EventFilter
    from truceline.store.tables import EventRow

    st = Store(store_url)
    rec = with_date_bases(seed_record)
    st.add(rec, seed_text)
    want = {e.id: e.date_basis for e in rec.events}
    assert {"stated", "relative", "published"} <= set(want.values())
    assert {e.id: e.date_basis for e in st.events()} == want
    assert {e.id: e.date_basis for e in st.events_page(EventFilter(limit=1000))[0]} == want
    assert {e.id: e.date_basis for e, _ in st.event_records(list(want))} == want
    assert st.record(rec.article.id)[0].model_dump(mode="json") == rec.model_dump(mode="json")
    with st.session() as s:
        assert dict(s.execute(select(EventRow.id, EventRow.date_basis)).all()) == want


def test_a_store_from_before_date_basis_upgrades_and_reads_its_events(store_url, seed_record, seed_text):
    """A store at revision 0005 (no events.date_basis) with an event in it: opening it upgrades it."""
    from pathlib import Path

    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    import truceline.store.store as store_mod

    engine = sa.create_engine(resolve_url(store_url))
    cfg = Config(str(Path(store_mod.__file__).with_name("alembic.ini")))
    cfg.set_main_option("script_location", str(Path(store_mod.__file__).with_name("migrations")))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005")
    assert "date_basis" not in {c["name"] for c in inspect(engine).get_columns("events")}
    event = seed_record.events[0]
    old = {**event.model_dump(mode="json"), "id": "ev-old"}
    del old["date_basis"]  # a record coded before the field existed
    meta = sa.MetaData()
    articles = sa.Table("articles", meta, autoload_with=engine)
    events = sa.Table("events", meta, autoload_with=engine)
    with engine.begin() as conn:
        conn.execute(
            articles.insert().values(
                id="a-old",
                text=seed_text,
                published=dt.date(2025, 3, 19),
                ingested_at=dt.datetime(2025, 3, 19),
                record={"schema": "truceline/1", "article": {"id": "a-old"}, "events": [old]},
            )
        )
        conn.execute(
            events.insert().values(
                id="ev-old",
                article_id="a-old",
                type=event.type,
                date=event.date,
                status=event.status,
                sentence=event.sentence,
                record=old,
            )
        )
    engine.dispose()

    st = Store(store_url)
    assert "date_basis" in {c["name"] for c in inspect(st.engine).get_columns("events")}
    with st.session() as s:
        assert s.scalar(select(sa.text("version_num")).select_from(sa.text("alembic_version"))) == "0006"
    [got] = st.events()
    assert got.id == "ev-old" and got.date == event.date and got.date_basis is None
    assert st.record("a-old")[0].events[0].date_basis is None
    st.add(with_date_bases(seed_record), seed_text)  # and new events carry it
    assert any(e.date_basis for e in st.events())
