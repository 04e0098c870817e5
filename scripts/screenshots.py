"""Take the README screenshots from a running server (make run):

    .venv/bin/python scripts/screenshots.py [--base http://127.0.0.1:8000]

Logs in as demo users and saves PNGs to docs/screenshots/.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PASSWORD = "interprochance-demo"  # noqa: S105 - the documented demo password
SHOTS = [
    (None, "/", "home"),
    ("demo-planung", "/uebersicht/", "dashboard"),
    ("demo-planung", "/monitoring/", "monitoring"),
    (None, "/angebote/", "finder"),
    ("demo-schulassistenz", "/schulassistenz/", "pool"),
    ("demo-fonds", "/sozialfonds/", "fund"),
    ("demo-beratung-a", "/beratung/", "counseling"),
    ("demo-planung", "/gremien/", "governance"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for user, path, name in SHOTS:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
            page = context.new_page()
            if user:
                page.goto(args.base + "/anmelden/")
                page.get_by_label("Benutzername").fill(user)
                page.get_by_label("Passwort").fill(PASSWORD)
                page.get_by_role("button", name="Anmelden").click()
                page.wait_for_load_state()
            response = page.goto(args.base + path)
            if response is not None and response.status == 200:
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=False)
                print(f"saved {name}.png")
            else:
                print(f"skipped {path}: {response.status if response else 'no response'}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
