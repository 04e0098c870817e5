from django.urls import path

from interprochance.governance import views

app_name = "governance"

urlpatterns = [
    path("", views.index, name="index"),
    path("gremium/neu/", views.body_create, name="body_create"),
    path("gremium/<int:pk>/", views.body_detail, name="body_detail"),
    path("gremium/<int:body_pk>/sitzung/neu/", views.meeting_create, name="meeting_create"),
    path("sitzung/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("sitzung/<int:pk>/absagen/", views.meeting_cancel, name="meeting_cancel"),
    path("sitzung/<int:pk>/kalender.ics", views.meeting_ical, name="meeting_ical"),
    path("kalender.ics", views.calendar, name="calendar"),
    path("aufgaben/", views.actions_list, name="actions"),
    path("aufgabe/<int:pk>/", views.action_follow_up, name="action_follow_up"),
    path("vereinbarungen/", views.agreements, name="agreements"),
    path("vereinbarung/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("berichte/", views.reports, name="reports"),
    path("bericht/<int:pk>/", views.report_detail, name="report_detail"),
    path("bericht/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
]
