from django.urls import path

from . import api_views

urlpatterns = [
    path("indicators/", api_views.IndicatorList.as_view(), name="monitoring-api-indicators"),
    path("values", api_views.PublicValues.as_view(), name="monitoring-api-values"),
    path("internal/values/", api_views.InternalValues.as_view(), name="monitoring-api-internal"),
    path("index/", api_views.IndexView.as_view(), name="monitoring-api-index"),
]
