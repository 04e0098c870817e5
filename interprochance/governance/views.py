"""Pages of the governance module (thin: parse, authorise, call, render)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from interprochance.core.pdf import pdf_response
from interprochance.core.policy import has_role, require_roles, require_tenant
from interprochance.governance import access, selectors, services
from interprochance.governance.forms import (
    AgreementForm,
    BodyForm,
    EvaluateForm,
    FollowUpForm,
    MeetingForm,
    MemberForm,
    MinutesForm,
    NoticeForm,
    ReportRequestForm,
)
from interprochance.governance.ical import MeetingEntry, build_calendar
from interprochance.governance.models import MeetingStatus, ReportKind
from interprochance.governance.report.periods import last_complete_period
from interprochance.governance.seats import seat_label

READ = access.READ_ROLES
WRITE = access.WRITE_ROLES


def _can_write(request: HttpRequest) -> bool:
    return has_role(request.user, getattr(request, "tenant", None), *WRITE)


def _crumbs(*items: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("Gremien"), reverse("governance:index")), *items]


def _apply_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@require_roles(*READ)
def index(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    today = timezone.localdate()
    return render(
        request,
        "governance/index.html",
        {
            "bodies": selectors.bodies_for_tenant(tenant, on=today),
            "meetings": selectors.meetings_for_tenant(tenant).filter(starts_at__date__gte=today)[
                :5
            ],
            "actions": selectors.open_actions(tenant)[:10],
            "agreements": selectors.agreements_for_tenant(tenant, on=today),
            "today": today,
            "can_write": _can_write(request),
            "seat_label": seat_label,
            "breadcrumbs": [(_("Gremien"), None)],
        },
    )


@require_roles(*WRITE)
@require_http_methods(["GET", "POST"])
def body_create(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    form = BodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            body = services.body_create(tenant=tenant, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Gremium angelegt."))
            return redirect("governance:body_detail", pk=body.pk)
    return render(
        request,
        "governance/form.html",
        {
            "form": form,
            "title": _("Gremium anlegen"),
            "submit": _("Anlegen"),
            "breadcrumbs": _crumbs((_("Gremium anlegen"), None)),
        },
    )


@require_roles(*READ)
@require_http_methods(["GET", "POST"])
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    body = access.access_body(request.user, tenant, pk, write=request.method == "POST")
    form = MemberForm(request.POST or None, initial={"since": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.member_add(body=body, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Mitglied eingetragen."))
            return redirect("governance:body_detail", pk=body.pk)
    view = selectors.body_detail(tenant, body.pk)
    if view is None:
        raise Http404
    return render(
        request,
        "governance/body_detail.html",
        {
            "view": view,
            "form": form,
            "can_write": _can_write(request),
            "missing": [(code, seat_label(code)) for code in view.seats.missing],
            "meetings": selectors.meetings_for_tenant(tenant).filter(body=body),
            "breadcrumbs": _crumbs((body.name, None)),
        },
    )


def _agenda(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@require_roles(*WRITE)
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, body_pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    body = access.access_body(request.user, tenant, body_pk, write=True)
    form = MeetingForm(request.POST or None, initial={"title": f"Sitzung {body.name}"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_schedule(
                body=body,
                title=data["title"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                location=data["location"],
                agenda=_agenda(data["agenda"]),
                actor=request.user,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Sitzung geplant."))
            return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "governance/form.html",
        {
            "form": form,
            "title": _("Sitzung planen: %(body)s") % {"body": body.name},
            "submit": _("Sitzung planen"),
            "breadcrumbs": _crumbs(
                (body.name, reverse("governance:body_detail", args=[body.pk])),
                (_("Sitzung planen"), None),
            ),
        },
    )


DATE_RE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$|^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def parse_actions(text: str) -> tuple[list[services.ActionInput], list[str]]:
    """Lines "task ; owner ; due" -> inputs (missing parts stay empty so the
    service can report them) and format problems."""
    items, problems = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")]
        parts += [""] * (3 - len(parts))
        due = None
        if parts[2]:
            m = DATE_RE.match(parts[2])
            try:
                if m and m.group(1):
                    due = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                elif m:
                    due = dt.date(int(m.group(4)), int(m.group(5)), int(m.group(6)))
            except ValueError:
                due = None
            if due is None:
                problems.append(
                    _("Zeile %(n)d: „%(d)s“ ist kein gültiges Datum (TT.MM.JJJJ).")
                    % {"n": number, "d": parts[2]}
                )
        items.append(services.ActionInput(parts[0], parts[1], due))
    return items, problems


@require_roles(*READ)
@require_http_methods(["GET", "POST"])
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    meeting = access.access_meeting(request.user, tenant, pk, write=request.method == "POST")
    form = MinutesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions, problems = parse_actions(form.cleaned_data["actions"])
        if problems:
            form.add_error("actions", problems)
        else:
            try:
                services.meeting_record(
                    meeting=meeting,
                    minutes=form.cleaned_data["minutes"],
                    decisions=_agenda(form.cleaned_data["decisions"]),
                    actions=actions,
                    actor=request.user,
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Protokoll, Beschlüsse und Aufgaben gespeichert."))
                return redirect("governance:meeting_detail", pk=meeting.pk)
    detail = selectors.meeting_detail(tenant, meeting.pk)
    if detail is None:
        raise Http404
    meeting = detail
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "meeting": meeting,
            "form": form,
            "can_write": _can_write(request),
            "follow_form": FollowUpForm(),
            "today": timezone.localdate(),
            "breadcrumbs": _crumbs(
                (meeting.body.name, reverse("governance:body_detail", args=[meeting.body_id])),
                (meeting.title, None),
            ),
        },
    )


@require_roles(*WRITE)
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, require_tenant(request), pk, write=True)
    try:
        services.meeting_cancel(meeting=meeting, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Sitzung abgesagt."))
    return redirect("governance:meeting_detail", pk=meeting.pk)


@require_roles(*READ)
def actions_list(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    return render(
        request,
        "governance/actions.html",
        {
            "actions": selectors.open_actions(tenant),
            "today": timezone.localdate(),
            "follow_form": FollowUpForm(),
            "can_write": _can_write(request),
            "breadcrumbs": _crumbs((_("Offene Aufgaben"), None)),
        },
    )


@require_roles(*WRITE)
@require_POST
def action_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.access_action(request.user, require_tenant(request), pk, write=True)
    form = FollowUpForm(request.POST)
    back = request.POST.get("back") == "meeting"
    if form.is_valid():
        try:
            services.action_follow_up(
                action=item,
                note=form.cleaned_data["note"],
                done_on=timezone.localdate() if form.cleaned_data["done"] else None,
                actor=request.user,
            )
        except ValidationError as exc:
            messages.error(
                request,
                _("Aufgabe „%(t)s“: %(e)s") % {"t": item.title, "e": " ".join(exc.messages)},
            )
        else:
            messages.success(request, _("Aufgabe „%(t)s“ aktualisiert.") % {"t": item.title})
    else:
        messages.error(request, _("Der Vermerk ist zu lang."))
    if back:
        return redirect("governance:meeting_detail", pk=item.meeting_id)
    return redirect("governance:actions")


def _calendar_response(meetings: Any, name: str, filename: str) -> HttpResponse:
    host = "interprochance"
    entries = [
        MeetingEntry(
            uid=f"meeting-{m.pk}@{host}",
            title=f"{m.body.name}: {m.title}",
            start=m.starts_at,
            end=m.ends_at,
            location=m.location,
            description="\n".join(f"TOP {a.position}: {a.title}" for a in m.agenda.all()),
            sequence=m.sequence,
            cancelled=m.status == MeetingStatus.CANCELLED,
        )
        for m in meetings
    ]
    data = build_calendar(entries, name=name, stamp=timezone.now())
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


@require_roles(*READ)
def calendar(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    meetings = selectors.meetings_for_tenant(tenant).prefetch_related("agenda")
    return _calendar_response(meetings, f"Gremien {tenant.name}", f"gremien-{tenant.slug}")


@require_roles(*READ)
def meeting_ical(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    meeting = access.access_meeting(request.user, tenant, pk)
    meetings = (
        selectors.meetings_for_tenant(tenant).filter(pk=meeting.pk).prefetch_related("agenda")
    )
    return _calendar_response(meetings, meeting.title, f"sitzung-{meeting.pk}")


# ---- agreements -------------------------------------------------------------


@require_roles(*READ)
@require_http_methods(["GET", "POST"])
def agreements(request: HttpRequest) -> HttpResponse:
    tenant = require_tenant(request)
    form = AgreementForm(request.POST or None)
    if request.method == "POST":
        if not _can_write(request):
            raise Http404
        if form.is_valid():
            try:
                agreement = services.agreement_create(
                    tenant=tenant, actor=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("Vereinbarung angelegt."))
                return redirect("governance:agreement_detail", pk=agreement.pk)
    return render(
        request,
        "governance/agreements.html",
        {
            "views": selectors.agreements_for_tenant(tenant),
            "form": form,
            "can_write": _can_write(request),
            "breadcrumbs": _crumbs((_("Vereinbarungen"), None)),
        },
    )


@require_roles(*READ)
@require_http_methods(["GET", "POST"])
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tenant = require_tenant(request)
    agreement = access.access_agreement(request.user, tenant, pk, write=request.method == "POST")
    notice_form = NoticeForm(request.POST or None, initial={"written": True})
    if request.method == "POST" and notice_form.is_valid():
        try:
            services.agreement_record_notice(
                agreement=agreement, actor=request.user, **notice_form.cleaned_data
            )
        except ValidationError as exc:
            _apply_errors(notice_form, exc)
        else:
            messages.success(request, _("Kündigung erfasst."))
            return redirect("governance:agreement_detail", pk=agreement.pk)
    eval_form = EvaluateForm(request.GET or None, initial={"on": timezone.localdate()})
    on = eval_form.cleaned_data["on"] if eval_form.is_valid() else timezone.localdate()
    return render(
        request,
        "governance/agreement_detail.html",
        {
            "view": selectors.agreement_state(agreement, on),
            "on": on,
            "eval_form": eval_form,
            "notice_form": notice_form,
            "can_write": _can_write(request),
            "breadcrumbs": _crumbs(
                (_("Vereinbarungen"), reverse("governance:agreements")), (agreement.title, None)
            ),
        },
    )


# ---- reports ----------------------------------------------------------------


@require_roles(*READ)
@require_http_methods(["GET", "POST"])
def reports(request: HttpRequest) -> HttpResponse:
    from interprochance.governance.tasks import start_status_report

    tenant = require_tenant(request)
    form = ReportRequestForm(request.POST or None, initial={"kind": ReportKind.QUARTERLY})
    if request.method == "POST":
        if not _can_write(request):
            raise Http404
        if form.is_valid():
            kind = form.cleaned_data["kind"]
            if kind == ReportKind.ON_DEMAND:
                start, end = form.cleaned_data["period_start"], form.cleaned_data["period_end"]
            else:
                start, end = last_complete_period(kind, timezone.localdate())
            started = start_status_report(
                tenant=tenant, kind=kind, start=start, end=end, actor=request.user
            )
            messages.success(request, _("Der Bericht wird im Hintergrund erstellt."))
            return redirect("core:job_detail", job_id=started.pk)
    job: Any = None
    if request.GET.get("job"):
        from interprochance.core.access import access_job

        try:
            job = access_job(request.user, tenant, request.GET["job"])
        except (Http404, ValidationError, ValueError):
            job = None
    return render(
        request,
        "governance/reports.html",
        {
            "reports": selectors.reports_for_tenant(tenant),
            "form": form,
            "job": job,
            "can_write": _can_write(request),
            "breadcrumbs": _crumbs((_("Statusberichte"), None)),
        },
    )


@require_roles(*READ)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.access_report(request.user, require_tenant(request), pk)
    return render(
        request,
        "governance/report_detail.html",
        {
            "report": report,
            "breadcrumbs": _crumbs(
                (_("Statusberichte"), reverse("governance:reports")), (report.title, None)
            ),
        },
    )


@require_roles(*READ)
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.access_report(request.user, require_tenant(request), pk)
    return pdf_response(
        bytes(report.pdf), f"statusbericht-{report.period_end:%Y-%m-%d}-v{report.version}"
    )
