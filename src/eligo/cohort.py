"""Cohorts: the tabular patient layout, its readers and converter, and screening on DuckDB.

Patient input for whole populations (``patient tables ──load──▶ DuckDB ──SQL──▶ verdicts``).
A cohort is up to six tables, one row per item, readable from CSV, Parquet or a DuckDB file
(see :data:`LAYOUT` and README "Cohorts at scale"):

==============  =================================================================================
patients        patient_id, birth_date | age_value + age_unit, sex, complete_conditions,
                complete_medications, complete_procedures, deceased_date
observations    patient_id, seq, code, system, name, value | value_text | value_bool, unit, date,
                reference_low, reference_high
conditions      patient_id, seq, code, system, name, status, onset_date, abatement_date
medications     patient_id, seq, code, system, name, status, start_date, end_date, dose_value,
                dose_unit
procedures      patient_id, seq, code, system, name, status, date
facts           patient_id, fact, value_bool | value + unit | value_text
==============  =================================================================================

Design decisions:

* **One loader.**  A folder of ``<table>.csv`` / ``<table>.parquet`` files, a DuckDB file, and
  eligo JSON / FHIR / JSON Lines (converted through :func:`eligo.patient.iter_patients`) all
  end as the same canonical DuckDB tables, checked the same way: a missing column, a value of
  the wrong type, an unknown unit or status word is one :class:`CohortError` naming the file,
  the column, the row and the value.
* **Values as eligo JSON reads them.**  Units are normalised to UCUM and statuses to eligo's
  words (with the same defaults: a condition without status is active, resolved with an
  abatement date; …), so the in-process engine (:func:`iter_records`) and the SQL engine
  (:func:`screen_cohort`) read identical records.  ``seq`` (the item's position in the
  record) breaks ties between same-day values, as record order does in-process; without it the
  file order is used.
* **Plausibility is not re-checked.**  eligo JSON rejects impossible lab values; a table is
  taken as given, and a score whose inputs are impossible is unknown.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .errors import EligoError, PatientRecordError, did_you_mean
from .inputs import EXTENSIONS as EXTENSIONS
from .inputs import is_tabular as is_tabular
from .inputs import iter_input as iter_input
from .record import (
    SECTIONS,
    Condition,
    Medication,
    Observation,
    Procedure,
    Record,
)

if TYPE_CHECKING:
    import duckdb

    from .sql import Bindings, CompiledTrial
    from .trial import Trial


@dataclass(frozen=True)
class Column:
    """One column of the layout: name, DuckDB type, whether it must be present, meaning."""

    name: str
    type: str
    required: bool = False
    doc: str = ""


def _item_columns(*extra: Column) -> tuple[Column, ...]:
    return (
        Column("patient_id", "VARCHAR", True, "the patient's id (patients.patient_id)"),
        Column("seq", "BIGINT", False, "position in the patient's record (default: file order)"),
        Column("code", "VARCHAR", False, "code in `system`"),
        Column("system", "VARCHAR", False, "code system URI or short name (loinc, icd10cm, …)"),
        Column("name", "VARCHAR", False, "display name, matched against vocabulary synonyms"),
        *extra,
    )


LAYOUT: dict[str, tuple[Column, ...]] = {
    "patients": (
        Column("patient_id", "VARCHAR", True, "unique id"),
        Column("birth_date", "DATE", False, "ISO date"),
        Column("age_value", "DOUBLE", False, "age instead of birth_date"),
        Column("age_unit", "VARCHAR", False, "UCUM time unit of age_value (a, mo, wk, d)"),
        Column("sex", "VARCHAR", False, "female | male | other | unknown"),
        Column("complete_conditions", "BOOLEAN", False, "conditions recorded completely"),
        Column("complete_medications", "BOOLEAN", False, "medications recorded completely"),
        Column("complete_procedures", "BOOLEAN", False, "procedures recorded completely"),
        Column("deceased_date", "DATE", False, "ISO date"),
    ),
    "observations": _item_columns(
        Column("value", "DOUBLE", False, "numeric result"),
        Column("value_text", "VARCHAR", False, "categorical result (Child-Pugh B, '<0.5')"),
        Column("value_bool", "BOOLEAN", False, "true/false result"),
        Column("unit", "VARCHAR", False, "UCUM unit of value"),
        Column("date", "DATE", False, "ISO date"),
        Column("reference_low", "DOUBLE", False, "lab's lower reference limit, in unit"),
        Column("reference_high", "DOUBLE", False, "lab's upper reference limit, in unit"),
    ),
    "conditions": _item_columns(
        Column("status", "VARCHAR", False, "active | resolved | inactive | absent | unknown | …"),
        Column("onset_date", "DATE", False, "ISO date"),
        Column("abatement_date", "DATE", False, "ISO date"),
    ),
    "medications": _item_columns(
        Column("status", "VARCHAR", False, "active | completed | stopped | absent | unknown | …"),
        Column("start_date", "DATE", False, "ISO date"),
        Column("end_date", "DATE", False, "ISO date"),
        Column("dose_value", "DOUBLE", False, "dose"),
        Column("dose_unit", "VARCHAR", False, "UCUM unit of dose_value (ug/kg/min, mg/d)"),
    ),
    "procedures": _item_columns(
        Column("status", "VARCHAR", False, "completed | active | absent | unknown | …"),
        Column("date", "DATE", False, "ISO date"),
    ),
    "facts": (
        Column("patient_id", "VARCHAR", True, "the patient's id"),
        Column("fact", "VARCHAR", True, "vocabulary fact id: consent, willing_for_transplant, …"),
        Column("value_bool", "BOOLEAN", False, "yes/no facts"),
        Column("value", "DOUBLE", False, "quantity facts (life_expectancy)"),
        Column("unit", "VARCHAR", False, "UCUM unit of value"),
        Column("value_text", "VARCHAR", False, "category facts"),
    ),
}
TABLES = tuple(LAYOUT)
_SEXES = ("female", "male", "other", "unknown")
_CANONICAL_STATUS = ("active", "resolved", "inactive", "completed", "stopped", "absent", "unknown")


class CohortError(EligoError):
    """A cohort table that cannot be read: names the file, column, row and value."""

    def __init__(
        self,
        message: str,
        file: str | None = None,
        column: str | None = None,
        row: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.column = column
        self.row = row

    def __str__(self) -> str:
        where = [p for p in (self.file, f"row {self.row}" if self.row else None) if p]
        if self.column:
            where.append(f"column {self.column}")
        return f"{': '.join(where)}: {self.message}" if where else self.message


Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


@dataclass
class Cohort:
    """Canonical cohort tables in a DuckDB connection, and where they came from.

    ``entries`` is set for cohorts converted from patient files: every input record in order,
    as (label, table key) or (label, the error that record gave), so screening output keeps the
    input order and reports bad records in place.  ``ids`` maps table keys back to record ids.

    The distinct observation and item keys :meth:`bindings` reads are kept: a query compiled with
    ``check_keys`` reports any row whose key they lack, and :func:`screen_cohort` then reads
    them again and redoes the screening, so changed tables are never screened with stale keys.
    """

    con: duckdb.DuckDBPyConnection
    source: str
    entries: list[tuple[str, str | PatientRecordError]] | None = None
    ids: dict[str, str] = field(default_factory=dict)
    _obs_keys: tuple[tuple[str | None, ...], ...] | None = field(
        default=None, repr=False, compare=False
    )
    _item_keys: tuple[tuple[str | None, ...], ...] | None = field(
        default=None, repr=False, compare=False
    )

    def bindings(self, fresh: bool = False) -> Bindings:
        """The distinct codes, systems, names and units of the tables (:class:`Bindings`).

        One ``SELECT DISTINCT`` per table, except that the observation keys and the item keys
        (conditions, procedures, medications: the large tables, three or four text columns)
        are read once and reused unless ``fresh``: only valid for a query compiled with
        ``check_keys``, which finds a key they lack.
        """
        from .sql import Bindings, distinct_queries

        queries = distinct_queries("duckdb")

        def rows(name: str) -> tuple[tuple[Any, ...], ...]:
            return tuple(tuple(r) for r in self.con.execute(queries[name]).fetchall())

        if fresh or self._obs_keys is None or self._item_keys is None:
            self._obs_keys = rows("observations")
            self._item_keys = rows("items")
        return Bindings(
            observations=self._obs_keys,  # type: ignore[arg-type]
            items=self._item_keys,  # type: ignore[arg-type]
            facts=rows("facts"),
            age_units=tuple(r[0] for r in rows("age_units")),
        )

    def set_fact(self, fact: str, text: str) -> None:
        """Record the category fact ``fact`` as ``text`` for every patient, in place of any
        recorded value (``eligo screen --cohort``: the part every record is screened for).
        The tables are the connection's own copy; a source file is never written."""
        self.con.execute("DELETE FROM facts WHERE fact = ?", [fact])
        self.con.execute(
            "INSERT INTO facts (patient_id, fact, value_text) "
            "SELECT patient_id, ?, ? FROM patients",
            [fact, text],
        )

    def count(self) -> int:
        row = self.con.execute("SELECT count(*) FROM patients").fetchone()
        return int(row[0]) if row else 0

    def write(self, folder: str | Path, fmt: str = "parquet") -> list[Path]:
        """Write the canonical tables as ``<folder>/<table>.<fmt>`` (parquet or csv)."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for table, cols in LAYOUT.items():
            path = out / f"{table}.{fmt}"
            names = ", ".join(c.name for c in cols)
            opts = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER true)"
            order = (
                "_row"
                if table == "patients"
                else "patient_id, seq"
                if table != "facts"
                else "patient_id, fact"
            )
            self.con.execute(
                f"COPY (SELECT {names} FROM {table} ORDER BY {order}) TO '{_sq(str(path))}' {opts}"
            )
            paths.append(path)
        return paths


def connect() -> duckdb.DuckDBPyConnection:
    """A new in-memory DuckDB connection."""
    import duckdb

    return duckdb.connect(":memory:")


def _sq(s: str) -> str:
    return s.replace("'", "''")


def _qi(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


# --------------------------------------------------------------------------- reading


def open_cohort(path: str | Path, progress: Progress = _quiet) -> Cohort:
    """Read a cohort: a table folder, a DuckDB file, or anything ``eligo screen`` reads.

    Raises:
        CohortError: a table file is missing a column, has a value of the wrong type, an
            unknown unit, status, sex or fact, or rows that contradict each other.
        PatientRecordError: ``path`` does not exist.
    """
    p = Path(path)
    if is_tabular(p):
        con = connect()
        if p.is_dir():
            sources = {}
            for table in TABLES:
                found = [
                    p / f"{table}{ext}" for ext in EXTENSIONS if (p / f"{table}{ext}").is_file()
                ]
                if found:
                    sources[table] = (str(found[0]), _reader(found[0]))
        else:
            con.execute(f"ATTACH '{_sq(str(p))}' AS eligo_src (READ_ONLY)")
            names = {
                r[0]
                for r in con.execute(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_catalog = 'eligo_src'"
                ).fetchall()
            }
            sources = {t: (f"{p}:{t}", f"eligo_src.{_qi(t)}") for t in TABLES if t in names}
        if "patients" not in sources:
            raise CohortError(
                "no patients table (patients.csv, patients.parquet or a table)", str(p)
            )
        _load(con, sources, progress)
        return Cohort(con, str(p))
    from .patient import iter_patients

    return records_to_cohort(iter_patients(p), str(p), progress)


def _reader(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".parquet"):
        return f"read_parquet('{_sq(str(path))}')"
    delim = "\\t" if name.endswith(".tsv") else ","
    return f"read_csv('{_sq(str(path))}', all_varchar = true, header = true, delim = '{delim}')"


def _load(
    con: duckdb.DuckDBPyConnection, sources: dict[str, tuple[str, str]], progress: Progress
) -> None:
    """Check each source table and create the canonical table from it."""
    import duckdb

    for table, cols in LAYOUT.items():
        if table not in sources:
            body = ", ".join(f"CAST(NULL AS {c.type}) AS {c.name}" for c in cols)
            body += ", CAST(NULL AS BIGINT) AS _row"
            con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT {body} WHERE false")
            continue
        file, reader = sources[table]
        progress(f"reading {file}")
        try:
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE eligo_src_{table} AS "
                f"SELECT row_number() OVER () AS eligo_rownum, * FROM {reader}"
            )
            have = {r[0]: str(r[1]) for r in con.execute(f"DESCRIBE eligo_src_{table}").fetchall()}
        except duckdb.Error as e:
            raise CohortError(f"cannot read: {_first_line(e)}", file) from None
        have.pop("eligo_rownum", None)
        known = {c.name for c in cols}
        for c in cols:
            if c.required and c.name not in have:
                raise CohortError(f"required column '{c.name}' is missing", file)
        for name in have:
            if name not in known:
                raise CohortError(
                    f"unknown column '{name}'{did_you_mean(name, known)}; "
                    f"{table} columns: {', '.join(c.name for c in cols)}",
                    file,
                )
        exprs = []
        checks = []
        for c in cols:
            if c.name not in have:
                exprs.append(_default(table, c, have))
                continue
            typed = _typed(c, _qi(c.name))
            if c.type != "VARCHAR":
                _check_castable(con, table, file, c, typed, have[c.name])
                checks.append((c, typed))
            exprs.append(f"{typed} AS {c.name}")
        _check_types(con, table, file, checks)
        exprs.append("eligo_rownum AS _row")
        con.execute(
            f"CREATE OR REPLACE TABLE {table} AS SELECT {', '.join(exprs)} "
            f"FROM eligo_src_{table} ORDER BY eligo_rownum"
        )
        _canonical(con, table, file)
        con.execute(f"DROP TABLE eligo_src_{table}")
    _check_links(con, {t: f for t, (f, _) in sources.items()})


def _first_line(e: BaseException) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__


def _typed(c: Column, ident: str) -> str:
    if c.type == "VARCHAR":
        return f"NULLIF(CAST({ident} AS VARCHAR), '')"
    if c.type == "DATE":
        return f"COALESCE(TRY_CAST({ident} AS DATE), CAST(TRY_CAST({ident} AS TIMESTAMP) AS DATE))"
    return f"TRY_CAST({ident} AS {c.type})"


def _default(table: str, c: Column, have: dict[str, str]) -> str:
    if c.name == "seq":
        return "eligo_rownum AS seq"
    return f"CAST(NULL AS {c.type}) AS {c.name}"


def _check_castable(
    con: duckdb.DuckDBPyConnection, table: str, file: str, c: Column, typed: str, native: str
) -> None:
    import duckdb

    try:
        con.execute(f"SELECT {typed} FROM eligo_src_{table} LIMIT 0")
    except duckdb.Error:
        raise CohortError(f"has type {native}; expected {c.type.lower()}", file, c.name) from None


def _check_types(
    con: duckdb.DuckDBPyConnection, table: str, file: str, checks: list[tuple[Column, str]]
) -> None:
    """One pass over the table: the first row whose value does not read as its type."""
    if not checks:
        return
    aggs = []
    for c, typed in checks:
        raw = _qi(c.name)
        bad = (
            f"{raw} IS NOT NULL AND NULLIF(CAST({raw} AS VARCHAR), '') IS NOT NULL "
            f"AND {typed} IS NULL"
        )
        if c.type == "DOUBLE":
            bad = f"({bad}) OR isnan({typed}) OR isinf({typed})"
        aggs.append(f"min(eligo_rownum) FILTER (WHERE {bad})")
    firsts = con.execute(f"SELECT {', '.join(aggs)} FROM eligo_src_{table}").fetchone() or ()
    for (c, _), row in zip(checks, firsts, strict=True):
        if row is not None:
            got = con.execute(
                f"SELECT CAST({_qi(c.name)} AS VARCHAR) FROM eligo_src_{table} "
                f"WHERE eligo_rownum = {int(row)}"
            ).fetchone()
            value = got[0] if got else "?"
            raise CohortError(f"'{value}' is not {_TYPE_WORDS[c.type]}", file, c.name, int(row))


_TYPE_WORDS = {
    "DATE": "an ISO date (YYYY-MM-DD)",
    "DOUBLE": "a finite number",
    "BIGINT": "a whole number",
    "BOOLEAN": "true or false",
}


def _first(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[Any, ...] | None:
    return con.execute(sql).fetchone()


def _canonical(con: duckdb.DuckDBPyConnection, table: str, file: str) -> None:
    """Normalise units, statuses and sex; check the rules eligo JSON checks per item."""
    from .patient import (
        CONDITION_STATUS,
        MEDICATION_STATUS,
        PROCEDURE_STATUS,
        status_from,
    )
    from .units import normalize_unit

    def bad_row(cond: str, message: str, column: str | None = None) -> None:
        row = _first(con, f"SELECT _row FROM {table} WHERE {cond} ORDER BY _row LIMIT 1")
        if row is not None:
            raise CohortError(message, file, column, int(row[0]))

    def remap(column: str, mapping: Callable[[str], str | None], what: str) -> None:
        values = [
            r[0]
            for r in con.execute(
                f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL"
            ).fetchall()
        ]
        changes = {}
        for v in values:
            new = mapping(v)
            if new is None:
                raise CohortError(f"'{v}' is not {what}", file, column)
            if new != v:
                changes[v] = new
        if changes:
            whens = " ".join(f"WHEN '{_sq(k)}' THEN '{_sq(v)}'" for k, v in changes.items())
            con.execute(f"UPDATE {table} SET {column} = CASE {column} {whens} ELSE {column} END")

    def unit(u: str) -> str | None:
        try:
            return normalize_unit(u)
        except EligoError:
            return None

    if table == "patients":
        bad_row("patient_id IS NULL", "patient_id is empty", "patient_id")
        dup = _first(
            con, "SELECT patient_id FROM patients GROUP BY patient_id HAVING count(*) > 1 LIMIT 1"
        )
        if dup is not None:
            raise CohortError(f"patient_id '{dup[0]}' appears more than once", file, "patient_id")
        con.execute("UPDATE patients SET sex = lower(trim(sex)) WHERE sex IS NOT NULL")
        remap("sex", lambda s: s if s in _SEXES else None, f"a sex ({', '.join(_SEXES)})")
        remap("age_unit", unit, "a UCUM unit")
        con.execute(  # an age without a unit is in years, as in iter_records
            "UPDATE patients SET age_unit = 'a' WHERE age_value IS NOT NULL AND age_unit IS NULL"
        )
        bad_row(
            "birth_date IS NOT NULL AND age_value IS NOT NULL",
            "give birth_date or age_value, not both",
            "age_value",
        )
        bad_row("age_value < 0", "age cannot be negative", "age_value")
        return
    bad_row("patient_id IS NULL", "patient_id is empty", "patient_id")
    if table == "facts":
        from .concepts import vocabulary

        facts = sorted(c.id for c in vocabulary() if c.kind == "fact")
        remap(
            "fact",
            lambda f: f if f in facts else None,
            f"a fact id{did_you_mean('', [])} (facts: {', '.join(facts)})",
        )
        dup = _first(
            con,
            "SELECT patient_id, fact FROM facts GROUP BY patient_id, fact "
            "HAVING count(*) > 1 LIMIT 1",
        )
        if dup is not None:
            raise CohortError(f"patient '{dup[0]}' has fact '{dup[1]}' twice", file, "fact")
        _one_value(con, table, file)
        remap("unit", unit, "a UCUM unit")
        return
    dup = _first(
        con,
        f"SELECT patient_id, seq FROM {table} GROUP BY patient_id, seq HAVING count(*) > 1 LIMIT 1",
    )
    if dup is not None:
        raise CohortError(f"patient '{dup[0]}' has seq {dup[1]} twice", file, "seq")
    bad_row("code IS NULL AND name IS NULL", "a row needs a code or a name", "code")
    if table == "observations":
        _one_value(con, table, file)
        remap("unit", unit, "a UCUM unit")
        con.execute(
            "UPDATE observations SET value_text = trim(value_text) WHERE value_text IS NOT NULL"
        )
        return
    table_of = {
        "conditions": (CONDITION_STATUS, "abatement_date", "onset_date"),
        "medications": (MEDICATION_STATUS, "end_date", "start_date"),
        "procedures": (PROCEDURE_STATUS, None, None),
    }
    statuses, end, start = table_of[table]
    remap(
        "status",
        lambda s: s if s in _CANONICAL_STATUS else status_from(statuses, s),
        f"a status ({', '.join(statuses)})",
    )
    if table == "conditions":
        con.execute(
            "UPDATE conditions SET status = CASE WHEN abatement_date IS NULL THEN 'active' "
            "ELSE 'resolved' END WHERE status IS NULL"
        )
    elif table == "medications":
        con.execute(
            "UPDATE medications SET status = CASE WHEN end_date IS NULL THEN 'active' "
            "ELSE 'completed' END WHERE status IS NULL"
        )
        remap("dose_unit", unit, "a UCUM unit")
        bad_row("dose_value < 0", "a dose cannot be negative", "dose_value")
    else:
        con.execute("UPDATE procedures SET status = 'completed' WHERE status IS NULL")
    if end is not None:
        bad_row(f"{end} < {start}", f"{end} is before {start}", end)


def _one_value(con: duckdb.DuckDBPyConnection, table: str, file: str) -> None:
    row = _first(
        con,
        f"SELECT patient_id FROM {table} WHERE (value IS NOT NULL)::INT + "
        f"(value_text IS NOT NULL)::INT + (value_bool IS NOT NULL)::INT > 1 LIMIT 1",
    )
    if row is not None:
        raise CohortError(
            f"patient '{row[0]}': a row has more than one of value, value_text, value_bool",
            file,
            "value",
        )


def _check_links(con: duckdb.DuckDBPyConnection, files: dict[str, str]) -> None:
    for table in TABLES[1:]:
        if table not in files:
            continue
        row = _first(
            con,
            f"SELECT t.patient_id FROM {table} t ANTI JOIN patients p USING (patient_id) LIMIT 1",
        )
        if row is not None:
            raise CohortError(
                f"patient_id '{row[0]}' is not in the patients table", files[table], "patient_id"
            )


# --------------------------------------------------------------------------- converting


def _cell(v: object) -> object:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, date):
        return v.isoformat()
    return v


def _rows(key: str, rec: Record) -> dict[str, list[tuple[object, ...]]]:
    out: dict[str, list[tuple[object, ...]]] = {t: [] for t in TABLES}
    age_value, age_unit = rec.age if rec.age is not None else (None, None)
    out["patients"].append(
        (
            key,
            rec.birth_date,
            float(age_value) if age_value is not None else None,
            age_unit,
            rec.sex,
            *(
                "conditions" in rec.complete,
                "medications" in rec.complete,
                "procedures" in rec.complete,
            ),
            rec.deceased,
        )
    )
    for i, o in enumerate(rec.observations):
        value = o.value
        out["observations"].append(
            (
                key,
                i,
                o.code,
                o.system,
                o.name,
                float(value)
                if isinstance(value, int | float) and not isinstance(value, bool)
                else None,
                value if isinstance(value, str) else None,
                value if isinstance(value, bool) else None,
                o.unit,
                o.date,
                o.reference_low,
                o.reference_high,
            )
        )
    for i, c in enumerate(rec.conditions):
        out["conditions"].append((key, i, c.code, c.system, c.name, c.status, c.onset, c.abatement))
    for i, m in enumerate(rec.medications):
        out["medications"].append(
            (key, i, m.code, m.system, m.name, m.status, m.start, m.end, m.dose_value, m.dose_unit)
        )
    for i, p in enumerate(rec.procedures):
        out["procedures"].append((key, i, p.code, p.system, p.name, p.status, p.date))
    for fact, raw in rec.facts.items():
        if isinstance(raw, bool):
            out["facts"].append((key, fact, raw, None, None, None))
        elif isinstance(raw, str):
            out["facts"].append((key, fact, None, None, None, raw))
        elif isinstance(raw, dict):
            out["facts"].append((key, fact, None, float(raw["value"]), raw.get("unit"), None))
        elif isinstance(raw, tuple | list):
            out["facts"].append((key, fact, None, float(raw[0]), raw[1], None))
        else:
            out["facts"].append((key, fact, None, float(raw), None, None))
    return out


def records_to_cohort(
    items: Iterable[tuple[str, Record | PatientRecordError]],
    source: str = "<records>",
    progress: Progress = _quiet,
) -> Cohort:
    """Convert records (as :func:`eligo.patient.iter_patients` yields them) into a cohort.

    Records keep their input order; a record that could not be read stays in
    :attr:`Cohort.entries` as its error.  Two records with the same id get distinct table keys
    (``id#2``), and :attr:`Cohort.ids` maps keys back to ids.
    """
    import csv  # here, not at the top: `eligo screen` of one patient reads records from
    import tempfile  # this module and need not load these (~5 ms of its start)

    entries: list[tuple[str, str | PatientRecordError]] = []
    ids: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="eligo-cohort-") as tmp, ExitStack() as files:
        handles = {
            t: files.enter_context((Path(tmp) / f"{t}.csv").open("w", newline="", encoding="utf-8"))
            for t in TABLES
        }
        writers = {t: csv.writer(h) for t, h in handles.items()}
        for t, w in writers.items():
            w.writerow([c.name for c in LAYOUT[t]])
        started = time.monotonic()
        for n, (label, rec) in enumerate(items, 1):
            if isinstance(rec, PatientRecordError):
                entries.append((label, rec))
                continue
            key = rec.id
            dup = 1
            while key in ids:
                dup += 1
                key = f"{rec.id}#{dup}"
            ids[key] = rec.id
            entries.append((label, key))
            for t, rows in _rows(key, rec).items():
                writers[t].writerows([_cell(v) for v in row] for row in rows)
            if n % 10000 == 0:
                progress(f"converted {n:,} records ({time.monotonic() - started:.1f} s)")
        for h in handles.values():
            h.flush()
        con = connect()
        sources = {
            t: (str(Path(tmp) / f"{t}.csv"), _reader(Path(tmp) / f"{t}.csv")) for t in TABLES
        }
        _load(con, sources, _quiet)
    return Cohort(con, source, entries, ids)


def iter_records(cohort: Cohort) -> Iterator[tuple[str, Record]]:
    """The cohort's patients as :class:`Record` objects, in order (for the in-process engine)."""
    con = cohort.con
    kids: dict[str, dict[str, list[tuple[Any, ...]]]] = {}
    for table in TABLES[1:]:
        names = ", ".join(c.name for c in LAYOUT[table])
        order = "patient_id, fact" if table == "facts" else "patient_id, seq"
        for row in con.execute(f"SELECT {names} FROM {table} ORDER BY {order}").fetchall():
            kids.setdefault(row[0], {}).setdefault(table, []).append(row)
    names = ", ".join(c.name for c in LAYOUT["patients"])
    for p in con.execute(f"SELECT {names} FROM patients ORDER BY _row").fetchall():
        yield p[0], _record(p, kids.get(p[0], {}))


def _record(p: tuple[Any, ...], kids: dict[str, list[tuple[Any, ...]]]) -> Record:
    pid, birth, age_value, age_unit, sex, cc, cm, cp, deceased = p
    complete = frozenset(s for s, flag in zip(SECTIONS, (cc, cm, cp), strict=True) if flag)
    facts: dict[str, object] = {}
    for _, fact, vb, v, u, vt in kids.get("facts", []):
        facts[fact] = vb if vb is not None else (v, u) if v is not None else vt
    return Record(
        id=pid,
        birth_date=birth,
        age=(float(age_value), age_unit) if age_value is not None else None,
        sex=sex,
        observations=tuple(
            Observation(
                code,
                system,
                name,
                v if v is not None else vt if vt is not None else vb,
                unit,
                d,
                f"observations[{seq}]",
                lo,
                hi,
            )
            for _, seq, code, system, name, v, vt, vb, unit, d, lo, hi in kids.get(
                "observations", []
            )
        ),
        conditions=tuple(
            Condition(code, system, name, status, onset, abate, f"conditions[{seq}]")
            for _, seq, code, system, name, status, onset, abate in kids.get("conditions", [])
        ),
        medications=tuple(
            Medication(code, system, name, status, s, e, f"medications[{seq}]", dv, du)
            for _, seq, code, system, name, status, s, e, dv, du in kids.get("medications", [])
        ),
        procedures=tuple(
            Procedure(code, system, name, status, d, f"procedures[{seq}]")
            for _, seq, code, system, name, status, d in kids.get("procedures", [])
        ),
        facts=MappingProxyType(facts),
        complete=complete,
        deceased=deceased,
        source=f"patients[{pid}]",
    )


# --------------------------------------------------------------------------- screening


@dataclass(frozen=True)
class Funnel:
    """The screening funnel: verdict counts and the criteria that fail or stay unknown most."""

    trial: str
    as_of: date
    total: int
    verdicts: dict[str, int]
    failing: list[tuple[str, str, int]]  # criterion id, text, patients
    unknown: list[tuple[str, str, int]]
    seconds: float
    fallback: dict[str, str]

    def text(self, top: int = 5) -> str:
        lines = [
            f"{self.trial} on {self.as_of.isoformat()}: {self.total:,} patients screened "
            f"in {self.seconds:.1f} s"
        ]
        for v in ("eligible", "needs_review", "ineligible"):
            n = self.verdicts.get(v, 0)
            share = 100.0 * n / self.total if self.total else 0.0
            lines.append(f"  {v:<13}{n:>12,}  {share:5.1f}%")
        for title, rows in (("failing", self.failing), ("unknown", self.unknown)):
            lines.append(f"Top {title} criteria (patients):")
            shown = [r for r in rows if r[2]][:top]
            if not shown:
                lines.append("  (none)")
            for cid, text, n in shown:
                short = text if len(text) <= 60 else text[:59] + "…"
                lines.append(f"  {cid:<6}{n:>12,}  {short}")
        for cid, why in self.fallback.items():
            lines.append(f"note: {cid} was evaluated in-process ({why})")
        return "\n".join(lines)


@dataclass
class CohortResult:
    """Screening results in the cohort's connection: table ``eligo_result``, a row per patient."""

    cohort: Cohort
    compiled: CompiledTrial
    seconds: float

    @property
    def trial(self) -> Trial:
        return self.compiled.trial

    def funnel(self) -> Funnel:
        con = self.cohort.con
        verdicts = {
            str(v): int(n)
            for v, n in con.execute(
                "SELECT verdict, count(*) FROM eligo_result GROUP BY verdict"
            ).fetchall()
        }
        aggs = []
        for name, c in zip(self.compiled.columns, self.trial.criteria, strict=True):
            fail = name if c.kind == "exclusion" else f"NOT {name}"
            aggs.append(f"count(*) FILTER (WHERE {fail})")
            aggs.append(f"count(*) FILTER (WHERE {name} IS NULL)")
        row = con.execute(f"SELECT {', '.join(aggs)} FROM eligo_result").fetchone() or ()
        fails, unknowns = [], []
        for i, c in enumerate(self.trial.criteria):
            fails.append((c.id, c.text, int(row[2 * i])))
            unknowns.append((c.id, c.text, int(row[2 * i + 1])))
        fails.sort(key=lambda r: -r[2])
        unknowns.sort(key=lambda r: -r[2])
        return Funnel(
            self.trial.id,
            self.compiled.as_of,
            sum(verdicts.values()),
            verdicts,
            fails,
            unknowns,
            self.seconds,
            dict(self.compiled.fallback),
        )

    def rows(self) -> Iterator[tuple[str, str, tuple[bool | None, ...]]]:
        """(patient table key, verdict, met per criterion) in input order."""
        cols = ", ".join(self.compiled.columns)
        cur = self.cohort.con.execute(
            f"SELECT patient_id, verdict, {cols} FROM eligo_result ORDER BY _row"
        )
        while True:
            batch = cur.fetchmany(10000)
            if not batch:
                return
            for r in batch:
                yield r[0], r[1], tuple(r[2:])

    def _long(self) -> str:
        parts: list[str] = []
        for name, c in zip(self.compiled.columns, self.trial.criteria, strict=True):
            met = name
            yes, no = ("fail", "pass") if c.kind == "exclusion" else ("pass", "fail")
            outcome = (
                f"CASE WHEN {met} IS NULL THEN 'unknown' WHEN {met} THEN '{yes}' ELSE '{no}' END"
            )
            parts.append(
                f"SELECT _row, patient_id, '{_sq(c.id)}' AS criterion, '{c.kind}' AS kind, "
                f"{met} AS met, {outcome} AS outcome, {len(parts)} AS k FROM eligo_result"
            )
        return " UNION ALL ".join(parts)

    def write_verdicts(self, path: str | Path) -> None:
        """One row per patient: patient_id, verdict, failing and unknown criterion ids."""
        fails, unknowns = [], []
        for name, c in zip(self.compiled.columns, self.trial.criteria, strict=True):
            f = name if c.kind == "exclusion" else f"NOT {name}"
            fails.append(f"CASE WHEN {f} THEN '{_sq(c.id)}' END")
            unknowns.append(f"CASE WHEN {name} IS NULL THEN '{_sq(c.id)}' END")
        sql = (
            f"SELECT patient_id, verdict, concat_ws(' ', {', '.join(fails)}) AS failing, "
            f"concat_ws(' ', {', '.join(unknowns)}) AS unknown FROM eligo_result ORDER BY _row"
        )
        _copy(self.cohort.con, sql, path)

    def write_results(self, path: str | Path) -> None:
        """One row per patient and criterion: patient_id, criterion, kind, met, outcome."""
        sql = (
            f"SELECT patient_id, criterion, kind, met, outcome FROM ({self._long()}) "
            "ORDER BY _row, k"
        )
        _copy(self.cohort.con, sql, path)


def _copy(con: duckdb.DuckDBPyConnection, sql: str, path: str | Path) -> None:
    p = Path(path)
    fmt = "parquet" if p.suffix.lower() == ".parquet" else "csv"
    opts = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER true)"
    con.execute(f"COPY ({sql}) TO '{_sq(str(p))}' {opts}")


def screen_cohort(
    cohort: Cohort,
    trial: Trial,
    as_of: date,
    assume_complete: Iterable[str] = (),
    progress: Progress = _quiet,
) -> CohortResult:
    """Screen every patient of ``cohort`` against ``trial`` in DuckDB.

    Each criterion's ``met`` equals what :func:`eligo.screening.screen` gives for the same
    record; criteria the SQL compiler cannot express are evaluated in-process (listed in
    ``compiled.fallback``) so the two never diverge silently.
    """
    from .sql import UNKNOWN_KEYS, compile_trial, to_sql

    started = time.monotonic()
    con = cohort.con
    bindings = cohort.bindings()
    for attempt in (1, 2):
        compiled = compile_trial(
            trial,
            as_of,
            bindings,
            assume_complete,
            row_column="_row",
            inline_maps=False,
            check_keys=True,
        )
        _create_maps(con, compiled)
        progress(
            f"compiled {trial.id}: {len(compiled.columns)} criteria "
            f"({time.monotonic() - started:.2f} s)"
        )
        con.execute(f"CREATE OR REPLACE TEMP TABLE eligo_result AS {to_sql(compiled.query)}")
        stale = con.execute(
            f"SELECT count(*) FROM eligo_result WHERE {UNKNOWN_KEYS} IS NOT NULL"
        ).fetchone()
        if attempt == 2 or not (stale and stale[0]):
            break
        progress("record codes changed since they were read: reading them again")
        bindings = cohort.bindings(fresh=True)
    if compiled.fallback:
        _fallback(cohort, compiled, as_of, assume_complete, progress)
    seconds = time.monotonic() - started
    progress(f"screened {cohort.count():,} patients in {seconds:.2f} s")
    return CohortResult(cohort, compiled, seconds)


def _create_maps(con: duckdb.DuckDBPyConnection, compiled: CompiledTrial) -> None:
    """Create the lookup tables the compiled query reads (rows decided by eligo.lookup)."""
    from .sql import MAP_COLUMNS

    for name, rows in compiled.maps.items():
        names, types = MAP_COLUMNS[name]
        cols = ", ".join(f"{n} {t}" for n, t in zip(names, types, strict=True))
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({cols})")
        if rows:
            # one statement, columns passed as lists: no SQL text per row
            lists = [[r[i] for r in rows] for i in range(len(names))]
            unnest = ", ".join(f"unnest(?::{t}[])" for t in types)
            con.execute(f"INSERT INTO {name} SELECT {unnest}", lists)


def _fallback(
    cohort: Cohort,
    compiled: CompiledTrial,
    as_of: date,
    assume_complete: Iterable[str],
    progress: Progress,
) -> None:
    """Evaluate the criteria SQL could not express in-process, and redo the verdicts."""
    from dataclasses import replace

    from .evaluate import evaluate
    from .lookup import RecordView
    from .record import SECTIONS as sections

    for cid, why in compiled.fallback.items():
        progress(f"{cid}: evaluated in-process ({why})")
    crit = {c.id: (i, c) for i, c in enumerate(compiled.trial.criteria)}
    wanted = [crit[cid] for cid in compiled.fallback]
    extra = frozenset(s for s in assume_complete if s in sections)
    con = cohort.con
    con.execute(
        "CREATE OR REPLACE TEMP TABLE eligo_fallback (patient_id VARCHAR, col VARCHAR, met BOOLEAN)"
    )
    rows = []
    for pid, rec in iter_records(cohort):
        if extra - rec.complete:
            rec = replace(rec, complete=rec.complete | extra)
        view = RecordView(rec)
        for i, c in wanted:
            rows.append((pid, compiled.columns[i], evaluate(c.rule, view, as_of).root.truth.value))
    if rows:
        con.executemany("INSERT INTO eligo_fallback VALUES (?, ?, ?)", rows)
    for i, _ in wanted:
        name = compiled.columns[i]
        con.execute(
            f"UPDATE eligo_result SET {name} = f.met FROM eligo_fallback f "
            f"WHERE f.patient_id = eligo_result.patient_id AND f.col = '{name}'"
        )
    fails, unknowns = [], []
    for name, c in zip(compiled.columns, compiled.trial.criteria, strict=True):
        fails.append(name if c.kind == "exclusion" else f"NOT {name}")
        unknowns.append(f"{name} IS NULL")
    con.execute(
        f"UPDATE eligo_result SET verdict = CASE WHEN {' OR '.join(fails)} THEN 'ineligible' "
        f"WHEN {' OR '.join(unknowns)} THEN 'needs_review' ELSE 'eligible' END"
    )
