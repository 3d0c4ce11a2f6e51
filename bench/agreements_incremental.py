"""What one more article costs in a store of N stories: the agreements rebuild after an ingest, incremental
(``ledger.rebuild(store, touched)``, what ingest does) against a full rebuild, side by side with interleaved
repeats, plus the whole ingest of that article (coding included) and the corroboration pass.

The store is made of the coded texts of tests/data/agreements and ../shared/data/realnews (when present),
each stored many times as different stories: new ids and every date shifted by a few months per copy, so
that copies of a story are different arrangements between the same sides, as in a long war's archive.

Usage: python bench/agreements_incremental.py [--stories 2000] [--rounds 5]   (prints figures; asserts nothing)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from truceline import Pipeline, ledger  # noqa: E402
from truceline.ingest import Ingestor  # noqa: E402
from truceline.models import TrucelineRecord  # noqa: E402
from truceline.sources.collect import collect  # noqa: E402
from truceline.store import Store  # noqa: E402

_DATE = re.compile(r'"(\d{4}-\d{2}-\d{2})"')
_ID = re.compile(r'"((?:ag|agr|ev|st|inc|proc|process)-[0-9a-f]+)"')


def texts() -> list[tuple[str, dt.date, str]]:
    out = []
    for line in (ROOT / "tests/data/agreements/reports.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        out.append((r["text"], dt.date.fromisoformat(r["published"]), r["source"]))
    shared = ROOT.parent / "shared" / "data" / "realnews"
    for path in sorted(shared.glob("[0-3][0-9]-*.txt")) if shared.is_dir() else []:
        head, body = path.read_text(encoding="utf-8").split("\n\n", 1)
        pub = re.search(r"PUBLISHED:\s*(\S+)", head)
        out.append((body, dt.date.fromisoformat(pub.group(1)) if pub else dt.date(2024, 1, 1), "realnews"))
    return out


def copy_of(record: TrucelineRecord, text: str, k: int) -> tuple[TrucelineRecord, str]:
    """The k-th copy of a coded story: new ids, every date 150*k days later, a different text."""
    raw = record.model_dump_json()
    raw = raw.replace(record.article.id, f"{record.article.id[:10]}{k:06d}")
    raw = _ID.sub(lambda m: f'"{m.group(1)}x{k}"', raw)

    def shift(m: re.Match) -> str:
        return '"' + (dt.date.fromisoformat(m.group(1)) + dt.timedelta(days=150 * k)).isoformat() + '"'

    raw = _DATE.sub(shift, raw)
    return TrucelineRecord.model_validate_json(raw), f"{text}\n[copy {k}]"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    pipe = Pipeline()
    source = texts()
    coded = [(pipe.extract(t, published=d, source=s), t) for t, d, s in source]
    tmp = Path(tempfile.mkdtemp(prefix="truceline-bench-"))
    store = Store(f"sqlite:///{tmp / 'bench.db'}")
    t0 = time.perf_counter()
    n = 0
    k = 0
    while n < args.stories:
        for record, text in coded:
            if n >= args.stories:
                break
            rec, body = copy_of(record, text, k)
            store.add(rec, body)
            n += 1
        k += 1
    print(f"store: {n} stories ({len(coded)} coded texts x {k} copies) built in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    merged = ledger.rebuild(store)
    print(f"first full rebuild: {time.perf_counter() - t0:.2f} s, {len(merged)} merged records")

    full_t, inc_t, ingest_t, corr_t = [], [], [], []
    for r in range(args.rounds):
        record, text = coded[(7 * r) % len(coded)]
        rec, body = copy_of(record, text, k + r)  # the next copy: the newest story of its sides
        store.add(rec, body)
        t0 = time.perf_counter()
        ledger.rebuild(store, {rec.article.id})
        inc_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        ledger.rebuild(store)
        full_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        ledger.corroborate(store)
        corr_t.append(time.perf_counter() - t0)
        one = tmp / f"one-{r}.jsonl"
        src_text, pub, outlet = source[(7 * r + 3) % len(source)]
        one.write_text(
            json.dumps({"text": src_text + f"\n[new {r}]", "published": str(pub), "source": outlet}) + "\n",
            encoding="utf-8",
        )
        t0 = time.perf_counter()
        Ingestor(store, pipe).run(collect([one]))
        ingest_t.append(time.perf_counter() - t0)

    def fig(xs: list[float]) -> str:
        return f"median {statistics.median(xs):.3f} s (min {min(xs):.3f}, max {max(xs):.3f})"

    print(f"agreements rebuild for one more article, incremental: {fig(inc_t)}")
    print(f"agreements rebuild for one more article, full:        {fig(full_t)}")
    print(f"  ratio full / incremental: {statistics.median(full_t) / statistics.median(inc_t):.1f}x")
    print(f"corroboration pass (every event):                     {fig(corr_t)}")
    print(f"whole ingest of one article (coding included):        {fig(ingest_t)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
