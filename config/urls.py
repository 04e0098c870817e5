"""Root URLs. Each app brings `urls.py` (pages) and optionally `api_urls.py`
(REST API, mounted under /api/<app>/); modules that do not exist yet are
simply absent."""

from importlib import import_module
from importlib.util import find_spec

from django.contrib import admin
from django.urls import include, path

from interprochance.core import views as core_views

DOMAIN_APPS = [
    ("monitoring", "monitoring/"),
    ("directory", "angebote/"),
    ("pool", "schulassistenz/"),
    ("fund", "sozialfonds/"),
    ("counseling", "beratung/"),
    ("participation", "teilhabe/"),
    ("governance", "gremien/"),
    ("transfer", "transfer/"),
]


def _has(module: str) -> bool:
    try:
        return find_spec(module) is not None
    except ModuleNotFoundError:
        return False


urlpatterns = [
    path("", include("interprochance.core.urls")),
    path("api/", include("interprochance.core.api_urls")),
    path("admin/", admin.site.urls),
]

for app, prefix in DOMAIN_APPS:
    module = f"interprochance.{app}"
    if _has(f"{module}.urls"):
        urlpatterns.append(path(prefix, include(f"{module}.urls")))
    if _has(f"{module}.api_urls"):
        urlpatterns.append(path(f"api/{app}/", include(f"{module}.api_urls")))
    # Some standards fix their own mount point (e.g. /api/hsds/ for Open Referral).
    if _has(f"{module}.extra_urls"):
        urlpatterns += import_module(f"{module}.extra_urls").urlpatterns

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error

# Uploaded documents are never served as static media: apps serve them through
# access-checked views.
