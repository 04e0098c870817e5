from django.urls import path

from interprochance.participation import api

urlpatterns = [
    path("concepts/", api.ConceptList.as_view(), name="api-participation-concepts"),
    path("stages/", api.StageCounts.as_view(), name="api-participation-stages"),
]
