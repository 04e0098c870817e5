from django.urls import path

from interprochance.governance import api

urlpatterns = [
    path("agreements/", api.AgreementList.as_view(), name="api-governance-agreements"),
    path("actions/", api.OpenActionList.as_view(), name="api-governance-actions"),
    path("meetings/", api.MeetingList.as_view(), name="api-governance-meetings"),
]
