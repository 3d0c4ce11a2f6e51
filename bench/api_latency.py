"""Benchmark: latency of the events list (GET /api/events with filters) over a store of N events
(default 100,000), through a real uvicorn server and HTTP client, as p50 / p95 per filter set.

The store is filled with copies of the seed's coded events, given new ids, dates (2023–2026),
types and dyads drawn at random with a fixed seed, 100 events per article.

Usage: python bench/api_latency.py [--events 100000] [--requests 200] [--db URL]   (prints figures)
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TYPES = ["ASSAULT", "COERCE", "CONSULT", "AGREE", "ACCUSE", "REQUEST", "REJECT", "THREATEN", "AID", "SANCTION"]
SIDES = ["RUS", "UKR", "ISR", "PSE", "LBN", "SDN", "USA", "IRN", "YEM", "COD", "RWA", "IND", "PAK", "SYR", "TUR"]
WORDS = ["drone", "strike", "talks", "ceasefire", "prisoners", "shelling", "aid", "sanctions", "border", "truce"]


def fill(store: object, n: int, seed: int = 7) -> None:
    from truceline.pipeline import Pipeline
    from truceline.store.tables import ArticleRow, EventRow

    text = (ROOT / "examples" / "seed.txt").read_text(encoding="utf-8")
    base = Pipeline().extract(text, published=dt.date(2025, 3, 19)).events[0].model_dump(mode="json")
    rng = random.Random(seed)
    start = dt.date(2023, 1, 1)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with store.engine.begin() as conn:  # type: ignore[attr-defined]
        for a in range(n // 100 + (1 if n % 100 else 0)):
            aid = f"bench{a:011d}"
            conn.execute(
                insert(ArticleRow),
                [
                    {
                        "id": aid,
                        "title": f"bench {a}",
                        "source": f"outlet {a % 40}",
                        "published": start,
                        "text": "",
                        "ingested_at": now,
                        "record": {},
                    }
                ],
            )
            rows = []
            for i in range(min(100, n - a * 100)):
                src, tgt = rng.sample(SIDES, 2)
                kind = rng.choice(TYPES)
                day = start + dt.timedelta(days=rng.randrange(1400))
                sentence = f"{src} {rng.choice(WORDS)} {tgt} {rng.choice(WORDS)} {rng.choice(WORDS)}."
                eid = f"ev-b{a:07d}{i:04d}"
                record = {
                    **base,
                    "id": eid,
                    "type": kind,
                    "source": src,
                    "target": tgt,
                    "date": day.isoformat(),
                    "sentence": sentence,
                    "goldstein": rng.uniform(-10, 10),
                }
                rows.append(
                    {
                        "id": eid,
                        "article_id": aid,
                        "type": kind,
                        "mode": None,
                        "source": src,
                        "target": tgt,
                        "source_country": src,
                        "target_country": tgt,
                        "date": day,
                        "status": "asserted",
                        "cameo": None,
                        "goldstein": record["goldstein"],
                        "sentence": sentence,
                        "record": record,
                        "independent_sources": 1,
                    }
                )
            conn.execute(insert(EventRow), rows)


QUERIES = {
    "no filter, first page": {},
    "type": {"type": "ASSAULT"},
    "country + dates": {"country": "UKR", "since": "2024-01-01", "until": "2024-12-31"},
    "dyad + type, newest first": {"dyad": "RUS,UKR", "type": "ASSAULT", "sort": "-date"},
    "actor + text search": {"actor": "ISR", "q": "ceasefire"},
    "deep page": {"type": "CONSULT", "offset": 5000},
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--db", default=None, help="store URL (default: a fresh SQLite file)")
    args = ap.parse_args()

    from tests.live_server import live_server

    from truceline.api import create_app
    from truceline.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or f"sqlite:///{Path(tmp) / 'latency.db'}"
        store = Store(db)
        t0 = time.perf_counter()
        fill(store, args.events)
        print(f"store: {args.events:,} events in {time.perf_counter() - t0:.1f} s ({store.safe_url.split('://')[0]})")
        with live_server(create_app(db)) as url, httpx.Client(base_url=url, timeout=30) as client:
            for name, params in QUERIES.items():
                client.get("/api/events", params=params).raise_for_status()  # warm
                times = []
                for _ in range(args.requests):
                    t = time.perf_counter()
                    res = client.get("/api/events", params=params)
                    times.append((time.perf_counter() - t) * 1000)
                    res.raise_for_status()
                times.sort()
                p95 = times[int(len(times) * 0.95) - 1]
                total = res.json()["total"]
                print(f"{name:28s} p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  ({total:,} match)")


if __name__ == "__main__":
    main()
