import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from interprochance.core.models import Institution
from interprochance.participation import selectors, services
from interprochance.participation.models import Implementation

pytestmark = pytest.mark.django_db


def _concept(tenant, user, **kw):
    data = {
        "tenant": tenant,
        "code": "lesepaten",
        "name": "Lesepaten",
        "goal": "Lesen fördern",
        "target_group": "Grundschulkinder",
        "life_phase": "primary",
        "institution_kind": "school",
        "stages": {
            "activities": ("Treffen finden statt", []),
            "living_conditions": ("Bessere Noten", ["sgb2_u15"]),
        },
        "actor": user,
    }
    data.update(kw)
    return services.concept_create(**data)


def test_concept_validation(core_demo):
    user = core_demo.users["demo-netzwerk"]
    with pytest.raises(ValidationError) as info:
        _concept(core_demo.weiterstadt, user, code="Bad Code", life_phase="x", stages={})
    errors = info.value.message_dict
    assert {"code", "life_phase", "stages"} <= set(errors)
    concept = _concept(core_demo.weiterstadt, user)
    assert concept.stages.count() == 2
    assert selectors.indicator_links(core_demo.weiterstadt) == {"sgb2_u15": ["lesepaten"]}
    with pytest.raises(ValidationError):
        _concept(core_demo.weiterstadt, user)  # duplicate code


def test_implementation_through_stages(core_demo):
    user = core_demo.users["demo-netzwerk"]
    tenant = core_demo.weiterstadt
    concept = _concept(tenant, user)
    kita = Institution.objects.filter(tenant=tenant, kind="kita").first()
    school = Institution.objects.filter(tenant=tenant, kind="schule").first()
    with pytest.raises(ValidationError, match="gedacht"):
        services.implementation_start(
            tenant=tenant, concept=concept, institution=kita, responsible="Leitung", actor=user
        )
    item = services.implementation_start(
        tenant=tenant,
        concept=concept,
        institution=school,
        responsible="Schulleitung",
        started=dt.date(2025, 1, 1),
        actor=user,
    )
    with pytest.raises(ValidationError, match="nur einen Schritt"):
        services.implementation_move(
            implementation=item, to_stage="running", on=dt.date(2025, 2, 1), actor=user
        )
    services.implementation_move(
        implementation=item, to_stage="preparing", on=dt.date(2025, 2, 1), actor=user
    )
    with pytest.raises(ValidationError) as info:
        services.implementation_move(
            implementation=item, to_stage="running", on=dt.date(2025, 3, 1), actor=user
        )
    assert "participation" in info.value.message_dict
    services.implementation_move(
        implementation=item,
        to_stage="running",
        on=dt.date(2025, 3, 1),
        participation="Kinderkonferenz",
        actor=user,
    )
    with pytest.raises(ValidationError) as info:
        services.implementation_move(
            implementation=item,
            to_stage="evaluated",
            on=dt.date(2025, 2, 1),
            evaluation="gut",
            actor=user,
        )
    assert "on" in info.value.message_dict  # before the last change
    services.implementation_move(
        implementation=item,
        to_stage="evaluated",
        on=dt.date(2025, 9, 1),
        evaluation="Befragung: positiv",
        actor=user,
    )
    item = Implementation.objects.get(pk=item.pk)
    assert item.stage == "evaluated" and item.stage_changes.count() == 4
    assert selectors.stage_counts(tenant)["evaluated"] == 1
    config = selectors.concept_config(tenant)
    assert config[0]["stages"][0]["stage"] == "activities"
    assert "Schulleitung" not in str(config)  # implementations are not configuration


def test_pages(core_demo, client_as):
    user = core_demo.users["demo-netzwerk"]
    concept = _concept(core_demo.weiterstadt, user)
    client = client_as("demo-netzwerk")
    assert "Lesepaten" in client.get("/teilhabe/").content.decode()
    school = Institution.objects.filter(tenant=core_demo.weiterstadt, kind="schule").first()
    response = client.post(
        f"/teilhabe/konzept/{concept.pk}/", {"institution": school.pk, "responsible": ""}
    )
    assert response.status_code == 200 and "Dieses Feld" in response.content.decode()
    response = client.post(
        f"/teilhabe/konzept/{concept.pk}/",
        {"institution": school.pk, "responsible": "Schulleitung"},
    )
    assert response.status_code == 302
    assert (
        client_as("demo-gremium")
        .post(f"/teilhabe/konzept/{concept.pk}/", {"institution": school.pk, "responsible": "x"})
        .status_code
        == 404
    )


def test_stage_labels_in_the_readers_language(core_demo, client_as):
    """The impact ladder and the implementation stages live in pure-Python staircase.py;
    they are translated where shown, the stored codes and the German page unchanged."""
    from django.utils import translation

    # the pages activate English in this thread; restore the language for the
    # tests that run next in this worker
    with translation.override("de"):
        _stage_labels_in_the_readers_language(core_demo, client_as)


def _stage_labels_in_the_readers_language(core_demo, client_as):
    from django.utils import translation

    concept = _concept(core_demo.weiterstadt, core_demo.users["demo-netzwerk"])
    german_stage = "Aktivitäten finden wie geplant statt"
    with translation.override("en"):
        stage = translation.gettext(german_stage)
        phase = translation.gettext("Grundschule")
    assert stage != german_stage and phase != "Grundschule"
    client = client_as("demo-netzwerk")
    url = f"/teilhabe/konzept/{concept.pk}/"
    german = client.get(url).content.decode()
    assert german_stage in german and stage not in german
    client.post("/sprache/", {"language": "en", "next": "/"})
    english = client.get(url).content.decode()
    assert stage in english and german_stage not in english
    assert phase in english
    form = client.get("/teilhabe/konzept/neu/").content.decode()
    assert stage in form and german_stage not in form
    with translation.override("de"):
        assert concept.stages.get(stage="activities").get_stage_display() == german_stage
