from django.urls import path

from interprochance.fund import views

app_name = "fund"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("antraege/", views.application_list, name="application_list"),
    path("antraege/neu/", views.application_new, name="application_new"),
    path("antraege/<str:number>/", views.application_detail, name="application_detail"),
    path("antraege/<str:number>/vorschlag/", views.application_propose, name="application_propose"),
    path("antraege/<str:number>/anordnung/", views.application_decide, name="application_decide"),
    path("antraege/<str:number>/unterlagen/", views.document_upload, name="document_upload"),
    path(
        "antraege/<str:number>/unterlagen/<int:pk>/",
        views.document_download,
        name="document_download",
    ),
    path("antraege/<str:number>/nachweis/", views.proof_record, name="proof_record"),
    path(
        "antraege/<str:number>/ruecknahme/", views.application_withdraw, name="application_withdraw"
    ),
    path("zahlungslaeufe/", views.batch_list, name="batch_list"),
    path("zahlungslaeufe/<int:pk>/sepa.xml", views.batch_download, name="batch_download"),
    path("toepfe/", views.source_list, name="source_list"),
    path("toepfe/<int:pk>/budget/", views.budget_add, name="budget_add"),
    path("berichte/", views.reports, name="reports"),
    path("berichte/geldgeber/<int:pk>/", views.donor_report, name="donor_report"),
    path("verfahren/", views.replay, name="replay"),
]
