"""No page links to a page its reader cannot open.

With every module's demo loaded, each demo user (and the public) follows the
links of the pages reachable from where they start, breadth first: every
internal link must answer without an error, a 403 or a 404. The role matrix
checks what each route answers; this checks what the pages offer.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

USERS = [
    "demo-admin",
    "demo-planung",
    "demo-netzwerk",
    "demo-beratung-a",
    "demo-fonds",
    "demo-fonds-anordnung",
    "demo-schulassistenz",
    "demo-gremium",
    "demo-griesheim",
    None,  # the public
]
HREF = re.compile(r'href="(/[^"#]*)"')
SKIP = ("/static/", "/abmelden", "/api/schema", "/admin/")
MAX_PAGES = 120  # per user: enough to reach every module page from the navigation


@pytest.fixture
def full_demo(core_demo):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - discarded output
    return core_demo


def _crawl(client: Client, start: str) -> list[tuple[str, int, str]]:
    broken: list[tuple[str, int, str]] = []
    queue: list[tuple[str, str]] = [(start, "")]
    seen: set[str] = set()
    while queue and len(seen) < MAX_PAGES:
        url, referrer = queue.pop(0)
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 400:
            broken.append((url, response.status_code, referrer))
            continue
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            for link in HREF.findall(response.content.decode()):
                link = unescape(link)
                if link not in seen:
                    queue.append((link, url))
    return broken


def test_every_link_a_page_offers_opens(full_demo):
    # one test for all readers: the full demo is loaded once
    broken: dict[str, list[tuple[str, int, str]]] = {}
    for username in USERS:
        client = Client(raise_request_exception=True)
        if username:
            client.force_login(full_demo.users[username])
        found = _crawl(client, "/uebersicht/" if username else "/")
        if found:
            broken[username or "public"] = found
    assert not broken, "links that do not open (url, status, linked from): " + repr(broken)
