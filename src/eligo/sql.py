"""SQL backend: compile a trial's rule trees into one SQL query over the tabular cohort layout.

The evaluation stage again, for whole cohorts.  :func:`compile_trial` turns every criterion of
a :class:`~eligo.trial.Trial` into a three-valued SQL expression (``TRUE`` / ``FALSE`` /
``NULL`` = met / not met / unknown) over one row per patient, built with sqlglot, so one
compiled form is printed for DuckDB (the default) or Spark SQL.  SQL's own ``AND`` / ``OR`` /
``NOT`` on ``NULL`` are Kleene's, so combining nodes is plain SQL.

One semantics, not two.  The query reproduces :mod:`eligo.evaluate` exactly (the differential
test holds it to that, criterion by criterion):

* **Matching stays in Python.**  Which record item means which concept (LOINC first, then
  name; ICD-10-CM prefixes and exclusions, SNOMED CT, ATC, RxNorm, member names, ``includes``)
  is decided by :class:`~eligo.lookup.RecordView` itself, once per *distinct* (code, system,
  name) in the cohort; the answers ride along as small inline ``VALUES`` tables that the query
  joins.  So are the per-item facts lookup derives (``direct``).
* **Units stay in Python.**  For each unit a concept's rows carry, :func:`eligo.units.convert`
  is asked once for its factors; the query applies them with the same float operations in the
  same order, so converted values are bit-for-bit those of the in-process evaluator.
* **Latest value on or before the screening date**: ``ARG_MAX`` over a key that orders dated
  rows by (date, position in the record) and puts undated rows below every dated one.
* **Derived scores** (MELD, MELD-Na, MELD 3.0, Child-Pugh points and class with unknown
  ascites / encephalopathy grades bounded as :mod:`eligo.derive` bounds them, P/F, eGFR) are SQL
  expressions that repeat the formulas of :mod:`eligo.scores` operation by operation, with the
  published half-up rounding done exactly (see :func:`_round_half_up`).
* Windows, ages and the screening date are constants computed by :mod:`eligo.scores` at
  compile time (calendar arithmetic, never in SQL) — except how long an ended item lasted
  (``X for >= 6 months``), whose end date is moved back per row: ``- INTERVAL n MONTH`` in
  DuckDB and ``ADD_MONTHS`` in Spark clamp the day to the month's end as
  :func:`eligo.scores.add_calendar` does (a current item's cutoff is again a constant).

A criterion the compiler cannot express faithfully is not guessed: it is listed in
:attr:`CompiledTrial.fallback` with the reason, its column is ``NULL`` in the query, and the
cohort runner (:func:`eligo.cohort.screen_cohort`) evaluates it in-process and says so.
"""

from __future__ import annotations

import functools
import gc
import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, ClassVar, Literal, ParamSpec, TypeVar

from sqlglot import exp
from sqlglot.dialects.duckdb import DuckDB

from . import scores
from .concepts import Concept, Vocabulary, vocabulary
from .errors import EligoError
from .evaluate import duration_cutoff
from .nodes import (
    AllOf,
    AnyOf,
    Category,
    Comparison,
    Duration,
    Mention,
    Node,
    Not,
    Quantity,
    Range,
    RefMultiple,
    Unparsed,
    Versus,
    Window,
)
from .record import SECTIONS
from .trial import Trial
from .units import convert, unit_entry

_P = ParamSpec("_P")
_R = TypeVar("_R")

if TYPE_CHECKING:
    from .lookup import RecordView

Dialect = Literal["duckdb", "spark"]
DIALECTS: tuple[Dialect, ...] = ("duckdb", "spark")
TIME_UNITS = ("a", "mo", "wk", "d", "h")

# derived values the SQL backend computes; others fall back to the in-process evaluator
SQL_DERIVED = frozenset(
    {
        "meld",
        "meld_na",
        "meld3",
        "child_pugh_points",
        "child_pugh_class",
        "pf_ratio",
        "egfr",
        "creatinine_clearance",
        "bmi",
        "abic",
        "maddrey_df",
    }
)
_SECTION_OF_KIND = {
    "condition": "conditions",
    "procedure": "procedures",
    "medication": "medications",
}
_ITEM_SECTION = {"condition": "conditions", "procedure": "procedures", "medication": "medications"}
_UNDATED = 1099511627776  # 2**40: undated rows (seq below 2**40) sort below every dated one
_SEQ_SPAN = 16777216  # 2**24 positions per day in the ordering key
_DAY_SHIFT = 4194304  # 2**22 days added so dated keys (years > -9500) are never negative
_UNIT_BITS_MAX = 12  # unit index bits below the ordering key (key * 2**12 stays < 2**63)


class SqlCompileError(EligoError):
    """A cohort query could not be built (a unit conversion SQL cannot repeat exactly)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# --------------------------------------------------------------------------- bindings


ObsKey = tuple[str | None, str | None, str | None, str | None]  # code, system, name, unit
ItemKey = tuple[
    str, str | None, str | None, str | None, str | None
]  # section, code, sys, name, unit


@dataclass(frozen=True)
class Bindings:
    """What the query needs to know about the data: its distinct codes, names and units.

    Gathered by :func:`distinct_queries` (one ``SELECT DISTINCT`` per table), so the query
    carries small lookup tables instead of re-deciding matching and units per row.
    """

    observations: tuple[ObsKey, ...] = ()
    items: tuple[ItemKey, ...] = ()  # section is condition | procedure | medication
    facts: tuple[tuple[str, str | None], ...] = ()  # fact id, unit
    age_units: tuple[str | None, ...] = ()


def distinct_queries(dialect: Dialect = "duckdb") -> dict[str, str]:
    """The ``SELECT DISTINCT`` queries whose rows make :class:`Bindings` (by field name)."""
    return dict(_distinct_queries(dialect))


@functools.lru_cache(maxsize=4)
def _distinct_queries(dialect: Dialect) -> tuple[tuple[str, str], ...]:
    """:func:`distinct_queries`, transpiled once per dialect (every screening reads them)."""
    q = {
        "observations": "SELECT DISTINCT code, system, name, unit FROM observations",
        "items": (
            "SELECT DISTINCT 'condition', code, system, name, CAST(NULL AS VARCHAR) FROM conditions"
            " UNION SELECT DISTINCT 'procedure', code, system, name, CAST(NULL AS VARCHAR)"
            " FROM procedures"
            " UNION SELECT DISTINCT 'medication', code, system, name, dose_unit FROM medications"
        ),
        "facts": "SELECT DISTINCT fact, unit FROM facts",
        "age_units": "SELECT DISTINCT age_unit FROM patients",
    }
    from sqlglot import transpile

    return tuple((k, transpile(v, read="duckdb", write=dialect)[0]) for k, v in q.items())


def bindings_from(run: Callable[[str], Sequence[Sequence[object]]], dialect: Dialect) -> Bindings:
    """Gather :class:`Bindings` by running :func:`distinct_queries` with ``run``."""
    rows = {k: [tuple(r) for r in run(v)] for k, v in distinct_queries(dialect).items()}
    return Bindings(
        observations=tuple(rows["observations"]),  # type: ignore[arg-type]
        items=tuple(rows["items"]),  # type: ignore[arg-type]
        facts=tuple(rows["facts"]),  # type: ignore[arg-type]
        age_units=tuple(r[0] for r in rows["age_units"]),  # type: ignore[misc]
    )


# --------------------------------------------------------------------------- sql helpers


def num(x: float) -> exp.Expr:
    """A DOUBLE literal that reads back as exactly ``x`` (never a DECIMAL)."""
    text = repr(float(x))
    if not math.isfinite(x):
        raise SqlCompileError(f"non-finite number {x!r} in a rule")
    if "e" not in text:
        text += "e0"
    if text.startswith("-"):
        return exp.Paren(this=exp.Neg(this=exp.Literal.number(text[1:])))
    return exp.Literal.number(text)


def integer(n: int) -> exp.Expr:
    return exp.Literal.number(str(n)) if n >= 0 else exp.Paren(this=exp.Neg(this=integer(-n)))


def text(s: str) -> exp.Expr:
    return exp.Literal.string(s)


def day(d: date) -> exp.Expr:
    return _cast(exp.Literal.string(d.isoformat()), "DATE")


def col(name: str, table: str | None = None) -> exp.Column:
    return exp.column(name, table=table)


def paren(e: exp.Expr) -> exp.Expr:
    return (
        e
        if isinstance(e, exp.Paren | exp.Column | exp.Literal | exp.Boolean)
        else exp.Paren(this=e)
    )


def and_(*parts: exp.Expr) -> exp.Expr:
    out = paren(parts[0])
    for p in parts[1:]:
        out = exp.And(this=out, expression=paren(p))
    return out


def or_(*parts: exp.Expr) -> exp.Expr:
    out = paren(parts[0])
    for p in parts[1:]:
        out = exp.Or(this=out, expression=paren(p))
    return out


def not_(e: exp.Expr) -> exp.Expr:
    return exp.Not(this=paren(e))


def case(whens: Iterable[tuple[exp.Expr, exp.Expr]], default: exp.Expr) -> exp.Case:
    return exp.Case(ifs=[exp.If(this=c, true=v) for c, v in whens], default=default)


def _select(*exprs: exp.Expr) -> exp.Select:
    return exp.Select(expressions=list(exprs))


def _cast(e: exp.Expr, to: str) -> exp.Expr:
    return exp.cast(e, to, copy=False)


def _alias(e: exp.Expr, name: str, table: bool = False) -> exp.Expr:
    out: exp.Expr = exp.alias_(e, name, table=table, copy=False)
    return out


def null_bool() -> exp.Expr:
    return _cast(exp.Null(), "BOOLEAN")


def null_double() -> exp.Expr:
    return _cast(exp.Null(), "DOUBLE")


def true() -> exp.Expr:
    return exp.Boolean(this=True)


def false() -> exp.Expr:
    return exp.Boolean(this=False)


def is_null(e: exp.Expr) -> exp.Expr:
    return exp.Is(this=paren(e), expression=exp.Null())


def not_null(e: exp.Expr) -> exp.Expr:
    return exp.Not(this=is_null(e))


def add(a: exp.Expr, b: exp.Expr) -> exp.Expr:
    return exp.Add(this=paren(a), expression=paren(b))


def sub(a: exp.Expr, b: exp.Expr) -> exp.Expr:
    return exp.Sub(this=paren(a), expression=paren(b))


def mul(a: exp.Expr, b: exp.Expr) -> exp.Expr:
    return exp.Mul(this=paren(a), expression=paren(b))


def div(a: exp.Expr, b: exp.Expr) -> exp.Expr:
    return exp.Div(this=paren(a), expression=paren(b), typed=False, safe=False)


def cmp(a: exp.Expr, op: str, b: exp.Expr) -> exp.Expr:
    cls = {
        "<": exp.LT,
        "<=": exp.LTE,
        ">": exp.GT,
        ">=": exp.GTE,
        "=": exp.EQ,
        "!=": exp.NEQ,
    }[op]
    out: exp.Expr = cls(this=paren(a), expression=paren(b))
    return out


def fn(name: str, *args: exp.Expr) -> exp.Expr:
    known: dict[str, Callable[..., exp.Expr]] = {
        "LN": lambda a: exp.Ln(this=a),
        "FLOOR": lambda a: exp.Floor(this=a),
        "ABS": lambda a: exp.Abs(this=a),
        "POWER": lambda a, b: exp.Pow(this=a, expression=b),
        # NULL in, NULL out: Spark's GREATEST/LEAST skip NULL arguments, DuckDB's do not
        "GREATEST": lambda a, *b: case(
            [(is_null(a), null_double())], exp.Greatest(this=a, expressions=list(b))
        ),
        "LEAST": lambda a, *b: case(
            [(is_null(a), null_double())], exp.Least(this=a, expressions=list(b))
        ),
        "LOWER": lambda a: exp.Lower(this=a),
        "TRUNC": lambda a: exp.Trunc(this=a),
        "MAX": lambda a: exp.Max(this=a),
        "COALESCE": lambda a, *b: exp.Coalesce(this=a, expressions=list(b)),
        "ARG_MAX": lambda a, b: exp.ArgMax(this=a, expression=b),
    }
    return known[name](*args)


_RANKED: dict[str, Callable[[int, int], bool]] = {
    "<": lambda i, j: i < j,
    "<=": lambda i, j: i <= j,
    ">": lambda i, j: i > j,
    ">=": lambda i, j: i >= j,
}


def in_(e: exp.Expr, values: Sequence[str]) -> exp.Expr:
    return exp.In(this=paren(e), expressions=[text(v) for v in values])


def to_sql(tree: exp.Expr, dialect: Dialect = "duckdb", pretty: bool = False) -> str:
    """Print a compiled query for ``dialect``.

    ``ARG_MAX`` here means "the value on the row with the greatest key, NULL values kept":
    Spark's ``MAX_BY``, DuckDB's ``ARG_MAX_NULL`` (DuckDB's ``ARG_MAX`` skips NULL values).
    """
    return tree.sql(dialect=_DuckDB if dialect == "duckdb" else dialect, pretty=pretty)


class _DuckDB(DuckDB):
    class Generator(DuckDB.Generator):  # type: ignore[misc, valid-type]
        TRANSFORMS: ClassVar[dict[type[exp.Expr], Any]] = {
            **DuckDB.Generator.TRANSFORMS,
            exp.ArgMax: lambda self, e: self.func("ARG_MAX_NULL", e.this, e.expression),
        }


# --------------------------------------------------------------------------- units


# Analyte equations that are not unit factors (units.convert_analyte), as Python and SQL
# twins; each is checked bit for bit against eligo.units before use.
_ANALYTE_SQL: dict[
    tuple[str, str, str], tuple[Callable[[float], float], Callable[[exp.Expr], exp.Expr]]
] = {
    ("hba1c", "%", "mmol/mol"): (
        lambda v: (v - 2.152) / 0.09148,
        lambda v: div(sub(v, num(2.152)), num(0.09148)),
    ),
    ("hba1c", "mmol/mol", "%"): (
        lambda v: v * 0.09148 + 2.152,
        lambda v: add(mul(v, num(0.09148)), num(2.152)),
    ),
}


def _affine(
    src: str, dst: str, molar_mass: float | None, concept: str | None = None
) -> Callable[[exp.Expr], exp.Expr] | None:
    """The SQL form of a unit conversion, or None where eligo's conversion raises.

    With ``concept`` the conversion is :func:`eligo.units.convert_analyte` (an analyte's own
    equation where UCUM factors are wrong, e.g. HbA1c % ↔ mmol/mol), else
    :func:`eligo.units.convert`.  The SQL repeats convert's float operations in its order and
    is checked bit for bit on sample values; a conversion it cannot repeat exactly makes the
    criterion fall back to the in-process evaluator instead of disagreeing with it.
    """
    from . import units

    analyte = getattr(units, "convert_analyte", None)

    def reference(v: float) -> float:
        if concept is not None and analyte is not None:
            return float(analyte(concept, v, src, dst, molar_mass))
        return convert(v, src, dst, molar_mass)

    try:
        reference(1.0)
        s, d = unit_entry(src), unit_entry(dst)
    except EligoError:
        return None
    special = _ANALYTE_SQL.get((concept or "", src, dst))
    if special is not None:
        py_f, sq_f = special
        for v in (0.0, 1.0, 5.6, 6.5, 7.0, 47.5, 53.0, 123.456):
            if py_f(v) != reference(v):
                raise _Fallback(f"conversion {src} → {dst} cannot be repeated exactly in SQL")
        return sq_f
    k = 1.0
    if s.dims != d.dims:
        if molar_mass is None:
            raise _Fallback(f"conversion {src} → {dst} is not a unit factor")
        kg_per_mol = molar_mass / 1000.0
        ks = [
            x
            for x in (kg_per_mol**1, kg_per_mol**-1)
            if 3.7 * s.factor / x / d.factor == reference(3.7)
        ]
        if not ks:
            raise _Fallback(f"conversion {src} → {dst} is not a unit factor")
        k = ks[0]
    offsets = bool(s.offset or d.offset)

    def py(v: float) -> float:
        if s.dims != d.dims:
            return v * s.factor / k / d.factor
        if offsets:
            return (v * s.factor + s.offset - d.offset) / d.factor
        return (v * s.factor) / d.factor

    def sq(v: exp.Expr) -> exp.Expr:
        if s.dims != d.dims:
            return _over(_over(_times(v, s.factor), k), d.factor)
        if offsets:
            return div(sub(add(mul(v, num(s.factor)), num(s.offset)), num(d.offset)), num(d.factor))
        return _over(_times(v, s.factor), d.factor)

    for v in (0.0, 1.0, 0.1, 1.6, 6.5, 141.44, 80000.0, 37.25, 1e-7, 123456.789):
        if py(v) != reference(v):
            raise _Fallback(f"conversion {src} → {dst} cannot be repeated exactly in SQL")
    return sq


def _times(v: exp.Expr, factor: float) -> exp.Expr:
    """``v * factor``; ``v`` itself (as DOUBLE) for 1.0, which IEEE multiplication keeps exact."""
    return _cast(v, "DOUBLE") if factor == 1.0 else mul(v, num(factor))


def _over(v: exp.Expr, factor: float) -> exp.Expr:
    """``v / factor``; ``v`` itself (as DOUBLE) for 1.0, which IEEE division keeps exact."""
    return _cast(v, "DOUBLE") if factor == 1.0 else div(v, num(factor))


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class _Unit:
    """A value's unit: fixed, or read per row from ``expr`` (one of ``choices``)."""

    fixed: str | None = None
    expr: exp.Expr | None = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Val:
    """One way a concept's value can be known: when ``guard`` holds, these expressions."""

    guard: exp.Expr
    num: exp.Expr | None  # numeric value (NULL when unknown or not a number)
    unit: _Unit
    text: exp.Expr | Callable[[], exp.Expr] | None = None  # categorical value
    ref_high: exp.Expr | Callable[[], exp.Expr] | None = None
    age: Literal["born", "recorded", ""] = ""
    key: tuple[object, ...] = ()  # names the value, so its conversions are computed once
    # the value under the other answer to an unrecorded yes/no input (MELD with dialysis when
    # the record is silent on it), NULL when the answer is known or changes nothing
    alt: exp.Expr | None = None


class _Fallback(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CompiledTrial:
    """A trial compiled to SQL for one screening date and one cohort's bindings."""

    trial: Trial
    as_of: date
    query: exp.Select  # columns: patient_id, c0, c1, … (met of each criterion), verdict
    met_query: exp.Select  # columns: patient_id, c0, c1, … only
    columns: tuple[str, ...]  # c0, c1, … in criterion order
    fallback: dict[str, str] = field(default_factory=dict)  # criterion id → reason
    maps: dict[str, list[tuple[object, ...]]] = field(default_factory=dict)  # lookup table rows

    def sql(self, dialect: Dialect = "duckdb", pretty: bool = False) -> str:
        """The whole query (met per criterion and the verdict) for ``dialect``."""
        return to_sql(self.query, dialect, pretty)


class _Compiler:
    def __init__(
        self,
        as_of: date,
        bindings: Bindings,
        assume_complete: frozenset[str],
        vocab: Vocabulary,
        check_keys: bool = False,
    ) -> None:
        self.as_of = as_of
        self.check_keys = check_keys
        self.b = bindings
        self.complete_extra = assume_complete
        self.vocab = vocab
        self.obs_slots: dict[tuple[str, date | None], int] = {}
        self.obs_cols: dict[str, tuple[tuple[str, date | None], str]] = {}
        self.item_aggs: dict[str, tuple[int, exp.Expr]] = {}
        self.fact_aggs: dict[str, exp.Expr] = {}
        self.layers: list[dict[str, exp.Expr]] = [{}, {}, {}, {}, {}]
        self.obs_concepts: set[str] = set()
        self.item_concepts: set[str] = set()
        self.item_ids: dict[str, int] = {}
        # "cancer except (hcc, …)": a pseudo concept's name → (concept, excluded concepts)
        self.excepts: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.fact_ids: set[str] = set()
        self._names: dict[object, str] = {}
        self._obs_units: dict[str, set[str]] | None = None
        self._units_of: dict[str, tuple[str, ...]] = {}
        self._map_rows: dict[str, list[tuple[object, ...]]] | None = None
        self._okeys: _Keys | None = None
        self._ikeys: _Keys | None = None

    # -- naming -------------------------------------------------------------------
    def _name(self, key: object, prefix: str) -> str:
        if key not in self._names:
            self._names[key] = f"{prefix}{len(self._names)}"
        return self._names[key]

    @property
    def okeys(self) -> _Keys:
        """The distinct (code, system, name) of the cohort's observations, sorted."""
        if self._okeys is None:
            self._okeys = _sorted_keys(frozenset(k[:3] for k in self.b.observations))
        return self._okeys

    @property
    def ikeys(self) -> _Keys:
        """The distinct (section, code, system, name) of the cohort's items, sorted."""
        if self._ikeys is None:
            self._ikeys = _sorted_keys(frozenset(k[:4] for k in self.b.items))
        return self._ikeys

    # -- record columns -----------------------------------------------------------
    def obs(self, concept: str, since: date | None, what: str) -> exp.Expr:
        """The latest observation of ``concept`` (on/after ``since``): ``k`` v u t r.

        Each (concept, window) is a *slot*.  The map join tags every row with its integer slot
        (a row in several windows once per slot), and ``eligo_obs_p`` keeps per patient and
        slot ``MAX(k)`` and the value at that key.  The row's unit rides in the low bits of its
        ordering key ``k`` (see :meth:`_obs_pivot`), so no string is aggregated.
        """
        self.obs_concepts.add(concept)
        key = (concept, since)
        if key not in self.obs_slots:
            if len([u for u in self.obs_units(concept) if u]) >= 1 << _UNIT_BITS_MAX:
                raise _Fallback(f"too many units for {concept}")
            self.obs_slots[key] = len(self.obs_slots)
        p = self._name(("obs", concept, since), "o")
        alias = f"{p}_{what}"
        if alias not in self.obs_cols:
            self.obs_cols[alias] = (key, what)
        return col(alias)

    def item_is(self, concept: str) -> exp.Expr:
        """Rows of ``eligo_items`` that mean ``concept`` (tagged with its integer id)."""
        self.item_concepts.add(concept)
        cid = self.item_ids.setdefault(concept, len(self.item_ids))
        return exp.EQ(this=col("concept"), expression=integer(cid))

    def except_concept(self, concept: str, excluding: tuple[str, ...]) -> str:
        """The item rows of ``concept except (excluding)`` as a concept of their own: the
        item keys of ``concept`` that mean none of ``excluding`` (``Mention.excluding``)."""
        name = f"{concept} except ({', '.join(excluding)})"
        self.excepts[name] = (concept, excluding)
        return name

    def item(
        self, key: tuple[object, ...], concept: str, build: Callable[[], exp.Expr]
    ) -> exp.Expr:
        """An aggregate over the patient's item rows of ``concept``, computed once.

        ``build`` gives the aggregate without the concept test, which the query adds to its
        ``FILTER`` as an integer comparison.
        """
        self.item_is(concept)
        alias = self._name(("item", *key), "m")
        if alias not in self.item_aggs:
            self.item_aggs[alias] = (self.item_ids[concept], build())
        return col(alias)

    def fact(self, fact_id: str, what: str) -> exp.Expr:
        self.fact_ids.add(fact_id)
        alias = self._name(("fact", fact_id, what), "f")
        if alias not in self.fact_aggs:
            source = {"b": "value_bool", "v": "value", "u": "unit", "t": "value_text"}[what]
            value: exp.Expr = col(source)
            if what == "b":
                value = case(
                    [(col(source), integer(1)), (not_(col(source)), integer(0))], exp.Null()
                )
            mine = exp.EQ(this=col("fact"), expression=text(fact_id))
            self.fact_aggs[alias] = _keyed(fn("MAX", value), mine)
        return col(alias)

    def define(self, layer: int, key: object, build: Callable[[], exp.Expr]) -> exp.Expr:
        """A computed column on ``layer``, built once.

        Layers: 1 inputs (labs in a formula's unit, ages), 2 intermediates, 3 scores,
        4 values converted to a criterion's unit.
        """
        alias = self._name(("def", key), "d")
        if alias not in self.layers[layer]:
            self.layers[layer][alias] = build()
        return col(alias)

    def complete(self, section: str) -> exp.Expr:
        if section in self.complete_extra:
            return true()
        return fn("COALESCE", col(f"complete_{section}"), false())

    # -- units ------------------------------------------------------------------------
    def obs_units(self, concept: str) -> tuple[str, ...]:
        """Every unit (NULL as "") the cohort's observations of ``concept`` carry."""
        if concept in self._units_of:
            return self._units_of[concept]
        if self._obs_units is None:
            self._obs_units = {}
            for code, system, name, unit in self.b.observations:
                self._obs_units.setdefault(repr((code, system, name)), set()).add(unit or "")
        units: set[str] = set()
        for k in _observation_matches(self.okeys, concept, self.vocab):
            units |= self._obs_units[repr(tuple(k))]
        self._units_of[concept] = tuple(sorted(units))
        return self._units_of[concept]

    def dose_units(self, concept: str) -> tuple[str, ...]:
        """Every dose unit (NULL as "") of the cohort's medications that mean ``concept``."""
        by_key: dict[str, set[str]] = {}
        for k in self.b.items:
            if k[0] == "medication":
                by_key.setdefault(repr(tuple(k[:4])), set()).add(k[4] or "")
        units: set[str] = set()
        for key, _ in _item_matches(self.ikeys, concept, self.vocab):
            if key[0] == "medication":
                units |= by_key.get(repr(tuple(key)), set())
        return tuple(sorted(units))

    def converted(
        self,
        value: exp.Expr,
        unit: _Unit,
        to: str,
        plan: Callable[[str], Callable[[exp.Expr], exp.Expr] | None],
    ) -> exp.Expr:
        """``value`` in unit ``to``: NULL where convert would raise."""
        if unit.fixed is not None:
            f = plan(unit.fixed)
            return f(value) if f is not None else null_double()
        assert unit.expr is not None
        # units whose conversion is the same expression share one branch (unit IN (...))
        same: list[tuple[exp.Expr, list[str]]] = []
        for u in unit.choices:
            f = plan(u)
            if f is None:
                continue
            e = f(value)
            for done, units in same:
                if done == e and to_sql(done) == to_sql(e):  # equal hashes, then equal text
                    units.append(u)
                    break
            else:
                same.append((e, [u]))
        if not same:
            return null_double()
        whens = [
            (
                exp.EQ(this=unit.expr, expression=text(units[0]))
                if len(units) == 1
                else in_(unit.expr, units),
                e,
            )
            for e, units in same
        ]
        return case(whens, null_double())

    # -- value_of ---------------------------------------------------------------------
    def values(self, c: Concept, window: Window | None) -> list[_Val]:
        """The ways ``evaluate._Evaluator.value_of`` can find a value, in its order."""
        if c.id == "age":
            return self.age_values()
        if c.id == "sex":
            sex = col("sex")
            known = and_(not_null(sex), exp.NEQ(this=sex, expression=text("unknown")))
            return [_Val(known, None, _Unit(""), text=sex, key=("sex",))]
        if c.kind == "fact" and c.fact_type == "category":
            # a category fact ("study_cohort": "part_a") is its text, as in process
            t = self.fact(c.id, "t")
            return [_Val(not_null(t), None, _Unit(""), text=t, key=("fact", c.id))]
        if c.kind == "fact":
            v, u = self.fact(c.id, "v"), self.fact(c.id, "u")
            units = {u_ or c.unit or "" for f, u_ in self.b.facts if f == c.id}
            expr = fn("COALESCE", u, text(c.unit or ""))
            unit = _Unit(expr=expr, choices=tuple(sorted(units)))
            return [_Val(not_null(v), v, unit, key=("fact", c.id))]
        if c.kind == "medication":
            return self.dose_values(c)
        since = self.since(window)
        k = self.obs(c.id, since, "k")
        v, u = self.obs(c.id, since, "v"), self.obs(c.id, since, "u")
        needs_unit = c.unit not in (None, "1")
        # a value without a unit is unknown when the concept has one
        value = case([(is_null(u), null_double())], v) if needs_unit else v
        seen_units = self.obs_units(c.id)
        out = [
            _Val(
                not_null(k),
                value,
                _Unit(expr=fn("COALESCE", u, text("")), choices=seen_units),
                # built on first use: the text and reference columns cost aggregates
                text=lambda: self.obs(c.id, since, "t"),
                ref_high=lambda: self.obs(c.id, since, "r"),
                key=("obs", c.id, since),
            )
        ]
        if c.derived and c.derived in _evaluator_derivable():
            if c.derived not in SQL_DERIVED:
                raise _Fallback(f"derived value {c.derived} has no SQL form")
            out.append(self.derived(c))
        return out

    def since(self, window: Window | None) -> date | None:
        if window is None:
            return None
        if window.unit == "h":
            return self.as_of
        return scores.add_calendar(self.as_of, -int(window.amount), window.unit)

    def age_values(self) -> list[_Val]:
        born = col("birth_date")
        years = self.define(1, "age_years", lambda: self.age_years(born))
        units = tuple(sorted({u or "" for u in self.b.age_units}))
        return [
            _Val(
                and_(not_null(born), cmp(born, "<=", day(self.as_of))),
                years,
                _Unit("a"),
                age="born",
                key=("age", "born"),
            ),
            _Val(
                and_(is_null(born), not_null(col("age_value"))),
                col("age_value"),
                _Unit(expr=fn("COALESCE", col("age_unit"), text("")), choices=units),
                age="recorded",
                key=("age", "recorded"),
            ),
        ]

    def age_years(self, born: exp.Expr) -> exp.Expr:
        a = self.as_of
        before = or_(
            cmp(exp.Month(this=born), ">", integer(a.month)),
            and_(
                exp.EQ(this=exp.Month(this=born), expression=integer(a.month)),
                cmp(exp.Day(this=born), ">", integer(a.day)),
            ),
        )
        years = sub(
            sub(integer(a.year), exp.Year(this=born)), case([(before, integer(1))], integer(0))
        )
        return _cast(years, "DOUBLE")

    def age_months(self, born: exp.Expr) -> exp.Expr:
        a = self.as_of
        months = sub(
            add(mul(sub(integer(a.year), exp.Year(this=born)), integer(12)), integer(a.month)),
            exp.Month(this=born),
        )
        short = case([(cmp(integer(a.day), "<", exp.Day(this=born)), integer(1))], integer(0))
        return _cast(sub(months, short), "DOUBLE")

    # -- medications ------------------------------------------------------------------------
    def _current_med(self) -> exp.Expr:
        return and_(
            exp.EQ(this=col("section"), expression=text("medication")),
            in_(col("status"), ("active", "unknown")),
            or_(is_null(col("start_date")), cmp(col("start_date"), "<=", day(self.as_of))),
            or_(is_null(col("end_date")), cmp(col("end_date"), ">=", day(self.as_of))),
        )

    def dose_values(self, c: Concept) -> list[_Val]:
        self.item_concepts.add(c.id)
        dosed = and_(self._current_med(), not_null(col("dose_value")))
        dv = self.item(
            ("dose_v", c.id),
            c.id,
            lambda: _filtered(fn("ARG_MAX", col("dose_value"), col("seq")), dosed),
        )
        du = self.item(
            ("dose_u", c.id),
            c.id,
            lambda: _filtered(fn("ARG_MAX", col("dose_unit"), col("seq")), dosed.copy()),
        )
        # ruled out: a direct "absent" medication record; a stopped course rules out nothing
        ruled_out = and_(
            exp.EQ(this=col("section"), expression=text("medication")),
            exp.EQ(this=col("status"), expression=text("absent")),
            col("direct"),
            or_(is_null(col("start_date")), cmp(col("start_date"), "<=", day(self.as_of))),
        )
        rank = self.item(
            ("dose_rank", c.id),
            c.id,
            lambda: fn(
                "MAX",
                case([(self._current_med(), integer(2)), (ruled_out, integer(1))], integer(0)),
            ),
        )
        r = fn("COALESCE", rank, integer(0))
        return [
            _Val(
                not_null(dv),
                dv,
                _Unit(expr=fn("COALESCE", du, text("")), choices=self.dose_units(c.id)),
                key=("dose", c.id),
            ),
            _Val(
                and_(
                    cmp(r, "<", integer(2)),
                    or_(exp.EQ(this=r, expression=integer(1)), self.complete("medications")),
                ),
                num(0.0),
                _Unit(c.unit or ""),
                key=("dose0", c.id),
            ),
        ]

    # -- derived --------------------------------------------------------------------------
    def lab(self, concept: str, unit: str) -> exp.Expr:
        """``derive._Gather.lab``: the latest value (any window) converted to ``unit``."""
        c = self.vocab[concept]

        def build() -> exp.Expr:
            v, u = self.obs(concept, None, "v"), self.obs(concept, None, "u")
            units = tuple(sorted({x or (c.unit or "") for x in self.obs_units(concept)}))
            src = _Unit(expr=fn("COALESCE", u, text(c.unit or "")), choices=units)
            return self.converted(
                v, src, unit, lambda s: _affine(s or "1", unit or "1", c.molar_mass, c.id)
            )

        return self.define(1, ("lab", concept, unit), build)

    def female(self) -> exp.Expr:
        """1 female, 0 male, NULL otherwise (``derive._Gather.female``)."""
        sex = col("sex")
        return case(
            [
                (exp.EQ(this=sex, expression=text("female")), integer(1)),
                (exp.EQ(this=sex, expression=text("male")), integer(0)),
            ],
            exp.Null(),
        )

    def dialysis(self) -> exp.Expr:
        self.item_concepts.add("dialysis")
        a = self.as_of
        hit = and_(
            exp.NEQ(this=col("status"), expression=text("absent")),
            or_(
                and_(
                    exp.EQ(this=col("section"), expression=text("condition")),
                    exp.EQ(this=col("status"), expression=text("active")),
                ),
                and_(
                    not_null(col("start_date")),
                    cmp(col("start_date"), ">=", day(a - timedelta(days=7))),
                    cmp(col("start_date"), "<=", day(a)),
                ),
            ),
        )
        ruled_out = and_(exp.EQ(this=col("status"), expression=text("absent")), col("direct"))
        flag = self.item(
            ("dialysis",),
            "dialysis",
            lambda: fn("MAX", case([(hit, integer(2)), (ruled_out, integer(1))], integer(0))),
        )
        # derive._dialysis: yes, no (ruled out or procedures complete), else unknown (NULL)
        f = fn("COALESCE", flag, integer(0))
        return case(
            [
                (exp.EQ(this=f, expression=integer(2)), true()),
                (exp.EQ(this=f, expression=integer(1)), false()),
                (self.complete("procedures"), false()),
            ],
            null_bool(),
        )

    def derived(self, c: Concept) -> _Val:
        name = c.derived
        assert name is not None
        if name in ("meld", "meld_na", "meld3"):
            value = self.define(3, name, lambda: self.meld(name))
            alt = self.define(3, (name, "alt"), lambda: self.meld_alt(name))
            return _Val(not_null(value), value, _Unit(""), key=("derived", name), alt=alt)
        if name in ("child_pugh_points", "child_pugh_class"):
            lo, hi = self.child_pugh_bounds()
            if name == "child_pugh_points":
                pts = case([(exp.EQ(this=lo, expression=hi), _cast(lo, "DOUBLE"))], null_double())
                value = self.define(3, name, lambda: pts)
                return _Val(not_null(value), value, _Unit(""), key=("derived", name))
            cls_lo, cls_hi = _cp_class(lo), _cp_class(hi)
            cls = case(
                [(exp.EQ(this=cls_lo, expression=cls_hi), cls_lo)], _cast(exp.Null(), "VARCHAR")
            )
            value = self.define(3, name, lambda: cls)
            return _Val(not_null(value), None, _Unit(""), text=value, key=("derived", name))
        if name == "pf_ratio":
            value = self.define(2, name, self.pf)
            return _Val(not_null(value), value, _Unit(""), key=("derived", name))
        if name == "egfr":
            value = self.define(2, name, self.egfr)
            return _Val(not_null(value), value, _Unit("mL/min/{1.73_m2}"), key=("derived", name))
        extra = {
            "creatinine_clearance": (self.crcl, "mL/min"),
            "bmi": (self.bmi, "kg/m2"),
            "abic": (self.abic, ""),
            "maddrey_df": (self.maddrey, ""),
        }
        if name in extra:
            build, unit = extra[name]
            value = self.define(2, name, build)
            return _Val(not_null(value), value, _Unit(unit), key=("derived", name))
        raise _Fallback(f"derived value {name} has no SQL form")  # pragma: no cover

    def crcl(self) -> exp.Expr:
        """scores.crcl_cockcroft_gault from the latest creatinine and weight."""
        cr, weight = self.lab("creatinine", "mg/dL"), self.lab("body_weight", "kg")
        age = self.define(1, "gather_age", self.gather_age)
        fem = self.female()
        value = div(mul(sub(integer(140), age), weight), mul(integer(72), cr))
        value = case([(exp.EQ(this=fem, expression=integer(1)), mul(value, num(0.85)))], value)
        bad = or_(
            *[is_null(x) for x in (cr, weight, age, fem)],
            cmp(age, "<", num(18.0)),
            cmp(age, ">=", num(140.0)),
            cmp(weight, "<=", num(0.0)),
            cmp(cr, "<=", num(0.0)),
        )
        return case([(bad, null_double())], _round_half_up(value, 1))

    def bmi(self) -> exp.Expr:
        weight, height = self.lab("body_weight", "kg"), self.lab("body_height", "m")
        bad = or_(
            is_null(weight),
            is_null(height),
            cmp(weight, "<=", num(0.0)),
            cmp(height, "<=", num(0.0)),
        )
        value = div(weight, fn("POWER", height, integer(2)))
        return case([(bad, null_double())], _round_half_up(value, 1))

    def abic(self) -> exp.Expr:
        age = self.define(1, "gather_age", self.gather_age)
        bili, cr = self.lab("bilirubin", "mg/dL"), self.lab("creatinine", "mg/dL")
        inr = self.lab("inr", "1")
        value = add(
            add(add(mul(num(0.1), age), mul(num(0.08), bili)), mul(num(0.3), cr)),
            mul(num(0.8), inr),
        )
        bad = or_(
            *[is_null(x) for x in (age, bili, cr, inr)],
            cmp(age, "<", num(0.0)),
            *[cmp(x, "<=", num(0.0)) for x in (bili, cr, inr)],
        )
        return case([(bad, null_double())], _round_half_up(value, 2))

    def maddrey(self) -> exp.Expr:
        if "prothrombin_time_control" not in self.vocab:
            return null_double()  # derive lists the control time as missing: always unknown
        pt = self.lab("prothrombin_time", "s")
        control = self.lab("prothrombin_time_control", "s")
        bili = self.lab("bilirubin", "mg/dL")
        value = add(mul(num(4.6), sub(pt, control)), bili)
        bad = or_(
            *[is_null(x) for x in (pt, control, bili)],
            *[cmp(x, "<=", num(0.0)) for x in (pt, control, bili)],
        )
        return case([(bad, null_double())], _round_half_up(value, 1))

    def meld(self, name: str) -> exp.Expr:
        """``derive._meld_family``: the score without dialysis unless the record shows it (with
        dialysis unrecorded, ``meld_alt`` holds the score with it when that differs)."""
        dia = self.dialysis()
        return case([(dia, self._meld(name, True))], self._meld(name, False))

    def meld_alt(self, name: str) -> exp.Expr:
        """The MELD with dialysis when the record is silent on it and it changes the score."""
        yes, no = self._meld(name, True), self._meld(name, False)
        return case(
            [(and_(is_null(self.dialysis()), exp.NEQ(this=yes, expression=no)), yes)],
            null_double(),
        )

    def _meld(self, name: str, dialysis: bool) -> exp.Expr:
        cr, bili, inr = (
            self.lab("creatinine", "mg/dL"),
            self.lab("bilirubin", "mg/dL"),
            self.lab("inr", "1"),
        )
        inputs = [cr, bili, inr]
        na = alb = fem = None
        if name in ("meld_na", "meld3"):
            na = self.lab("sodium", "mmol/L")
            inputs.append(na)
        if name == "meld3":
            alb = self.lab("albumin", "g/dL")
            fem = self.female()
            inputs += [alb, fem]
        cr_max = num(3.0 if name == "meld3" else 4.0)
        crb = cr_max if dialysis else fn("LEAST", fn("GREATEST", cr, num(1.0)), cr_max)
        bilib, inrb = fn("GREATEST", bili, num(1.0)), fn("GREATEST", inr, num(1.0))
        positive = [cmp(x, "<=", num(0.0)) for x in (cr, bili, inr)]
        if na is not None:
            positive.append(cmp(na, "<=", num(0.0)))
        if alb is not None:
            positive.append(cmp(alb, "<=", num(0.0)))
        bad = or_(*[is_null(x) for x in inputs], *positive)
        if name == "meld3":
            assert na is not None and alb is not None and fem is not None
            nac = fn("LEAST", fn("GREATEST", na, num(125.0)), num(137.0))
            albc = fn("LEAST", fn("GREATEST", alb, num(1.5)), num(3.5))
            lnb, lncr = fn("LN", bilib), fn("LN", crb)
            d_na, d_alb = sub(integer(137), nac), sub(num(3.5), albc)
            score = add(
                sub(
                    add(
                        add(
                            add(
                                sub(
                                    add(
                                        add(mul(num(1.33), fem), mul(num(4.56), lnb)),
                                        mul(num(0.82), d_na),
                                    ),
                                    mul(mul(num(0.24), d_na), lnb),
                                ),
                                mul(num(9.09), fn("LN", inrb)),
                            ),
                            mul(num(11.14), lncr),
                        ),
                        mul(num(1.85), d_alb),
                    ),
                    mul(mul(num(1.83), d_alb), lncr),
                ),
                integer(6),
            )
            value = _clamp(_round_half_up(score, 0), 6, 40)
            return case([(bad, null_double())], value)
        raw = add(
            add(
                add(mul(num(0.957), fn("LN", crb)), mul(num(0.378), fn("LN", bilib))),
                mul(num(1.120), fn("LN", inrb)),
            ),
            num(0.643),
        )
        # meld_i = float(round_half_up(raw, 1) * 10): the tenths count, exactly
        meld_i = self.define(
            2,
            ("meld_i", name, dialysis),
            lambda: case([(bad, null_double())], _tenths_half_up(raw)),
        )
        if name == "meld":
            return fn("LEAST", meld_i, num(40.0))
        assert na is not None
        nac = fn("LEAST", fn("GREATEST", na, num(125.0)), num(137.0))
        d_na = sub(integer(137), nac)
        bumped = add(meld_i, sub(mul(num(1.32), d_na), mul(mul(num(0.033), meld_i), d_na)))
        score = case([(cmp(meld_i, ">", integer(11)), bumped)], meld_i)
        return _clamp(_round_half_up(score, 0), 6, 40)

    def grade_bounds(self, grade: str, condition: str, top: int) -> tuple[exp.Expr, exp.Expr]:
        """``derive._grade_range`` as (lowest, highest) grade still possible."""
        self.item_concepts.add(condition)
        k, v = self.obs(grade, None, "k"), self.obs(grade, None, "v")
        a = day(self.as_of)
        current = and_(
            exp.EQ(this=col("status"), expression=text("active")),
            or_(is_null(col("end_date")), cmp(col("end_date"), ">", a)),
        )
        rank = self.item(
            ("grade", condition),
            condition,
            lambda: fn(
                "MAX",
                case(
                    [
                        (current, integer(3)),
                        (exp.EQ(this=col("status"), expression=text("absent")), integer(2)),
                    ],
                    integer(1),
                ),
            ),
        )
        r = fn("COALESCE", rank, integer(0))
        g = fn("TRUNC", v)
        graded = and_(not_null(k), not_null(v))
        # none: recorded absent, or conditions complete; a resolved item rules nothing out
        none = or_(exp.EQ(this=r, expression=integer(2)), self.complete("conditions"))
        lo = case([(graded, g), (exp.EQ(this=r, expression=integer(3)), num(1.0))], num(0.0))
        hi = case(
            [
                (graded, g),
                (exp.EQ(this=r, expression=integer(3)), num(float(top))),
                (none, num(0.0)),
            ],
            num(float(top)),
        )
        lo_col = self.define(1, ("grade_lo", grade), lambda: lo)
        hi_col = self.define(1, ("grade_hi", grade), lambda: hi)
        return lo_col, hi_col

    def child_pugh_bounds(self) -> tuple[exp.Expr, exp.Expr]:
        def build(which: int) -> exp.Expr:
            bili, alb, inr = (
                self.lab("bilirubin", "mg/dL"),
                self.lab("albumin", "g/dL"),
                self.lab("inr", "1"),
            )
            alo, ahi = self.grade_bounds("ascites_grade", "ascites", 3)
            elo, ehi = self.grade_bounds("west_haven_grade", "hepatic_encephalopathy", 4)
            base = add(
                add(_tier(bili, 2.0, 3.0), sub(integer(4), _tier(alb, 2.8, 3.5))),
                _tier(inr, 1.7, 2.3),
            )
            a, e = (alo, elo) if which == 0 else (ahi, ehi)
            pts = add(add(base, fn("LEAST", add(a, num(1.0)), num(3.0))), _enc_points(e))
            bad = or_(
                *[is_null(x) for x in (bili, alb, inr)],
                *[cmp(x, "<=", num(0.0)) for x in (bili, alb, inr)],
                cmp(alo, "<", num(0.0)),
                cmp(ahi, ">", num(3.0)),
                cmp(elo, "<", num(0.0)),
                cmp(ehi, ">", num(4.0)),
            )
            return case([(bad, null_double())], pts)

        lo = self.define(2, ("cp", 0), lambda: build(0))
        hi = self.define(2, ("cp", 1), lambda: build(1))
        return lo, hi

    def pf(self) -> exp.Expr:
        pao2, fio2 = self.lab("pao2", "mm[Hg]"), self.lab("fio2", "1")
        bad = or_(
            is_null(pao2),
            is_null(fio2),
            cmp(pao2, "<=", num(0.0)),
            cmp(fio2, "<", num(0.21)),
            cmp(fio2, ">", num(1.0)),
        )
        return case([(bad, null_double())], _round_half_up(div(pao2, fio2), 1))

    def egfr(self) -> exp.Expr:
        cr = self.lab("creatinine", "mg/dL")
        age = self.define(1, "gather_age", self.gather_age)
        fem = self.female()
        kappa = case([(exp.EQ(this=fem, expression=integer(1)), num(0.7))], num(0.9))
        alpha = case([(exp.EQ(this=fem, expression=integer(1)), num(-0.241))], num(-0.302))
        ratio = div(cr, kappa)
        gfr = mul(
            mul(
                mul(integer(142), fn("POWER", fn("LEAST", ratio, num(1.0)), alpha)),
                fn("POWER", fn("GREATEST", ratio, num(1.0)), num(-1.2)),
            ),
            fn("POWER", num(0.9938), age),
        )
        gfr = case([(exp.EQ(this=fem, expression=integer(1)), mul(gfr, num(1.012)))], gfr)
        bad = or_(
            is_null(cr),
            is_null(age),
            is_null(fem),
            cmp(cr, "<=", num(0.0)),
            cmp(age, "<", num(18.0)),
        )
        return case([(bad, null_double())], _round_half_up(gfr, 1))

    def gather_age(self) -> exp.Expr:
        """``derive._Gather.age``: completed years, or the recorded age in years."""
        born = col("birth_date")
        years = self.age_years(born)
        units = tuple(sorted({u or "" for u in self.b.age_units}))
        recorded = self.converted(
            col("age_value"),
            _Unit(expr=fn("COALESCE", col("age_unit"), text("")), choices=units),
            "a",
            lambda s: (lambda v: v) if s == "a" else _affine(s, "a", None),
        )
        return case(
            [
                (and_(not_null(born), cmp(born, "<=", day(self.as_of))), years),
                (not_null(col("age_value")), recorded),
            ],
            null_double(),
        )

    # -- nodes ------------------------------------------------------------------------
    def node(self, n: Node) -> exp.Expr:
        if isinstance(n, AllOf):
            return and_(*[self.node(k) for k in n.children])
        if isinstance(n, AnyOf):
            return or_(*[self.node(k) for k in n.children])
        if isinstance(n, Not):
            return not_(self.node(n.child))
        if isinstance(n, Comparison):
            return self.comparison(n)
        if isinstance(n, Range):
            return self.range(n)
        if isinstance(n, Versus):
            return self.versus(n)
        if isinstance(n, Mention):
            return self.mention(n)
        if isinstance(n, Unparsed):
            return null_bool()
        raise _Fallback(f"rule node {type(n).__name__} has no SQL form")

    def _convert_plan(
        self, c: Concept, val: _Val, to: str
    ) -> Callable[[str], Callable[[exp.Expr], exp.Expr] | None]:
        """``evaluate._Evaluator._convert`` for one source unit (ages floor to whole units)."""
        if c.id == "age":

            def age_plan(u: str) -> Callable[[exp.Expr], exp.Expr] | None:
                f = _affine(u or "a", to or "a", None)
                if f is None:
                    return None
                g = f
                return lambda v: fn("FLOOR", add(g(v), num(1e-9)))

            return age_plan

        def plan(u: str) -> Callable[[exp.Expr], exp.Expr] | None:
            if to in TIME_UNITS and u in TIME_UNITS:
                return _affine(u or "a", to or "a", None)
            return _affine(u or "1", to or "1", c.molar_mass, c.id)

        return plan

    def _in_unit(self, c: Concept, val: _Val, to: str) -> exp.Expr:
        num_ = val.num
        assert num_ is not None
        if val.age == "born" and to == "mo":
            return self.define(1, "age_months", lambda: self.age_months(col("birth_date")))
        return self.define(
            4,
            ("in", c.id, val.key, to),
            lambda: self.converted(num_, val.unit, to, self._convert_plan(c, val, to)),
        )

    def _in(
        self,
        c: Concept,
        val: _Val,
        to: str,
        why: str,
        plan: Callable[[str], Callable[[exp.Expr], exp.Expr] | None],
    ) -> exp.Expr:
        num_ = val.num
        assert num_ is not None
        return self.define(
            4, (why, c.id, val.key, to), lambda: self.converted(num_, val.unit, to, plan)
        )

    def comparison(self, n: Comparison) -> exp.Expr:
        c = self.vocab[n.concept]
        branches: list[tuple[exp.Expr, exp.Expr]] = []
        for val in self.values(c, n.window):
            branches.append((val.guard, _either(val, lambda v: self.compare_value(c, v, n))))
        return case(branches, null_bool())

    def compare_value(self, c: Concept, val: _Val, n: Comparison) -> exp.Expr:
        target = n.value
        if isinstance(target, Category):
            want = target.value.strip().lower()
            eq_text: exp.Expr = null_bool()
            value_text = _built(val.text)
            if value_text is not None:
                eq_text = exp.EQ(this=fn("LOWER", value_text), expression=text(want))
            eq_num: exp.Expr = false()
            if _could_be_float_text(want):
                raise _Fallback(f"category '{target.value}' could equal a number's text")
            if n.op not in ("=", "!="):
                # "child_pugh_class >= C": ranked by the concept's categories, mildest first,
                # as compare_text does in process; a value outside them is unknown (it was
                # read as "!=", so class B met ">= C")
                ranks = [o.strip().lower() for o in c.categories]
                if want not in ranks or value_text is None:
                    return null_bool()
                at = ranks.index(want)
                yes = [r for i, r in enumerate(ranks) if _RANKED[n.op](i, at)]
                no = [r for r in ranks if r not in yes]
                low = fn("LOWER", value_text)
                whens_rank = []
                if yes:
                    whens_rank.append((in_(low, yes), true()))
                if no:
                    whens_rank.append((in_(low, no), false()))
                return case(whens_rank, null_bool())
            if n.op != "=":
                eq_text, eq_num = not_(eq_text), not_(eq_num)
            whens = []
            if value_text is not None:
                whens.append((not_null(value_text), eq_text))
            if val.num is not None:
                whens.append((not_null(val.num), eq_num))
            return case(whens, null_bool())
        if val.num is None:
            return null_bool()  # a text value compared with a number: unknown
        if isinstance(target, RefMultiple):
            return self.ref_multiple(c, val, n, target)
        assert isinstance(target, Quantity)
        v = self._in_unit(c, val, target.unit)
        return _compare(v, n.op, num(target.value))

    def ref_multiple(self, c: Concept, val: _Val, n: Comparison, target: RefMultiple) -> exp.Expr:
        assert val.num is not None
        same = lambda u: _affine(u or "1", u or "1", c.molar_mass, c.id)  # noqa: E731
        to_default = lambda u: _affine(u or "1", (c.unit or "") or "1", c.molar_mass, c.id)  # noqa: E731
        if target.limit == "ULN":
            default = None
            if c.reference is not None:
                v = self._in(c, val, c.unit or "", "ref", to_default)
                default = _compare(v, n.op, num(target.value * c.reference[1]))
            ref_high = _built(val.ref_high)
            if ref_high is None:
                return default if default is not None else null_bool()
            v_own = self._in(c, val, "", "own", same)
            own = _compare(v_own, n.op, mul(num(target.value), ref_high))
            return case(
                [(not_null(ref_high), own)], default if default is not None else null_bool()
            )
        if c.reference is None:
            return null_bool()
        v = self._in(c, val, c.unit or "", "ref", to_default)
        return _compare(v, n.op, num(target.value * c.reference[0]))

    def versus(self, n: Versus) -> exp.Expr:
        """``evaluate._Evaluator.versus``: both latest values in their shared unit, compared;
        NULL when either is unknown."""
        sides = []
        for cid in (n.left, n.right):
            c = self.vocab[cid]
            vals = self.values(c, n.window)
            if len(vals) != 1 or vals[0].num is None or vals[0].alt is not None:
                raise _Fallback(f"{cid} is no plain measure to compare with another")
            sides.append(self._in_unit(c, vals[0], c.unit or ""))
        x, y = sides
        return case([(or_(is_null(x), is_null(y)), null_bool())], _compare(x, n.op, y))

    def range(self, n: Range) -> exp.Expr:
        c = self.vocab[n.concept]
        branches = []
        for val in self.values(c, n.window):
            if val.num is None:
                branches.append((val.guard, null_bool()))
                continue
            branches.append((val.guard, _either(val, lambda v: self._within(c, v, n))))
        return case(branches, null_bool())

    def _within(self, c: Concept, val: _Val, n: Range) -> exp.Expr:
        lo = self._in_unit(c, val, n.low.unit)
        hi = self._in_unit(c, val, n.high.unit)
        ok = and_(
            _compare(lo, ">=" if n.low_inclusive else ">", num(n.low.value)),
            _compare(hi, "<=" if n.high_inclusive else "<", num(n.high.value)),
        )
        return case([(or_(is_null(lo), is_null(hi)), null_bool())], ok)

    def mention(self, n: Mention) -> exp.Expr:
        c = self.vocab[n.concept]
        if c.kind == "fact":
            b = self.fact(c.id, "b")
            return case(
                [
                    (exp.EQ(this=b, expression=integer(1)), true()),
                    (exp.EQ(this=b, expression=integer(0)), false()),
                ],
                null_bool(),
            )
        ic = self.except_concept(c.id, n.excluding) if n.excluding else c.id
        self.item_concepts.add(ic)
        a = day(self.as_of)
        section = _SECTION_OF_KIND.get(c.kind, "conditions")
        started = or_(is_null(col("start_date")), cmp(col("start_date"), "<=", a))
        present = exp.NEQ(this=col("status"), expression=text("absent"))
        current = and_(
            or_(
                and_(
                    exp.EQ(this=col("section"), expression=text("medication")),
                    in_(col("status"), ("active", "unknown")),
                ),
                and_(
                    exp.NEQ(this=col("section"), expression=text("medication")),
                    exp.EQ(this=col("status"), expression=text("active")),
                ),
            ),
            or_(is_null(col("end_date")), cmp(col("end_date"), ">=", a)),
        )
        absent_direct = and_(exp.EQ(this=col("status"), expression=text("absent")), col("direct"))
        if n.window is not None:
            since = self.since(n.window)
            assert since is not None
            end = fn("COALESCE", col("end_date"), case([(current, a)], col("start_date")))
            rank_row = case(
                [
                    (and_(present, is_null(end)), integer(3)),
                    (and_(present, cmp(end, ">=", day(since))), integer(4)),
                    (absent_direct, integer(2)),
                ],
                integer(0),
            )
            if n.lasting is not None:
                lasted = self.lasted(n.lasting, current, since)
                rank_row = case(
                    [
                        (and_(present, is_null(end)), integer(3)),
                        (and_(present, cmp(end, ">=", day(since)), lasted), integer(4)),
                        (and_(present, cmp(end, ">=", day(since)), is_null(lasted)), integer(3)),
                        (absent_direct, integer(2)),
                    ],
                    integer(0),
                )
            key: tuple[object, ...] = ("window", ic, since, n.lasting)
        elif n.qualifier == "history":
            rank_row = case([(present, integer(4)), (absent_direct, integer(2))], integer(0))
            if n.lasting is not None:
                lasted = self.lasted(n.lasting, current, None)
                rank_row = case(
                    [
                        (and_(present, lasted), integer(4)),
                        (and_(present, is_null(lasted)), integer(3)),
                        (absent_direct, integer(2)),
                    ],
                    integer(0),
                )
            key = ("history", ic, n.lasting)
        else:
            unsure = and_(
                exp.EQ(this=col("status"), expression=text("unknown")),
                or_(is_null(col("end_date")), cmp(col("end_date"), ">=", a)),
            )
            rank_row = case(
                [
                    (and_(present, current), integer(4)),
                    (unsure, integer(3)),
                    (absent_direct, integer(2)),
                ],
                integer(0),
            )
            if n.lasting is not None:
                lasted = self.lasted(n.lasting, current, None)
                rank_row = case(
                    [
                        (and_(present, current, lasted), integer(4)),
                        (and_(present, current, is_null(lasted)), integer(3)),
                        (and_(unsure, not_(current)), integer(3)),
                        (absent_direct, integer(2)),
                    ],
                    integer(0),
                )
            key = ("current", ic, n.lasting)
        rank = self.item(key, ic, lambda: _filtered(fn("MAX", rank_row), started))
        # 4 qualifies, 3 undetermined, 2 ruled out by a direct "absent"; an item that is
        # resolved, stopped or outside the window says nothing of another one (open world)
        top = 4
        r = fn("COALESCE", rank, integer(0))
        whens: list[tuple[exp.Expr, exp.Expr]] = []
        if c.sex is not None:
            whens.append(
                (
                    and_(
                        in_(col("sex"), ("female", "male")),
                        exp.NEQ(this=col("sex"), expression=text(c.sex)),
                    ),
                    false(),
                )
            )
        whens += [
            (exp.EQ(this=r, expression=integer(top)), true()),
            (exp.EQ(this=r, expression=integer(3)), null_bool()),
            (exp.EQ(this=r, expression=integer(2)), false()),
            (self.complete(section), false()),
        ]
        return case(whens, null_bool())

    def lasted(self, lasting: Duration, current: exp.Expr, since: date | None) -> exp.Expr:
        """Whether an item row lasted ``lasting`` (``evaluate.lasted``): TRUE / FALSE, NULL
        when its span has no start or no end.

        A procedure row has no end; a current row's span ends on the screening date, another
        one's at its end date (no later than the screening date); in a window
        it starts no earlier than the window.  The end moved back by the duration is a constant
        for current rows and calendar arithmetic in SQL otherwise: ``- INTERVAL n MONTH`` in
        DuckDB and ``ADD_MONTHS`` in Spark clamp the day to the month's end as
        :func:`eligo.scores.add_calendar` does.
        """
        amount = int(lasting.amount)
        if lasting.unit in ("d", "wk"):
            step, count = "DAY", amount * (7 if lasting.unit == "wk" else 1)
        else:
            step, count = "MONTH", amount * (12 if lasting.unit == "a" else 1)
        if count > (200 * 366 if step == "DAY" else 200 * 12):
            raise _Fallback(f"a duration of {amount} {lasting.unit} is longer than SQL dates")
        a = day(self.as_of)
        ended = case(
            [
                (
                    exp.EQ(this=col("section"), expression=text("procedure")),
                    _cast(exp.Null(), "DATE"),
                ),
                (cmp(col("end_date"), ">", a), a),
            ],
            col("end_date"),
        )
        moved = exp.DateSub(this=ended, expression=integer(count), unit=exp.var(step))
        cutoff = case(
            [
                (
                    exp.EQ(this=col("section"), expression=text("procedure")),
                    _cast(exp.Null(), "DATE"),
                ),
                (current, day(duration_cutoff(self.as_of, lasting))),
            ],
            _cast(moved, "DATE"),
        )
        start: exp.Expr = col("start_date")
        if since is not None:
            start = case([(cmp(start, "<", day(since)), day(since))], start)
        flipped = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}[lasting.op]
        return case(
            [(or_(is_null(start), is_null(cutoff)), null_bool())], cmp(start, flipped, cutoff)
        )

    def _slot_units(self, concept: str) -> list[str]:
        """The units (not NULL) of ``concept``'s rows, in the order their index encodes."""
        return [u for u in self.obs_units(concept) if u]

    def _unit_span(self) -> int:
        """2**bits: room below the ordering key for the largest slot's unit index."""
        most = max((len(self._slot_units(c)) for c, _ in self.obs_slots), default=0)
        return 1 << most.bit_length()

    def _obs_filter(self) -> list[exp.Expr]:
        """Which joined observation rows go on: the trial's (and, checking keys, unknown ones)."""
        if self.check_keys:
            return [or_(not_null(col("slot", "m")), is_null(col("known", "m")))]
        return self._obs_prefilter()

    def _obs_source(self) -> exp.Expr:
        """The observation rows the key join reads (alias ``x``).

        Checking keys, every row goes through the join, except rows no check needs: a code
        read as LOINC that alone decides a concept the trial does not read (its name and unit
        never matter).  Only codes and systems the bindings know are skipped, so a row whose
        code or system is new still reaches the join and the key check.  The rows kept are two
        scans whose tests are on one column each (DuckDB runs those inside the scan): codes
        not skipped, and skipped codes under a system not read as LOINC (read by name).
        """
        table = _alias(exp.to_table("observations"), "x", table=True)
        if not self.check_keys:
            return table
        from .lookup import _decisions, loinc_system

        decide = _decisions(self.vocab).loinc_code_decides
        wanted = {cid for cid, _ in self.obs_slots}
        unread: set[str] = set()
        for known, _, _, _ in self.b.observations:
            if known:
                decided, concept = decide(known)
                if decided and concept not in wanted:
                    unread.add(known)
        if not unread:
            return table
        codes = sorted(unread)
        systems = sorted({s for _, s, _, _ in self.b.observations if s is not None})
        loinc = [s for s in systems if loinc_system(s)]
        other = (
            and_(not_null(col("system")), not_(in_(col("system"), loinc)))
            if loinc
            else not_null(col("system"))
        )
        read = (
            _select(exp.Star())
            .from_("observations", copy=False)
            .where(or_(is_null(col("code")), not_(in_(col("code"), codes))), copy=False)
        )
        local = (
            _select(exp.Star())
            .from_("observations", copy=False)
            .where(and_(in_(col("code"), codes), other), copy=False)
        )
        return exp.Subquery(
            this=exp.union(read, local, distinct=False, copy=False),
            alias=exp.TableAlias(this=exp.to_identifier("x")),
        )

    def _obs_prefilter(self) -> list[exp.Expr]:
        """A cheap test every row the map join keeps passes: its code, or its name if uncoded.

        Most rows of concepts a trial does not read go before the (four-column) join.
        """
        rows = self.map_rows()["eligo_obs_map"]
        if not rows or any(r[0] is None and r[2] is None for r in rows):
            return []
        codes = sorted({str(r[0]) for r in rows if r[0] is not None})
        names = sorted({str(r[2]) for r in rows if r[0] is None})
        parts = []
        if codes:
            parts.append(in_(col("code", "x"), codes))
        if names:
            parts.append(and_(is_null(col("code", "x")), in_(col("name", "x"), names)))
        return [or_(*parts)]

    def _obs_pivot(self, span: int) -> dict[str, exp.Expr]:
        """One column per slot and field: the slot's latest row (greatest ``k``).

        Only ``MAX(k)`` and ``ARG_MAX`` of the value (text, reference limit) per slot; ``u``
        is decoded from the low bits of the latest row's key (index 0 is no unit).  The slot
        test sits in the key (``CASE WHEN slot = i THEN k END``: both aggregates skip rows whose
        key is NULL) rather than in a ``FILTER``, which costs a selection per aggregate and
        chunk.
        """
        out: dict[str, exp.Expr] = {}
        source = {"v": "value", "t": "value_text", "r": "reference_high"}
        for alias, (key, what) in self.obs_cols.items():
            mine = exp.EQ(this=col("slot"), expression=integer(self.obs_slots[key]))
            k = case([(mine, col("k"))], _cast(exp.Null(), "BIGINT"))
            if what == "k":
                out[alias] = fn("MAX", k)
                continue
            if what != "u":
                out[alias] = fn("ARG_MAX", col(source[what]), k)
                continue
            units = self._slot_units(key[0])
            if not units:
                out[alias] = _cast(exp.Null(), "VARCHAR")
                continue
            m = integer(span)
            last = fn("MAX", k)
            uid = exp.Mod(this=paren(add(exp.Mod(this=paren(last), expression=m), m)), expression=m)
            whens = [
                (exp.EQ(this=uid, expression=integer(i)), text(u)) for i, u in enumerate(units, 1)
            ]
            out[alias] = case(whens, _cast(exp.Null(), "VARCHAR"))
        return out

    def _items_pivot(self) -> exp.Select:
        """One row per patient with every item aggregate (``eligo_items_p``).

        Most item aggregates are ``MAX`` of a small rank (``CASE … THEN 2 … ELSE 0 END``) over
        one concept's rows.  Those become bits: a row sets bit ``offset + rank`` of its
        aggregate's field in a ``BIGINT`` word (one ``CASE`` on the concept per row and word),
        one ``BIT_OR`` per word collects a patient's ranks, and the greatest set bit of a
        field is the ``MAX``; an empty field is ``NULL``, as ``MAX`` over no rows.  So a few
        ``BIT_OR`` aggregates replace one per concept and window.  Other aggregates stay
        one each, their concept test inside the argument (:func:`_keyed`).

        Many fields share one rank test (every current mention ranks a row alike), so each
        distinct test is a column ``eligo_r<i>`` = ``2**rank`` (0 where the field's filter
        fails), computed once per row over whole vectors; the word's ``CASE`` on the concept
        then only multiplies the concept's columns by ``2**offset``.  Evaluating the string
        and date tests inside one small ``CASE`` branch per concept cost more.
        """
        word_bits = 62  # bits of a non-negative BIGINT used per word
        others: dict[str, exp.Expr] = {}
        fields: list[tuple[str, int, exp.Expr | None, exp.Case, tuple[int, ...]]] = []
        for alias, (cid, agg) in self.item_aggs.items():
            if cid < 0:  # no concept's aggregate: the unknown-key flag, over every row
                others[alias] = agg
                continue
            where = agg.expression.this if isinstance(agg, exp.Filter) else None
            inner = agg.this if isinstance(agg, exp.Filter) else agg
            ranks = _small_ranks(inner, word_bits)
            if ranks is None or not isinstance(inner.this, exp.Case):
                mine = exp.EQ(this=col("concept"), expression=integer(cid))
                others[alias] = _keyed(inner, mine if where is None else and_(mine, where))
                continue
            fields.append((alias, cid, where, inner.this, ranks))
        # words: fields packed in order, each within one word
        words: list[list[tuple[str, int, exp.Expr | None, exp.Case, tuple[int, ...], int]]] = []
        used = word_bits
        for alias, cid, where, rank, ranks in fields:
            width = max(ranks) + 1
            if used + width > word_bits:
                words.append([])
                used = 0
            words[-1].append((alias, cid, where, rank, ranks, used))
            used += width

        def big(n: int) -> exp.Expr:
            return _cast(integer(n), "BIGINT")

        inner_aggs: dict[str, exp.Expr] = {}
        decoded: dict[str, exp.Expr] = {}
        kinds: dict[str, tuple[str, exp.Expr]] = {}  # rank test (SQL text) → column, test
        for w, members in enumerate(words):
            name = f"eligo_w{w}"
            by_concept: dict[int, list[exp.Expr]] = {}
            for alias, cid, where, rank, ranks, offset in members:
                # the field's bit is 2**rank (its kind's column) moved up to its offset
                power = rank.copy()
                for branch in power.args.get("ifs") or []:
                    branch.set("true", big(1 << _literal_int(branch.args["true"])))
                power.set("default", big(1 << _literal_int(power.args["default"])))
                test = power if where is None else case([(where.copy(), power)], big(0))
                kind = kinds.setdefault(to_sql(test), (f"eligo_r{len(kinds)}", test))[0]
                part = col(kind) if offset == 0 else mul(col(kind), big(1 << offset))
                by_concept.setdefault(cid, []).append(part)
                decoded[alias] = case(
                    [
                        (
                            exp.NEQ(
                                this=paren(
                                    exp.BitwiseAnd(
                                        this=col(name), expression=big(1 << (offset + r))
                                    )
                                ),
                                expression=big(0),
                            ),
                            integer(r),
                        )
                        for r in sorted(set(ranks), reverse=True)
                    ],
                    _cast(exp.Null(), "INT"),
                )
            row = case(
                [
                    (
                        exp.EQ(this=col("concept"), expression=integer(cid)),
                        functools.reduce(add, parts),
                    )
                    for cid, parts in by_concept.items()
                ],
                big(0),
            )
            inner_aggs[name] = exp.BitwiseOrAgg(this=row)
        if not words:
            return _grouped("eligo_items", others)
        # each distinct rank test once per row, over every row (whole vectors, no branch per
        # concept); the words then only pick and shift the concept's own columns
        ranked = _select(exp.Star(), *[_alias(t, c) for c, t in kinds.values()]).from_(
            "eligo_items", copy=False
        )
        grouped = (
            _select(col("patient_id"), *[_alias(e, k) for k, e in {**inner_aggs, **others}.items()])
            .from_(
                exp.Subquery(this=ranked, alias=exp.TableAlias(this=exp.to_identifier("eligo_ir"))),
                copy=False,
            )
            .group_by(col("patient_id"), copy=False)
        )
        return _select(
            col("patient_id"),
            *[_alias(e, k) for k, e in decoded.items()],
            *[col(k) for k in others],
        ).from_(
            exp.Subquery(this=grouped, alias=exp.TableAlias(this=exp.to_identifier("eligo_ig"))),
            copy=False,
        )

    # -- the query ------------------------------------------------------------------------
    def map_rows(self) -> dict[str, list[tuple[object, ...]]]:
        """Rows of the lookup tables: observation key → concept; item key → concept, direct.

        Computed once, when every criterion is compiled (the query reads them too).
        """
        if self._map_rows is None:
            self._map_rows = self._make_map_rows()
        return self._map_rows

    def _make_map_rows(self) -> dict[str, list[tuple[object, ...]]]:
        okeys, ikeys = self.okeys, self.ikeys
        orows: list[tuple[object, ...]] = []
        for (cid, since), slot in sorted(self.obs_slots.items(), key=lambda kv: kv[1]):
            units = self._slot_units(cid)
            matched = set(_observation_matches(okeys, cid, self.vocab))
            for code, system, name, unit in sorted(self.b.observations, key=_sort_key):
                if (code, system, name) in matched:
                    uid = units.index(unit) + 1 if unit else 0
                    orows.append((code, system, name, unit, slot, since, uid, True))
        if self.check_keys:  # every other key the bindings know, so no row goes unaccounted
            used = {r[:4] for r in orows}
            orows.extend(
                (*k, None, None, None, True)
                for k in sorted(set(self.b.observations) - used, key=_sort_key)
            )
        # a medication row's key includes its dose unit (the dose conversions read the units
        # the bindings list); other sections have no unit
        every, unit_of = _item_units(self.b.items)
        wanted: set[str] = set()
        for cid in self.item_concepts:
            concept, excluding = self.excepts.get(cid, (cid, ()))
            wanted.update((concept, *excluding))
        _match_items(ikeys, tuple(sorted(wanted)), self.vocab)
        irows: list[tuple[object, ...]] = []
        for cid in sorted(self.item_concepts):
            for k, direct in self._item_rows(ikeys, cid):
                dose_units = unit_of.get(tuple(k), (None,))
                irows.extend((*k, u, self.item_ids[cid], direct, True) for u in dose_units)
        if self.check_keys:  # every other key the bindings know, so no row goes unaccounted
            used = {r[:5] for r in irows}
            irows.extend((*k, None, None, True) for k in every if k not in used)
        return {"eligo_obs_map": orows, "eligo_item_map": irows}

    def _item_rows(self, ikeys: _Keys, cid: str) -> tuple[tuple[tuple[str | None, ...], bool], ...]:
        """The item keys (with ``direct``) that mean ``cid``: a concept, or a pseudo concept of
        :meth:`except_concept`, whose keys meaning an excluded concept are left out."""
        if cid not in self.excepts:
            return _item_matches(ikeys, cid, self.vocab)
        concept, excluding = self.excepts[cid]
        aside = {k for x in excluding for k, _ in _item_matches(ikeys, x, self.vocab)}
        return tuple(m for m in _item_matches(ikeys, concept, self.vocab) if m[0] not in aside)

    def query(
        self,
        criteria: list[tuple[str, exp.Expr]],
        verdict: exp.Expr,
        row_column: str | None,
        maps: dict[str, list[tuple[object, ...]]] | None,
    ) -> tuple[exp.Select, exp.Select]:
        """The met-only query and the query with the verdict, sharing one set of CTEs."""
        a = day(self.as_of)
        ctes: list[tuple[str, exp.Expr]] = []
        if maps is not None:
            ctes += [(name, _values(*MAP_COLUMNS[name], rows)) for name, rows in maps.items()]
        has_value = or_(
            not_null(col("value", "x")),
            not_null(col("value_text", "x")),
            not_null(col("value_bool", "x")),
        )
        days = exp.DateDiff(
            this=col("date", "x"), expression=day(date(1970, 1, 1)), unit=exp.var("DAY")
        )
        ordkey = case(
            [(is_null(col("date", "x")), sub(col("seq", "x"), integer(_UNDATED)))],
            add(
                mul(add(_cast(days, "BIGINT"), integer(_DAY_SHIFT)), integer(_SEQ_SPAN)),
                col("seq", "x"),
            ),
        )
        span = self._unit_span()
        key = add(mul(ordkey, integer(span)), col("uid", "m")) if span > 1 else ordkey
        whats = {what for _, what in self.obs_cols.values()}
        fields = [("v", "value"), ("t", "value_text"), ("r", "reference_high")]
        since = col("since", "m")
        obs_rows = (
            _select(
                col("patient_id", "x"),
                col("slot", "m"),
                *[col(source, "x") for what, source in fields if what in whats],
                _alias(key, "k"),
                *([col("known", "m")] if self.check_keys else []),
            )
            .from_(self._obs_source(), copy=False)
            .join(
                _alias(exp.to_table("eligo_obs_map"), "m", table=True),
                on=_key_join("x", "m", ("code", "system", "name", "unit")),
                join_type="left" if self.check_keys else None,
                copy=False,
            )
            .where(
                and_(
                    *self._obs_filter(),
                    or_(is_null(col("date", "x")), cmp(col("date", "x"), "<=", a)),
                    has_value,
                    or_(is_null(since), cmp(col("date", "x"), ">=", since)),
                ),
                copy=False,
            )
        )
        ctes.append(("eligo_obs", obs_rows))
        pivot = self._obs_pivot(span)
        if self.check_keys:  # 1 where a row's key is not in the bindings (they are stale)
            pivot[UNKNOWN_KEYS] = _unknown_flag()
        ctes.append(("eligo_obs_p", _grouped("eligo_obs", pivot)))
        parts = []
        for section, table, start, end, dose in (
            ("condition", "conditions", "onset_date", "abatement_date", False),
            ("procedure", "procedures", "date", "date", False),
            ("medication", "medications", "start_date", "end_date", True),
        ):
            on = and_(
                exp.EQ(this=col("section", "m"), expression=text(section)),
                _key_join("x", "m", ("code", "system", "name")),
            )
            if dose:  # a medication key includes its dose unit (other map rows have none)
                unit = exp.NullSafeEQ(this=col("dose_unit", "x"), expression=col("unit", "m"))
                on = and_(on, unit)
            joined = (
                _select(
                    col("patient_id", "x"),
                    col("section", "m"),
                    col("concept", "m"),
                    col("direct", "m"),
                    col("status", "x"),
                    _alias(col(start, "x"), "start_date"),
                    _alias(col(end, "x"), "end_date"),
                    col("seq", "x"),
                    _alias(col("dose_value", "x") if dose else null_double(), "dose_value"),
                    _alias(
                        col("dose_unit", "x") if dose else _cast(exp.Null(), "VARCHAR"),
                        "dose_unit",
                    ),
                    *([col("known", "m")] if self.check_keys else []),
                )
                .from_(_alias(exp.to_table(table), "x", table=True), copy=False)
                .join(
                    _alias(exp.to_table("eligo_item_map"), "m", table=True),
                    on=on,
                    join_type="left" if self.check_keys else None,
                    copy=False,
                )
            )
            if self.check_keys:  # the trial's rows, and rows whose key the bindings lack
                joined = joined.where(
                    or_(not_null(col("concept", "m")), is_null(col("known", "m"))), copy=False
                )
            parts.append(joined)
        items = exp.union(exp.union(parts[0], parts[1], distinct=False), parts[2], distinct=False)
        ctes.append(("eligo_items", items))
        if self.check_keys:  # 1 where an item row's key is not in the bindings
            self.item_aggs[UNKNOWN_ITEMS] = (-1, _unknown_flag())
        ctes.append(("eligo_items_p", self._items_pivot()))
        ctes.append(("eligo_facts_p", _grouped("facts", self.fact_aggs)))
        pcols = ["patient_id", "birth_date", "age_value", "age_unit", "sex"]
        pcols += [f"complete_{s}" for s in SECTIONS]
        if row_column:
            pcols.append(row_column)
        base = _select(
            *[col(x, "p") for x in pcols],
            *[col(k, "op") for k in self.obs_cols],
            *(
                [
                    _alias(
                        fn("COALESCE", col(UNKNOWN_KEYS, "op"), col(UNKNOWN_ITEMS, "ip")),
                        UNKNOWN_KEYS,
                    )
                ]
                if self.check_keys
                else []
            ),
            *[col(k, "ip") for k in self.item_aggs if k != UNKNOWN_ITEMS],
            *[col(k, "fp") for k in self.fact_aggs],
        ).from_(_alias(exp.to_table("patients"), "p", table=True), copy=False)
        for cte, alias in (("eligo_obs_p", "op"), ("eligo_items_p", "ip"), ("eligo_facts_p", "fp")):
            base = base.join(
                _alias(exp.to_table(cte), alias, table=True),
                on=exp.EQ(this=col("patient_id", "p"), expression=col("patient_id", alias)),
                join_type="left",
                copy=False,
            )
        ctes.append(("eligo_base", base))
        prev = "eligo_base"
        fresh = (f"eligo_s{i}" for i in itertools.count())
        for i, layer in enumerate(self.layers[1:], 1):
            if layer:
                layer = dict(layer)
                for j, shared in enumerate(_shared_columns(layer, fresh)):
                    ctes.append((f"eligo_d{i}s{j}", _layer(shared, prev)))
                    prev = f"eligo_d{i}s{j}"
                ctes.append((f"eligo_d{i}", _layer(layer, prev)))
                prev = f"eligo_d{i}"
        met_cols = dict(criteria)
        for j, shared in enumerate(_shared_columns(met_cols, fresh)):
            ctes.append((f"eligo_cs{j}", _layer(shared, prev)))
            prev = f"eligo_cs{j}"
        outs = [col("patient_id")] + ([col(row_column)] if row_column else [])
        if self.check_keys:
            outs.append(col(UNKNOWN_KEYS))
        met = _select(*outs, *[_alias(e, name) for name, e in met_cols.items()]).from_(
            prev, copy=False
        )
        met.set(
            "with_",
            exp.With(
                expressions=[
                    exp.CTE(this=body, alias=exp.TableAlias(this=exp.to_identifier(name)))
                    for name, body in ctes
                ]
            ),
        )
        # the verdict over the met columns; the CTEs stay inside the subquery (no copy)
        full = _select(exp.Star(), _alias(verdict, "verdict")).from_(
            exp.Subquery(this=met, alias=exp.TableAlias(this=exp.to_identifier("eligo_met"))),
            copy=False,
        )
        return met, full


def _layer(columns: dict[str, exp.Expr], prev: str) -> exp.Select:
    """``SELECT *, <columns> FROM prev``: one more layer of computed columns."""
    return _select(exp.Star(), *[_alias(e, k) for k, e in columns.items()]).from_(prev, copy=False)


_SHARE_MIN = 8  # nodes: a repeat smaller than this costs less than a column of its own
# node types whose evaluation never fails, whatever their inputs: a shared subexpression of
# these alone may be computed for every row, outside the CASE branch that held it
_NEVER_FAIL = (
    exp.Column,
    exp.Identifier,
    exp.Literal,
    exp.Boolean,
    exp.Null,
    exp.Paren,
    exp.Add,
    exp.Sub,
    exp.Mul,
    exp.Neg,
    exp.EQ,
    exp.NEQ,
    exp.GT,
    exp.GTE,
    exp.LT,
    exp.LTE,
    exp.NullSafeEQ,
    exp.And,
    exp.Or,
    exp.Not,
    exp.Is,
    exp.Case,
    exp.If,
    exp.Coalesce,
    exp.Abs,
    exp.Floor,
    exp.Trunc,
    exp.Greatest,
    exp.Least,
    exp.In,
    exp.DataType,
)


_NOT_A_VALUE = (exp.If, exp.Identifier, exp.DataType)  # parts of a node, never a column


def _positive(e: exp.Expr) -> bool:
    """``e`` is NULL or a number > 0 for every input (so ``LN(e)`` cannot fail)."""
    if isinstance(e, exp.Null):
        return True
    if isinstance(e, exp.Paren):
        return _positive(e.this)
    if isinstance(e, exp.Literal):
        value = _constant(e)
        return value is not None and value > 0
    if isinstance(e, exp.Greatest):
        return any(_positive(a) for a in [e.this, *e.expressions])
    if isinstance(e, exp.Least):
        return all(_positive(a) for a in [e.this, *e.expressions])
    if isinstance(e, exp.Cast):
        return _positive(e.this)
    if isinstance(e, exp.Case):
        values = [b.args.get("true") for b in e.args.get("ifs") or []] + [e.args.get("default")]
        return all(v is None or _positive(v) for v in values)
    return False


def _never_fails_here(e: exp.Expr) -> bool:
    """Evaluating node ``e`` itself (its inputs apart) raises no error for any input."""
    if isinstance(e, _NEVER_FAIL):
        return True
    if isinstance(e, exp.Cast):  # the compiler casts numbers to DOUBLE, and literals
        to = e.args.get("to")
        target = to.this if isinstance(to, exp.DataType) else None
        return target == exp.DataType.Type.DOUBLE or isinstance(e.this, exp.Literal | exp.Null)
    if isinstance(e, exp.Div):  # by a non-zero literal
        value = _constant(
            e.expression.this if isinstance(e.expression, exp.Paren) else e.expression
        )
        return value is not None and value != 0
    if isinstance(e, exp.Ln):
        return _positive(e.this)
    return False


class _Shapes:
    """Structural identity of expression nodes: equal trees get equal integer keys."""

    def __init__(self) -> None:
        self.ids: dict[tuple[object, ...], int] = {}
        self.memo: dict[int, tuple[int, int, bool]] = {}  # id(node) → key, size, never fails

    def of(self, node: exp.Expr) -> tuple[int, int, bool]:
        found = self.memo.get(id(node))
        if found is not None:
            return found
        parts: list[object] = [type(node).__name__]
        size, safe = 1, _never_fails_here(node)
        for name in sorted(node.args):
            value = node.args[name]
            if value is None or value == []:
                continue
            items = value if isinstance(value, list) else [value]
            keys: list[object] = []
            for item in items:
                if isinstance(item, exp.Expr):
                    k, n, ok = self.of(item)
                    keys.append(k)
                    size += n
                    safe = safe and ok
                else:
                    keys.append(item)
                    # a non-expression argument (a flag, a name) is part of the shape
            parts.append((name, isinstance(value, list), tuple(keys)))
        key = self.ids.setdefault(tuple(parts), len(self.ids))
        found = self.memo[id(node)] = (key, size, safe)
        return found


def _shared_columns(
    columns: dict[str, exp.Expr], fresh: Iterator[str]
) -> list[dict[str, exp.Expr]]:
    """Compute each repeated subexpression of ``columns`` once, as a column of its own.

    The criteria and derived values repeat whole subtrees (a score's raw value inside its
    rounding, one reading of a value judged again when an alternative agrees); DuckDB
    evaluates every copy for every row.  Each outermost subtree of at least
    :data:`_SHARE_MIN` nodes that occurs twice or more and cannot fail (it leaves the CASE
    branch that held it, so it is evaluated for every row) becomes a column, and each entry of
    ``columns`` is replaced by an expression that reads it (the trees themselves are left as
    they are).  The new columns may repeat subtrees themselves, so they are shared the same
    way.  Returns the layers to compute before ``columns``, earliest
    first; the results are unchanged (the same pure expressions, evaluated once).
    """
    shapes = _Shapes()
    counts: dict[int, int] = {}
    for e in columns.values():
        for node in e.walk():
            key, size, safe = shapes.of(node)
            if size >= _SHARE_MIN and safe and not isinstance(node, _NOT_A_VALUE):
                counts[key] = counts.get(key, 0) + 1
    shared: dict[int, tuple[str, exp.Expr]] = {}

    def rewrite(node: exp.Expr) -> exp.Expr:
        # a new node where a part changed; the trees passed in are never modified (the
        # compiler shares subtrees between columns and layers)
        key = shapes.of(node)[0]
        if counts.get(key, 0) >= 2:
            if key not in shared:
                shared[key] = (next(fresh), node)
            return col(shared[key][0])
        args: dict[str, object] = {}
        changed = False
        for name, value in node.args.items():
            if isinstance(value, exp.Expr):
                new = rewrite(value)
                changed = changed or new is not value
                args[name] = new
            elif isinstance(value, list):
                items = [rewrite(v) if isinstance(v, exp.Expr) else v for v in value]
                changed = changed or any(a is not b for a, b in zip(items, value, strict=True))
                args[name] = items
            else:
                args[name] = value
        return type(node)(**args) if changed else node

    for name in columns:
        columns[name] = rewrite(columns[name])
    if not shared:
        return []
    layer = {alias: body for alias, body in shared.values()}
    return [*_shared_columns(layer, fresh), layer]


def _built(e: exp.Expr | Callable[[], exp.Expr] | None) -> exp.Expr | None:
    return e() if callable(e) else e


def _either(val: _Val, judge: Callable[[_Val], exp.Expr]) -> exp.Expr:
    """``evaluate._either``: with an open yes/no input, decided only when both answers agree."""
    if val.alt is None:
        return judge(val)
    one = judge(val)
    other = judge(_Val(not_null(val.alt), val.alt, val.unit, key=(*val.key, "alt")))
    return case(
        [
            (is_null(val.alt), one.copy()),
            (exp.EQ(this=exp.paren(one), expression=exp.paren(other)), one.copy()),
        ],
        null_bool(),
    )


def _filtered(agg: exp.Expr, where: exp.Expr) -> exp.Expr:
    """``agg FILTER (WHERE where)``: only matching rows update the aggregate."""
    return exp.Filter(this=agg, expression=exp.Where(this=where))


def _keyed(agg: exp.Expr, where: exp.Expr) -> exp.Expr:
    """``agg`` over the rows where ``where`` holds, with the test inside the argument.

    ``MAX(CASE WHEN where THEN x END)`` and ``ARG_MAX(x, CASE WHEN where THEN key END)`` skip
    the other rows as ``FILTER (WHERE where)`` does (both aggregates skip NULL inputs / keys),
    without a selection per aggregate and chunk; other aggregates keep the ``FILTER``.
    """
    if isinstance(agg, exp.Max) and not agg.expressions:
        return exp.Max(this=case([(where, agg.this)], exp.Null()))
    if isinstance(agg, exp.ArgMax):
        return exp.ArgMax(this=agg.this, expression=case([(where, agg.expression)], exp.Null()))
    return _filtered(agg, where)


def _literal_int(e: exp.Expr) -> int:
    """The value of a non-negative :func:`integer` literal (a :func:`_small_ranks` branch)."""
    assert isinstance(e, exp.Literal) and e.is_int
    return int(e.this)


def _small_ranks(agg: exp.Expr, limit: int) -> tuple[int, ...] | None:
    """For ``MAX(CASE … THEN n … ELSE m END)`` with every ``n``, ``m`` a literal integer in
    ``0 … limit-1``: those integers; else None (the aggregate is not a rank)."""
    if not (isinstance(agg, exp.Max) and not agg.expressions and isinstance(agg.this, exp.Case)):
        return None
    c = agg.this
    if c.this is not None:  # CASE x WHEN …: not the searched form built here
        return None
    values = [b.args.get("true") for b in c.args.get("ifs") or []] + [c.args.get("default")]
    out = []
    for v in values:
        if not (isinstance(v, exp.Literal) and v.is_int and 0 <= int(v.this) < limit):
            return None
        out.append(int(v.this))
    return tuple(out)


def _grouped(table: str, aggs: dict[str, exp.Expr]) -> exp.Select:
    return (
        _select(col("patient_id"), *[_alias(e, k) for k, e in aggs.items()])
        .from_(table, copy=False)
        .group_by(col("patient_id"), copy=False)
    )


def _sort_key(k: tuple[object, ...]) -> tuple[str, ...]:
    return tuple("" if x is None else "\x01" + str(x) for x in k)


def _key_join(left: str, right: str, cols: Sequence[str]) -> exp.Expr:
    return and_(*[exp.NullSafeEQ(this=col(c, left), expression=col(c, right)) for c in cols])


UNKNOWN_KEYS = "eligo_unknown_keys"  # result column of a query compiled with check_keys
UNKNOWN_ITEMS = "eligo_unknown_items"  # the same for condition / procedure / medication rows


def _unknown_flag() -> exp.Expr:
    """1 for a patient with a row the key join did not find (``known`` NULL), else NULL."""
    return fn("MAX", case([(is_null(col("known")), integer(1))], _cast(exp.Null(), "INTEGER")))


MAP_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "eligo_obs_map": (
        ("code", "system", "name", "unit", "slot", "since", "uid", "known"),
        ("VARCHAR",) * 4 + ("INTEGER", "DATE", "INTEGER", "BOOLEAN"),
    ),
    "eligo_item_map": (
        ("section", "code", "system", "name", "unit", "concept", "direct", "known"),
        ("VARCHAR",) * 5 + ("INTEGER", "BOOLEAN", "BOOLEAN"),
    ),
}


class _Keys:
    """A cohort's distinct record keys, sorted, hashed once.

    The lookup caches below are keyed on it: a plain tuple of thousands of keys would be
    hashed again (and compared element by element) on every concept's lookup.
    """

    __slots__ = ("_hash", "keys")

    def __init__(self, keys: tuple[tuple[str | None, ...], ...]) -> None:
        self.keys = keys
        self._hash = hash(keys)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return self is other or (
            isinstance(other, _Keys) and self._hash == other._hash and self.keys == other.keys
        )


@functools.lru_cache(maxsize=8)
def _sorted_keys(keys: frozenset[tuple[str | None, ...]]) -> _Keys:
    """The keys in a fixed order (the same for the same set, however the cohort listed them)."""
    return _Keys(tuple(sorted(keys, key=_sort_key)))


@functools.lru_cache(maxsize=8)
def _item_units(
    items: tuple[ItemKey, ...],
) -> tuple[tuple[ItemKey, ...], dict[tuple[object, ...], tuple[str | None, ...]]]:
    """The bindings' item keys sorted, and the units of each (section, code, system, name).

    Cached: a cohort keeps its keys (one tuple) across screenings, so thousands of keys are
    sorted once, not for every screening.
    """
    every = tuple(sorted(items, key=_sort_key))
    units: dict[tuple[object, ...], list[str | None]] = {}
    for item in every:
        units.setdefault(tuple(item[:4]), []).append(item[4])
    return every, {k: tuple(v) for k, v in units.items()}


@functools.lru_cache(maxsize=8)
def _observation_view(table: _Keys, vocab: Vocabulary) -> RecordView:
    from .lookup import RecordView
    from .record import Observation, Record

    keys = table.keys
    obs = tuple(Observation(k[0], k[1], k[2], 0.0, None, None, str(i)) for i, k in enumerate(keys))
    return RecordView(Record(id="_", observations=obs), vocab)


@functools.lru_cache(maxsize=4096)
def _observation_matches(
    table: _Keys, concept: str, vocab: Vocabulary
) -> tuple[tuple[str | None, ...], ...]:
    """The distinct observation keys that lookup reads as ``concept``."""
    view = _observation_view(table, vocab)
    return tuple(table.keys[int(o.source)] for o in view.observations(concept, date.max))


@functools.lru_cache(maxsize=8)
def _item_view(table: _Keys, vocab: Vocabulary) -> RecordView:
    from .lookup import RecordView
    from .record import Condition, Medication, Procedure, Record

    keys = table.keys
    made: dict[str, list[Any]] = {"condition": [], "procedure": [], "medication": []}
    for i, k in enumerate(keys):
        code, system, name, src = k[1], k[2], k[3], str(i)
        if k[0] == "condition":
            made["condition"].append(Condition(code, system, name, "active", None, None, src))
        elif k[0] == "procedure":
            made["procedure"].append(Procedure(code, system, name, "completed", None, src))
        else:
            made["medication"].append(Medication(code, system, name, "active", None, None, src))
    rec = Record(
        id="_",
        conditions=tuple(made["condition"]),
        procedures=tuple(made["procedure"]),
        medications=tuple(made["medication"]),
    )
    return RecordView(rec, vocab)


@functools.lru_cache(maxsize=64)
def _match_items(table: _Keys, concepts: tuple[str, ...], vocab: Vocabulary) -> None:
    """Match every item key against all of ``concepts`` in one pass (``RecordView.match_all``),
    so that :func:`_item_matches` finds each concept's items ready.

    Matching concept by concept tests every key once per concept: 16 concepts over a cohort's
    15,000 item keys were 235,000 decisions and most of a first screening's compile time.
    The one-pass decisions are the same (tests/test_fast.py checks them against each other).
    """
    from .lookup import ConceptSet

    if concepts:
        _item_view(table, vocab).match_all(ConceptSet(concepts, vocab))


@functools.lru_cache(maxsize=4096)
def _item_matches(
    table: _Keys, concept: str, vocab: Vocabulary
) -> tuple[tuple[tuple[str | None, ...], bool], ...]:
    """The distinct item keys that lookup lists for ``concept``, with its ``direct`` flag."""
    view = _item_view(table, vocab)
    return tuple(
        (table.keys[int(it.source)], bool(getattr(it, "direct", True)))
        for it in view.items(concept)
    )


def _values(
    names: Sequence[str], types: Sequence[str], rows: Sequence[Sequence[object]]
) -> exp.Expr:
    """An inline table; typed through CASTs so all-NULL columns keep their type."""

    def lit(v: object, t: str) -> exp.Expr:
        if v is None:
            return _cast(exp.Null(), t)
        if isinstance(v, bool):
            return exp.Boolean(this=v)
        return _cast(exp.Literal.string(str(v)), t) if t != "VARCHAR" else text(str(v))

    if not rows:
        return _select(
            *[_alias(_cast(exp.Null(), t), n) for n, t in zip(names, types, strict=True)]
        ).where(false(), copy=False)
    typed = [
        exp.Tuple(expressions=[lit(v, t) for v, t in zip(r, types, strict=True)]) for r in rows
    ]
    values = exp.Values(
        expressions=typed,
        alias=exp.TableAlias(
            this=exp.to_identifier("t"), columns=[exp.to_identifier(n) for n in names]
        ),
    )
    return _select(*[col(n) for n in names]).from_(values, copy=False)


def _constant(e: exp.Expr) -> float | None:
    """The value of a :func:`num` literal, else None."""
    neg = isinstance(e, exp.Paren) and isinstance(e.this, exp.Neg)
    lit = e.this.this if neg else e
    if not (isinstance(lit, exp.Literal) and lit.is_number):
        return None
    value = float(lit.this)
    return -value if neg else value


def _compare(a: exp.Expr, op: str, b: exp.Expr) -> exp.Expr:
    """``evaluate.compare``: ``a`` counts as ``b`` when math.isclose(a, b, 1e-9, 1e-12).

    CPython's isclose is ``|b-a| <= |1e-9·b| or |b-a| <= |1e-9·a| or |b-a| <= 1e-12``;
    snapping ``a`` to ``b`` then comparing is the same as the forms below.
    """
    diff = fn("ABS", sub(b, a))
    mine = cmp(diff, "<=", fn("ABS", mul(num(1e-9), a)))
    bv = _constant(b)
    if bv is not None:  # |1e-9·b| and 1e-12 fold into one bound
        close = or_(cmp(diff, "<=", num(max(abs(1e-9 * bv), 1e-12))), mine)
    else:
        close = or_(
            cmp(diff, "<=", fn("ABS", mul(num(1e-9), b))), mine, cmp(diff, "<=", num(1e-12))
        )
    if op in (">", "<"):
        return and_(cmp(a, op, b), not_(close))
    if op in (">=", "<="):
        return or_(cmp(a, op, b), close)
    return close if op == "=" else not_(close)


def _round_half_up(x: exp.Expr, places: int) -> exp.Expr:
    """``scores._round_half_up(x, places)`` as a float, exactly.

    Python rounds the shortest decimal form of ``x`` half up (ties away from zero).  For
    ``x >= 0`` with ``f = floor(x·10^p)``, the tie is the decimal ``(f + ½)/10^p``, whose
    nearest double ``T`` the division computes exactly; ``x`` rounds up iff ``x >= T``
    (``x == T`` means repr(x) is the tie itself).  Negative values mirror positive ones.
    """

    def positive(v: exp.Expr) -> exp.Expr:
        scale = num(10.0**places)
        f = fn("FLOOR", mul(v, scale) if places else v)
        tie = div(add(f, num(0.5)), scale) if places else add(f, num(0.5))
        rounded = case([(cmp(v, ">=", tie), add(f, num(1.0)))], f)
        return _cast(div(rounded, scale) if places else rounded, "DOUBLE")

    return case(
        [(cmp(x, "<", num(0.0)), exp.Neg(this=paren(positive(exp.Neg(this=paren(x))))))],
        positive(x),
    )


def _tenths_half_up(x: exp.Expr) -> exp.Expr:
    """``float(_round_half_up(x, 1) * 10)``: the count of tenths, an exact whole number."""
    f = fn("FLOOR", mul(x, num(10.0)))
    tie = div(add(f, num(0.5)), num(10.0))
    return _cast(case([(cmp(x, ">=", tie), add(f, num(1.0)))], f), "DOUBLE")


def _clamp(x: exp.Expr, lo: float, hi: float) -> exp.Expr:
    return fn("LEAST", fn("GREATEST", x, num(lo)), num(hi))


def _tier(v: exp.Expr, low: float, high: float) -> exp.Expr:
    return case(
        [(cmp(v, "<", num(low)), integer(1)), (cmp(v, "<=", num(high)), integer(2))], integer(3)
    )


def _enc_points(g: exp.Expr) -> exp.Expr:
    return case(
        [(exp.EQ(this=g, expression=num(0.0)), integer(1)), (cmp(g, "<=", num(2.0)), integer(2))],
        integer(3),
    )


def _cp_class(points: exp.Expr) -> exp.Expr:
    """Class A/B/C of a point count; NULL points give a NULL class."""
    return case(
        [
            (is_null(points), _cast(exp.Null(), "VARCHAR")),
            (cmp(points, "<=", num(6.0)), text("A")),
            (cmp(points, "<=", num(9.0)), text("B")),
        ],
        text("C"),
    )


def _could_be_float_text(s: str) -> bool:
    """Whether ``str(some float).lower()`` could equal ``s`` (then SQL would need Python's repr)."""
    try:
        float(s)
    except ValueError:
        return False
    return True


def _evaluator_derivable() -> frozenset[str]:
    """The derived values the in-process evaluator computes (derive.DERIVERS)."""
    from . import derive

    return frozenset(getattr(derive, "DERIVERS", SQL_DERIVED))


def _gc_paused(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """``fn`` with the cyclic garbage collector off while it runs (restored as the caller
    left it): building a trial's query allocates ~20,000 tree nodes, and collections mid-build
    cost ~20 %."""

    @functools.wraps(fn)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused


@_gc_paused
def compile_trial(
    trial: Trial,
    as_of: date,
    bindings: Bindings | None = None,
    assume_complete: Iterable[str] = (),
    row_column: str | None = None,
    vocab: Vocabulary | None = None,
    inline_maps: bool = True,
    check_keys: bool = False,
) -> CompiledTrial:
    """Compile every criterion of ``trial`` into one query over the cohort tables.

    Args:
        trial: The compiled trial.
        as_of: Screening date (ages, windows, "latest on or before").
        bindings: The cohort's distinct codes, names and units (:func:`bindings_from`);
            without them no record item matches and no unit converts.
        assume_complete: Sections closed-world for every patient (``--assume-complete``).
        row_column: A patients column to carry through for ordering (the loader's ``_row``).
        vocab: The vocabulary (default: eligo's).
        inline_maps: Carry the lookup tables as inline ``VALUES``; when false the query reads
            tables ``eligo_obs_map`` / ``eligo_item_map`` the caller creates from
            :attr:`CompiledTrial.maps` (faster to print and plan for large cohorts).
        check_keys: ``bindings`` may be stale (gathered from the tables earlier): the query
            reads every observation, condition, procedure and medication row against every
            known key and sets column ``eligo_unknown_keys`` (:data:`UNKNOWN_KEYS`) to 1 for a
            patient with a row whose (code, system, name, unit / dose unit) the bindings lack;
            their results must then be redone with fresh bindings.

    Returns:
        The query and the criteria (if any) left to the in-process evaluator, with reasons.
    """
    comp = _Compiler(
        as_of,
        bindings or Bindings(),
        frozenset(assume_complete),
        vocab or vocabulary(),
        check_keys,
    )
    exprs: list[tuple[str, exp.Expr]] = []
    fallback: dict[str, str] = {}
    columns = []
    outcomes = []
    for i, c in enumerate(trial.criteria):
        name = f"c{i}"
        columns.append(name)
        try:
            e = comp.node(c.rule)
        except _Fallback as f:
            fallback[c.id] = f.reason
            e = null_bool()
        exprs.append((name, e))
        fail = col(name) if c.kind == "exclusion" else not_(col(name))
        outcomes.append((fail, is_null(col(name))))
    if not outcomes:
        raise SqlCompileError(f"trial {trial.id} has no criteria")
    verdict = case(
        [
            (or_(*[f for f, _ in outcomes]), text("ineligible")),
            (or_(*[u for _, u in outcomes]), text("needs_review")),
        ],
        text("eligible"),
    )
    maps = comp.map_rows()
    met, full = comp.query(exprs, verdict, row_column, maps if inline_maps else None)
    return CompiledTrial(trial, as_of, full, met, tuple(columns), fallback, maps)
