"""Per-article table of the real-news scores, in Markdown (for docs/evaluation.md and issue notes).

Runs ``../shared/eval/score_realnews.py --json`` (the real articles, or ``--gold-dir`` for the team's own
held-out ones) and prints one row per article: gold events, hits, dated right, extracted, actors found,
agreements found and their status, noise; with ``--places``, the places and counts of each article
(issue #16). Prints figures; asserts nothing.

Usage: python bench/realnews_report.py [--gold-dir DIR] [--places]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score_realnews.py"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold-dir", help="another folder of articles and gold files (default: the real articles)")
    ap.add_argument("--places", action="store_true", help="the places-and-counts table (issue #16) instead")
    args = ap.parse_args()
    if not SCORER.exists():
        print(f"realnews_report: {SCORER} not found (../shared is not beside the project)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scores.json"
        cmd = [sys.executable, str(SCORER), "--json", str(out)]
        if args.gold_dir:
            cmd += ["--gold-dir", args.gold_dir]
        last = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip().splitlines()
        data = json.loads(out.read_text(encoding="utf-8"))
    if args.places:
        print(
            "| article | places | found | country right | admin1 right | towns within 30 km | located events "
            "(in gold) | counts | found | extracted (in gold) |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for a in data["articles"]:
            print(
                f"| {a['file'][:-4]} | {a['pg']} | {a['ph']} | {a['pc']} | {a['pa']}/{a['pa_n']} "
                f"| {a['pk']}/{a['pk_n']} | {a['pext']} ({a['pok']}) | {a['cg']} | {a['ch']} "
                f"| {a['cext']} ({a['cok']}) |"
            )
        print()
        print(last[-1] if last else "")
        return 0
    print("| article | gold events | found | dated right | extracted | actors | agreements (status) | noise |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for a in data["articles"]:
        print(
            f"| {a['file'][:-4]} | {a['ge']} | {a['eh']} | {a['ed']} | {a['ext']} | {a['ah']}/{a['ga']} "
            f"| {a['agh']}/{a['gag']} ({a['ags']}) | {a['noise']} |"
        )
    print()
    print(last[-1] if last else "")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
