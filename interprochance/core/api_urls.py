from django.urls import path

from interprochance.core import api_views

urlpatterns = [
    path("schema/", api_views.SchemaView.as_view(), name="api-schema"),
    path("docs/", api_views.api_docs, name="api-docs"),
    path("core/areas/", api_views.AreaList.as_view(), name="api-area-list"),
    path("core/areas/<str:code>/", api_views.AreaDetail.as_view(), name="api-area-detail"),
    path("core/me/", api_views.Me.as_view(), name="api-me"),
]
