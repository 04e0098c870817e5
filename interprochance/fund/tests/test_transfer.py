"""The fund's procedure configuration travels in a transfer bundle (issue 8)."""

import pytest
from django.core.exceptions import ValidationError

from interprochance.fund import selectors, services
from interprochance.fund.models import FundSettings

pytestmark = pytest.mark.django_db


def test_export_and_import_of_the_procedure_configuration(core_demo):
    source = core_demo.weiterstadt
    row = services.settings_for(source)
    row.payer, row.child_year_cap_cents = "expiry", 45_000
    row.save()
    items = selectors.transfer_fund_procedures(source)
    assert items == [{"payer": "expiry", "child_year_cap_cents": 45_000}]
    target = core_demo.tenants["pfungstadt"]
    assert services.transfer_fund_procedures_import(tenant=target, items=items, actor=None) == 1
    imported = FundSettings.objects.get(tenant=target)
    assert (imported.payer, imported.child_year_cap_cents) == ("expiry", 45_000)
    assert imported.debtor_iban == ""  # accounts never travel


@pytest.mark.parametrize(
    "items",
    [
        [{"payer": "lottery", "child_year_cap_cents": 100}],
        [{"payer": "earmark", "child_year_cap_cents": -5}],
        [{"payer": "earmark", "child_year_cap_cents": 12.5}],
    ],
)
def test_bad_items_change_nothing(core_demo, items):
    target = core_demo.tenants["pfungstadt"]
    with pytest.raises(ValidationError):
        services.transfer_fund_procedures_import(tenant=target, items=items, actor=None)
    assert not FundSettings.objects.filter(tenant=target).exists()
