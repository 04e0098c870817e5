"""Browser tests: Playwright driving Debian's Chromium against a live server.

Fixtures:
- `ui`: a `UI` helper bound to a fresh browser page. `ui.goto(path)` navigates
  and runs an axe-core scan (WCAG 2.1 A/AA rules) of the page, failing on any
  violation; `ui.login(username)`; `ui.scan()` after interactions that change
  the page without navigation; `ui.page` is the Playwright page.
- A screenshot is saved to test-results/ when a browser test fails.
- Every Content-Security-Policy violation the browser reports fails the test.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make for set-up are still synchronous and safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_PASSWORD = "interprochance-demo"


def pytest_collection_modifyitems(items: list[Any]) -> None:
    for item in items:
        if "/tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class UI:
    def __init__(self, page: Any, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.scanned: list[str] = []
        self.csp_violations: list[str] = []
        page.on("console", self._on_console)

    def _on_console(self, message: Any) -> None:
        text = message.text
        if "Content Security Policy" in text or "Refused to" in text:
            self.csp_violations.append(text)

    def url(self, path: str) -> str:
        return self.base_url + path

    def goto(self, path: str, *, scan: bool = True) -> Any:
        response = self.page.goto(self.url(path))
        if scan:
            self.scan()
        return response

    def scan(self, *, exclude: list[str] | None = None) -> None:
        """Run axe-core with the WCAG 2.1 A/AA rules; fail on any violation."""
        self.page.evaluate(AXE_SOURCE)
        result = self.page.evaluate(
            """async ([tags, exclude]) => {
                const context = exclude && exclude.length ? {exclude: exclude.map(s => [s])} : document;
                const r = await axe.run(context, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
                return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
            }""",
            [AXE_TAGS, exclude or []],
        )
        self.scanned.append(self.page.url)
        if result:
            lines = [f"axe: {len(result)} WCAG 2.1 AA violation(s) on {self.page.url}"]
            for v in result:
                lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
                lines.extend(f"    {n}" for n in v["nodes"])
            raise AssertionError("\n".join(lines))

    def login(self, username: str, password: str = DEMO_PASSWORD) -> None:
        self.goto("/anmelden/")
        self.page.get_by_label("Benutzername").fill(username)
        self.page.get_by_label("Passwort").fill(password)
        self.page.get_by_role("button", name="Anmelden").click()
        self.page.wait_for_load_state()

    def logout(self) -> None:
        self.page.get_by_role("button", name="Abmelden").click()
        self.page.wait_for_load_state()


@pytest.fixture
def ui(browser: Any, live_server: Any, request: Any, transactional_db: Any) -> Iterator[UI]:
    from conftest import _ensure_core_demo

    _ensure_core_demo()
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    helper = UI(page, live_server.url)
    yield helper
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        RESULTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
        with contextlib.suppress(Exception):  # best effort on an already failing test
            page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)
    context.close()
    assert not helper.csp_violations, "CSP violations:\n" + "\n".join(helper.csp_violations)
