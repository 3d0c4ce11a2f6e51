#!/usr/bin/env python3
"""Write src/truceline/api/static/vendor/iso-numeric.json: world-atlas feature id -> ISO 3166-1 alpha-3.

The ids in world-atlas's countries-110m.json are ISO 3166-1 numeric codes as zero-padded strings ("643"); pycountry
gives the alpha-3 code ("RUS"). Features without an id (Natural Earth's Kosovo, N. Cyprus, Somaliland) are keyed by
their Natural Earth name when there is a code in common use (Kosovo -> XKX, the user-assigned code the EU and IMF
use); the rest are left out. The script prints a Markdown note on those, which scripts/vendor-frontend puts into the
vendor folder's README.

    .venv/bin/python scripts/make-iso-numeric.py [--atlas countries-110m.json] [--out iso-numeric.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "src" / "truceline" / "api" / "static" / "vendor"

# Features that have no ISO 3166-1 numeric id in Natural Earth, by name, with the alpha-3 code to use.
BY_NAME: dict[str, str] = {"Kosovo": "XKX"}


def build(topology: dict) -> tuple[dict[str, str], list[str]]:
    """The mapping (id or name -> alpha-3) and the names of the features left out of it."""
    mapping: dict[str, str] = {}
    left_out: list[str] = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        fid = geometry.get("id")
        name = str(geometry.get("properties", {}).get("name", ""))
        country = pycountry.countries.get(numeric=str(fid)) if fid is not None else None
        if country is not None:
            mapping[str(fid)] = country.alpha_3
        elif name in BY_NAME:
            mapping[name] = BY_NAME[name]
        else:
            left_out.append(f"{name} (id {fid})" if fid is not None else f"{name} (no id)")
    return dict(sorted(mapping.items())), left_out


def note(mapping: dict[str, str], left_out: list[str], total: int) -> str:
    """A Markdown paragraph on how many features were mapped and which were not."""
    by_name = [f"{name} -> {mapping[name]}" for name in BY_NAME if name in mapping]
    lines = [f"{len(mapping)} of the {total} features are mapped."]
    if by_name:
        lines.append("Mapped by name (no id in Natural Earth): " + ", ".join(by_name) + ".")
    if left_out:
        lines.append(
            "Left out, with no ISO 3166-1 code (drawn on the map, never coloured or clickable): "
            + ", ".join(left_out)
            + "."
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--atlas", type=Path, default=VENDOR / "countries-110m.json")
    parser.add_argument("--out", type=Path, default=VENDOR / "iso-numeric.json")
    args = parser.parse_args(argv)

    topology = json.loads(args.atlas.read_text(encoding="utf-8"))
    mapping, left_out = build(topology)
    args.out.write_text(json.dumps(mapping, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    total = len(topology["objects"]["countries"]["geometries"])
    print(note(mapping, left_out, total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
