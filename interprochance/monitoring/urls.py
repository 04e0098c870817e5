from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indikator/", views.indicator_detail, name="indicator_detail"),
    path("indikator/export/", views.indicator_export, name="indicator_export"),
    path("gebiet/<str:code>/", views.area_profile, name="area_profile"),
    path("gebiet/<str:code>/pdf/", views.area_profile_pdf, name="area_profile_pdf"),
    path("index/", views.index_view, name="index"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/bestaetigen/", views.import_confirm, name="import_confirm"),
    path("importe/", views.import_list, name="import_list"),
    path("importe/<int:pk>/zuruecknehmen/", views.import_revert, name="import_revert"),
    path("qualitaet/", views.quality, name="quality"),
    path("qualitaet/<int:pk>/", views.quality_flag, name="quality_flag"),
    path("geheimhaltung/", views.rules, name="rules"),
    path("oeffentlich/", views.public_page, name="public"),
    path("oeffentlich/export/", views.public_export, name="public_export"),
    path("oeffentlich/vergleich-hessen/", views.public_comparison, name="public_comparison"),
]
