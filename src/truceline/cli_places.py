"""``truceline places``: build the place table ahead of the first run, and look a place name up."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

import typer
from rich.table import Table

from truceline.cli_common import out

places_app = typer.Typer(help="The place table (GeoNames towns down to 500 people): build it, look names up.")


def register(app: typer.Typer) -> None:
    app.add_typer(places_app, name="places")


@places_app.command("build")
def build() -> None:
    """Build the place table now (it is otherwise built on first use, in about 20 seconds) and show where it is."""
    from truceline.places.table import ensure

    with out.status("building the place table (GeoNames towns, divisions, data/places.yaml)..."):
        path = ensure()
    out.print(f"place table: {path} ({path.stat().st_size / 1e6:.0f} MB)")


@places_app.command("find")
def find(
    name: Annotated[str, typer.Argument(help="A place name as written in a report ('St. Petersburg', 'Hudaydah').")],
    country: Annotated[
        list[str] | None, typer.Option("--country", "-c", help="A country the article is about (ISO3); repeatable.")
    ] = None,
    cue: Annotated[str | None, typer.Option(help="'town' ('the town of X') or 'division' ('X province').")] = None,
) -> None:
    """Show the candidates for a name and the one chosen with the given article countries."""
    from truceline.places.resolve import GeoContext, candidates, resolve

    ctx = GeoContext(countries=Counter({c.upper(): 3 for c in country or []}))
    found, asked = candidates(name)
    best = resolve(name, ctx, cue)
    t = Table(title=f"{name!r}: {len(found)} candidates" + (f" (the name asks for a {asked})" if asked else ""))
    for col in ("", "name", "kind", "country", "admin1", "population", "lat", "lon", "geonames"):
        t.add_column(col)
    for p in found[:15]:
        mark = "→" if best is not None and p.id == best.id and p.country == best.country else ""
        t.add_row(
            mark,
            p.name,
            p.kind,
            p.country or "",
            p.admin1 or "",
            f"{p.population:,}",
            "" if p.lat is None else f"{p.lat:.2f}",
            "" if p.lon is None else f"{p.lon:.2f}",
            str(p.geonames_id or ""),
        )
    out.print(t)
    if best is not None and not any(p.id == best.id for p in found):
        out.print(f"→ {best.name} ({best.country}): closest spelling among the article's countries")
    if best is None:
        out.print("no place chosen")
