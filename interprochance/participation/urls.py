from django.urls import path

from interprochance.participation import views

app_name = "participation"

urlpatterns = [
    path("", views.index, name="index"),
    path("konzept/neu/", views.concept_create, name="concept_create"),
    path("konzept/<int:pk>/", views.concept_detail, name="concept_detail"),
    path("umsetzung/<int:pk>/", views.implementation_detail, name="implementation_detail"),
    path("umsetzung/<int:pk>/meilenstein/", views.milestone_add, name="milestone_add"),
    path(
        "umsetzung/<int:pk>/meilenstein/<int:milestone_pk>/erreicht/",
        views.milestone_done,
        name="milestone_done",
    ),
]
