"""The dashboard's vendored front-end files, and map.js / graph.js drawn in a real headless browser.

The file checks always run. The browser check runs when Debian's chromium (/usr/bin/chromium) and the Python
package playwright are both there (`apt-get install chromium`, `pip install playwright`; no `playwright install`);
otherwise it is skipped. It serves src/truceline/api/static/ on a free loopback port, opens demo-map.html and checks
the map (country paths, ISO codes, no antimeridian streaks), the graph, and rewind()/the antimeridian guard on
deliberately mis-wound data. Its screenshot goes to tests/artifacts/demo-map.png.
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "src" / "truceline" / "api" / "static"
VENDOR = STATIC / "vendor"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")

VENDORED = [
    "d3.min.js",
    "topojson-client.min.js",
    "countries-110m.json",
    "iso-numeric.json",
    "package-lock.json",
    "README.md",
    "LICENSE.d3.txt",
    "LICENSE.topojson-client.txt",
    "LICENSE.world-atlas.txt",
]


# --- the files -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", VENDORED)
def test_vendored_file_present(name: str) -> None:
    path = VENDOR / name
    assert path.is_file(), f"{path} missing: run scripts/vendor-frontend"
    assert path.stat().st_size > 0


@pytest.mark.parametrize("name", ["js/map.js", "js/graph.js", "demo-map.html"])
def test_own_static_file_present(name: str) -> None:
    assert (STATIC / name).stat().st_size > 0


def test_iso_numeric_mapping() -> None:
    iso: dict[str, str] = json.loads((VENDOR / "iso-numeric.json").read_text(encoding="utf-8"))
    assert iso["643"] == "RUS"
    assert iso["242"] == "FJI"
    assert iso["840"] == "USA"
    assert iso["804"] == "UKR"
    assert iso["Kosovo"] == "XKX"
    assert all(len(code) == 3 and code.isupper() for code in iso.values())
    # every world-atlas feature with an id is mapped; only the id-less ones may be missing
    atlas = json.loads((VENDOR / "countries-110m.json").read_text(encoding="utf-8"))
    geometries = atlas["objects"]["countries"]["geometries"]
    assert len(geometries) == 177
    unmapped = [
        g["properties"]["name"] for g in geometries if g.get("id") not in iso and g["properties"]["name"] not in iso
    ]
    assert sorted(unmapped) == ["N. Cyprus", "Somaliland"]
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    assert "N. Cyprus" in readme and "Somaliland" in readme


def test_licences_present() -> None:
    assert "Mike Bostock" in (VENDOR / "LICENSE.d3.txt").read_text(encoding="utf-8")
    assert "Michael Bostock" in (VENDOR / "LICENSE.topojson-client.txt").read_text(encoding="utf-8")
    atlas_licence = (VENDOR / "LICENSE.world-atlas.txt").read_text(encoding="utf-8")
    assert "Natural Earth" in atlas_licence and "public domain" in atlas_licence


def test_versions_agree_with_lock_file() -> None:
    """The vendored builds are the versions that the lock file (and its vendored copy) pin."""
    lock_text = (ROOT / "frontend" / "package-lock.json").read_text(encoding="utf-8")
    assert (VENDOR / "package-lock.json").read_text(encoding="utf-8") == lock_text
    packages: dict[str, Any] = json.loads(lock_text)["packages"]
    versions = {name: packages[f"node_modules/{name}"]["version"] for name in ("d3", "topojson-client", "world-atlas")}
    assert versions["d3"].startswith("7.")
    assert versions["topojson-client"].startswith("3.")
    assert versions["world-atlas"].startswith("2.")
    assert f"v{versions['d3']} " in (VENDOR / "d3.min.js").read_text(encoding="utf-8")[:200]
    assert f"v{versions['topojson-client']} " in (VENDOR / "topojson-client.min.js").read_text(encoding="utf-8")[:200]
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    for version in versions.values():
        assert version in readme
    assert "scripts/vendor-frontend" in readme


def test_pages_load_nothing_from_the_network() -> None:
    for name in ("demo-map.html", "js/map.js", "js/graph.js"):
        text = (STATIC / name).read_text(encoding="utf-8")
        for src in ('src="http', "src='http", 'import("http', 'from "http', 'fetch("http', "cdn"):
            assert src not in text, f"{name} loads {src!r}"


# --- the browser ---------------------------------------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def static_server() -> Iterator[str]:
    """src/truceline/api/static/ served by http.server on a free loopback port; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(STATIC)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium): browser check skipped")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright not installed (pip install playwright): browser check skipped")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM))
        try:
            yield chromium
        finally:
            chromium.close()


# Measurements of the drawn demo page, in SVG user units.
MEASURE = """() => {
  const svg = document.getElementById("map");
  const paths = [...svg.querySelectorAll("path.country")];
  const box = (iso) => {
    const el = svg.querySelector(`path.country[data-iso3="${iso}"]`);
    if (!el) return null;
    const b = el.getBBox();
    return { x: b.x, width: b.width, fill: el.getAttribute("fill"), count: el.getAttribute("data-count"),
             title: el.querySelector("title")?.textContent };
  };
  return {
    svgWidth: svg.viewBox.baseVal.width,
    paths: paths.length,
    withIso: paths.filter((p) => p.getAttribute("data-iso3")).length,
    noIso: paths.filter((p) => !p.getAttribute("data-iso3")).map((p) => p.getAttribute("data-name")),
    RUS: box("RUS"), FJI: box("FJI"), USA: box("USA"), UKR: box("UKR"), FRA: box("FRA"),
    rewound: svg.querySelectorAll("[data-rewound]").length,
    nodes: [...document.querySelectorAll("#graph g.node")].map((g) => g.getAttribute("data-id")),
    links: document.querySelectorAll("#graph line.link").length,
    linkStrokes: Object.fromEntries([...document.querySelectorAll("#graph line.link")].map(
      (l) => [`${l.dataset.source}-${l.dataset.target}`, l.getAttribute("stroke")])),
  };
}"""

# Draw the map again into a new SVG from a copy of the atlas whose Fiji and Russia rings are wound the wrong way
# round (as RFC 7946 GeoJSON winds them): the antimeridian guard must redraw them rewound, with small boxes.
MISWOUND = """async () => {
  const { drawMap, rewind } = await import("./js/map.js");
  const world = await (await fetch("vendor/countries-110m.json")).json();
  const flip = (ring) => ring.slice().reverse().map((i) => ~i);  // a TopoJSON ring, the other way round
  for (const g of world.objects.countries.geometries) {
    if (g.id !== "242" && g.id !== "643") continue;
    g.arcs = g.type === "Polygon" ? g.arcs.map(flip) : g.arcs.map((polygon) => polygon.map(flip));
  }
  const feature = (id) => topojson.feature(world, world.objects.countries).features.find((f) => f.id === id);
  const sphere = 4 * Math.PI;
  const fiji = feature("242");
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 960 500");
  svg.setAttribute("width", "960");
  svg.setAttribute("height", "500");
  document.body.appendChild(svg);
  const result = await drawMap(svg, { FJI: 1 }, { base: "vendor/", world });
  const width = (iso) => svg.querySelector(`path[data-iso3="${iso}"]`).getBBox().width;
  const out = {
    invertedArea: d3.geoArea(fiji) / sphere,
    rewoundArea: d3.geoArea(rewind(fiji)) / sphere,
    twiceArea: d3.geoArea(rewind(rewind(fiji))) / sphere,
    rewound: result.rewound.slice().sort(),
    FJI: width("FJI"), RUS: width("RUS"),
  };
  svg.remove();
  return out;
}"""


def test_demo_page_in_browser(browser: Any, static_server: str) -> None:
    page = browser.new_page(viewport={"width": 1000, "height": 1100})
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda req: errors.append(f"request failed: {req.url}"))
    # nothing may be fetched from anywhere but the test server
    requested: list[str] = []
    page.on("request", lambda req: requested.append(req.url))
    try:
        page.goto(f"{static_server}/demo-map.html")
        page.wait_for_selector("body[data-ready], body[data-error]", timeout=20_000)
        assert page.evaluate("document.body.dataset.error") is None
        m = page.evaluate(MEASURE)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "demo-map.png"), full_page=True)

        assert errors == []
        assert all(url.startswith(static_server) or url.startswith("data:") for url in requested), requested

        width = m["svgWidth"]
        assert 170 <= m["paths"] <= 185
        assert m["withIso"] >= m["paths"] - 3, m["noIso"]
        assert sorted(m["noIso"]) == ["N. Cyprus", "Somaliland"]
        assert m["RUS"] is not None and m["FJI"] is not None
        assert m["FJI"]["width"] < 0.10 * width, m["FJI"]  # no streak: Fiji is drawn whole, in one place
        assert m["RUS"]["width"] < 0.60 * width, m["RUS"]
        assert m["rewound"] == 0  # world-atlas v2 is wound correctly: the guard has nothing to do
        assert m["UKR"]["count"] == "30" and m["UKR"]["title"] == "Ukraine: 30 events"
        assert m["FRA"]["count"] == "0" and m["FRA"]["fill"] == "#e0e0e0"
        assert m["UKR"]["fill"] != m["RUS"]["fill"]
        assert "#e0e0e0" not in (m["UKR"]["fill"], m["RUS"]["fill"], m["FJI"]["fill"])

        assert sorted(m["nodes"]) == ["FJI", "RUS", "UKR", "UN", "USA"]
        assert m["links"] == 5
        red, blue = m["linkStrokes"]["RUS-UKR"], m["linkStrokes"]["USA-UKR"]
        assert _rgb(red)[0] > _rgb(red)[2] and _rgb(blue)[2] > _rgb(blue)[0]

        # clicks reach options.onClick
        page.click('#map path[data-iso3="UKR"]')
        assert page.text_content("#clicked") == "country: UKR"
        page.click('#graph g.node[data-id="RUS"] circle')
        assert page.text_content("#clicked") == "node: RUS"

        # rewind() and the antimeridian guard, on mis-wound data
        w = page.evaluate(MISWOUND)
        assert w["invertedArea"] > 0.99 and w["rewoundArea"] < 0.001
        assert w["twiceArea"] == pytest.approx(w["rewoundArea"])  # idempotent
        assert w["rewound"] == ["FJI", "RUS"]
        assert w["FJI"] < 0.10 * width and w["RUS"] < 0.60 * width
        assert errors == []
    finally:
        page.close()


def _rgb(color: str) -> tuple[int, int, int]:
    """'rgb(r, g, b)' or '#rrggbb' as a tuple."""
    if color.startswith("#"):
        return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)
    r, g, b = (int(part) for part in color[color.index("(") + 1 : color.index(")")].split(",")[:3])
    return r, g, b
