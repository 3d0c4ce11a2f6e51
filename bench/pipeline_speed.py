"""Benchmark: cold `truceline extract` on the seed, peak memory, and whole-pipeline throughput
as a ratio to the bare spaCy pipeline on the same text in the same run.

Usage: python bench/pipeline_speed.py [--repeat N]   (prints figures; asserts nothing)
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed.txt"


def cold_extract() -> tuple[float, float]:
    """Wall time and peak RSS (MiB) of one `truceline extract` process on the seed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "truceline.cli", "extract", str(SEED), "--published", "2025-03-19"],
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=12, help="copies of the seed in the large text")
    args = ap.parse_args()

    wall, peak = cold_extract()
    print(f"cold `truceline extract` on the seed: {wall:.2f} s wall, peak RSS {peak:.0f} MiB")

    import spacy

    from truceline import Pipeline
    from truceline.actors import resolve
    from truceline.agreements import extract_agreements
    from truceline.nlp import MODEL_NAME
    from truceline.sources import article_from_text

    seed = SEED.read_text(encoding="utf-8")
    # paragraphs in a rotating order so the text is not one block repeated
    paras = seed.split("\n")
    text = "\n".join(paras[(i * 7) % len(paras)] for i in range(len(paras) * args.repeat))
    words = len(text.split())

    bare = spacy.load(MODEL_NAME)
    bare(text[:1000])
    t0 = time.perf_counter()
    bare(text)
    t_bare = time.perf_counter() - t0

    pipe = Pipeline()
    pipe.extract(seed[:1000])
    published = dt.date(2025, 3, 19)
    t0 = time.perf_counter()
    article = article_from_text(text, published=published)
    doc = pipe.nlp(article.text)
    t1 = time.perf_counter()
    res = resolve(doc, pipe.registry, published)
    t2 = time.perf_counter()
    events = pipe.coder.code(doc, res, article.id, published)
    t3 = time.perf_counter()
    agreements = extract_agreements(doc, res, events, article.id, published)
    t4 = time.perf_counter()
    total = t4 - t0
    print(f"text: {words:,} words ({args.repeat} rotated copies of the seed's paragraphs)")
    print(f"bare spaCy ({MODEL_NAME}): {t_bare:.2f} s = {words / t_bare:,.0f} words/s")
    print(
        f"Truceline pipeline:       {total:.2f} s = {words / total:,.0f} words/s "
        f"(ratio to bare spaCy: {t_bare / total:.2f}x speed, {total / t_bare:.2f}x time)"
    )
    print(f"  nlp (spaCy + line breaks + name ruler): {t1 - t0:.2f} s ({(t1 - t0) / total:.0%})")
    print(f"  actors:     {t2 - t1:.2f} s ({(t2 - t1) / total:.0%})")
    print(
        f"  events:     {t3 - t2:.2f} s ({(t3 - t2) / total:.0%}), {len(events)} events, "
        f"{len(events) / max(t3 - t2, 1e-9):,.0f} events/s"
    )
    print(f"  agreements: {t4 - t3:.2f} s ({(t4 - t3) / total:.0%}), {len(agreements)} agreements")
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
