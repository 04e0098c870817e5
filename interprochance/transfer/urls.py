from django.urls import path

from interprochance.transfer import views

app_name = "transfer"

urlpatterns = [
    path("", views.index, name="index"),
    path("leitfaden/", views.guideline, name="guideline"),
    path("leitfaden.md", views.guideline, {"fmt": "md"}, name="guideline_md"),
    path("leitfaden.pdf", views.guideline, {"fmt": "pdf"}, name="guideline_pdf"),
    path("transferpaket/", views.bundle_export, name="bundle_export"),
    path("landkreis/", views.landkreis, name="landkreis"),
    path("neue-gemeinde/", views.start_municipality, name="start"),
]
