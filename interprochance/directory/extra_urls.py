"""Fixed mount point of the Open Referral HSDS API: /api/hsds/ (routes as in the spec, no trailing slash)."""

from django.urls import path

from . import hsds_views as v

urlpatterns = [
    path("api/hsds/", v.root, name="hsds-root"),
    path("api/hsds", v.root, name="hsds-root-noslash"),
    path("api/hsds/openapi.json", v.openapi, name="hsds-openapi"),
    path("api/hsds/profile/", v.profile, name="hsds-profile"),
    path("api/hsds/services", v.services, name="hsds-services"),
    path("api/hsds/services/<str:id>", v.service_detail, name="hsds-service"),
    path("api/hsds/organizations", v.organizations, name="hsds-organizations"),
    path("api/hsds/organizations/<str:id>", v.organization_detail, name="hsds-organization"),
    path("api/hsds/taxonomies", v.taxonomies, name="hsds-taxonomies"),
    path("api/hsds/taxonomies/<str:id>", v.taxonomy_detail, name="hsds-taxonomy"),
    path("api/hsds/taxonomy_terms", v.taxonomy_terms, name="hsds-taxonomy-terms"),
    path("api/hsds/taxonomy_terms/<str:id>", v.taxonomy_term_detail, name="hsds-taxonomy-term"),
    path("api/hsds/service_at_locations", v.service_at_locations, name="hsds-service-at-locations"),
    path(
        "api/hsds/service_at_locations/<str:id>",
        v.service_at_location_detail,
        name="hsds-service-at-location",
    ),
]
