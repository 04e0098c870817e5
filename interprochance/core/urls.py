from django.urls import path

from interprochance.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("anmelden/", views.login_view, name="login"),
    path("anmelden/code/", views.login_otp, name="login_otp"),
    path("abmelden/", views.logout_view, name="logout"),
    path("zwei-faktor/", views.otp_setup, name="otp_setup"),
    path("uebersicht/", views.dashboard, name="dashboard"),
    path("mandant/", views.tenant_switch, name="tenant_switch"),
    path("gebiete/", views.area_list, name="area_list"),
    path("gebiete/grenzen/", views.boundaries_upload, name="boundaries_upload"),
    path("gebiete/<str:code>/", views.area_detail, name="area_detail"),
    path("auftraege/", views.job_list, name="job_list"),
    path("auftraege/<uuid:job_id>/", views.job_detail, name="job_detail"),
    path("protokoll/", views.audit_list, name="audit_list"),
    path("sprache/", views.set_language, name="set_language"),
    path("impressum/", views.imprint, name="imprint"),
    path("datenschutz/", views.privacy, name="privacy"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("quellen/", views.sources, name="sources"),
]
