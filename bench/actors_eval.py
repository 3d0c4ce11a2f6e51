"""Actor resolution: precision and recall on tests/data/actors, per rule, with a threshold sweep,
and the share of pipeline time that resolution adds on a ~1,000-word article.

Usage: python bench/actors_eval.py [--sweep] [--show-errors N]   (prints figures; asserts nothing)
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import time
from collections import Counter
from pathlib import Path

from truceline import Pipeline
from truceline.actors import resolve

# the modules (the package re-exports a function under the name "resolve")
resolve_mod = importlib.import_module("truceline.actors.resolve")
names_mod = importlib.import_module("truceline.actors.names")

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "actors"


def load(name: str) -> list[dict]:
    path = DATA / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _unscored(m) -> bool:
    """Mentions the test set does not annotate by design (its README): 'it/its/they/them/their' and bare
    definite sector nouns such as 'the cabinet' or 'the junta' resolved from context."""
    return (
        m.method == "coreference" and m.text.lower() in ("they", "them", "their", "it", "its")
    ) or m.method == "context"


def score(pipe: Pipeline, items: list[dict], negatives: list[dict], errors: list | None = None) -> dict:
    tp = fp = fn = 0
    by_rule: Counter = Counter()
    found_rule: Counter = Counter()
    for item in items + negatives:
        when = dt.date.fromisoformat(item["date"]) if item.get("date") else None
        res = resolve_mod.resolve(pipe.nlp(item["text"]), pipe.registry, when)
        predicted = list(res.mentions)
        used: set[int] = set()
        for gold in item.get("mentions", []):
            want = set(gold["actors"]) if "actors" in gold else {gold["actor"]}
            rule = gold.get("rule", "exact")
            by_rule[rule] += 1
            hit = None
            for i, m in enumerate(predicted):
                if i not in used and m.start < gold["end"] and gold["start"] < m.end:
                    hit = i
                    break
            if hit is None:
                fn += 1
                if errors is not None:
                    errors.append(("missed", rule, gold["text"], sorted(want), item["text"]))
                continue
            used.add(hit)
            m = predicted[hit]
            got = set(m.plural_of) if m.plural_of else {m.actor_id}
            if got == want:
                tp += 1
                found_rule[rule] += 1
            else:
                fp += 1
                fn += 1
                if errors is not None:
                    errors.append(("wrong", rule, gold["text"], f"{sorted(got)} != {sorted(want)}", item["text"]))
        for i, m in enumerate(predicted):
            if i not in used and not _unscored(m):
                fp += 1
                if errors is not None:
                    errors.append(("extra", m.method, m.text, m.actor_id, item["text"]))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "by_rule": {r: (found_rule[r], n) for r, n in sorted(by_rule.items())},
    }


def overhead(pipe: Pipeline) -> None:
    """Share of the pipeline's time spent in actor resolution on a ~1,000-word article."""
    items = load("mentions.jsonl")
    words: list[str] = []
    texts = []
    for it in items:
        texts.append(it["text"])
        words.extend(it["text"].split())
        if len(words) >= 1000:
            break
    text = "\n".join(texts)
    when = dt.date(2025, 3, 18)
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        doc = pipe.nlp(text)
        t1 = time.perf_counter()
        res = resolve(doc, pipe.registry, when)
        t2 = time.perf_counter()
        pipe.coder.code(doc, res, "bench", when)
        t3 = time.perf_counter()
        runs.append((t1 - t0, t2 - t1, t3 - t2))
    nlp_t, act_t, ev_t = sorted(runs, key=lambda r: sum(r))[len(runs) // 2]
    rest = nlp_t + ev_t
    print(
        f"overhead on a {len(text.split())}-word article (median of 5): nlp {nlp_t:.3f} s, actors {act_t:.3f} s, "
        f"events {ev_t:.3f} s -> resolution adds {act_t / rest:.1%} to the rest of the pipeline"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sweep", action="store_true", help="sweep the fuzzy and phonetic thresholds")
    ap.add_argument("--show-errors", type=int, default=0)
    args = ap.parse_args()
    if not (DATA / "mentions.jsonl").exists():
        print(f"no test set at {DATA}: nothing to score")
        return
    pipe = Pipeline()
    items, negatives = load("mentions.jsonl"), load("negatives.jsonl") if (DATA / "negatives.jsonl").exists() else []
    errors: list = []
    s = score(pipe, items, negatives, errors)
    n = sum(len(i.get("mentions", [])) for i in items)
    print(f"actor resolution on {n} gold mentions in {len(items)} texts + {len(negatives)} texts with no actor")
    print(f"precision {s['precision']:.3f}  recall {s['recall']:.3f}  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
    for rule, (ok, total) in s["by_rule"].items():
        print(f"  {rule:<11} recall {ok / total:.3f} ({ok}/{total})")
    for e in errors[: args.show_errors]:
        print("  ", e[0], e[1], repr(e[2]), e[3], "|", e[4][:100])
    if args.sweep:
        print("threshold sweep (fuzzy, phonetic): precision / recall")
        base = (names_mod.FUZZY_MIN, names_mod.PHONETIC_MIN)
        for fz in (80.0, 84.0, 88.0, 92.0):
            for ph in (60.0, 70.0, 80.0):
                names_mod.FUZZY_MIN, names_mod.PHONETIC_MIN = fz, ph
                r = score(pipe, items, negatives)
                print(f"  fuzzy {fz:.0f} phonetic {ph:.0f}: {r['precision']:.3f} / {r['recall']:.3f}")
        names_mod.FUZZY_MIN, names_mod.PHONETIC_MIN = base
    overhead(pipe)


if __name__ == "__main__":
    main()
