from django.urls import path

from . import api

urlpatterns = [
    path("pools/", api.PoolList.as_view(), name="api-pool-pools"),
    path("plans/<int:pk>/", api.PlanSolution.as_view(), name="api-pool-plan"),
    path("comparison/", api.Comparison.as_view(), name="api-pool-comparison"),
]
