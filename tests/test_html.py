"""The graph page (`graph.html`): self-contained, UTF-8, escaped once per sink, and drawn in Chromium.

Browser tests (marker `browser`) drive the system Chromium through playwright with every request
but the page's own file:// URL aborted, and fail on any console error, page error, dialog or
outside request. Screenshots go to tests/artifacts/. Without a browser they skip, unless
POLICYKG_REQUIRE_BROWSER=1 (CI), where a missing browser fails.
"""
from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policykg.graph.html import PHYSICS_LIMIT, _inline, json_for_script, vis_assets, write_page
from policykg.graph.store import open_store
from policykg.graph.view import FOLD, select_view, to_networkx
from tests.test_view import SMALL, make_facts, said

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = os.environ.get("POLICYKG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

IMG = "<img src=x onerror=alert(1)>"
AMP = "A&B<链>"
BREAKOUT = "</script><script>window.__pwned=1</script>"
XSS = make_facts(
    [("甲区", 2023, [("Initiative", IMG, f"全面落实{IMG}，确保取得实效。"),
                    ("Initiative", AMP, f"大力推进{AMP}建设{BREAKOUT}，打造发展新引擎。"),
                    ("Park", "甲区产业园", said("甲区产业园"))]),
     ("乙县", 2023, [("Initiative", IMG, f"乙县继续实施{IMG}行动，推动各项工作落地见效。"),
                    ("Initiative", AMP, f"乙县深化{AMP}改革，持续优化营商环境和服务。")])],
    aliases={AMP: ["A&amp;B"]})


# ---- without a browser ---------------------------------------------------------------------

def _page(tmp_path: Path, facts: dict[str, Any], name: str = "page.html", **options: Any) -> Path:
    with open_store(tmp_path / f"{name}.lbdb") as store:
        store.load_facts(facts)
        return write_page(store, tmp_path / name, **options)


def test_page_loads_nothing_from_outside(tmp_path: Path) -> None:
    html = _page(tmp_path, SMALL).read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in html
    assert not re.search(r"<script[^>]+src\s*=", html, re.I)
    assert not re.search(r"<link\b", html, re.I)
    assert "@import" not in html
    assert all(u.startswith(("data:", '"data:', "'data:")) for u in re.findall(r"url\(\s*([^)]*)\)", html))
    # vis-network's own bundle keeps its licence header and an XML namespace name (no fetches);
    # everything else on the page has no http(s) address at all.
    js, css = vis_assets()
    rest = html.replace(str(_inline(js, "script")), "").replace(str(_inline(css, "style")), "")
    assert len(rest) < len(html) - len(js)
    assert not re.search(r"https?://", rest, re.I)
    assert "vis-network" in html and "policykg" in html


def test_page_is_utf8_whatever_the_locale(tmp_path: Path) -> None:
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(SMALL, ensure_ascii=False), encoding="utf-8")
    code = ("import json, locale, sys\n"
            "from policykg.graph.store import open_store; from policykg.graph.html import write_page\n"
            "s = open_store(sys.argv[1] + '/g.lbdb'); s.load_facts(json.load(open(sys.argv[2], encoding='utf-8')))\n"
            "write_page(s, sys.argv[1] + '/page.html'); print(locale.getpreferredencoding(False))")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONUTF8"))}
    env |= {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path), str(facts)], env=env, cwd=REPO,
                         capture_output=True, text=True, check=True)
    assert "utf" not in run.stdout.lower().replace("-", "")  # the locale really was not UTF-8
    text = (tmp_path / "page.html").read_bytes().decode("utf-8")
    assert "乡村振兴" in text and "新能源汽车产业链" in text


def test_report_text_is_inert_in_the_file(tmp_path: Path) -> None:
    html = _page(tmp_path, XSS).read_text(encoding="utf-8")
    assert IMG not in html and "<链>" not in html and "window.__pwned=1</script>" not in html
    block = re.search(r'<script id="pk-data" type="application/json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)  # the JSON escapes are JSON's own: the text comes back exactly
    names = {i["name"] for i in data["info"].values()}
    assert {IMG, AMP} <= names
    assert any(BREAKOUT in e["sentence"] for i in data["info"].values() for e in i.get("evidence", []))
    assert {n["label"] for n in data["nodes"]} >= {IMG, AMP}
    assert "&amp;" not in block.replace("A\\u0026amp;B", "")  # nothing was HTML-escaped on the way in


def test_script_sinks_cannot_be_closed_early() -> None:
    tricky = {"s": f"{BREAKOUT}<!--<script>&amp;\u2028\u2029", "k": IMG}
    text = str(json_for_script(tricky))
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert json.loads(text) == tricky
    code = str(_inline('x = "</SCRIPT><!--";', "script"))
    assert "</script" not in code.lower() and "<!--" not in code
    assert "</style" not in str(_inline("a::after { content: '</style>' }", "style")).lower()


# ---- in Chromium ---------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium (the system one), or a skip / failure (POLICYKG_REQUIRE_BROWSER=1)."""
    required = os.environ.get("POLICYKG_REQUIRE_BROWSER", "").strip() not in ("", "0", "false", "no")

    def missing(reason: str) -> None:
        if required:
            pytest.fail(f"a browser is required (POLICYKG_REQUIRE_BROWSER=1): {reason}", pytrace=False)
        pytest.skip(reason)

    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        missing("playwright is not installed")
    if not Path(CHROMIUM).exists():
        missing(f"no Chromium at {CHROMIUM}")
    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Error as exc:
            missing(f"Chromium does not start: {exc}")
        yield b
        b.close()


class Opened:
    """A page opened offline, with everything that went wrong on the way."""

    def __init__(self, browser: Any, html: Path) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 860})
        self.page = page = self.context.new_page()
        page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

        def route(r: Any) -> None:
            if r.request.url == html.as_uri():
                r.continue_()
            else:
                self.requests.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(html.as_uri())
        page.wait_for_function("window.policykg && window.policykg.ready", timeout=60_000)

    def check_clean(self) -> None:
        assert not self.errors, self.errors
        assert not self.dialogs, f"a dialog opened: {self.dialogs}"
        assert not self.requests, f"the page asked for: {self.requests}"

    def hover(self, node_id: str) -> str:
        """Move the pointer onto a node; return the text of its tooltip's name line."""
        xy = self.page.evaluate(
            """id => { const n = window.policykg.network, p = n.canvasToDOM(n.getPosition(id));
                       const r = document.getElementById('network').getBoundingClientRect();
                       return [r.left + p.x, r.top + p.y]; }""", node_id)
        self.page.mouse.move(5, 5)
        self.page.mouse.move(xy[0], xy[1], steps=4)
        self.page.wait_for_function(
            "() => { const t = document.querySelector('div.vis-tooltip');"
            " return t && t.style.visibility === 'visible' && t.querySelector('.pk-name'); }", timeout=5_000)
        return self.page.eval_on_selector("div.vis-tooltip .pk-name", "e => e.textContent")

    def close(self) -> None:
        self.context.close()


def _shoot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    return path


def _expected_default_count(store: Any) -> int:
    """Nodes of the default view, counted from the store with Cypher alone (not graph.view)."""
    anchors = {row[0] for row in store.run("MATCH (:Report)-[:ABOUT]->(g:Region) RETURN DISTINCT g.id")[1]}
    shared, single = 0, set()
    for label in store.model.entity_labels:
        regions: dict[str, set[str]] = defaultdict(set)
        for e, g in store.run(f"MATCH (e:{label})-[:MENTIONED_IN]->(:Report)-[:ABOUT]->(g:Region) "
                              "RETURN DISTINCT e.id, g.id")[1]:
            regions[e].add(g)
        for e, gs in regions.items():
            if e in anchors:
                continue
            if len(gs) >= 2:
                shared += 1
            else:
                single |= gs
    return len(anchors) + shared + len(single & anchors)  # + one fold node per region with singles


@pytest.fixture(scope="module")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from policykg.extract import extract_paths

    facts, errors, _ = extract_paths([REPO / "examples" / "reports"])
    assert not errors
    store = open_store(tmp_path_factory.mktemp("example") / "g.lbdb")
    store.load_facts(facts)
    yield store
    store.close()


@pytest.mark.browser
def test_example_page_offline(browser: Any, example_store: Any, tmp_path: Path) -> None:
    html = write_page(example_store, tmp_path / "graph.html")
    view = select_view(to_networkx(example_store))
    opened = Opened(browser, html)
    page = opened.page
    try:
        drawn = int(page.get_attribute("#status", "data-drawn-nodes"))
        assert drawn == page.evaluate("window.policykg.drawnNodes()")
        assert drawn == view.graph.number_of_nodes() == _expected_default_count(example_store)
        assert page.evaluate("window.policykg.physics") == (drawn <= PHYSICS_LIMIT)
        assert page.evaluate("window.policykg.network.physics.options.enabled") is False  # settled and stopped
        _shoot(page, "example-page.png")
        # the most shared initiative: its tooltip names it and gives evidence
        top = max((n for n, d in view.graph.nodes(data=True) if d["label"] == "Initiative"),
                  key=lambda n: view.graph.nodes[n]["n_regions"])
        assert opened.hover(top) == view.graph.nodes[top]["name"]
        assert page.locator("div.vis-tooltip .pk-ev").count() >= 1
        _shoot(page, "example-tooltip.png")
        # the type filter hides, the reset brings back
        page.uncheck('#legend-types input[data-type="Initiative"]')
        n_init = sum(1 for _, d in view.graph.nodes(data=True) if d["label"] == "Initiative")
        assert int(page.get_attribute("#status", "data-drawn-nodes")) == drawn - n_init
        page.click("#reset-btn")
        assert int(page.get_attribute("#status", "data-drawn-nodes")) == drawn
        # search finds by name and selects
        page.fill("#search", view.graph.nodes[top]["name"])
        page.locator("#results button").first.click()
        assert page.evaluate("window.policykg.network.getSelectedNodes()") == [top]
        assert page.text_content("#details .pk-name") == view.graph.nodes[top]["name"]
        assert "folded" in page.text_content("#notes")
        opened.check_clean()
    finally:
        opened.close()


@pytest.mark.browser
def test_names_shown_exactly_as_written_and_never_run(browser: Any, tmp_path: Path) -> None:
    html = _page(tmp_path, XSS)
    opened = Opened(browser, html)
    page = opened.page
    try:
        ids = page.evaluate("""names => { const i = window.policykg.info;
            return names.map(n => Object.keys(i).find(k => i[k].name === n)); }""", [IMG, AMP])
        assert all(ids)
        for node_id, name in zip(ids, [IMG, AMP], strict=True):
            assert page.evaluate("id => window.policykg.nodes.get(id).label", node_id) == name  # canvas label
            assert opened.hover(node_id) == name  # tooltip
            tip = page.text_content("div.vis-tooltip").replace("A&amp;B", "")  # (that alias is spelled so)
            assert "&amp;" not in tip and "&lt;" not in tip and name in tip
            page.evaluate("id => window.policykg.network.selectNodes([id])", node_id)
            page.mouse.click(*page.evaluate(
                """id => { const n = window.policykg.network, p = n.canvasToDOM(n.getPosition(id));
                           const r = document.getElementById('network').getBoundingClientRect();
                           return [r.left + p.x, r.top + p.y]; }""", node_id))
            assert page.text_content("#details .pk-name") == name  # details panel
        assert BREAKOUT in page.text_content("#details")  # the sentence, shown as text
        assert "A&amp;B" in page.text_content("#details")  # an alias spelled with an entity stays as written
        page.fill("#search", "A&B")
        assert page.text_content("#results button") == AMP + "Initiative"
        _shoot(page, "xss-page.png")
        assert page.evaluate("document.querySelectorAll('img, iframe, object').length") == 0
        assert page.evaluate("window.__pwned") is None
        opened.check_clean()
    finally:
        opened.close()


def _wide_facts(n_regions: int, per_region: int) -> dict[str, Any]:
    """Regions with `per_region` entities each, every third shared with the next region."""
    reports = []
    for r in range(n_regions):
        mentions = []
        for k in range(per_region):
            owner = r if k % 3 else (r + 1) % n_regions
            name = f"第{owner}号区第{k}项行动"
            mentions.append(("Initiative", name, said(name)))
            if k % 3 == 0:
                name = f"第{r}号区第{k}项行动"
                mentions.append(("Initiative", name, said(name)))
        reports.append((f"测试{r}区", 2023, mentions))
    return make_facts(reports)


@pytest.mark.browser
def test_large_view_is_laid_out_before_and_says_what_was_left_out(browser: Any, tmp_path: Path) -> None:
    facts = _wide_facts(12, 60)
    with open_store(tmp_path / "wide.lbdb") as store:
        store.load_facts(facts)
        g = to_networkx(store)
        html = write_page(store, tmp_path / "wide.html", min_regions=1, max_nodes=PHYSICS_LIMIT + 100, overview=False)
    view = select_view(g, min_regions=1, max_nodes=PHYSICS_LIMIT + 100)
    assert g.number_of_nodes() > PHYSICS_LIMIT + 100 and sum(view.cut.values()) > 0
    opened = Opened(browser, html)
    page = opened.page
    try:
        assert page.evaluate("window.policykg.physics") is False
        drawn = int(page.get_attribute("#status", "data-drawn-nodes"))
        assert drawn == view.graph.number_of_nodes() <= PHYSICS_LIMIT + 100
        notes = page.text_content("#notes")
        assert f"Limited to {PHYSICS_LIMIT + 100} nodes" in notes
        assert f"{sum(view.cut.values())} less shared nodes were left out" in notes
        kept = [d for _, d in view.graph.nodes(data=True) if d["label"] == "Initiative"]
        assert min(d["n_regions"] for d in kept) >= max(g.nodes[n]["n_regions"] for n in g if n not in view.graph
                                                        and g.nodes[n]["label"] == "Initiative")
        assert any(d["label"] == FOLD for _, d in view.graph.nodes(data=True))
        _shoot(page, "large-page.png")
        opened.check_clean()
    finally:
        opened.close()


@pytest.mark.browser
def test_empty_graph_page(browser: Any, tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.lbdb") as store:
        html = write_page(store, tmp_path / "empty.html")
    opened = Opened(browser, html)
    try:
        assert opened.page.get_attribute("#status", "data-drawn-nodes") == "0"
        assert "Nothing to draw" in opened.page.text_content("#summary")
        opened.check_clean()
    finally:
        opened.close()


# ---- the overview of many regions, an initiative's timeline --------------------------------------

#: The six cities of eval/reports/cities, each with one report a year from 2014 to 2025.
CITIES72 = ("合肥市", "厦门市", "成都市", "杭州市", "西安市", "长沙市")
#: The years those reports review (the report of 2014 reviews 2013).
YEARS72 = list(range(2013, 2025))


def test_each_city_report_goes_to_its_city(cities72_facts: dict[str, Any]) -> None:
    """Each of the 72 reports is assigned to the city of its folder, one report per year reviewed."""
    reports = cities72_facts["reports"]
    assert len(reports) == 72
    for r in reports:
        city, file = Path(r["source"]).parts[-2:]
        assert (r["region"], r["region_level"], r["year"]) == (city, "prefecture", int(file[:4]) - 1), r["source"]
    by_city: dict[str, list[int]] = defaultdict(list)
    for r in reports:
        by_city[r["region"]].append(r["year"])
    assert sorted(by_city) == sorted(CITIES72)
    assert all(sorted(years) == YEARS72 for years in by_city.values()), by_city


def _region_labels(page: Any) -> list[list[Any]]:
    """Each labelled node as drawn: [id, label, font size on screen in px, label box on screen
    (left, top, right, bottom) relative to the canvas, canvas width, canvas height]."""
    return page.evaluate("""() => { const n = window.policykg.network, c = document.getElementById('network');
        return Object.values(n.body.nodes).filter(x => !x.isCluster && x.options.label).map(x => {
          const s = x.labelModule.size, a = n.canvasToDOM({x: s.left, y: s.top}),
                b = n.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
          return [x.id, x.options.label, x.options.font.size * n.getScale(), [a.x, a.y, b.x, b.y],
                  c.clientWidth, c.clientHeight];
        }); }""")


def _click_node(page: Any, node_id: str) -> None:
    xy = page.evaluate("""id => { const n = window.policykg.network, p = n.canvasToDOM(n.getPosition(id));
                                  const r = document.getElementById('network').getBoundingClientRect();
                                  return [r.left + p.x, r.top + p.y]; }""", node_id)
    page.mouse.click(xy[0], xy[1])


@pytest.mark.browser
def test_overview_of_72_city_reports(browser: Any, cities72_facts: dict[str, Any], tmp_path: Path) -> None:
    """The default page of the 72 real city reports is the overview of the six cities: every city's
    label drawn, apart and readable at the first zoom; a click on a city lists its items."""
    with open_store(tmp_path / "cities.lbdb") as store:
        assert not store.load_facts(copy.deepcopy(cities72_facts))["failed"]
        per_region = {name: (gid, n, lo, hi) for gid, name, n, lo, hi in store.run(
            "MATCH (r:Report)-[:ABOUT]->(g:Region) RETURN g.id, g.name, count(r), min(r.year), max(r.year)")[1]}
        # each region's items (an entity id → its name and how many regions' reports name it)
        items: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
        for g, x, name, n in store.run("MATCH (g:Region)-[:ADOPTS|DEVELOPS|HOSTS|RUNS]->(x) "
                                       "MATCH (x)-[:MENTIONED_IN]->(:Report)-[:ABOUT]->(o:Region) "
                                       "RETURN g.id, x.id, x.name, count(DISTINCT o)")[1]:
            items[g][x] = (name, n)
        html = write_page(store, tmp_path / "cities.html")
    assert sorted(per_region) == sorted(CITIES72)
    assert all((n, lo, hi) == (12, YEARS72[0], YEARS72[-1]) for _, n, lo, hi in per_region.values()), per_region
    regions = {gid: name for name, (gid, *_) in per_region.items()}
    opened = Opened(browser, html)
    page = opened.page
    try:
        assert page.evaluate("window.policykg.note.overview") is True
        assert int(page.get_attribute("#status", "data-drawn-nodes")) == len(regions) == 6
        assert page.get_attribute("html", "data-cjk") == "ok"  # the labels have Chinese glyphs to draw with
        # every city's label is drawn inside the canvas, at a readable size, apart from the others
        labels = _region_labels(page)
        assert {i: name for i, name, *_ in labels} == regions
        for _, name, px, (left, top, right, bottom), w, h in labels:
            assert px >= 11, (name, px)
            assert 0 <= left < right <= w and 0 <= top < bottom <= h, (name, left, top, right, bottom, w, h)
        for i, (_, a, _, ba, *_) in enumerate(labels):
            for _, b, _, bb, *_ in labels[i + 1:]:
                assert ba[2] <= bb[0] or bb[2] <= ba[0] or ba[3] <= bb[1] or bb[3] <= ba[1], f"{a} overlaps {b}"
        _shoot(page, "overview-cities.png")
        # a click on each city shows what it adopts and develops, the most distinctive first
        for gid, name in sorted(regions.items(), key=lambda t: t[1]):
            _click_node(page, gid)
            page.wait_for_function("name => { const d = document.querySelector('#details');"
                                   " return d && !d.hidden && d.querySelector('.pk-name').textContent === name"
                                   " && d.querySelector('.items li'); }", arg=name, timeout=5_000)
            rows = [t.split("  ·  ") for t in page.locator("#details .items li").all_text_contents()]
            assert len(items[gid]) > 60 and len(rows) == 61, (name, len(items[gid]), len(rows))
            assert rows[-1] == [f"… and {len(items[gid]) - 60:,} more"]
            known = defaultdict(set)  # name → the region counts of the items so named (types may share a name)
            for x_name, n in items[gid].values():
                known[x_name].add(n)
            shares = [int(r[2].split()[0]) for r in rows[:-1]]
            assert all(n in known[r[0]] for r, n in zip(rows[:-1], shares, strict=True)), (name, rows)
            assert shares == sorted(shares) and shares[0] == 1, (name, shares)  # its own items first
            assert "Most like:" in page.text_content("#details")
            if name == CITIES72[0]:
                _shoot(page, "overview-click.png")
        opened.check_clean()
    finally:
        opened.close()


@pytest.mark.browser
def test_initiative_page_shows_its_diffusion(browser: Any, _city_facts: dict[str, Any], tmp_path: Path) -> None:
    with open_store(tmp_path / "c.lbdb") as store:
        store.load_facts(copy.deepcopy(_city_facts))
        html = write_page(store, tmp_path / "zjtx.html", initiatives=["专精特新"])
    opened = Opened(browser, html)
    page = opened.page
    try:
        rows = page.locator("#details table.timeline tr").all_text_contents()
        assert len(rows) == 3 and rows[1].startswith("合肥市") and rows[2].startswith("厦门市")
        first = page.locator("#details table.timeline td.first")
        assert first.count() == 2
        assert page.get_attribute("html", "data-cjk") == "ok"  # this machine has fonts-noto-cjk
        _shoot(page, "initiative-timeline.png")
        opened.check_clean()
    finally:
        opened.close()
