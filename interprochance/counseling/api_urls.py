from django.urls import path

from . import api_views

urlpatterns = [
    path("cases/", api_views.CaseList.as_view(), name="counseling-api-cases"),
    path("cases/<int:pk>/", api_views.CaseDetail.as_view(), name="counseling-api-case"),
    path("contacts/<int:pk>/", api_views.ContactDetail.as_view(), name="counseling-api-contact"),
    path("documents/<int:pk>/", api_views.DocumentDetail.as_view(), name="counseling-api-document"),
    path("referrals/", api_views.ReferralList.as_view(), name="counseling-api-referrals"),
    path("referrals/<int:pk>/", api_views.ReferralDetail.as_view(), name="counseling-api-referral"),
]
