"""The gap analysis takes its need from monitoring's published values when they exist."""

import pytest

from interprochance.core.demo import load_demo
from interprochance.directory.coverage_data import NEED_INDICATOR, coverage_for_tenant


@pytest.mark.django_db
def test_need_comes_from_monitoring_published_values(core_demo):
    load_demo(only=["monitoring", "directory"])
    from interprochance.monitoring.selectors import need_by_area

    published = need_by_area(NEED_INDICATOR, tenant=core_demo.weiterstadt, level="sozialraum")
    data = coverage_for_tenant(core_demo.weiterstadt)
    assert not data.need_synthetic
    assert data.need_source.startswith("Monitoring")
    by_code = {a.code: a.need_value for a in data.result.areas}
    assert by_code == {code: published.get(code) for code in by_code}
    # Areas in the top third of published need are the ones flagged as high need.
    assert data.result.high_need_areas
