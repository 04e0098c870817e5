"""Write actions of the governance module: one action = one transaction =
one audit record. Keyword-only, ``actor=`` always. Everything is validated
before anything is written; bad input raises ``ValidationError`` with German
messages per field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from interprochance.core import audit
from interprochance.core.models import Tenant
from interprochance.governance.messages import term_error_message
from interprochance.governance.models import (
    SEAT_CHOICES,
    ActionItem,
    ActionStatus,
    AgendaItem,
    Agreement,
    Body,
    BodyKind,
    BodyMember,
    Decision,
    Meeting,
    MeetingStatus,
    ReportTemplate,
)
from interprochance.governance.term import (
    LatePolicy,
    Notice,
    Period,
    TermError,
    TermRule,
    check_no_overlap,
    notice_effect,
)

SEAT_CODES = {code for code, _label in SEAT_CHOICES}


def _require(errors: dict[str, list[str]], field: str, value: Any, message: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        errors.setdefault(field, []).append(message)


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


# ---- bodies -----------------------------------------------------------------


def body_create(*, tenant: Tenant, kind: str, name: str, description: str = "", actor: Any) -> Body:
    errors: dict[str, list[str]] = {}
    if kind not in BodyKind.values:
        errors["kind"] = [_("Unbekannte Art des Gremiums.")]
    _require(errors, "name", name, _("Bitte einen Namen angeben."))
    if name and Body.objects.filter(tenant=tenant, name=name.strip()).exists():
        errors.setdefault("name", []).append(_("Ein Gremium mit diesem Namen gibt es schon."))
    _raise(errors)
    with transaction.atomic():
        body = Body.objects.create(
            tenant=tenant, kind=kind, name=name.strip(), description=description.strip()
        )
        audit.record(actor=actor, action="governance.body_create", tenant=tenant, obj=body)
    return body


def member_add(
    *,
    body: Body,
    name: str,
    seat: str,
    since: dt.date,
    function: str = "",
    organisation: str = "",
    until: dt.date | None = None,
    actor: Any,
) -> BodyMember:
    errors: dict[str, list[str]] = {}
    _require(errors, "name", name, _("Bitte den Namen angeben."))
    if seat not in SEAT_CODES:
        errors["seat"] = [_("Bitte einen Sitz auswählen.")]
    _require(errors, "since", since, _("Bitte angeben, seit wann das Mitglied den Sitz hält."))
    if since and until and until < since:
        errors["until"] = [_("Das Ende liegt vor dem Beginn.")]
    _raise(errors)
    with transaction.atomic():
        member = BodyMember.objects.create(
            body=body,
            name=name.strip(),
            seat=seat,
            since=since,
            until=until,
            function=function.strip(),
            organisation=organisation.strip(),
        )
        audit.record(
            actor=actor,
            action="governance.member_add",
            tenant=body.tenant,
            obj=member,
            detail={"body": body.pk, "seat": seat},
        )
    return member


def member_end(*, member: BodyMember, until: dt.date, actor: Any) -> BodyMember:
    if until < member.since:
        raise ValidationError({"until": [_("Das Ende liegt vor dem Beginn.")]})
    with transaction.atomic():
        member.until = until
        member.save(update_fields=["until"])
        audit.record(
            actor=actor, action="governance.member_end", tenant=member.body.tenant, obj=member
        )
    return member


# ---- meetings ---------------------------------------------------------------


@dataclass(frozen=True)
class ActionInput:
    title: str
    owner: str
    due: dt.date | None


def _check_actions(actions: Sequence[ActionInput], errors: dict[str, list[str]]) -> None:
    for index, item in enumerate(actions, start=1):
        if not item.title.strip():
            errors.setdefault("actions", []).append(
                _("Aufgabe %(n)d: Bitte die Aufgabe beschreiben.") % {"n": index}
            )
        if not item.owner.strip():
            errors.setdefault("actions", []).append(
                _(
                    "Aufgabe %(n)d („%(title)s“): Jede Aufgabe braucht eine verantwortliche "
                    "Person oder Stelle."
                )
                % {"n": index, "title": item.title.strip()[:60]}
            )
        if item.due is None:
            errors.setdefault("actions", []).append(
                _("Aufgabe %(n)d: Bitte ein Fälligkeitsdatum angeben.") % {"n": index}
            )


def meeting_schedule(
    *,
    body: Body,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    location: str = "",
    agenda: Sequence[str] = (),
    actor: Any,
) -> Meeting:
    errors: dict[str, list[str]] = {}
    _require(errors, "title", title, _("Bitte einen Titel angeben."))
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = [_("Das Ende muss nach dem Beginn liegen.")]
    _raise(errors)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            body=body,
            title=title.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            location=location.strip(),
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, position=i, title=t.strip())
            for i, t in enumerate((a for a in agenda if a.strip()), start=1)
        )
        audit.record(
            actor=actor, action="governance.meeting_schedule", tenant=body.tenant, obj=meeting
        )
    return meeting


def meeting_record(
    *,
    meeting: Meeting,
    minutes: str,
    decisions: Sequence[str] = (),
    actions: Sequence[ActionInput] = (),
    actor: Any,
) -> Meeting:
    """Record minutes, decisions and action items of a held meeting."""
    errors: dict[str, list[str]] = {}
    if meeting.status == MeetingStatus.CANCELLED:
        errors["minutes"] = [_("Für eine abgesagte Sitzung gibt es kein Protokoll.")]
    _require(errors, "minutes", minutes, _("Bitte das Protokoll eintragen."))
    _check_actions(actions, errors)
    _raise(errors)
    with transaction.atomic():
        meeting.minutes = minutes.strip()
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["minutes", "status"])
        Decision.objects.bulk_create(
            Decision(meeting=meeting, text=d.strip()) for d in decisions if d.strip()
        )
        ActionItem.objects.bulk_create(
            ActionItem(
                meeting=meeting,
                title=a.title.strip(),
                owner=a.owner.strip(),
                due=a.due or timezone.localdate(),  # checked above: never None here
            )
            for a in actions
        )
        audit.record(
            actor=actor,
            action="governance.meeting_record",
            tenant=meeting.body.tenant,
            obj=meeting,
            detail={"decisions": len(decisions), "actions": len(actions)},
        )
    return meeting


def meeting_cancel(*, meeting: Meeting, actor: Any) -> Meeting:
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Nur geplante Sitzungen können abgesagt werden."))
    with transaction.atomic():
        meeting.status = MeetingStatus.CANCELLED
        meeting.sequence += 1
        meeting.save(update_fields=["status", "sequence"])
        audit.record(
            actor=actor, action="governance.meeting_cancel", tenant=meeting.body.tenant, obj=meeting
        )
    return meeting


def action_add(
    *, meeting: Meeting, title: str, owner: str, due: dt.date | None, actor: Any
) -> ActionItem:
    errors: dict[str, list[str]] = {}
    _check_actions([ActionInput(title or "", owner or "", due)], errors)
    _raise(errors)
    assert due is not None
    with transaction.atomic():
        item = ActionItem.objects.create(
            meeting=meeting, title=title.strip(), owner=owner.strip(), due=due
        )
        audit.record(
            actor=actor, action="governance.action_add", tenant=meeting.body.tenant, obj=item
        )
    return item


def action_follow_up(
    *, action: ActionItem, note: str = "", done_on: dt.date | None = None, actor: Any
) -> ActionItem:
    """Add a follow-up note; with ``done_on`` the item is closed."""
    errors: dict[str, list[str]] = {}
    if not note.strip() and done_on is None:
        errors["note"] = [
            _("Bitte einen Vermerk eintragen oder die Aufgabe als erledigt markieren.")
        ]
    if action.status == ActionStatus.DONE:
        errors["note"] = [_("Die Aufgabe ist bereits erledigt.")]
    _raise(errors)
    with transaction.atomic():
        if note.strip():
            stamp = (done_on or timezone.localdate()).strftime("%d.%m.%Y")
            action.follow_up = (
                action.follow_up + "\n" if action.follow_up else ""
            ) + f"{stamp}: {note.strip()}"
        if done_on is not None:
            action.status = ActionStatus.DONE
            action.done_on = done_on
        action.save(update_fields=["follow_up", "status", "done_on"])
        audit.record(
            actor=actor,
            action="governance.action_follow_up",
            tenant=action.meeting.body.tenant,
            obj=action,
            detail={"done": done_on is not None},
        )
    return action


# ---- agreements -------------------------------------------------------------


def agreement_rule(agreement: Agreement) -> TermRule:
    return TermRule(
        signed=agreement.signed,
        initial_months=agreement.initial_months,
        renewal_months=agreement.renewal_months,
        notice_months=agreement.notice_months,
        written_form=agreement.written_form,
    )


def agreement_period(agreement: Agreement) -> Period:
    """The agreement's lifetime: open-ended unless notice fixes the end."""
    rule = agreement_rule(agreement)
    end = None
    if agreement.notice_received:
        policy = LatePolicy.NEXT_TERM if agreement.notice_late_accepted else LatePolicy.REJECT
        term, _late = notice_effect(
            rule, Notice(received=agreement.notice_received), late_policy=policy
        )
        end = term.end
    elif agreement.renewal_months == 0:
        from interprochance.governance.term import term_at_index

        end = term_at_index(rule, 0).end
    return Period(key=str(agreement.pk), start=agreement.signed, end=end)


def agreement_create(
    *,
    tenant: Tenant,
    title: str,
    parties: str,
    signed: dt.date | None,
    initial_months: int | None,
    renewal_months: int | None,
    notice_months: int | None,
    written_form: bool = True,
    signed_note: str = "",
    source_text: str = "",
    actor: Any,
) -> Agreement:
    errors: dict[str, list[str]] = {}
    _require(errors, "title", title, _("Bitte eine Bezeichnung angeben."))
    _require(errors, "parties", parties, _("Bitte die Vertragsparteien angeben."))
    _require(errors, "signed", signed, _("Bitte das Unterzeichnungsdatum angeben."))
    for field, value in (
        ("initial_months", initial_months),
        ("renewal_months", renewal_months),
        ("notice_months", notice_months),
    ):
        _require(errors, field, value, _("Bitte eine Anzahl Monate angeben."))
    _raise(errors)
    assert signed is not None and initial_months is not None
    assert renewal_months is not None and notice_months is not None
    try:
        TermRule(
            signed=signed,
            initial_months=initial_months,
            renewal_months=renewal_months,
            notice_months=notice_months,
            written_form=written_form,
        )  # type: ignore[arg-type]
    except TermError as exc:
        raise ValidationError(
            {exc.params.get("field", "initial_months"): [term_error_message(exc)]}
        ) from None
    assert signed is not None and initial_months is not None
    assert renewal_months is not None and notice_months is not None
    candidate = Agreement(
        tenant=tenant,
        title=title.strip(),
        parties=parties.strip(),
        signed=signed,
        initial_months=initial_months,
        renewal_months=renewal_months,
        notice_months=notice_months,
        written_form=written_form,
        signed_note=signed_note.strip(),
        source_text=source_text.strip(),
    )
    same_parties = Agreement.objects.filter(tenant=tenant, parties__iexact=candidate.parties)
    periods = [agreement_period(a) for a in same_parties]
    try:
        check_no_overlap(
            [
                *periods,
                Period(
                    "new",
                    candidate.signed,
                    None if candidate.renewal_months else agreement_period_end_initial(candidate),
                ),
            ]
        )
    except TermError as exc:
        other = next(
            (
                a
                for a in same_parties
                if str(a.pk) in (exc.params.get("first"), exc.params.get("second"))
            ),
            None,
        )
        message = term_error_message(exc)
        if other is not None:
            message += " " + _("Betroffen: „%(title)s“ (unterzeichnet %(signed)s).") % {
                "title": other.title,
                "signed": other.signed.strftime("%d.%m.%Y"),
            }
        raise ValidationError({"signed": [message]}) from None
    with transaction.atomic():
        candidate.save()
        audit.record(
            actor=actor, action="governance.agreement_create", tenant=tenant, obj=candidate
        )
    return candidate


def agreement_period_end_initial(agreement: Agreement) -> dt.date:
    from interprochance.governance.term import term_at_index

    return term_at_index(agreement_rule(agreement), 0).end


def agreement_record_notice(
    *,
    agreement: Agreement,
    received: dt.date | None,
    written: bool,
    accept_late: bool = False,
    actor: Any,
) -> Agreement:
    """Record the receipt of a notice. A notice after the deadline is refused
    unless ``accept_late`` says the parties treat it as notice for the next
    possible date (see docs/governance.md)."""
    if agreement.notice_received:
        raise ValidationError(
            {"received": [_("Für diese Vereinbarung ist bereits eine Kündigung erfasst.")]}
        )
    if received is None:
        raise ValidationError({"received": [_("Bitte das Zugangsdatum der Kündigung angeben.")]})
    policy = LatePolicy.NEXT_TERM if accept_late else LatePolicy.REJECT
    try:
        term, late = notice_effect(
            agreement_rule(agreement),
            Notice(received=received, written=written),
            late_policy=policy,
        )
    except TermError as exc:
        field = "written" if exc.code == "notice_form" else "received"
        raise ValidationError({field: [term_error_message(exc)]}) from None
    with transaction.atomic():
        agreement.notice_received = received
        agreement.notice_late_accepted = late
        agreement.save(update_fields=["notice_received", "notice_late_accepted"])
        audit.record(
            actor=actor,
            action="governance.agreement_notice",
            tenant=agreement.tenant,
            obj=agreement,
            detail={
                "received": received.isoformat(),
                "ends_on": term.end.isoformat(),
                "late": late,
            },
        )
    return agreement


# ---- report templates -------------------------------------------------------


def report_template_upsert(
    *, tenant: Tenant, code: str, name: str, sections: Sequence[str], actor: Any
) -> ReportTemplate:
    from interprochance.governance.report.sections import SECTION_KEYS

    unknown = [s for s in sections if s not in SECTION_KEYS]
    if unknown:
        raise ValidationError(
            {"sections": [_("Unbekannte Abschnitte: %(keys)s") % {"keys": ", ".join(unknown)}]}
        )
    with transaction.atomic():
        template, _created = ReportTemplate.objects.update_or_create(
            tenant=tenant, code=code, defaults={"name": name, "sections": list(sections)}
        )
        audit.record(actor=actor, action="governance.report_template", tenant=tenant, obj=template)
    return template


def report_templates_import(*, tenant: Tenant, items: Sequence[dict[str, Any]], actor: Any) -> int:
    for item in items:
        report_template_upsert(
            tenant=tenant,
            code=item["code"],
            name=item["name"],
            sections=item.get("sections", []),
            actor=actor,
        )
    return len(items)
