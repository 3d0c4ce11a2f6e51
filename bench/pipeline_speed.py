"""Benchmark: cold `truceline extract` on the seed, peak memory, and whole-pipeline throughput
as a ratio to the bare spaCy pipeline on the same text in the same run.

Bare spaCy (``nlp.pipe``) and the whole ``Pipeline.extract`` (every stage: nlp, actors, frame, events,
agreements, statements) run on the same text in interleaved rounds; the ratio is each round's, and
the median is reported with its range.

Usage: python bench/pipeline_speed.py [--repeat N] [--rounds R]   (prints figures; asserts nothing)
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
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
    ap.add_argument("--rounds", type=int, default=5, help="interleaved repeats of bare spaCy and the whole extract")
    args = ap.parse_args()

    wall, peak = cold_extract()
    print(f"cold `truceline extract` on the seed: {wall:.2f} s wall, peak RSS {peak:.0f} MiB")

    import spacy

    from truceline import Pipeline
    from truceline.actors import resolve
    from truceline.agreements import extract_agreements
    from truceline.frame import build_frame
    from truceline.nlp import MODEL_NAME
    from truceline.sources import article_from_text
    from truceline.statements import extract_statements

    seed = SEED.read_text(encoding="utf-8")
    # paragraphs in a rotating order so the text is not one block repeated
    paras = seed.split("\n")
    text = "\n".join(paras[(i * 7) % len(paras)] for i in range(len(paras) * args.repeat))
    words = len(text.split())

    bare = spacy.load(MODEL_NAME)
    list(bare.pipe([text[:1000]]))
    pipe = Pipeline()
    pipe.extract(seed[:1000])
    published = dt.date(2025, 3, 19)

    def run_bare() -> float:
        t0 = time.perf_counter()
        list(bare.pipe([text]))
        return time.perf_counter() - t0

    def run_whole() -> float:
        t0 = time.perf_counter()
        pipe.extract(text, published=published)
        return time.perf_counter() - t0

    # interleaved repeats: bare, whole, bare, whole ... so that the machine's noise falls on both alike
    bares, wholes = [], []
    for _ in range(args.rounds):
        bares.append(run_bare())
        wholes.append(run_whole())
    ratios = sorted(b / w for b, w in zip(bares, wholes, strict=True))
    t_bare, total = statistics.median(bares), statistics.median(wholes)
    print(
        f"text: {words:,} words ({args.repeat} rotated copies of the seed's paragraphs), "
        f"{args.rounds} interleaved rounds"
    )
    print(f"bare spaCy ({MODEL_NAME}, nlp.pipe): median {t_bare:.2f} s = {words / t_bare:,.0f} words/s")
    print(
        f"whole `extract` (every stage):  median {total:.2f} s = {words / total:,.0f} words/s "
        f"(ratio to bare spaCy: median {statistics.median(ratios):.2f}x speed, "
        f"range {ratios[0]:.2f}-{ratios[-1]:.2f})"
    )

    # one more pass, stage by stage, for each stage's share
    t0 = time.perf_counter()
    article = article_from_text(text, published=published)
    doc = pipe.nlp(article.text)
    t1 = time.perf_counter()
    res = resolve(doc, pipe.registry, published)
    t2 = time.perf_counter()
    frame = build_frame(doc, res, published)
    t3 = time.perf_counter()
    events = pipe.coder.code(doc, res, article.id, published, frame=frame)
    t4 = time.perf_counter()
    agreements = extract_agreements(doc, res, events, article.id, published)
    t5 = time.perf_counter()
    extract_statements(doc, res, events, article.id)
    t6 = time.perf_counter()
    staged = t6 - t0
    print(f"  nlp (spaCy + line breaks + name ruler): {t1 - t0:.2f} s ({(t1 - t0) / staged:.0%})")
    print(f"  actors:     {t2 - t1:.2f} s ({(t2 - t1) / staged:.0%})")
    print(f"  frame:      {t3 - t2:.3f} s ({(t3 - t2) / staged:.1%})")
    print(
        f"  events:     {t4 - t3:.2f} s ({(t4 - t3) / staged:.0%}), {len(events)} events, "
        f"{len(events) / max(t4 - t3, 1e-9):,.0f} events/s"
    )
    print(f"  agreements: {t5 - t4:.2f} s ({(t5 - t4) / staged:.0%}), {len(agreements)} agreements")
    print(f"  statements: {t6 - t5:.2f} s ({(t6 - t5) / staged:.0%})")
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
