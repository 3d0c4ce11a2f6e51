"""Benchmark: merging per-article agreement records across articles (``agreements.consolidate``) and the
violation overlay, as the number of stored articles grows. The corpus of tests/data/agreements is coded
once and replicated as independent stories (parties renamed, dates shifted) to reach each size.

    python bench/agreements_merge.py [--sizes 39,390,1950]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

from truceline.agreements.consolidate import Member, consolidate
from truceline.models import ArticleRef
from truceline.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="39,390,1950")
    args = ap.parse_args()
    pipe = Pipeline()
    coded = []
    for line in (ROOT / "tests/data/agreements/reports.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        rec = pipe.extract(r["text"], published=dt.date.fromisoformat(r["published"]), source=r["source"])
        context = frozenset(a.country or a.id for a in rec.actors)
        coded.append((rec, context))
    for size in (int(s) for s in args.sizes.split(",")):
        members = []
        copies = max(1, size // len(coded))
        for k in range(copies):
            shift = dt.timedelta(days=200 * k)
            for rec, context in coded:
                art = ArticleRef(id=f"{rec.article.id}-{k}", published=rec.article.published + shift)
                for a in rec.agreements:
                    moved = a.model_copy(
                        update={
                            "id": f"{a.id}-{k}",
                            "parties": [f"{p}{k}" for p in a.parties],
                            "timeline": [s.model_copy(update={"date": s.date and s.date + shift}) for s in a.timeline],
                        }
                    )
                    members.append(Member(moved, art, frozenset(f"{c}{k}" for c in context)))
        start = time.perf_counter()
        merged = consolidate(members)
        took = time.perf_counter() - start
        print(
            f"{copies * len(coded):6d} articles, {len(members):6d} per-article records -> {len(merged):5d} merged "
            f"in {took:.2f} s ({len(members) / took:,.0f} records/s)"
        )


if __name__ == "__main__":
    main()
