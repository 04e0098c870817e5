from django.urls import path

from . import views

app_name = "pool"

urlpatterns = [
    path("", views.index, name="index"),
    path("vergleich/", views.compare, name="compare"),
    path("pools/<int:pk>/", views.pool_detail, name="pool_detail"),
    path("pools/<int:pk>/import/", views.pool_import, name="pool_import"),
    path("pools/<int:pk>/berechnen/", views.pool_solve, name="pool_solve"),
    path("pools/<int:pk>/instanz.json", views.pool_instance, name="pool_instance"),
    path("pools/<int:pk>/abrechnung/", views.statements, name="statements"),
    path("kinder/<int:pk>/", views.child_detail, name="child_detail"),
    path("plaene/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plaene/<int:pk>/bearbeiten/", views.plan_edit, name="plan_edit"),
    path("plaene/<int:pk>/entwurf/", views.plan_copy, name="plan_copy"),
    path("plaene/<int:pk>/veroeffentlichen/", views.plan_publish, name="plan_publish"),
    path("plaene/<int:pk>/vertretung/", views.plan_substitute, name="plan_substitute"),
    path("plaene/<int:pk>/druck.pdf", views.plan_print, name="plan_print"),
    path("plaene/<int:pk>/loesung.json", views.plan_json, name="plan_json"),
    path("abrechnungen/<int:pk>/", views.statement_detail, name="statement_detail"),
    path(
        "abrechnungen/<int:pk>/<slug:code>.<str:fmt>",
        views.statement_bearer,
        name="statement_bearer",
    ),
]
