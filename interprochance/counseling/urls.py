from django.urls import path

from . import views

app_name = "counseling"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("faelle/export/", views.case_export, name="case_export"),
    path("faelle/neu/", views.intake, name="intake"),
    path("faelle/<int:pk>/", views.case_detail, name="case_detail"),
    path("faelle/<int:pk>/themen/", views.topics_update, name="topics_update"),
    path("faelle/<int:pk>/kontakt/", views.contact_add, name="contact_add"),
    path("faelle/<int:pk>/ziel/", views.goal_add, name="goal_add"),
    path("faelle/<int:pk>/ziel/<int:goal_id>/stand/", views.goal_status, name="goal_status"),
    path("faelle/<int:pk>/aufgabe/", views.task_add, name="task_add"),
    path("faelle/<int:pk>/aufgabe/<int:task_id>/erledigt/", views.task_done, name="task_done"),
    path("faelle/<int:pk>/dokument/", views.document_add, name="document_add"),
    path("faelle/<int:pk>/einwilligung/", views.consent_add, name="consent_add"),
    path("faelle/<int:pk>/vermittlung/", views.referral_add, name="referral_add"),
    path("faelle/<int:pk>/abschluss/", views.case_close, name="case_close"),
    path("faelle/<int:pk>/leistungen/", views.benefits, name="benefits"),
    path("faelle/<int:pk>/protokoll/", views.access_log, name="access_log"),
    path("faelle/<int:pk>/sozialfonds/", views.fund_start, name="fund_start"),
    path("kontakte/<int:pk>/", views.contact_detail, name="contact_detail"),
    path("dokumente/<int:pk>/", views.document_download, name="document_download"),
    path("einwilligungen/<int:pk>/widerruf/", views.consent_withdraw, name="consent_withdraw"),
    path("vermittlungen/", views.referral_list, name="referral_list"),
    path("vermittlungen/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("haushalte/<int:pk>/auskunft.<str:fmt>", views.household_export, name="household_export"),
    path("haushalte/<int:pk>/loeschung/", views.erasure, name="erasure"),
    path("termin/", views.appointment_request, name="appointment_request"),
    path("termin/danke/", views.appointment_thanks, name="appointment_thanks"),
    path("anfragen/", views.request_queue, name="request_queue"),
    path("anfragen/<int:pk>/", views.request_status, name="request_status"),
]
