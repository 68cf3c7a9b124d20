"""docs/graph.png: the page `policykg build examples/reports` writes, as headless Chromium draws it.

Run with `make docs-graph` (or `python docs/graph_png.py docs/graph.png`). It builds the examples in
a temporary folder, opens graph.html offline (every other request aborted) in the system Chromium
(/usr/bin/chromium, or $POLICYKG_CHROMIUM) through Playwright, waits until the page says it is
drawn, and saves a 1280×800 screenshot. Needs a CJK font (Debian: fonts-noto-cjk).
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Route, sync_playwright

from policykg import build

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("POLICYKG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def screenshot(out: Path, width: int = 1280, height: int = 800) -> Path:
    """Build the examples, draw their page in Chromium and save it as the PNG `out`."""
    with tempfile.TemporaryDirectory() as tmp:
        result = build([ROOT / "examples" / "reports"], db=Path(tmp) / "graph.lbdb", html=Path(tmp) / "graph.html",
                       ttl=None)
        assert result.html and not result.errors, result.errors
        url = result.html.resolve().as_uri()

        def offline(route: Route) -> None:
            route.continue_() if route.request.url == url else route.abort()

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": width, "height": height})
            page.route("**/*", offline)
            page.goto(url)
            page.wait_for_function("window.policykg && window.policykg.ready", timeout=60_000)
            page.screenshot(path=str(out))
            browser.close()
    return out


if __name__ == "__main__":
    print(f"wrote: {screenshot(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / 'docs' / 'graph.png'))}")
