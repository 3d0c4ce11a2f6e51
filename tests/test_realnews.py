"""Accuracy on real news: floors a little under the figures reached (issues #13, #14, #16).

``../shared/data/realnews`` holds 30 real articles annotated to a written codebook and
``../shared/eval/score_realnews.py`` scores the project on them; ``tests/data/realnews_own`` holds the
team's own articles written to the same codebook, scored by the same script. Both need ``../shared``
(the scorer lives there) and skip cleanly without it. The figures themselves are in docs/evaluation.md.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from tests.conftest import ROOT, SHARED

SCORER = SHARED / "eval" / "score_realnews.py"
REALNEWS = SHARED / "data" / "realnews"
OWN = ROOT / "tests" / "data" / "realnews_own"

pytestmark = pytest.mark.skipif(
    not (SCORER.exists() and REALNEWS.exists()), reason="../shared/eval and ../shared/data/realnews are not present"
)


def figures(*args: str) -> dict[str, float]:
    """The scorer's last line as numbers: events R/P, date, actors R, noise, errors."""
    out = (
        subprocess.run(
            [sys.executable, str(SCORER), *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=900
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    m = re.search(
        r"events R=([\d.]+|n/a) P>=([\d.]+|n/a) F1~[\d.]+ date=([\d.]+|n/a), actors R=([\d.]+), "
        r".*noise (\d+), errors (\d+)",
        out,
    )
    assert m, out
    r, p, date, actors, noise, errors = m.groups()
    ag = re.search(r"agreements R=([\d.]+|n/a) status=([\d.]+|n/a)", out)
    assert ag, out
    r, p, date = (x if x != "n/a" else "0" for x in (r, p, date))
    pl = re.search(
        r"places R=([\d.]+|n/a) P>=([\d.]+|n/a) country=([\d.]+|n/a) admin1=([\d.]+|n/a) coords=([\d.]+|n/a), "
        r"counts R=([\d.]+|n/a) P>=([\d.]+|n/a)",
        out,
    )
    places = (
        {
            k: (float(v) if v != "n/a" else 0.0)
            for k, v in zip(
                ("places", "places_P", "country", "admin1", "coords", "counts", "counts_P"), pl.groups(), strict=True
            )
        }
        if pl
        else {}
    )
    return {
        **places,
        "agreements": float(ag.group(1)) if ag.group(1) != "n/a" else 0.0,
        "status": float(ag.group(2)) if ag.group(2) != "n/a" else 0.0,
        "R": float(r),
        "P": float(p),
        "date": float(date),
        "actors": float(actors),
        "noise": int(noise),
        "errors": int(errors),
        "line": out,
    }


def test_real_articles_floors():
    f = figures()
    assert f["errors"] == 0, f["line"]
    assert f["agreements"] >= 0.93 and f["status"] >= 0.93, f["line"]  # issue #14: >= 0.85 / >= 0.80
    assert f["R"] >= 0.70 and f["P"] >= 0.50, f["line"]
    assert f["date"] >= 0.87, f["line"]
    assert f["actors"] >= 0.93, f["line"]
    assert f["noise"] <= 4, f["line"]
    # issue #16 (targets 0.85 / 0.85 / 0.92 / 0.85 / 0.95, counts 0.85 / 0.90; places and country not reached)
    assert f["places"] >= 0.82 and f["places_P"] >= 0.94, f["line"]
    assert f["country"] >= 0.85 and f["admin1"] >= 0.87 and f["coords"] >= 0.94, f["line"]
    assert f["counts"] >= 0.87 and f["counts_P"] >= 0.94, f["line"]


def test_own_held_out_articles_floors():
    f = figures("--gold-dir", str(OWN))
    assert f["errors"] == 0, f["line"]
    assert f["agreements"] >= 0.89 and f["status"] >= 0.78, f["line"]
    assert f["R"] >= 0.62 and f["P"] >= 0.51, f["line"]
    assert f["date"] >= 0.84, f["line"]
    assert f["places"] >= 0.71 and f["places_P"] >= 0.85, f["line"]
    assert f["counts"] >= 0.88 and f["counts_P"] >= 0.93, f["line"]


def test_agreements_held_out_floors():
    """tests/data/agreements_heldout: agreements only (its events are not annotated)."""
    f = figures("--gold-dir", str(ROOT / "tests" / "data" / "agreements_heldout"))
    assert f["errors"] == 0, f["line"]
    assert f["agreements"] >= 0.70 and f["status"] >= 0.60, f["line"]
