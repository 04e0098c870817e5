"""The seeded indicator catalogue for child-poverty and education monitoring.

Codes are fixed (other modules and imports refer to them). Each measure and
indicator names its source. Plain data, applied by a data migration and by
``catalogue_sync`` (idempotent: updates texts, never deletes).
"""

from __future__ import annotations

from dataclasses import dataclass

from interprochance.core.translatable import gettext_noop

BA = "Statistik der Bundesagentur für Arbeit (SGB II)"
EMA = "Einwohnermelderegister der Gemeinde (Auszug, aggregiert)"
HHG = "Einwohnermelderegister, Haushaltegenerierung (Auszug, aggregiert)"
KITA = "Kita-Statistik des Jugendamts (Belegung zum 1. März)"
SEU = "Schuleingangsuntersuchung, Gesundheitsamt Landkreis Darmstadt-Dieburg"
SCHUL = "Hessisches Statistisches Landesamt, Schulstatistik / Staatliches Schulamt"
JA = "Jugendamt Landkreis Darmstadt-Dieburg (Fallstatistik)"
JC = "Kreisagentur für Beschäftigung / Jobcenter (BuT-Statistik)"
GISD = "German Index of Socioeconomic Deprivation (GISD), Robert Koch-Institut, CC BY 4.0"
INKAR = "INKAR, BBSR Bonn (dl-de/by-2-0)"


@dataclass(frozen=True)
class M:
    code: str
    name: str
    source: str
    kind: str = "count"
    unit: str = gettext_noop("Anzahl")
    description: str = ""


@dataclass(frozen=True)
class I:  # noqa: E742 - short on purpose, a table of entries
    code: str
    name: str
    topic: str
    life_phase: str
    direction: str
    numerator: str
    denominator: str | None
    factor: int
    unit: str
    source: str
    owner: str
    definition: str
    rhythm: str = gettext_noop("jährlich")
    decimals: int = 1


MEASURES: tuple[M, ...] = (
    M("einwohner", gettext_noop("Einwohner (Hauptwohnsitz)"), EMA),
    M("kinder_u3", gettext_noop("Kinder unter 3 Jahren"), EMA),
    M("kinder_3_6", gettext_noop("Kinder von 3 bis unter 6 Jahren"), EMA),
    M("kinder_u6", gettext_noop("Kinder unter 6 Jahren"), EMA),
    M("kinder_6_10", gettext_noop("Kinder von 6 bis unter 10 Jahren"), EMA),
    M("kinder_u15", gettext_noop("Kinder unter 15 Jahren"), EMA),
    M(
        "kinder_u15_sgb2",
        gettext_noop("Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften"),
        BA,
    ),
    M("minderjaehrige", gettext_noop("Minderjährige (unter 18 Jahren)"), EMA),
    M("minderjaehrige_migration", gettext_noop("Minderjährige mit Migrationshintergrund"), EMA),
    M("jugendliche_15_25", gettext_noop("Junge Menschen von 15 bis unter 25 Jahren"), EMA),
    M("einwohner_15_65", gettext_noop("Einwohner von 15 bis unter 65 Jahren"), EMA),
    M("einwohner_sgb2", gettext_noop("Leistungsberechtigte nach SGB II"), BA),
    M("einwohner_65plus", gettext_noop("Einwohner ab 65 Jahren"), EMA),
    M("haushalte_mit_kindern", gettext_noop("Haushalte mit minderjährigen Kindern"), HHG),
    M(
        "haushalte_alleinerziehend",
        gettext_noop("Haushalte Alleinerziehender mit minderjährigen Kindern"),
        HHG,
    ),
    M("haushalte_mit_kindern_sgb2", gettext_noop("Haushalte mit Kindern im SGB-II-Bezug"), BA),
    M(
        "haushalte_alleinerziehend_sgb2",
        gettext_noop("Alleinerziehenden-Haushalte im SGB-II-Bezug"),
        BA,
    ),
    M("kita_kinder_u3", gettext_noop("Kinder unter 3 Jahren in Kindertagesbetreuung"), KITA),
    M(
        "kita_kinder_3_6",
        gettext_noop("Kinder von 3 bis unter 6 Jahren in Kindertagesbetreuung"),
        KITA,
    ),
    M(
        "einschulung_untersucht",
        gettext_noop("Untersuchte Kinder (Schuleingangsuntersuchung)"),
        SEU,
    ),
    M(
        "einschulung_sprachfoerderung",
        gettext_noop("Kinder mit Sprachförderbedarf (Einschulung)"),
        SEU,
    ),
    M("einschulung_uebergewicht", gettext_noop("Kinder mit Übergewicht (Einschulung)"), SEU),
    M("einschulung_motorik", gettext_noop("Kinder mit auffälliger Motorik (Einschulung)"), SEU),
    M("einschulung_u9", gettext_noop("Kinder mit vollständigen Vorsorgeuntersuchungen U1–U9"), SEU),
    M("einschulung_masern", gettext_noop("Kinder mit vollständigem Masernschutz"), SEU),
    M("uebergaenge_klasse4", gettext_noop("Übergänge nach Klasse 4"), SCHUL),
    M("uebergaenge_gymnasium", gettext_noop("Übergänge von Klasse 4 aufs Gymnasium"), SCHUL),
    M("schulabgaenger", gettext_noop("Schulabgängerinnen und Schulabgänger"), SCHUL),
    M(
        "schulabgaenger_ohne_abschluss",
        gettext_noop("Schulabgänger ohne Hauptschulabschluss"),
        SCHUL,
    ),
    M("arbeitslose", gettext_noop("Arbeitslose (Jahresdurchschnitt)"), INKAR),
    M("arbeitslose_u25", gettext_noop("Arbeitslose unter 25 Jahren"), BA),
    M(
        "hilfen_zur_erziehung",
        gettext_noop("Laufende Hilfen zur Erziehung (§§ 27 ff. SGB VIII)"),
        JA,
    ),
    M(
        "gefaehrdungseinschaetzungen",
        gettext_noop("Gefährdungseinschätzungen nach § 8a SGB VIII"),
        JA,
    ),
    M("geburten", gettext_noop("Lebendgeborene"), EMA),
    M("kinder_but", gettext_noop("Kinder mit Leistungen für Bildung und Teilhabe"), JC),
    M("gisd_score", gettext_noop("GISD-Score"), GISD, kind="value", unit=gettext_noop("Index")),
    M(
        "schulabgaenger_ohne_abschluss_anteil",
        gettext_noop("Schulabgänger ohne Hauptschulabschluss (INKAR)"),
        INKAR,
        kind="value",
        # xgettext:no-python-format
        unit=gettext_noop("% der Schulabgänger"),
    ),
    M(
        "haushaltseinkommen_je_einwohner",
        gettext_noop("Haushaltseinkommen je Einwohner (INKAR)"),
        INKAR,
        kind="value",
        unit=gettext_noop("Euro je Einwohner und Monat"),
    ),
)

W, B, N = "worse", "better", "neutral"

INDICATORS: tuple[I, ...] = (
    I(
        "kinderarmut_sgb2_u15",
        gettext_noop("Kinderarmut: Kinder unter 15 im SGB-II-Bezug"),
        gettext_noop("Armut"),
        "alle",
        W,
        "kinder_u15_sgb2",
        "kinder_u15",
        100,
        "%",
        BA,
        "Bundesagentur für Arbeit",
        gettext_noop(
            "Anteil der Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften an allen Kindern unter 15 Jahren."
        ),
    ),
    I(
        "alleinerziehende_anteil",
        gettext_noop("Alleinerziehende"),
        gettext_noop("Familie"),
        "alle",
        W,
        "haushalte_alleinerziehend",
        "haushalte_mit_kindern",
        100,
        "%",
        HHG,
        "Gemeinde (Meldewesen)",
        gettext_noop(
            "Anteil der Haushalte Alleinerziehender an allen Haushalten mit minderjährigen Kindern."
        ),
    ),
    I(
        "sgb2_quote",
        gettext_noop("SGB-II-Quote"),
        gettext_noop("Armut"),
        "alle",
        W,
        "einwohner_sgb2",
        "einwohner",
        100,
        "%",
        BA,
        "Bundesagentur für Arbeit",
        gettext_noop("Leistungsberechtigte nach SGB II je 100 Einwohner."),
    ),
    I(
        "familien_sgb2_anteil",
        gettext_noop("Familien im SGB-II-Bezug"),
        gettext_noop("Armut"),
        "alle",
        W,
        "haushalte_mit_kindern_sgb2",
        "haushalte_mit_kindern",
        100,
        "%",
        BA,
        "Bundesagentur für Arbeit",
        gettext_noop(
            "Anteil der Haushalte mit Kindern im SGB-II-Bezug an allen Haushalten mit Kindern."
        ),
    ),
    I(
        "alleinerziehende_sgb2_anteil",
        gettext_noop("Alleinerziehende im SGB-II-Bezug"),
        gettext_noop("Armut"),
        "alle",
        W,
        "haushalte_alleinerziehend_sgb2",
        "haushalte_alleinerziehend",
        100,
        "%",
        BA,
        "Bundesagentur für Arbeit",
        gettext_noop(
            "Anteil der Alleinerziehenden-Haushalte im SGB-II-Bezug an allen Alleinerziehenden-Haushalten."
        ),
    ),
    I(
        "but_quote",
        gettext_noop("Bildung und Teilhabe: leistungsberechtigte Kinder"),
        gettext_noop("Armut"),
        "alle",
        W,
        "kinder_but",
        "minderjaehrige",
        100,
        "%",
        JC,
        "Kreisagentur für Beschäftigung",
        gettext_noop("Kinder mit Leistungen für Bildung und Teilhabe je 100 Minderjährige."),
    ),
    I(
        "kinder_u3_anteil",
        gettext_noop("Kinder unter 3 Jahren"),
        gettext_noop("Bevölkerung"),
        "fruehe_kindheit",
        N,
        "kinder_u3",
        "einwohner",
        100,
        "%",
        EMA,
        "Gemeinde (Meldewesen)",
        gettext_noop("Anteil der Kinder unter 3 Jahren an der Bevölkerung."),
    ),
    I(
        "kinder_u6_anteil",
        gettext_noop("Kinder unter 6 Jahren"),
        gettext_noop("Bevölkerung"),
        "fruehe_kindheit",
        N,
        "kinder_u6",
        "einwohner",
        100,
        "%",
        EMA,
        "Gemeinde (Meldewesen)",
        gettext_noop("Anteil der Kinder unter 6 Jahren an der Bevölkerung."),
    ),
    I(
        "kinder_6_10_anteil",
        gettext_noop("Kinder im Grundschulalter"),
        gettext_noop("Bevölkerung"),
        "grundschule",
        N,
        "kinder_6_10",
        "einwohner",
        100,
        "%",
        EMA,
        "Gemeinde (Meldewesen)",
        gettext_noop("Anteil der Kinder von 6 bis unter 10 Jahren an der Bevölkerung."),
    ),
    I(
        "minderjaehrige_anteil",
        gettext_noop("Minderjährige"),
        gettext_noop("Bevölkerung"),
        "alle",
        N,
        "minderjaehrige",
        "einwohner",
        100,
        "%",
        EMA,
        "Gemeinde (Meldewesen)",
        gettext_noop("Anteil der unter 18-Jährigen an der Bevölkerung."),
    ),
    I(
        "jugendliche_anteil",
        gettext_noop("Junge Menschen 15 bis 24"),
        gettext_noop("Bevölkerung"),
        "uebergang",
        N,
        "jugendliche_15_25",
        "einwohner",
        100,
        "%",
        EMA,
        "Gemeinde (Meldewesen)",
        gettext_noop("Anteil der 15- bis unter 25-Jährigen an der Bevölkerung."),
    ),
    I(
        "migration_u18_anteil",
        gettext_noop("Minderjährige mit Migrationshintergrund"),
        gettext_noop("Bevölkerung"),
        "alle",
        N,
        "minderjaehrige_migration",
        "minderjaehrige",
        100,
        "%",
        EMA,
        "Gemeinde (Meldewesen)",
        gettext_noop(
            "Anteil der Minderjährigen mit Migrationshintergrund (abgeleitet aus Staatsangehörigkeit und Geburtsland) an allen Minderjährigen."
        ),
    ),
    I(
        "altenanteil",
        gettext_noop("Einwohner ab 65 Jahren"),
        gettext_noop("Bevölkerung"),
        "alle",
        N,
        "einwohner_65plus",
        "einwohner",
        100,
        "%",
        EMA,
        "Gemeinde (Meldewesen)",
        gettext_noop("Anteil der Einwohner ab 65 Jahren an der Bevölkerung."),
    ),
    I(
        "geburtenrate",
        gettext_noop("Geburten je 1.000 Einwohner"),
        gettext_noop("Bevölkerung"),
        "geburt",
        N,
        "geburten",
        "einwohner",
        1000,
        gettext_noop("je 1.000"),
        EMA,
        "Gemeinde (Standesamt)",
        gettext_noop("Lebendgeborene je 1.000 Einwohner."),
    ),
    I(
        "kita_quote_u3",
        gettext_noop("Betreuungsquote unter 3 Jahren"),
        gettext_noop("Kita"),
        "fruehe_kindheit",
        B,
        "kita_kinder_u3",
        "kinder_u3",
        100,
        "%",
        KITA,
        "Jugendamt",
        gettext_noop("Kinder unter 3 Jahren in Kindertagesbetreuung je 100 Kinder unter 3 Jahren."),
    ),
    I(
        "kita_quote_3_6",
        gettext_noop("Betreuungsquote 3 bis unter 6 Jahre"),
        gettext_noop("Kita"),
        "fruehe_kindheit",
        B,
        "kita_kinder_3_6",
        "kinder_3_6",
        100,
        "%",
        KITA,
        "Jugendamt",
        gettext_noop(
            "Kinder von 3 bis unter 6 Jahren in Kindertagesbetreuung je 100 Kinder dieses Alters."
        ),
    ),
    I(
        "seu_sprachfoerderbedarf",
        gettext_noop("Sprachförderbedarf bei der Einschulung"),
        gettext_noop("Gesundheit und Entwicklung"),
        "fruehe_kindheit",
        W,
        "einschulung_sprachfoerderung",
        "einschulung_untersucht",
        100,
        "%",
        SEU,
        "Gesundheitsamt",
        gettext_noop("Anteil der untersuchten Kinder mit festgestelltem Sprachförderbedarf."),
    ),
    I(
        "seu_uebergewicht",
        gettext_noop("Übergewicht bei der Einschulung"),
        gettext_noop("Gesundheit und Entwicklung"),
        "fruehe_kindheit",
        W,
        "einschulung_uebergewicht",
        "einschulung_untersucht",
        100,
        "%",
        SEU,
        "Gesundheitsamt",
        gettext_noop(
            "Anteil der untersuchten Kinder mit Übergewicht (BMI über dem 90. Perzentil)."
        ),
    ),
    I(
        "seu_motorik",
        gettext_noop("Motorische Auffälligkeiten bei der Einschulung"),
        gettext_noop("Gesundheit und Entwicklung"),
        "fruehe_kindheit",
        W,
        "einschulung_motorik",
        "einschulung_untersucht",
        100,
        "%",
        SEU,
        "Gesundheitsamt",
        gettext_noop(
            "Anteil der untersuchten Kinder mit auffälligem Befund der Körperkoordination."
        ),
    ),
    I(
        "seu_vorsorge_u9",
        gettext_noop("Vollständige Vorsorgeuntersuchungen"),
        gettext_noop("Gesundheit und Entwicklung"),
        "fruehe_kindheit",
        B,
        "einschulung_u9",
        "einschulung_untersucht",
        100,
        "%",
        SEU,
        "Gesundheitsamt",
        gettext_noop("Anteil der untersuchten Kinder mit vollständig dokumentierten U1–U9."),
    ),
    I(
        "seu_masernschutz",
        gettext_noop("Masernschutz bei der Einschulung"),
        gettext_noop("Gesundheit und Entwicklung"),
        "fruehe_kindheit",
        B,
        "einschulung_masern",
        "einschulung_untersucht",
        100,
        "%",
        SEU,
        "Gesundheitsamt",
        gettext_noop(
            "Anteil der untersuchten Kinder mit vollständigem Masernschutz (zwei Impfungen)."
        ),
    ),
    I(
        "uebergang_gymnasium",
        gettext_noop("Übergang aufs Gymnasium"),
        gettext_noop("Schule"),
        "grundschule",
        B,
        "uebergaenge_gymnasium",
        "uebergaenge_klasse4",
        100,
        "%",
        SCHUL,
        "Staatliches Schulamt",
        gettext_noop(
            "Anteil der Übergänge von Klasse 4 auf ein Gymnasium an allen Übergängen nach Klasse 4."
        ),
    ),
    I(
        "schulabgaenger_ohne_abschluss_quote",
        gettext_noop("Schulabgänger ohne Abschluss"),
        gettext_noop("Schule"),
        "sekundarstufe",
        W,
        "schulabgaenger_ohne_abschluss",
        "schulabgaenger",
        100,
        "%",
        SCHUL,
        "Staatliches Schulamt",
        gettext_noop("Anteil der Schulabgänger ohne Hauptschulabschluss an allen Schulabgängern."),
    ),
    I(
        "jugendarbeitslosigkeit",
        gettext_noop("Jugendarbeitslosigkeit"),
        gettext_noop("Arbeit"),
        "uebergang",
        W,
        "arbeitslose_u25",
        "jugendliche_15_25",
        100,
        "%",
        BA,
        "Bundesagentur für Arbeit",
        gettext_noop("Arbeitslose unter 25 Jahren je 100 Einwohner von 15 bis unter 25 Jahren."),
    ),
    I(
        "arbeitslosendichte",
        gettext_noop("Arbeitslosendichte"),
        gettext_noop("Arbeit"),
        "alle",
        W,
        "arbeitslose",
        "einwohner_15_65",
        100,
        "%",
        INKAR,
        "BBSR (INKAR) / Bundesagentur für Arbeit",
        gettext_noop("Arbeitslose je 100 Einwohner im erwerbsfähigen Alter (15 bis unter 65)."),
    ),
    I(
        "arbeitslose_anzahl",
        gettext_noop("Arbeitslose"),
        gettext_noop("Arbeit"),
        "alle",
        W,
        "arbeitslose",
        None,
        1,
        gettext_noop("Anzahl"),
        INKAR,
        "BBSR (INKAR) / Bundesagentur für Arbeit",
        gettext_noop("Registrierte Arbeitslose im Jahresdurchschnitt."),
        decimals=0,
    ),
    I(
        "hze_dichte",
        gettext_noop("Hilfen zur Erziehung je 1.000 Minderjährige"),
        gettext_noop("Jugendhilfe"),
        "alle",
        W,
        "hilfen_zur_erziehung",
        "minderjaehrige",
        1000,
        gettext_noop("je 1.000"),
        JA,
        "Jugendamt",
        gettext_noop("Laufende Hilfen zur Erziehung am Jahresende je 1.000 Minderjährige."),
    ),
    I(
        "kinderschutz_dichte",
        gettext_noop("Gefährdungseinschätzungen je 1.000 Minderjährige"),
        gettext_noop("Jugendhilfe"),
        "alle",
        W,
        "gefaehrdungseinschaetzungen",
        "minderjaehrige",
        1000,
        gettext_noop("je 1.000"),
        JA,
        "Jugendamt",
        gettext_noop(
            "Verfahren zur Einschätzung der Gefährdung des Kindeswohls (§ 8a SGB VIII) je 1.000 Minderjährige."
        ),
    ),
    I(
        "kinder_u15_sgb2_anzahl",
        gettext_noop("Kinder unter 15 im SGB-II-Bezug"),
        gettext_noop("Armut"),
        "alle",
        W,
        "kinder_u15_sgb2",
        None,
        1,
        gettext_noop("Anzahl"),
        BA,
        "Bundesagentur für Arbeit",
        gettext_noop("Kinder unter 15 Jahren in SGB-II-Bedarfsgemeinschaften."),
        decimals=0,
    ),
    I(
        "gisd",
        gettext_noop("Sozioökonomische Deprivation (GISD)"),
        gettext_noop("Armut"),
        "alle",
        W,
        "gisd_score",
        None,
        1,
        gettext_noop("Index"),
        GISD,
        "Robert Koch-Institut",
        gettext_noop(
            "German Index of Socioeconomic Deprivation: Index aus Bildung, Beschäftigung und Einkommen, 0 (geringste) bis 1 (höchste Deprivation)."
        ),
        decimals=3,
    ),
    I(
        "inkar_ohne_abschluss",
        gettext_noop("Schulabgänger ohne Abschluss (INKAR, Kreise)"),
        gettext_noop("Schule"),
        "sekundarstufe",
        W,
        "schulabgaenger_ohne_abschluss_anteil",
        None,
        1,
        "%",
        INKAR,
        "BBSR Bonn",
        gettext_noop(
            "Schulabgänger ohne Hauptschulabschluss in % aller Schulabgänger (INKAR, Kreisebene)."
        ),
    ),
    I(
        "inkar_haushaltseinkommen",
        gettext_noop("Haushaltseinkommen je Einwohner (INKAR, Kreise)"),
        gettext_noop("Armut"),
        "alle",
        B,
        "haushaltseinkommen_je_einwohner",
        None,
        1,
        gettext_noop("Euro"),
        INKAR,
        "BBSR Bonn",
        gettext_noop(
            "Durchschnittliches Haushaltseinkommen je Einwohner und Monat (INKAR, Kreisebene)."
        ),
        decimals=0,
    ),
)


def sync(measure_model, indicator_model) -> tuple[int, int]:
    """Create or update the catalogue (works with historical models in migrations)."""
    measures = {}
    for m in MEASURES:
        obj, _ = measure_model.objects.update_or_create(
            code=m.code,
            defaults={
                "name": m.name,
                "source": m.source,
                "kind": m.kind,
                "unit": m.unit,
                "description": m.description,
            },
        )
        measures[m.code] = obj
    for sort, i in enumerate(INDICATORS):
        indicator_model.objects.update_or_create(
            code=i.code,
            defaults={
                "name": i.name,
                "topic": i.topic,
                "life_phase": i.life_phase,
                "direction": i.direction,
                "numerator": measures[i.numerator],
                "denominator": measures[i.denominator] if i.denominator else None,
                "factor": i.factor,
                "unit": i.unit,
                "source": i.source,
                "data_owner": i.owner,
                "definition": i.definition,
                "update_rhythm": i.rhythm,
                "decimals": i.decimals,
                "sort": sort,
            },
        )
    return len(MEASURES), len(INDICATORS)
