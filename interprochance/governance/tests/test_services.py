"""Governance actions through their services and views (database)."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from interprochance.core.models import AuditEvent
from interprochance.governance import selectors, services
from interprochance.governance.models import ActionItem, Agreement, Decision
from interprochance.governance.services import ActionInput

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


def _agreement(tenant, user, **kw):
    data = {
        "tenant": tenant,
        "title": "Kooperationsvereinbarung",
        "parties": "Landkreis und Stadt",
        "signed": dt.date(2014, 9, 16),
        "initial_months": 24,
        "renewal_months": 12,
        "notice_months": 3,
        "actor": user,
    }
    data.update(kw)
    return services.agreement_create(**data)


def _meeting(tenant, user):
    body = services.body_create(tenant=tenant, kind="steuerungsgruppe", name="SG", actor=user)
    start = dt.datetime(2026, 3, 1, 15, tzinfo=BERLIN)
    return services.meeting_schedule(
        body=body,
        title="Sitzung",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        agenda=["A", "", "B"],
        actor=user,
    )


def test_agreement_state_and_audit(core_demo):
    user = core_demo.users["demo-planung"]
    before = AuditEvent.objects.count()
    agreement = _agreement(core_demo.weiterstadt, user)
    assert AuditEvent.objects.count() == before + 1
    view = selectors.agreement_state(agreement, dt.date(2026, 11, 25))
    assert view.state.term.start == dt.date(2026, 9, 16)
    assert view.state.term.notice_deadline == dt.date(2027, 6, 15)


def test_overlapping_agreement_rejected(core_demo):
    user = core_demo.users["demo-planung"]
    _agreement(core_demo.weiterstadt, user)
    with pytest.raises(ValidationError) as info:
        _agreement(core_demo.weiterstadt, user, signed=dt.date(2020, 1, 1), title="Neu")
    assert "überschneidet" in str(info.value)
    assert Agreement.objects.filter(tenant=core_demo.weiterstadt).count() == 1
    # other parties: fine
    _agreement(core_demo.weiterstadt, user, parties="Stadt und Verein", title="Andere")


def test_agreement_after_ended_one_is_allowed(core_demo):
    user = core_demo.users["demo-planung"]
    first = _agreement(core_demo.weiterstadt, user)
    services.agreement_record_notice(
        agreement=first, received=dt.date(2016, 6, 1), written=True, actor=user
    )
    _agreement(core_demo.weiterstadt, user, signed=dt.date(2016, 9, 16), title="Zweite")
    with pytest.raises(ValidationError):
        _agreement(core_demo.weiterstadt, user, signed=dt.date(2016, 9, 15), title="Dritte")


def test_invalid_rule_message(core_demo):
    with pytest.raises(ValidationError) as info:
        _agreement(core_demo.weiterstadt, core_demo.users["demo-planung"], notice_months=12)
    assert "Kündigungsfrist muss kürzer" in str(info.value)


def test_late_notice_rejected_nothing_written(core_demo):
    user = core_demo.users["demo-planung"]
    agreement = _agreement(core_demo.weiterstadt, user)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as info:
        services.agreement_record_notice(
            agreement=agreement, received=dt.date(2016, 6, 16), written=True, actor=user
        )
    message = str(info.value)
    assert "verspätet" in message and "15.06.2016" in message and "15.09.2017" in message
    agreement.refresh_from_db()
    assert agreement.notice_received is None and AuditEvent.objects.count() == before
    with pytest.raises(ValidationError) as info:
        services.agreement_record_notice(
            agreement=agreement, received=dt.date(2016, 5, 1), written=False, actor=user
        )
    assert "Schriftform" in str(info.value)
    services.agreement_record_notice(
        agreement=agreement,
        received=dt.date(2016, 6, 16),
        written=True,
        accept_late=True,
        actor=user,
    )
    view = selectors.agreement_state(agreement, dt.date(2017, 1, 1))
    assert view.state.ends_on == dt.date(2017, 9, 15)


def test_action_items_need_owner_nothing_written(core_demo):
    user = core_demo.users["demo-planung"]
    meeting = _meeting(core_demo.weiterstadt, user)
    assert [a.title for a in meeting.agenda.all()] == ["A", "B"]
    with pytest.raises(ValidationError) as info:
        services.meeting_record(
            meeting=meeting,
            minutes="Protokoll",
            decisions=["D1"],
            actions=[
                ActionInput("Gut", "Sozialplanung", dt.date(2026, 4, 1)),
                ActionInput("Ohne", "  ", dt.date(2026, 4, 1)),
            ],
            actor=user,
        )
    assert "verantwortliche" in str(info.value)
    meeting.refresh_from_db()
    assert meeting.status == "planned" and meeting.minutes == ""
    assert not Decision.objects.filter(meeting=meeting).exists()
    assert not ActionItem.objects.filter(meeting=meeting).exists()


def test_action_follow_up_until_done(core_demo):
    user = core_demo.users["demo-planung"]
    meeting = _meeting(core_demo.weiterstadt, user)
    services.meeting_record(
        meeting=meeting,
        minutes="P",
        decisions=["D"],
        actions=[ActionInput("T", "Netzwerk", dt.date(2026, 4, 1))],
        actor=user,
    )
    item = meeting.actions.get()
    services.action_follow_up(action=item, note="angefragt", actor=user)
    assert selectors.open_actions(core_demo.weiterstadt).count() == 1
    services.action_follow_up(action=item, note="fertig", done_on=dt.date(2026, 4, 2), actor=user)
    item.refresh_from_db()
    assert item.status == "done" and "angefragt" in item.follow_up and "fertig" in item.follow_up
    assert selectors.open_actions(core_demo.weiterstadt).count() == 0
    with pytest.raises(ValidationError):
        services.action_follow_up(action=item, note="noch was", actor=user)


def test_projektbeirat_missing_seats(core_demo):
    user = core_demo.users["demo-planung"]
    body = services.body_create(
        tenant=core_demo.weiterstadt, kind="projektbeirat", name="PB", actor=user
    )
    services.member_add(
        body=body, name="X", seat="wohlfahrtsverbaende", since=dt.date(2020, 1, 1), actor=user
    )
    old = services.member_add(
        body=body, name="Y", seat="hochschulen_wissenschaft", since=dt.date(2020, 1, 1), actor=user
    )
    services.member_end(member=old, until=dt.date(2021, 1, 1), actor=user)
    view = selectors.body_detail(core_demo.weiterstadt, body.pk, on=dt.date(2026, 1, 1))
    assert "hochschulen_wissenschaft" in view.seats.missing
    assert "wohlfahrtsverbaende" not in view.seats.missing
    assert len(view.seats.missing) == 6


def test_pages_and_ical(core_demo, client_as):
    user = core_demo.users["demo-planung"]
    meeting = _meeting(core_demo.weiterstadt, user)
    agreement = _agreement(core_demo.weiterstadt, user)
    client = client_as("demo-gremium")
    assert client.get("/gremien/").status_code == 200
    page = client.get(f"/gremien/vereinbarung/{agreement.pk}/?on=2016-07-01").content.decode()
    assert "16.09.2014" in page and "15.09.2016" in page and "15.06.2016" in page
    ics = client.get(f"/gremien/sitzung/{meeting.pk}/kalender.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"SUMMARY:SG: Sitzung" in ics.content and b"TOP 1: A" in ics.content
    # Gremium is read-only: a POST answers 404 and writes nothing
    response = client.post(
        f"/gremien/vereinbarung/{agreement.pk}/", {"received": "2016-05-01", "written": "on"}
    )
    assert response.status_code == 404
    agreement.refresh_from_db()
    assert agreement.notice_received is None


def test_meeting_form_bad_action_lines(core_demo, client_as):
    user = core_demo.users["demo-planung"]
    meeting = _meeting(core_demo.weiterstadt, user)
    client = client_as("demo-planung")
    response = client.post(
        f"/gremien/sitzung/{meeting.pk}/",
        {
            "minutes": "Protokoll",
            "decisions": "Beschluss",
            "actions": "Aufgabe ohne Person ;  ; 01.04.2026\nZweite ; Planung ; 31.02.2026",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "kein gültiges Datum" in page
    response = client.post(
        f"/gremien/sitzung/{meeting.pk}/",
        {"minutes": "Protokoll", "actions": "Aufgabe ohne Person ;  ; 01.04.2026"},
    )
    assert "verantwortliche Person" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "planned"
    response = client.post(
        f"/gremien/sitzung/{meeting.pk}/",
        {"minutes": "Protokoll", "actions": "Aufgabe ; Planung ; 01.04.2026"},
    )
    assert response.status_code == 302
    assert meeting.actions.get().due == dt.date(2026, 4, 1)


def test_agreement_term_command(capsys):
    with pytest.raises(SystemExit) as info:
        call_command(
            "agreement_term",
            signed="2014-09-16",
            initial_months=24,
            renewal_months=12,
            notice_months=3,
            on="2016-07-01",
            notice_given="2016-06-16",
        )
    assert info.value.code == 2
    call_command(
        "agreement_term",
        signed="2014-09-16",
        initial_months=24,
        renewal_months=12,
        notice_months=3,
        on="2016-07-01",
        notice_given="2016-06-15",
    )
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "notice_given" and data["term_end"] == "2016-09-15"


def test_api(core_demo, client_as):
    user = core_demo.users["demo-planung"]
    _agreement(core_demo.weiterstadt, user)
    client = client_as("demo-gremium")
    data = client.get(
        "/api/governance/agreements/?on=2016-07-01", HTTP_X_TENANT="weiterstadt"
    ).json()
    assert data[0]["term_end"] == "2016-09-15" and data[0]["status"] == "running"
    assert client.get("/api/governance/agreements/?on=kaputt").status_code == 400
    assert client.get("/api/governance/actions/").status_code == 200
    assert client_as("demo-beratung-a").get("/api/governance/agreements/").status_code == 404


def test_reminder_shown_before_deadline(core_demo, client_as):
    from django.utils import timezone

    today = timezone.localdate()
    # signed so that the notice deadline of the running term is within 90 days
    signed = today - dt.timedelta(days=245)  # term ends in ~4 months, deadline in ~1 month
    _agreement(
        core_demo.weiterstadt,
        core_demo.users["demo-planung"],
        signed=signed,
        initial_months=12,
        renewal_months=12,
        notice_months=3,
    )
    page = client_as("demo-gremium").get("/gremien/").content.decode()
    assert "Erinnerung:" in page and "kann nur noch bis" in page
    assert "noch -" not in page
