from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from interprochance.counseling import services
from interprochance.counseling.models import Topic


@dataclass
class Offices:
    a: Any
    b: Any
    user_a: Any
    user_b: Any
    case_a: Any
    case_b: Any


def open_case(user: Any, office: Any, name: str = "Erika Muster", **kw: Any) -> Any:
    data = {
        "contact_name": name,
        "topics": (Topic.HOUSING, Topic.MONEY),
        "phone": "06150 12345",
        "address": "",
        "opened_on": timezone.localdate() - timedelta(days=30),
    }
    data.update(kw)
    return services.case_open(actor=user, office=office, data=services.IntakeData(**data))


@pytest.fixture
def offices(core_demo) -> Offices:
    t = core_demo.weiterstadt
    ua, ub = core_demo.users["demo-beratung-a"], core_demo.users["demo-beratung-b"]
    a = services.office_create(actor=None, tenant=t, name="Stelle A")
    b = services.office_create(actor=None, tenant=t, name="Stelle B")
    services.office_assign(actor=None, office=a, user=ua, is_lead=True)
    services.office_assign(actor=None, office=b, user=ub, is_lead=False)
    return Offices(
        a=a,
        b=b,
        user_a=ua,
        user_b=ub,
        case_a=open_case(ua, a, name="Anna Alpha"),
        case_b=open_case(ub, b, name="Berta Beta"),
    )
