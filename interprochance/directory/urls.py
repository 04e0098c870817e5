from django.urls import path

from . import views, views_public

app_name = "directory"

urlpatterns = [
    # public
    path("", views_public.finder, name="finder"),
    path("karte/", views_public.finder_map, name="finder_map"),
    path("a/<uuid:uuid>/", views_public.detail, name="detail"),
    path("a/<uuid:uuid>/drucken/", views_public.detail_print, name="detail_print"),
    path("mitmachen/<str:token>/", views_public.provider_link, name="provider_link"),
    # staff
    path("verwaltung/", views.manage, name="manage"),
    path("verwaltung/neu/", views.service_new, name="service_new"),
    path("verwaltung/<int:pk>/", views.service_edit, name="service_edit"),
    path("verwaltung/<int:pk>/<str:action>/", views.service_transition, name="service_transition"),
    path("vorschlaege/", views.proposals, name="proposals"),
    path("vorschlaege/<int:pk>/", views.proposal_review, name="proposal_review"),
    path("vorschlagen/", views.propose, name="propose"),
    path("traeger/", views.organizations, name="organizations"),
    path("traeger/<int:pk>/", views.organization, name="organization"),
    path("netzwerk/", views.network, name="network"),
    path("netzwerk/vereinbarung/neu/", views.agreement_new, name="agreement_new"),
    path("netzwerk/treffen/neu/", views.meeting_new, name="meeting_new"),
    path("netzwerk/treffen/<int:pk>/", views.meeting, name="meeting"),
    path("bedarf/", views.coverage, name="coverage"),
    path("bedarf/export/", views.coverage_export, name="coverage_export"),
    path("import/", views.hsds_import, name="hsds_import"),
]
