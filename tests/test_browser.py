"""End to end in headless Chromium (Debian's, driven by Playwright): `truceline serve` on a fresh store,
the seed posted through the API, then what a person sees on each page. A screenshot of each main
page goes to tests/artifacts/."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from tests.live_server import CHROMIUM, live_server, need_browser

from truceline.api import create_app
from truceline.store import Store

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed.txt"
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="module")
def site(pipe, tmp_path_factory):
    need_browser()
    db = f"sqlite:///{tmp_path_factory.mktemp('serve') / 'serve.db'}"
    app = create_app(db)
    app.state.truceline._pipe = pipe
    token = Store(db).create_token("browser")
    with live_server(app) as url:
        body = {"text": SEED.read_text(encoding="utf-8"), "published": "2025-03-19", "source": "seed"}
        res = httpx.post(f"{url}/api/articles", json=body, headers={"Authorization": f"Bearer {token}"}, timeout=120)
        assert res.status_code == 201, res.text
        yield url, res.json()["article_id"]


@pytest.fixture(scope="module")
def browser():
    need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    pg.errors, pg.requests = errors, requests  # type: ignore[attr-defined]
    yield pg
    context.close()


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def only_local(pg, url: str) -> None:
    outside = [r for r in pg.requests if not r.startswith(url) and not r.startswith("data:")]
    assert not outside, f"requests left the machine: {outside}"
    assert not pg.errors, pg.errors


def test_board_then_click_through_to_the_energy_ceasefire(site, page):
    url, _ = site
    page.goto(f"{url}/")
    page.wait_for_selector(".card")
    assert "Ceasefires and agreements" in page.inner_text("h1")
    cards = page.locator(".card")
    assert cards.count() >= 5
    shot(page, "board")
    energy = cards.filter(has_text="Energy infrastructure").filter(has_text="phase 1")
    assert energy.count() == 1
    assert "RUS" in energy.inner_text() and "USA" in energy.inner_text()
    energy.click()
    page.wait_for_selector("#timeline")
    assert "in force" in page.inner_text("#status")
    assert page.inner_text("#mediators") == "USA"
    rows = page.locator("#timeline tr")
    assert rows.count() >= 3  # header, agreed, in force
    assert "agreed" in page.inner_text("#timeline") and "2025-03-18" in page.inner_text("#timeline")
    assert page.locator("ol.phases li").count() == 4  # the four phases of the process
    assert page.locator("svg").count() >= 1
    shot(page, "agreement")
    gaza = page.goto(f"{url}/agreements")
    assert gaza is not None and gaza.ok
    ended = page.locator('.card[data-status="ended"]')
    assert "collapsed" in ended.first.inner_text()
    only_local(page, url)


def test_events_timeline_filters_and_export_links(site, page):
    url, _ = site
    page.goto(f"{url}/events")
    page.wait_for_selector("#events")
    total = int(page.inner_text("#total").split()[0])
    assert total >= 10
    assert page.locator("svg.chart rect").count() >= 1
    page.select_option("select[name=type]", "ASSAULT")
    page.click("form.filters button")
    page.wait_for_url("**type=ASSAULT**")
    types = page.locator("#events tr td:nth-child(2)").all_inner_texts()
    assert types and all(t.startswith("ASSAULT") for t in types)
    csv_link = page.get_attribute("a:has-text('CSV')", "href")
    assert csv_link and "type=ASSAULT" in csv_link
    shot(page, "events")
    only_local(page, url)


def test_article_view_highlights_spans(site, page):
    url, article_id = site
    page.goto(f"{url}/articles")
    page.click(f"a[href='/articles/{article_id}']")
    page.wait_for_selector("#text")
    assert page.locator("#text mark.actor").count() >= 10
    assert page.locator("#text mark.event").count() >= 5
    assert "Hooty" in page.inner_text("#text")
    title = page.get_attribute("#text mark.event >> nth=0", "title")
    assert title and "ev-" in title  # each highlight says which event and which rule
    assert page.locator("#explained tr").count() >= 6
    shot(page, "article")
    only_local(page, url)


def test_map_draws_offline_with_counts(site, page):
    url, _ = site
    page.goto(f"{url}/map")
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)
    paths = page.locator("#map path[data-iso3]")
    assert paths.count() > 150
    assert int(page.get_attribute("#map path[data-iso3='UKR']", "data-count") or 0) >= 1
    width = page.evaluate("document.getElementById('map').getBoundingClientRect().width")
    fiji = page.evaluate("document.querySelector(\"#map path[data-iso3='FJI']\").getBBox().width")
    assert fiji < 0.1 * width  # a shape across the date line is drawn whole, not as a streak
    # places: the seed's strikes in Gaza and Yemen; a town is a dot, an area's centroid a dashed ring
    names = page.eval_on_selector_all("#map circle.place", "els => els.map(e => e.dataset.name)")
    assert "Gaza Strip" in names
    ring = page.get_attribute("#map circle.place[data-name='Gaza Strip']", "class")
    assert ring == "place centroid"
    shot(page, "map")
    page.click("#map path[data-iso3='UKR']")
    page.wait_for_url("**country=UKR**")
    only_local(page, url)


def test_relations_graph(site, page):
    url, _ = site
    page.goto(f"{url}/graph")
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)
    nodes = page.locator("#graph [data-id]")
    assert nodes.count() >= 3
    assert page.locator("#graph [data-id='USA']").count() == 1
    shot(page, "graph")
    only_local(page, url)


def test_search_box(site, page):
    url, _ = site
    page.goto(f"{url}/events")
    # the seed's one prisoner event: "prisoner exchanges will take place between the two countries"
    page.fill("header input[name=q]", "prisoner")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=prisoner")
    assert "Search: prisoner" in page.inner_text("h1")
    assert page.locator("#results tr").count() >= 1
    shot(page, "search")
    only_local(page, url)
