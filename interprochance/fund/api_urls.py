from django.urls import path

from interprochance.fund import api

urlpatterns = [
    path("sources/", api.SourceBalances.as_view(), name="api-fund-sources"),
    path("report/", api.YearlyReport.as_view(), name="api-fund-report"),
]
