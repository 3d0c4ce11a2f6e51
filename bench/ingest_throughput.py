"""Benchmark: ingest throughput for N short articles (default 10,000), with and without near-duplicate
detection, as ratios to bare spaCy (``nlp.pipe``) over the same texts in the same run.

The articles are generated from templates (actors, places, numbers and sentences drawn at random
with a fixed seed), and a share of them (``--copies``, default 20%) are syndicated near copies of
earlier ones: another outlet's dateline, a sentence dropped, a credit line added. They are written
to a JSONL file and ingested with the same code as ``truceline ingest`` into a fresh SQLite store.

Usage: python bench/ingest_throughput.py [--n 10000] [--copies 0.2]   (prints figures; asserts nothing)
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

SIDES = [
    ("Russian", "Ukrainian", "Kharkiv"),
    ("Israeli", "Lebanese", "Nabatieh"),
    ("Sudanese army", "Rapid Support Forces", "El Fasher"),
    ("Congolese army", "M23 rebels", "Goma"),
    ("Pakistani", "Indian", "Kashmir"),
    ("Azerbaijani", "Armenian", "Syunik"),
    ("Houthi", "Saudi-led coalition", "Hodeidah"),
    ("Ethiopian federal", "Fano militia", "Gondar"),
]
OUTLETS = ["Meridian Wire", "Harbour Times", "Baltic Courier", "Capital Ledger", "Sahel Observer", "Andes Monitor"]
LEADS = [
    "{a} forces shelled positions near {p} on {d}, killing {n} people, officials said.",
    "{a} drones struck an energy facility outside {p} overnight, cutting power to {n} homes.",
    "{a} and {b} negotiators met in Doha on {d} to discuss a ceasefire around {p}.",
    "{b} officials accused {a} troops of violating the truce near {p} on {d}.",
    "{a} and {b} representatives agreed on {d} to exchange {n} prisoners, mediators said.",
    "The {a} command said it had withdrawn units from {p} after {n} days of fighting.",
]
MORE = [
    "The United Nations called for restraint and urged both sides to protect civilians.",
    "Local authorities said emergency crews were working to restore water and electricity.",
    "A spokesman for the {b} side said the claims were false and accused {a} forces of provocation.",
    "Diplomats said talks on a broader agreement could resume next week if the calm held.",
    "Residents said they had heard explosions for several hours before dawn.",
    "The International Committee of the Red Cross said it was ready to help with any exchange.",
    "Analysts said the fighting around {p} had intensified since the start of the month.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def make_articles(n: int, copy_share: float, seed: int = 20261125) -> list[dict]:
    rng = random.Random(seed)
    out: list[dict] = []
    originals: list[dict] = []
    for i in range(n):
        if originals and rng.random() < copy_share:
            src = rng.choice(originals)
            sentences = src["text"].split("\n")
            if len(sentences) > 3 and rng.random() < 0.5:
                sentences.pop(rng.randrange(1, len(sentences)))
            outlet = rng.choice([o for o in OUTLETS if o != src["source"]])
            text = "\n".join(sentences) + f"\nReporting by {outlet} staff; editing by the desk."
            out.append({**src, "text": text, "source": outlet, "url": f"https://example.org/{i}"})
            continue
        a, b, p = rng.choice(SIDES)
        fill = {"a": a, "b": b, "p": p, "d": rng.choice(DAYS), "n": rng.randint(2, 400)}
        body = [rng.choice(LEADS).format(**fill)] + [s.format(**fill) for s in rng.sample(MORE, 4)]
        body.insert(1, f"Officials in {p} gave a toll of {rng.randint(1, 90)} and said {rng.randint(2, 40)} were hurt.")
        article = {
            "text": "\n".join(body),
            "title": body[0][:60],
            "source": rng.choice(OUTLETS),
            "published": f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
            "url": f"https://example.org/{i}",
        }
        originals.append(article)
        out.append(article)
    return out


def timed_ingest(path: Path, dedup: bool, pipe: object) -> tuple[float, object]:
    from truceline.ingest import Ingestor
    from truceline.sources.collect import collect
    from truceline.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        t0 = time.perf_counter()
        summary = Ingestor(store, pipe, dedup=dedup).run(collect([path]))  # type: ignore[arg-type]
        wall = time.perf_counter() - t0
        store.engine.dispose()
    return wall, summary


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--copies", type=float, default=0.2, help="share of syndicated near copies")
    args = ap.parse_args()

    from truceline.pipeline import Pipeline
    from truceline.sources.dedup import minhash, shingles

    articles = make_articles(args.n, args.copies)
    words = sum(len(a["text"].split()) for a in articles)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        path.write_text("\n".join(json.dumps(a) for a in articles) + "\n", encoding="utf-8")
        pipe = Pipeline()
        pipe.extract("Warm-up: Russia and Ukraine agreed to a ceasefire on Monday.")

        t0 = time.perf_counter()
        for _ in pipe.nlp.pipe((a["text"] for a in articles), batch_size=16):
            pass
        bare = time.perf_counter() - t0

        t0 = time.perf_counter()
        for a in articles:
            minhash(shingles(a["text"]))
        signatures = time.perf_counter() - t0

        with_dedup, s1 = timed_ingest(path, True, pipe)
        without, s2 = timed_ingest(path, False, pipe)

    print(f"{args.n:,} articles, {words:,} words, {args.copies:.0%} generated as near copies")
    print(f"bare spaCy nlp.pipe:          {bare:8.1f} s  {args.n / bare:7.1f} articles/s  {words / bare:7.0f} words/s")
    print(
        f"ingest with near-dup:         {with_dedup:8.1f} s  {args.n / with_dedup:7.1f} articles/s  "
        f"stored {s1.stored:,}, near copies {s1.near_copies:,}, exact {s1.exact_copies:,}"  # type: ignore[attr-defined]
    )
    print(
        f"ingest without near-dup:      {without:8.1f} s  {args.n / without:7.1f} articles/s  "
        f"stored {s2.stored:,}, exact {s2.exact_copies:,}"  # type: ignore[attr-defined]
    )
    print(f"shingles + MinHash alone:     {signatures:8.1f} s  ({args.n / signatures:,.0f} articles/s)")
    print(f"ratio ingest/bare spaCy time: with near-dup {with_dedup / bare:.2f}x, without {without / bare:.2f}x")
    print(f"near-dup detection: {with_dedup / without:.2f}x the time of ingest without it (fewer texts coded)")


if __name__ == "__main__":
    main()
