"""List pages do not make a query per row (N+1)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from interprochance.governance import services
from interprochance.governance.services import ActionInput

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def _add(tenant, user, n):
    for i in range(n):
        body = services.body_create(
            tenant=tenant, kind="projektbeirat", name=f"Beirat {i}-{n}", actor=user
        )
        services.member_add(
            body=body, name="X", seat="wohlfahrtsverbaende", since=dt.date(2020, 1, 1), actor=user
        )
        start = dt.datetime(2030, 1, 1 + i, 10, tzinfo=BERLIN)
        m = services.meeting_schedule(
            body=body, title="S", starts_at=start, ends_at=start + dt.timedelta(hours=1), actor=user
        )
        services.meeting_record(
            meeting=m,
            minutes="P",
            decisions=["D"],
            actions=[ActionInput("A", "Planung", dt.date(2030, 2, 1))],
            actor=user,
        )


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/gremien/", "/gremien/aufgaben/"])
def test_list_pages_constant_queries(core_demo, client_as, url):
    user = core_demo.users["demo-planung"]
    client = client_as("demo-planung")
    _add(core_demo.weiterstadt, user, 2)
    few = _queries(client, url)
    _add(core_demo.weiterstadt, user, 6)
    many = _queries(client, url)
    assert many == few, (few, many)
