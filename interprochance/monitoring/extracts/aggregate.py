"""DuckDB aggregation of person-level extracts."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ..disclosure import DisclosureRules, Hierarchy, Link, ProtectionResult, protect

# --------------------------------------------------------------------- measures

_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class MeasureDef:
    """A count over the extract. ``where`` is a SQL condition over the extract's
    columns, written in code (never taken from user input); ``distinct`` counts
    distinct values of a column (e.g. households) instead of rows."""

    code: str
    where: str = "TRUE"
    distinct: str | None = None
    columns: tuple[str, ...] = ()  # extract columns the condition needs

    def __post_init__(self) -> None:
        if not _IDENT.match(self.code):
            raise ValueError(f"measure code {self.code!r} is not a plain identifier")
        if self.distinct is not None and not _IDENT.match(self.distinct):
            raise ValueError(f"distinct column {self.distinct!r} is not a plain identifier")


# The count measures of the catalogue that a resident extract can deliver.
# Columns: year, age, sgb2 (person receives SGB II), migration (migration
# background), household_id, single_parent (household of one adult with children),
# plus area_code or street + house_number.
CATALOGUE_MEASURES: tuple[MeasureDef, ...] = (
    MeasureDef("einwohner"),
    MeasureDef("kinder_u3", "age < 3", columns=("age",)),
    MeasureDef("kinder_3_6", "age >= 3 AND age < 6", columns=("age",)),
    MeasureDef("kinder_u6", "age < 6", columns=("age",)),
    MeasureDef("kinder_6_10", "age >= 6 AND age < 10", columns=("age",)),
    MeasureDef("kinder_u15", "age < 15", columns=("age",)),
    MeasureDef("kinder_u15_sgb2", "age < 15 AND sgb2", columns=("age", "sgb2")),
    MeasureDef("minderjaehrige", "age < 18", columns=("age",)),
    MeasureDef("minderjaehrige_migration", "age < 18 AND migration", columns=("age", "migration")),
    MeasureDef("jugendliche_15_25", "age >= 15 AND age < 25", columns=("age",)),
    MeasureDef("einwohner_15_65", "age >= 15 AND age < 65", columns=("age",)),
    MeasureDef("einwohner_sgb2", "sgb2", columns=("sgb2",)),
    MeasureDef("einwohner_65plus", "age >= 65", columns=("age",)),
    MeasureDef(
        "haushalte_mit_kindern",
        "age < 18",
        distinct="household_id",
        columns=("age", "household_id"),
    ),
    MeasureDef(
        "haushalte_alleinerziehend",
        "age < 18 AND single_parent",
        distinct="household_id",
        columns=("age", "single_parent", "household_id"),
    ),
    MeasureDef(
        "haushalte_mit_kindern_sgb2",
        "age < 18 AND sgb2",
        distinct="household_id",
        columns=("age", "sgb2", "household_id"),
    ),
)

# numerator <= denominator pairs among the catalogue measures (for suppression).
CATALOGUE_LINKS: tuple[Link, ...] = (
    Link("kinder_u15_sgb2", "kinder_u15"),
    Link("kinder_u15", "einwohner"),
    Link("kinder_u3", "kinder_u6"),
    Link("kinder_3_6", "kinder_u6"),
    Link("minderjaehrige_migration", "minderjaehrige"),
    Link("haushalte_alleinerziehend", "haushalte_mit_kindern"),
    Link("haushalte_mit_kindern_sgb2", "haushalte_mit_kindern"),
    Link("einwohner_sgb2", "einwohner"),
)


# --------------------------------------------------------------------- streets

_STREET_SUBS = (
    (re.compile(r"stra(ß|ss)e\b"), "str"),
    (re.compile(r"str\."), "str"),
    (re.compile(r"[\s.\-/']+"), ""),
)


def normalise_street(name: str) -> str:
    """The key a street is matched on: lower case, 'Straße'/'Strasse'/'Str.' -> 'str',
    no spaces, dots, hyphens or apostrophes. The SQL macro below does the same."""
    key = name.strip().lower()
    for pattern, repl in _STREET_SUBS:
        key = pattern.sub(repl, key)
    return key


_STREET_MACRO = r"""
CREATE OR REPLACE TEMP MACRO street_key(s) AS
  regexp_replace(
    regexp_replace(
      regexp_replace(lower(trim(s)), 'stra(ß|ss)e\b', 'str', 'g'),
      'str\.', 'str', 'g'),
    '[\s.\-/'']+', '', 'g')
"""


@dataclass(frozen=True)
class StreetRange:
    """A row of the street directory: house numbers [low, high] of ``street``
    (all, odd or even numbers) belong to ``area_code``."""

    street: str
    low: int
    high: int
    area_code: str
    parity: str = "all"

    def __post_init__(self) -> None:
        if self.parity not in ("all", "odd", "even"):
            raise ValueError(f"{self.street}: parity must be all, odd or even")
        if self.low < 0 or self.high < self.low:
            raise ValueError(f"{self.street}: house number range {self.low}-{self.high} is empty")


def _check_directory(directory: Sequence[StreetRange]) -> None:
    by_street: dict[str, list[StreetRange]] = {}
    for r in directory:
        by_street.setdefault(normalise_street(r.street), []).append(r)
    for rows in by_street.values():
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                parity_clash = a.parity == "all" or b.parity == "all" or a.parity == b.parity
                if parity_clash and a.low <= b.high and b.low <= a.high:
                    raise ValueError(
                        f"street directory: {a.street} {a.low}-{a.high} ({a.parity}) overlaps "
                        f"{b.street} {b.low}-{b.high} ({b.parity})"
                    )


# --------------------------------------------------------------------- aggregate


@dataclass
class AggregationResult:
    counts: dict[tuple[int, str, str], int]  # (period, area, measure) -> count
    rows_read: int
    rows_assigned: int
    unassigned: int  # rows with neither a known area code nor a matching address
    unknown_area_codes: dict[str, int] = field(default_factory=dict)
    periods: list[int] = field(default_factory=list)

    def table(self, period: int) -> dict[tuple[str, str], int]:
        return {(a, m): v for (p, a, m), v in self.counts.items() if p == period}


def _reader(path: Path) -> str:
    suffix = "".join(path.suffixes[-2:]).lower()
    quoted = "'" + str(path).replace("'", "''") + "'"
    if suffix.endswith(".parquet"):
        return f"read_parquet({quoted})"
    if suffix.endswith((".csv", ".csv.gz", ".txt")):
        encoding = _detect_encoding(path)
        return (
            f"read_csv({quoted}, header=true, encoding='{encoding}', "
            "all_varchar=false, sample_size=20480)"
        )
    raise ValueError(f"{path.name}: only CSV and Parquet extracts are read")


def _detect_encoding(path: Path) -> str:
    """UTF-8 when the first MiB decodes as UTF-8, else Windows-1252 (read as Latin-1,
    which DuckDB supports natively; the two differ only in 0x80-0x9F)."""
    if path.suffix.lower() == ".gz":
        return "utf-8"
    with path.open("rb") as fh:
        head = fh.read(1 << 20)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        if exc.start < len(head) - 4:
            return "latin-1"
    return "utf-8"


def aggregate_extract(
    paths: Sequence[str | Path],
    measures: Sequence[MeasureDef] = CATALOGUE_MEASURES,
    *,
    area_codes: Collection[str],
    street_directory: Sequence[StreetRange] = (),
    period_column: str = "year",
    periods: tuple[int, int] | None = None,
    threads: int | None = None,
    memory_limit: str | None = None,
) -> AggregationResult:
    """Count ``measures`` per (period, leaf area) over the extract files.

    A row's area is its ``area_code`` column when given and known, otherwise the
    street directory entry matching ``street`` + ``house_number``. Rows with
    neither are counted as unassigned (reported, not guessed). Measures whose
    columns are missing from the extract raise ValueError before anything is read.
    """
    if not paths:
        raise ValueError("no extract files given")
    if not _IDENT.match(period_column):
        raise ValueError("period column must be a plain identifier")
    _check_directory(street_directory)
    files = [Path(p) for p in paths]
    for f in files:
        if not f.exists():
            raise ValueError(f"{f}: file not found")
    con = duckdb.connect(config={"threads": threads} if threads else {})
    try:
        if memory_limit:
            con.execute(f"SET memory_limit = '{memory_limit}'")
        con.execute(_STREET_MACRO)
        source = " UNION ALL BY NAME ".join(f"SELECT * FROM {_reader(f)}" for f in files)  # noqa: S608 - code-owned identifiers (validated), quoted paths
        con.execute(f"CREATE TEMP VIEW extract AS {source}")
        columns = {row[0] for row in con.execute("DESCRIBE extract").fetchall()}
        needed = {period_column}
        for m in measures:
            needed.update(m.columns)
            if m.distinct:
                needed.add(m.distinct)
        missing = sorted(needed - columns)
        if missing:
            raise ValueError("the extract lacks the columns: " + ", ".join(missing))
        has_code = "area_code" in columns
        has_address = {"street", "house_number"} <= columns
        if not has_code and not has_address:
            raise ValueError("the extract needs an area_code column or street + house_number")
        if not has_address and street_directory:
            raise ValueError("a street directory was given but the extract has no addresses")

        con.execute("CREATE TEMP TABLE areas(code VARCHAR PRIMARY KEY)")
        con.executemany("INSERT INTO areas VALUES (?)", [(c,) for c in sorted(set(area_codes))])
        con.execute(
            "CREATE TEMP TABLE directory(street_key VARCHAR, low INTEGER, high INTEGER, "
            "parity VARCHAR, area_code VARCHAR)"
        )
        if street_directory:
            con.executemany(
                "INSERT INTO directory VALUES (street_key(?), ?, ?, ?, ?)",
                [(r.street, r.low, r.high, r.parity, r.area_code) for r in street_directory],
            )
        code_expr = "NULLIF(trim(CAST(e.area_code AS VARCHAR)), '')" if has_code else "NULL"
        if has_address:
            resolved = f"""
                SELECT e.*, COALESCE(a.code, d.area_code) AS _area,
                       {code_expr} AS _given
                FROM (SELECT *, street_key(CAST(street AS VARCHAR)) AS _skey,
                             TRY_CAST(regexp_extract(CAST(house_number AS VARCHAR),
                                      '^\\s*(\\d+)', 1) AS INTEGER) AS _hn
                      FROM extract) e
                LEFT JOIN areas a ON a.code = {code_expr}
                LEFT JOIN directory d
                  ON a.code IS NULL AND {code_expr} IS NULL
                 AND d.street_key = e._skey
                 AND e._hn BETWEEN d.low AND d.high
                 AND (d.parity = 'all' OR (d.parity = 'odd' AND e._hn % 2 = 1)
                      OR (d.parity = 'even' AND e._hn % 2 = 0))
            """  # noqa: S608 - code-owned identifiers (validated), quoted paths
        else:
            resolved = f"""
                SELECT e.*, a.code AS _area, {code_expr} AS _given
                FROM extract e LEFT JOIN areas a ON a.code = {code_expr}
            """  # noqa: S608 - code-owned identifiers (validated), quoted paths
        con.execute(f"CREATE TEMP VIEW resolved AS {resolved}")
        period_sql = f"CAST({period_column} AS INTEGER)"
        # One pass over the extract. Rows without an area stay in the grouping
        # (area NULL, keyed by the unknown code given) so that unassigned rows and
        # unknown codes are reported from the same scan.
        keys = (
            f"{period_sql} AS _period, _area, CASE WHEN _area IS NULL THEN _given END AS _unknown"
        )
        distinct_cols = sorted({m.distinct for m in measures if m.distinct})
        if len(distinct_cols) == 1:
            # Two stages: first per (period, area, household), then count households
            # with a flag. Same result as count(DISTINCT household) per area, but one
            # hash aggregation instead of one distinct set per measure and group.
            hh = distinct_cols[0]
            inner, outer = [], []
            for i, m in enumerate(measures):
                if m.distinct:
                    inner.append(f"bool_or({m.where}) AS f{i}")
                    outer.append(f"count(*) FILTER (WHERE f{i}) AS m{i}")
                else:
                    inner.append(f"count(*) FILTER (WHERE {m.where}) AS c{i}")
                    outer.append(f"sum(c{i}) AS m{i}")
            query = f"""
                SELECT _period, _area, _unknown, {", ".join(outer)}, sum(_n) AS _n
                FROM (
                    SELECT {keys}, {hh}, {", ".join(inner)}, count(*) AS _n
                    FROM resolved GROUP BY ALL
                ) GROUP BY _period, _area, _unknown
            """  # noqa: S608 - code-owned identifiers (validated), quoted paths
        else:
            aggregates = []
            for i, m in enumerate(measures):
                if m.distinct:
                    aggregates.append(
                        f"count(DISTINCT {m.distinct}) FILTER (WHERE {m.where}) AS m{i}"
                    )
                else:
                    aggregates.append(f"count(*) FILTER (WHERE {m.where}) AS m{i}")
            query = f"""
                SELECT {keys}, {", ".join(aggregates)}, count(*) AS _n
                FROM resolved GROUP BY ALL
            """  # noqa: S608 - code-owned identifiers (validated), quoted paths
        grouped = con.execute(query).fetchall()
    finally:
        con.close()
    rows_read = sum(int(r[-1]) for r in grouped)
    rows_assigned = sum(int(r[-1]) for r in grouped if r[1] is not None)
    pnull = sum(int(r[-1]) for r in grouped if r[0] is None)
    if pnull:
        raise ValueError(f"{pnull} rows have no {period_column}")
    seen = [int(r[0]) for r in grouped]
    if periods is not None and seen and (min(seen) < periods[0] or max(seen) > periods[1]):
        raise ValueError(
            f"{period_column} {min(seen)}-{max(seen)} lies outside the allowed range "
            f"{periods[0]}-{periods[1]}"
        )
    unknown: dict[str, int] = {}
    counts: dict[tuple[int, str, str], int] = {}
    seen_periods: set[int] = set()
    for row in grouped:
        period, area, bad_code = int(row[0]), row[1], row[2]
        if area is None:
            if bad_code is not None:
                unknown[str(bad_code)] = unknown.get(str(bad_code), 0) + int(row[-1])
            continue
        seen_periods.add(period)
        for i, m in enumerate(measures):
            key = (period, area, m.code)
            counts[key] = counts.get(key, 0) + int(row[3 + i] or 0)
    return AggregationResult(
        counts=counts,
        rows_read=rows_read,
        rows_assigned=rows_assigned,
        unassigned=rows_read - rows_assigned,
        unknown_area_codes=dict(sorted(unknown.items(), key=lambda kv: -kv[1])[:50]),
        periods=sorted(seen_periods),
    )


def rollup(
    table: Mapping[tuple[str, str], int], hierarchy: Hierarchy, measures: Sequence[str]
) -> dict[tuple[str, str], int]:
    """Complete a leaf table upwards: every ancestor gets the sum of its children.
    Leaves without rows get 0, so totals and parts always agree."""
    out: dict[tuple[str, str], int] = {}
    for area in hierarchy.leaves_first():
        children = hierarchy.children(area)
        for m in measures:
            if children:
                own = table.get((area, m), 0)
                if own:
                    raise ValueError(
                        f"area {area!r} has children but rows were assigned to it directly"
                    )
                out[(area, m)] = sum(out[(c, m)] for c in children)
            else:
                out[(area, m)] = int(table.get((area, m), 0))
    return out


def protect_periods(
    result: AggregationResult,
    hierarchy: Hierarchy,
    measures: Sequence[str],
    rules: DisclosureRules | None = None,
    links: Sequence[Link] = CATALOGUE_LINKS,
) -> dict[int, ProtectionResult]:
    """Roll each period up the hierarchy and apply disclosure control."""
    codes = set(measures)
    usable = [link for link in links if link.numerator in codes and link.denominator in codes]
    out = {}
    for period in result.periods:
        full = rollup(result.table(period), hierarchy, measures)
        out[period] = protect(hierarchy, full, rules, links=usable)
    return out
