"""Admin for the fund's reference settings only. Money moves only through the
services (ledger rows are append-only and not editable here)."""

from django.contrib import admin

from interprochance.fund.models import FundPurpose, FundSettings


@admin.register(FundPurpose)
class FundPurposeAdmin(admin.ModelAdmin):
    list_display = ("label", "key", "cap_cents", "goal", "active", "order")
    list_editable = ("cap_cents", "active", "order")
    readonly_fields = ("key",)


@admin.register(FundSettings)
class FundSettingsAdmin(admin.ModelAdmin):
    list_display = ("tenant", "child_year_cap_cents", "payer", "debtor_name")
