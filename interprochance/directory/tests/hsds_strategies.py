"""Hypothesis strategies producing valid directory records (shared by HSDS tests)."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

from hypothesis import strategies as st

from interprochance.directory.hsds.records import (
    Accessibility,
    Address,
    Contact,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from interprochance.directory.validation.schedule import WEEKDAYS, OpeningSlot

words = st.sampled_from(
    [
        "Hausaufgabenhilfe",
        "Familienzentrum",
        "Elterncafé",
        "Sprachförderung",
        "Beratung",
        "für",
        "Kinder",
        "Jugendliche",
        "Çocuk",
        "أسرة",
        "Сім'я",
        "Weiterstadt",
        "Kita",
        "&",
        "<",
        "5",
    ]
)
text = st.lists(words, min_size=1, max_size=8).map(" ".join)
uuids = st.uuids()
phones = st.sampled_from(["+49615012345", "+496151881000", "+4917612345678", "+4961508870"])
emails = st.sampled_from(
    ["info@traeger.de", "kita.sonnenschein@weiterstadt.de", "beratung@caritas-darmstadt.de"]
)
urls = st.sampled_from(["https://www.weiterstadt.de/familie", "https://traeger.de", ""])


@st.composite
def phone(draw):
    return Phone(
        id=draw(uuids), number=draw(phones), description=draw(st.sampled_from(["", "Sekretariat"]))
    )


@st.composite
def slot(draw):
    start = draw(st.integers(7, 17))
    return OpeningSlot(
        weekdays=tuple(
            draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=3, unique=True))
        ),
        opens_at=time(start, draw(st.sampled_from([0, 15, 30]))),
        closes_at=time(start + draw(st.integers(1, 4)), 0),
        interval=draw(st.sampled_from([1, 2])),
        valid_from=draw(st.sampled_from([None, date(2026, 1, 1)])),
        valid_to=draw(st.sampled_from([None, date(2026, 12, 31)])),
    )


@st.composite
def schedule(draw):
    return Schedule(id=draw(uuids), slot=draw(slot()), description=draw(text))


@st.composite
def location(draw, org_id=None):
    lid = draw(uuids)
    return Location(
        id=lid,
        name=draw(text),
        organization_id=org_id,
        description=draw(st.sampled_from(["", "Eingang über den Hof"])),
        latitude=draw(st.sampled_from([None, 49.9035])),
        longitude=draw(st.sampled_from([None, 8.5869])),
        address=Address(
            id=draw(uuids),
            address_1="Kreuzstraße 45 A",
            city="Weiterstadt",
            postal_code="64331",
            region="Landkreis Darmstadt-Dieburg",
        ),
        accessibility=tuple(
            draw(
                st.lists(
                    st.builds(Accessibility, id=uuids, description=st.just("Rollstuhlgerecht")),
                    max_size=1,
                )
            )
        ),
        area_code=draw(st.sampled_from(["", "06432023-01"])),
    )


@st.composite
def organization(draw):
    oid = draw(uuids)
    return Organization(
        id=oid,
        name=draw(text),
        description=draw(text),
        email=draw(st.sampled_from(["", "info@traeger.de"])),
        website=draw(urls),
        legal_status=draw(st.sampled_from(["", "e. V."])),
        phones=tuple(draw(st.lists(phone(), max_size=2))),
        contacts=tuple(
            draw(
                st.lists(
                    st.builds(
                        Contact,
                        id=uuids,
                        name=text,
                        email=emails,
                        phones=st.lists(phone(), max_size=1).map(tuple),
                    ),
                    max_size=1,
                )
            )
        ),
        locations=tuple(draw(st.lists(location(org_id=oid), max_size=2))),
    )


taxonomy = Taxonomy(
    id=__import__("uuid").UUID("0b8f4f4e-5f0e-4a57-9d0c-0e6f3d1f0a01"),
    name="praeventionskette-lebensphasen",
    description="Lebensphasen der Präventionskette",
    uri="https://interprochance.example/api/hsds/profile/",
    version="1.0",
)


@st.composite
def service(draw, with_terms=True):
    org = draw(organization())
    minimum = draw(st.one_of(st.none(), st.integers(0, 16)))
    maximum = draw(st.one_of(st.none(), st.integers(minimum or 0, 27)))
    sals = tuple(
        ServiceAtLocation(
            id=draw(uuids), location=loc, schedules=tuple(draw(st.lists(schedule(), max_size=1)))
        )
        for loc in org.locations
    )
    terms = ()
    if with_terms:
        terms = tuple(
            TaxonomyTerm(id=draw(uuids), code=c, name=c, description=c, taxonomy=taxonomy)
            for c in draw(
                st.lists(
                    st.sampled_from(["geburt", "kita", "grundschule", "sek1", "uebergang"]),
                    max_size=3,
                    unique=True,
                )
            )
        )
    return Service(
        id=draw(uuids),
        organization=org,
        name=draw(text),
        description=draw(text),
        status=draw(st.sampled_from(["active", "inactive", "temporarily closed"])),
        url=draw(urls),
        email=draw(st.sampled_from(["", "info@traeger.de"])),
        application_process=draw(text),
        eligibility_description=draw(st.sampled_from(["", "Familien mit Wohnsitz im Landkreis"])),
        fees_description=draw(st.sampled_from(["", "kostenlos"])),
        minimum_age=minimum,
        maximum_age=maximum,
        assured_date=draw(st.sampled_from([None, date(2026, 2, 1)])),
        last_modified=datetime(2026, 3, 15, 10, 30, 45, 123000, tzinfo=UTC),
        phones=tuple(draw(st.lists(phone(), max_size=2))),
        languages=tuple(
            Language(id=draw(uuids), code=c, name=c)
            for c in draw(
                st.lists(
                    st.sampled_from(["de", "en", "tr", "ar", "uk"]),
                    min_size=1,
                    max_size=3,
                    unique=True,
                )
            )
        ),
        schedules=tuple(draw(st.lists(schedule(), max_size=1))),
        cost_options=tuple(
            draw(
                st.lists(
                    st.builds(
                        CostOption,
                        id=uuids,
                        option=st.sampled_from(["kostenlos", "ermäßigt", "BuT"]),
                        amount=st.sampled_from(
                            [None, Decimal("0"), Decimal("12.50"), Decimal("3")]
                        ),
                    ),
                    max_size=2,
                )
            )
        ),
        terms=terms,
        service_at_locations=sals,
    )


def sample_service() -> Service:
    """A fixed, fully populated service (deterministic, for example-based tests)."""
    from uuid import UUID

    def u(n: int) -> UUID:
        return UUID(int=0x5EED0000_0000_4000_8000_000000000000 + n)

    org_id = u(1)
    loc = Location(
        id=u(2),
        name="Carl-Ulrich-Schule",
        organization_id=org_id,
        address=Address(
            id=u(3), address_1="Kreuzstraße 45 A", city="Weiterstadt", postal_code="64331"
        ),
        accessibility=(Accessibility(id=u(4), description="Stufenloser Zugang"),),
        area_code="06432023-01",
    )
    org = Organization(
        id=org_id,
        name="Caritasverband Darmstadt e. V.",
        description="Wohlfahrtsverband",
        email="info@caritas-darmstadt.de",
        website="https://www.caritas-darmstadt.de",
        phones=(Phone(id=u(5), number="+496151999000"),),
        locations=(loc,),
    )
    return Service(
        id=u(10),
        organization=org,
        name="Hausaufgabenhilfe",
        description="Hilfe bei den Hausaufgaben für Kinder der Klassen 1–4.",
        application_process="Einfach vorbeikommen.",
        minimum_age=6,
        maximum_age=10,
        last_modified=datetime(2026, 3, 15, 10, 30, 45, 123000, tzinfo=UTC),
        languages=(
            Language(id=u(11), code="de", name="Deutsch"),
            Language(id=u(12), code="tr", name="Türkçe"),
        ),
        schedules=(
            Schedule(
                id=u(13),
                slot=OpeningSlot(weekdays=("MO", "WE"), opens_at=time(14), closes_at=time(16)),
                description="Mo und Mi nachmittags",
            ),
        ),
        cost_options=(CostOption(id=u(14), option="kostenlos", amount=Decimal("0")),),
        service_at_locations=(ServiceAtLocation(id=u(15), location=loc),),
    )
