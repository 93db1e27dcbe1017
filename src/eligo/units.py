"""Units: UCUM codes, registry spellings normalised to UCUM, and conversion between units.

Every quantity inside eligo carries a UCUM code (case-sensitive form: ``mg/dL``, ``10*9/L``,
``mm[Hg]``).  This module is the only place that knows what those codes mean.

Design decisions:

* **Registry spellings are data.**  ``µmol/l``, ``x10^9/L``, ``K/uL``, ``mmHg`` and friends map
  to UCUM through the tables below.  A few regular rewrites run first (micro signs, ``×``,
  superscripts, spaces, the many ways of writing a power of ten) so the tables list each
  spelling once.  Lookup is case-insensitive because registry text is sloppy, except where
  case carries meaning (``G/L`` is giga per litre, ``g/L`` grams per litre); a string that
  is already a UCUM code eligo uses passes through before the case-insensitive table.
* **A real UCUM parser, but not at import.**  ucumvert parses UCUM into pint quantities, and
  building its registry takes about a second.  So eligo ships ``data/unit_table.json``: for
  each UCUM code it uses, the scale to SI base units and the dimension, computed with
  ucumvert + pint by ``python -m eligo.units --regenerate``.  Conversions use that table with
  plain floats; ``import eligo.units`` loads neither pint nor ucumvert.  A code missing from the
  table loads the registry once (:func:`registry`) and caches its entry.  A test recomputes
  every table entry with live ucumvert, so a stale or wrong table fails loudly.
* **Annotations.**  ucumvert drops ``{...}`` annotations.  eligo keeps ``{1.73_m2}`` as a
  dimension of its own, so eGFR (``mL/min/{1.73_m2}``) is never silently equated with a
  clearance (``mL/min``).  Other annotations (``{cells}``, ``{copies}``, ``{INR}``) are
  dimensionless labels, as UCUM says.
* **Arbitrary units.**  ``[IU]`` gets a dimension of its own too: an international unit is
  defined per analyte, so ``[IU]/L`` converts to ``m[IU]/mL`` but never to ``U/L`` or to a count.
* **Mass and substance.**  ``mg/dL`` to ``umol/L`` needs the analyte's molar mass (g/mol),
  passed by the caller from the vocabulary.  UCUM defines ``eq`` as ``mol``, so ``meq/L`` equals
  ``mmol/L`` whatever the ion's valence.
* **Temperature is affine.**  ``Cel`` and ``[degF]`` carry an offset and convert correctly on
  their own; compound units containing them are refused.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import UnitError, did_you_mean

if TYPE_CHECKING:
    from ucumvert import PintUcumRegistry

TABLE_PATH = Path(__file__).parent / "data" / "unit_table.json"
"""The precomputed table: UCUM code -> scale to SI base units and dimension."""

TABLE_UNITS: tuple[str, ...] = (
    # mass concentration
    "mg/dL", "mg/L", "mg/mL", "g/dL", "g/L", "ug/L", "ug/dL", "ug/mL",
    "ng/mL", "ng/dL", "ng/L", "pg/mL",
    # substance concentration
    "mol/L", "mmol/L", "umol/L", "nmol/L", "pmol/L", "meq/L", "mmol/mol", "mosm/kg",
    # mass ratios (urine albumin/creatinine)
    "mg/g",
    # catalytic activity and arbitrary units
    "U/L", "U/mL", "ukat/L", "[IU]/L", "[IU]/mL", "m[IU]/L", "m[IU]/mL", "u[IU]/mL",
    # number concentration (cell counts, viral loads)
    "10*9/L", "10*12/L", "10*3/uL", "10*6/uL", "/uL", "/L", "/mL", "{cells}/uL", "{copies}/mL",
    # volume, flow, filtration
    "L", "dL", "mL", "uL", "mL/min", "mL/s", "L/min", "mL/min/{1.73_m2}", "mL/d", "mL/h",
    # pressure
    "mm[Hg]", "kPa", "cm[H2O]",
    # mass, dose, body size
    "kg", "g", "mg", "ug", "[lb_av]", "mg/kg", "mg/kg/d", "mg/m2", "mg/d", "g/d", "g/wk",
    "ug/kg/min",
    "cm", "m", "mm", "[in_i]", "[ft_i]", "m2", "kg/m2", "g/m2",
    # time and rates
    "s", "ms", "min", "h", "d", "wk", "mo", "a", "/min", "{beats}/min", "{breaths}/min",
    # dimensionless
    "1", "%", "{INR}", "{ratio}", "{score}",
    # temperature (affine)
    "Cel", "[degF]", "K",
)  # fmt: skip
"""UCUM codes precomputed in :data:`TABLE_PATH`; every spelling target is among them."""

# Spellings whose case carries meaning ("G/L" is giga per litre; "g/l" is grams per litre).
# Keys are matched exactly, after the character rewrites in :func:`_spelling_key`.
CASED_SPELLINGS: Mapping[str, str] = {
    "G/L": "10*9/L",
    "G/l": "10*9/L",
}

# Registry spellings -> UCUM, matched case-insensitively after :func:`_spelling_key`, which has
# already turned micro signs into "u", "×" into "x", superscripts into digits, dropped spaces
# and written every power of ten ("x10^9", "10E9", "10⁹") as "10*9".  Single letters whose
# capital is another UCUM unit ("S" siemens, "H" henry, "A" ampere, "G" gauss) are left out:
# those must be written in UCUM case.
SPELLINGS: Mapping[str, str] = {
    # mass concentration
    "10*3/microliter": "10*3/uL", "10*9/liter": "10*9/L", "/microliter": "/uL",
    "cells/microliter": "/uL", "10*6/microliter": "10*6/uL",
    "mg/deciliter": "mg/dL", "g/deciliter": "g/dL", "grams/deciliter": "g/dL",
    "milligrams/deciliter": "mg/dL", "mg/100ml": "mg/dL", "grams/liter": "g/L",
    "mg/dl": "mg/dL", "mg/l": "mg/L", "mg/ml": "mg/mL", "g/dl": "g/dL", "gm/dl": "g/dL",
    "g/l": "g/L", "ug/l": "ug/L", "mcg/l": "ug/L", "ug/dl": "ug/dL", "mcg/dl": "ug/dL",
    "ug/ml": "ug/mL", "mcg/ml": "ug/mL", "ng/ml": "ng/mL", "ng/dl": "ng/dL", "ng/l": "ng/L",
    "pg/ml": "pg/mL",
    # substance concentration
    "mol/l": "mol/L", "mmol/l": "mmol/L", "umol/l": "umol/L", "micromol/l": "umol/L",
    "mcmol/l": "umol/L", "nmol/l": "nmol/L", "pmol/l": "pmol/L", "meq/l": "meq/L",
    "meq/liter": "meq/L", "meq/litre": "meq/L",
    "mmol/mol": "mmol/mol", "mosm/kg": "mosm/kg",
    # catalytic activity and international units
    "u/l": "U/L", "u/ml": "U/mL", "ukat/l": "ukat/L", "iu/l": "[IU]/L", "[iu]/l": "[IU]/L",
    "iu/ml": "[IU]/mL", "[iu]/ml": "[IU]/mL", "miu/l": "m[IU]/L", "m[iu]/l": "m[IU]/L",
    "miu/ml": "m[IU]/mL", "m[iu]/ml": "m[IU]/mL", "uiu/ml": "u[IU]/mL", "u[iu]/ml": "u[IU]/mL",
    # number concentration; uL == mm3
    "10*9/l": "10*9/L", "10*12/l": "10*12/L", "10*6/ul": "10*6/uL",
    "10*3/ul": "10*3/uL", "10*3/mcl": "10*3/uL", "10*3/mm3": "10*3/uL", "k/ul": "10*3/uL",
    "k/mcl": "10*3/uL", "thou/ul": "10*3/uL", "thou/mm3": "10*3/uL",
    "/ul": "/uL", "/mcl": "/uL", "/mm3": "/uL", "cells/ul": "/uL", "cells/mcl": "/uL",
    "cells/mm3": "/uL", "/l": "/L", "/ml": "/mL", "copies/ml": "{copies}/mL",
    # volume, flow, filtration
    "l": "L", "dl": "dL", "ml": "mL", "ul": "uL", "mcl": "uL",
    "ml/min": "mL/min", "ml/s": "mL/s", "ml/sec": "mL/s", "l/min": "L/min",
    "ml/d": "mL/d", "ml/day": "mL/d", "ml/24h": "mL/d", "ml/24hr": "mL/d", "ml/24hours": "mL/d",
    "mlperday": "mL/d", "ml/h": "mL/h", "ml/hr": "mL/h", "ml/hour": "mL/h",
    "ml/min/1.73m2": "mL/min/{1.73_m2}", "ml/minper1.73m2": "mL/min/{1.73_m2}",
    "ml/min/{1.73_m2}": "mL/min/{1.73_m2}",
    # pressure
    "mmhg": "mm[Hg]", "mm[hg]": "mm[Hg]", "kpa": "kPa", "kilopascal": "kPa",
    "kilopascals": "kPa", "cmh2o": "cm[H2O]",
    "cm[h2o]": "cm[H2O]",
    # mass, dose, body size
    "kg": "kg", "kgs": "kg", "gm": "g", "gram": "g", "grams": "g", "mg": "mg", "ug": "ug",
    "mcg": "ug", "lb": "[lb_av]", "lbs": "[lb_av]", "pound": "[lb_av]", "pounds": "[lb_av]",
    "mg/kg": "mg/kg", "mg/kg/d": "mg/kg/d", "mg/kg/day": "mg/kg/d", "mg/m2": "mg/m2",
    "mg/d": "mg/d", "mg/day": "mg/d", "g/d": "g/d", "g/day": "g/d", "gm/d": "g/d",
    "mgperday": "mg/d", "gperday": "g/d",
    "g/wk": "g/wk", "g/week": "g/wk", "gm/wk": "g/wk", "grams/week": "g/wk", "gperweek": "g/wk",
    "mg/g": "mg/g", "mg/gm": "mg/g", "mg/gram": "mg/g",
    "ug/kg/min": "ug/kg/min", "mcg/kg/min": "ug/kg/min",
    "cm": "cm", "mm": "mm", "in": "[in_i]", "inch": "[in_i]", "inches": "[in_i]",
    "ft": "[ft_i]", "feet": "[ft_i]", "m2": "m2", "kg/m2": "kg/m2", "g/m2": "g/m2",
    # time and rates
    "sec": "s", "secs": "s", "second": "s", "seconds": "s",
    "ms": "ms", "msec": "ms", "msecs": "ms", "millisecond": "ms", "milliseconds": "ms",
    "min": "min", "mins": "min", "minute": "min", "minutes": "min",
    "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
    "d": "d", "day": "d", "days": "d",
    "wk": "wk", "wks": "wk", "week": "wk", "weeks": "wk",
    "mo": "mo", "mos": "mo", "month": "mo", "months": "mo",
    "y": "a", "yr": "a", "yrs": "a", "year": "a", "years": "a",
    "/min": "/min", "bpm": "/min", "beats/min": "/min", "breaths/min": "/min",
    # dimensionless
    "%": "%", "percent": "%",
    # temperature
    "°c": "Cel", "degc": "Cel", "cel": "Cel", "°f": "[degF]", "degf": "[degF]",
}  # fmt: skip

# Servings of alcohol a criterion may count intake in ("14 units/week", "28 drinks/week (1 drink =
# …)"), as grams of ethanol.  A serving is no fixed mass: a US standard drink is 14 g, an
# Australian standard drink 10 g, a UK unit 8 g.  So only a serving a citation fixes is
# converted, and the lexer writes these codes only where the line says which it counts in (a
# unit or drink the line itself defines); a bare "units" or "drinks" is never converted.
# Codes are ``[<serving>]/<time>``, never UCUM: they are turned into grams before any unit
# arithmetic (see :func:`alcohol_serving`).
ALCOHOL_SERVINGS: Mapping[str, tuple[float, str, str]] = {
    # NIAAA, "What is a standard drink?" (https://www.niaaa.nih.gov/alcohols-effects-health/
    # what-standard-drink): 12 fl oz beer (~5 %), 5 fl oz wine (~12 %) or 1.5 fl oz spirits
    # (~40 %), each "about 14 grams of pure alcohol"
    "[us_standard_drink]": (
        14.0,
        "drinks",
        "a drink of the volumes it gives is the US standard drink (12 fl oz beer, 5 fl oz "
        "wine, 1.5 fl oz spirits), 14 g of ethanol (NIAAA)",
    ),
}
_SERVING_CODE = re.compile(
    r"\[(?:(?P<noun>drink|unit)_(?P<g>\d+(?:\.\d+)?)g|(?P<named>[a-z_]+))\]/(?P<per>d|wk)"
)


def alcohol_serving(code: str) -> tuple[float, str, str, str] | None:
    """Grams of ethanol a serving code counts, the unit in grams, its noun, and why.

    >>> alcohol_serving("[us_standard_drink]/wk")[:3]
    (14.0, 'g/wk', 'drinks')
    >>> alcohol_serving("[drink_10g]/d")
    (10.0, 'g/d', 'drinks', 'the criterion defines a drink as 10 g of ethanol')
    >>> alcohol_serving("mg/d") is None
    True
    """
    m = _SERVING_CODE.fullmatch(code)
    if m is None:
        return None
    unit = f"g/{m.group('per')}"
    if m.group("g") is not None:
        grams = float(m.group("g"))
        noun = m.group("noun")
        why = f"the criterion defines a {noun} as {m.group('g')} g of ethanol"
        return grams, unit, f"{noun}s", why
    named = ALCOHOL_SERVINGS.get(f"[{m.group('named')}]")
    if named is None:
        return None
    return named[0], unit, named[1], named[2]


_EXAMPLES = ("mg/dL", "umol/L", "10*9/L", "/uL", "[IU]/mL", "mm[Hg]", "mL/min/{1.73_m2}", "%")

_BSA_DIM = "[body_surface_1_73_m2]"
_IU_DIM = "[international_unit]"
_DIMENSIONED_ANNOTATIONS = {"{1.73_m2}": "eligo_body_surface_1_73_m2"}
_ARBITRARY_ATOMS = {"[IU]": "eligo_international_unit", "[iU]": "eligo_international_unit"}

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_CHARS = str.maketrans({"µ": "u", "μ": "u", "×": "x", "✕": "x", "·": ".", "⋅": ".", "º": "°"})
_SUPERSCRIPT_RUN = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+")
_SPACES = re.compile(r"\s+")
_POWER_OF_TEN = re.compile(r"^(?:x|\*)?10(?:\^|\*|e)(?=[-+]?\d)", re.IGNORECASE)
_LETTER_CARET = re.compile(r"(?<=[A-Za-z])\^(?=[-+]?\d)")
_PLURAL = re.compile(r"\(s\)$")


BSA_INDEXED = "mL/min/{1.73_m2}"


def bsa_shorthand(unit: str, canonical: str | None) -> str | None:
    """The per-1.73 m² unit a criterion's bare ``mL/min`` stands for, for a BSA-indexed measure.

    "Renal impairment with eGFR < 60 ml/min": an estimated GFR (CKD-EPI, MDRD, Schwartz) is
    by definition normalised to 1.73 m² body surface (KDIGO 2012 CKD guideline, ch. 1.4.3;
    REF §1.1 "eGFR is mL/min/1.73 m²"), and "ml/min" is the usual shorthand for it.  Only a
    measure whose canonical unit is the indexed one gets this reading; a clearance or a
    measured GFR in ``mL/min`` keeps its unit, and a record value in ``mL/min`` is still never
    compared with an indexed threshold.

    >>> bsa_shorthand("mL/min", "mL/min/{1.73_m2}"), bsa_shorthand("mL/min", "mL/min")
    ('mL/min/{1.73_m2}', None)
    """
    return BSA_INDEXED if canonical == BSA_INDEXED and unit == "mL/min" else None


@dataclass(frozen=True)
class UnitEntry:
    """What a UCUM code means: ``SI = value * factor + offset``, in dimension ``dims``."""

    factor: float
    dims: str
    offset: float = 0.0  # non-zero only for the affine temperatures Cel and [degF]


def normalize_unit(text: str) -> str:
    """Return the UCUM code for a unit as written in registry text or a record.

    Args:
        text: a unit such as ``"µmol/l"``, ``"x10^9/L"``, ``"mm Hg"`` or a UCUM code.

    Returns:
        The UCUM code, e.g. ``"umol/L"``.  A valid UCUM code not in the spelling tables is
        returned unchanged.

    Raises:
        UnitError: the text is neither a known spelling nor valid UCUM.

    >>> normalize_unit("µmol/l")
    'umol/L'
    >>> normalize_unit("x 10^9/l")
    '10*9/L'
    >>> normalize_unit("mL/min/1.73 m²")
    'mL/min/{1.73_m2}'
    >>> normalize_unit("mmol/mol")
    'mmol/mol'
    """
    raw = text.strip()
    key = _spelling_key(raw)
    if key in CASED_SPELLINGS:
        return CASED_SPELLINGS[key]
    if raw in unit_table():
        return raw
    folded = key.lower()
    if folded in SPELLINGS:
        return SPELLINGS[folded]
    unit_entry(raw)  # valid UCUM that eligo has no spelling for; raises UnitError otherwise
    return raw


def known_unit(text: str) -> str | None:
    """UCUM code for ``text`` if it is a spelling or code in eligo's tables, else ``None``.

    The lexer's test for "is this word a unit": it never loads the UCUM parser, so reading
    registry text stays fast and a word like "and" is never sent to it.

    >>> known_unit("mg/dl"), known_unit("and")
    ('mg/dL', None)
    """
    raw = text.strip()
    key = _spelling_key(raw)
    if key in CASED_SPELLINGS:
        return CASED_SPELLINGS[key]
    if raw in unit_table():
        return raw
    return SPELLINGS.get(key.lower())


def convert(value: float, from_unit: str, to_unit: str, molar_mass: float | None = None) -> float:
    """Convert ``value`` from one UCUM unit to another.

    Args:
        value: the number, in ``from_unit``.
        from_unit: UCUM code of ``value`` (run registry spellings through
            :func:`normalize_unit` first).
        to_unit: UCUM code wanted.
        molar_mass: molar mass in g/mol, needed only between mass and substance units
            (``mg/dL`` and ``umol/L``).

    Returns:
        The value in ``to_unit``, as a plain float.

    Raises:
        UnitError: a code is not UCUM, or the units measure different things (including mass
            and substance without ``molar_mass``, ``[IU]`` against ``U``, and ``mL/min``
            against ``mL/min/{1.73_m2}``).

    >>> round(convert(1.0, "mg/dL", "umol/L", molar_mass=113.12), 2)  # creatinine
    88.4
    >>> convert(150, "10*9/L", "/uL")
    150000.0
    >>> round(convert(37, "Cel", "[degF]"), 6)
    98.6
    """
    return converter(from_unit, to_unit, molar_mass)(value)


@functools.lru_cache(maxsize=4096)
def converter(
    from_unit: str, to_unit: str, molar_mass: float | None = None
) -> Callable[[float], float]:
    """:func:`convert` from one unit to another, as a function of the value (made once per
    pair: screening converts the same few units over and over).

    Raises:
        UnitError: as :func:`convert` (which units convert does not depend on the value).

    >>> converter("10*9/L", "/uL")(150)
    150000.0
    """
    src, dst = unit_entry(from_unit), unit_entry(to_unit)
    if src.dims == dst.dims:
        factor, offset, to_offset, to_factor = src.factor, src.offset, dst.offset, dst.factor

        def scaled(value: float) -> float:
            return (value * factor + offset - to_offset) / to_factor

        return scaled
    step = _molar_step(src.dims, dst.dims)
    if step == 0:
        raise UnitError(
            f"cannot convert '{from_unit}' to '{to_unit}': {_why_not(from_unit, to_unit)}",
            unit=from_unit,
        )
    if molar_mass is None:
        raise UnitError(
            f"cannot convert '{from_unit}' to '{to_unit}' without a molar mass: one is an "
            "amount of mass and the other an amount of substance (pass molar_mass in g/mol)",
            unit=from_unit,
        )
    if not molar_mass > 0:
        raise UnitError(f"molar mass must be a positive number of g/mol, got {molar_mass!r}")
    kg_per_mol = molar_mass / 1000.0  # SI base units are kg and mol
    factor, per_mol, to_factor = src.factor, kg_per_mol**step, dst.factor

    def molar(value: float) -> float:
        return value * factor / per_mol / to_factor

    return molar


def compatible(a: str, b: str, molar_mass: float | None = None) -> bool:
    """Return whether :func:`convert` can turn UCUM unit ``a`` into ``b``.

    Args:
        a: UCUM code.
        b: UCUM code.
        molar_mass: molar mass in g/mol, which makes mass and substance units compatible.

    Returns:
        True if the units convert (with ``molar_mass`` if given).

    Raises:
        UnitError: ``a`` or ``b`` is not UCUM.

    >>> compatible("10*3/uL", "10*9/L"), compatible("mL/min/{1.73_m2}", "mL/min")
    (True, False)
    >>> compatible("mg/dL", "mmol/L"), compatible("mg/dL", "mmol/L", molar_mass=180.16)
    (False, True)
    """
    src, dst = unit_entry(a), unit_entry(b)
    if src.dims == dst.dims:
        return True
    return molar_mass is not None and _molar_step(src.dims, dst.dims) != 0


def unit_entry(code: str) -> UnitEntry:
    """Return the scale, dimension and offset of a UCUM code.

    Codes in the shipped table are answered without pint; any other code is parsed once with
    ucumvert (loading it on first use) and cached.

    Args:
        code: a UCUM code, case-sensitive.

    Returns:
        Its :class:`UnitEntry`.

    Raises:
        UnitError: the code is not valid UCUM.

    >>> unit_entry("mg/dL")
    UnitEntry(factor=0.01, dims='[mass]/[length]^3', offset=0.0)
    """
    entry = unit_table().get(code)
    if entry is not None:
        return entry
    if not code or any(not 33 <= ord(c) <= 126 for c in code):
        raise _unknown_unit(code)  # UCUM is printable ASCII; no need to load the parser
    if _ucum_syntax(code) is False:
        raise _unknown_unit(code)  # not UCUM: refused without loading pint (seconds)
    return _live_entry(code)


def _ucum_syntax(code: str) -> bool | None:
    """Whether ``code`` parses with ucumvert's UCUM grammar (None: the grammar is unavailable).

    Only the grammar file is read (``import ucumvert`` would load pint), so refusing a word
    that is not UCUM ("furlong") costs a fraction of a second, not the seconds the full
    registry takes.  Annotations are left to the full parser, which reads them eligo's way.
    """
    if "{" in code:
        return None
    parser = _syntax_parser()
    if parser is None:
        return None
    from lark.exceptions import LarkError

    try:
        parser.parse(code)
    except LarkError:
        return False
    return True


@functools.cache
def _syntax_parser() -> Any:
    import importlib.util

    spec = importlib.util.find_spec("ucumvert")
    if spec is None or not spec.submodule_search_locations:
        return None
    grammar = Path(next(iter(spec.submodule_search_locations))) / "ucum_grammar.lark"
    try:
        text = grammar.read_text(encoding="utf-8")
    except OSError:
        return None
    from lark import Lark

    return Lark(text, start="main_term")


@functools.cache
def unit_table() -> Mapping[str, UnitEntry]:
    """Return the shipped table (``data/unit_table.json``), read once per process."""
    data = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    return {code: UnitEntry(**fields) for code, fields in data["units"].items()}


# --- the pint / ucumvert boundary: only the generator and codes missing from the table ---


@functools.cache
def registry() -> PintUcumRegistry:
    """Return eligo's one pint registry with UCUM definitions (ucumvert), built on first use.

    Besides ucumvert's definitions it has two base dimensions of eligo's own: one for the
    ``{1.73_m2}`` body-surface annotation and one for the arbitrary ``[IU]``.
    """
    from ucumvert import PintUcumRegistry

    ureg = PintUcumRegistry()
    ureg.define(f"{_DIMENSIONED_ANNOTATIONS['{1.73_m2}']} = {_BSA_DIM}")
    ureg.define(f"{_ARBITRARY_ATOMS['[IU]']} = {_IU_DIM}")
    return ureg


def compute_entry(code: str) -> UnitEntry:
    """Compute a code's :class:`UnitEntry` with live ucumvert + pint (slow: loads them).

    pint accumulates binary rounding when it multiplies prefixes (``mg/dL`` comes out as
    0.009999999999999998), so a factor within 1e-14 of a 12-digit decimal is snapped to it;
    any other factor (5/9 for ``[degF]``, 1/60 for ``/min``) is kept exactly as pint gives it.

    Raises:
        UnitError: not valid UCUM, or a compound unit containing a temperature.
    """
    from lark.exceptions import LarkError, VisitError
    from pint.errors import OffsetUnitCalculusError, PintError

    ureg = registry()
    try:
        quantity = _transformer().transform(_parser().parse(code))
        offset = ureg.Quantity(0, quantity.units).to_base_units().magnitude
        if offset:
            one = ureg.Quantity(1, quantity.units) - ureg.Quantity(0, quantity.units)
            factor = one.to_base_units().magnitude
        else:
            factor = quantity.to_base_units().magnitude
    except VisitError as exc:
        if isinstance(exc.orig_exc, OffsetUnitCalculusError):
            raise UnitError(
                f"'{code}' combines a temperature (Cel, [degF]) with other units; temperatures "
                "have an offset and convert only on their own",
                unit=code,
            ) from exc
        raise _unknown_unit(code) from exc
    except (LarkError, PintError) as exc:
        raise _unknown_unit(code) from exc
    return UnitEntry(
        factor=_tidy(factor),
        dims=_format_dims(dict(quantity.dimensionality)),
        offset=_tidy(offset),
    )


def regenerate_table(path: Path = TABLE_PATH) -> Path:
    """Recompute every entry of :data:`TABLE_UNITS` with ucumvert and write the table.

    One unit per line, so a change to the table reads as a small diff.
    """
    from importlib.metadata import version

    lines = []
    for code in TABLE_UNITS:
        entry = compute_entry(code)
        fields: dict[str, Any] = {"factor": entry.factor, "dims": entry.dims}
        if entry.offset:
            fields["offset"] = entry.offset
        lines.append(f"    {json.dumps(code)}: {json.dumps(fields, ensure_ascii=False)}")
    header = {
        "generated_by": "python -m eligo.units --regenerate",
        "versions": {"ucumvert": version("ucumvert"), "pint": version("pint")},
    }
    head = json.dumps(header, indent=2)[:-2]  # reopen the object to append "units"
    path.write_text(f'{head},\n  "units": {{\n' + ",\n".join(lines) + "\n  }\n}\n")
    return path


@functools.cache
def _live_entry(code: str) -> UnitEntry:
    return compute_entry(code)


@functools.cache
def _parser() -> Any:
    from ucumvert import get_ucum_parser

    return get_ucum_parser()


@functools.cache
def _transformer() -> Any:
    """ucumvert's UCUM-tree-to-pint transformer, keeping the annotations eligo gives meaning."""
    from lark import Token
    from ucumvert import UcumToPintTransformer

    ureg = registry()

    class EligoUcumToPint(UcumToPintTransformer):  # type: ignore[misc]
        # ucumvert drops annotations (and fails on one standing alone, "{INR}"); here
        # {1.73_m2} becomes a unit of its own dimension and any other annotation the number 1.
        def _annotation(self, node: Any) -> Any:
            if isinstance(node, Token) and node.type == "ANNOTATION":
                name = _DIMENSIONED_ANNOTATIONS.get(str(node))
                return ureg(name) if name else ureg.Quantity(1)
            return node

        def main_term(self, args: list[Any]) -> Any:
            if len(args) == 2:  # leading "/"
                return 1 / self._annotation(args[1])
            return self._annotation(args[0])

        def term(self, args: list[Any]) -> Any:
            left, operator, right = args
            left, right = self._annotation(left), self._annotation(right)
            return left * right if operator == "." else left / right

        def component(self, args: list[Any]) -> Any:
            return self._annotation(args[0]) * self._annotation(args[1])

        def simple_unit(self, args: list[Any]) -> Any:
            atom = _ARBITRARY_ATOMS.get(str(args[-1]))
            if atom is None:
                return super().simple_unit(args)
            prefix = str(args[0]) if len(args) == 2 else ""
            return ureg(prefix + atom)

    return EligoUcumToPint(ureg=ureg)


# --- helpers ---


def _spelling_key(text: str) -> str:
    """Rewrite the regular noise out of a unit spelling; case is kept."""
    key = _SUPERSCRIPT_RUN.sub(lambda m: "^" + m.group().translate(_SUPERSCRIPTS), text)
    key = _SPACES.sub("", key.translate(_CHARS))
    key = _POWER_OF_TEN.sub("10*", key)  # "x10^9", "10E9", "10^9" -> "10*9"
    key = _LETTER_CARET.sub("", key)  # "m^2" -> "m2"
    return _PLURAL.sub("s", key)  # "year(s)" -> "years"


def _unknown_unit(text: str) -> UnitError:
    key = _spelling_key(text.strip())
    spelled = CASED_SPELLINGS.get(key) or SPELLINGS.get(key.lower())  # convert("µmol/L", ...)
    hint = f" (did you mean '{spelled}'?)" if spelled else did_you_mean(key, unit_table())
    return UnitError(
        f"'{text}' is not a UCUM unit eligo knows{hint}; examples accepted: {', '.join(_EXAMPLES)}",
        unit=text,
    )


def _why_not(a: str, b: str) -> str:
    da, db = _parse_dims(unit_entry(a).dims), _parse_dims(unit_entry(b).dims)
    if da.get(_BSA_DIM) != db.get(_BSA_DIM):
        return (
            "only one of them is indexed to 1.73 m² body surface area ({1.73_m2}), "
            "so they are different measures (eGFR is not a creatinine clearance)"
        )
    if da.get(_IU_DIM) != db.get(_IU_DIM):
        return (
            "an international unit ([IU]) is defined per analyte and converts only to "
            "other [IU] units, never to U, mass or counts"
        )
    return f"they measure different things ({unit_entry(a).dims} vs {unit_entry(b).dims})"


def _molar_step(src: str, dst: str) -> int:
    """+1 if ``dst`` is ``src`` with mass replaced by substance, -1 for the reverse, else 0."""
    a, b = _parse_dims(src), _parse_dims(dst)
    diff = {k: b.get(k, 0) - a.get(k, 0) for k in a.keys() | b.keys()}
    diff = {k: v for k, v in diff.items() if v}
    if diff == {"[substance]": 1, "[mass]": -1}:
        return 1
    if diff == {"[substance]": -1, "[mass]": 1}:
        return -1
    return 0


def _format_dims(dims: Mapping[str, float]) -> str:
    """``{"[mass]": 1, "[length]": -3}`` -> ``"[mass]/[length]^3"``; dimensionless -> ``"1"``."""

    def power(name: str, exp: float) -> str:
        exp = abs(exp)
        return name if exp == 1 else f"{name}^{exp:g}"

    num = [power(k, v) for k, v in sorted(dims.items()) if v > 0]
    den = [power(k, v) for k, v in sorted(dims.items()) if v < 0]
    return "/".join(["*".join(num) or "1", *den])


@functools.cache
def _parse_dims(text: str) -> dict[str, float]:
    """Inverse of :func:`_format_dims`."""
    num, *den = text.split("/")
    dims: dict[str, float] = {}
    for sign, parts in ((1, [] if num == "1" else num.split("*")), (-1, den)):
        for part in parts:
            name, _, exp = part.partition("^")
            dims[name] = sign * float(exp or 1)
    return dims


def _tidy(x: float) -> float:
    short = float(f"{x:.12g}")
    return short if abs(short - x) <= 1e-14 * abs(x) else float(x)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m eligo.units --regenerate``: rewrite ``data/unit_table.json``."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m eligo.units", description="Rewrite src/eligo/data/unit_table.json."
    )
    parser.add_argument(
        "--regenerate", action="store_true", help="recompute the unit table with ucumvert"
    )
    args = parser.parse_args(argv)
    if not args.regenerate:
        parser.print_help()
        return 2
    path = regenerate_table()
    print(f"wrote {len(TABLE_UNITS)} units to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())


# Conversions that are not UCUM factors: the analyte's own equation. UCUM would turn 6.5 %
# into 65 mmol/mol (both dimensionless); HbA1c needs the IFCC-NGSP master equation.
# IFCC (mmol/mol) = (NGSP % - 2.152) / 0.09148  (ngsp.org/ifccngsp.asp; reference note §1.1,
# marked [unverified] there; worked check: 6.5 % -> 47.5 mmol/mol, 7.0 % -> 53.0 mmol/mol).
_ANALYTE_CONVERSIONS: dict[tuple[str, str, str], Callable[[float], float]] = {
    ("hba1c", "%", "mmol/mol"): lambda v: (v - 2.152) / 0.09148,
    ("hba1c", "mmol/mol", "%"): lambda v: v * 0.09148 + 2.152,
}


def convert_analyte(
    concept_id: str, value: float, from_unit: str, to_unit: str, molar_mass: float | None = None
) -> float:
    """Convert a value of one analyte, using its own equation where UCUM factors are wrong.

    >>> round(convert_analyte("hba1c", 6.5, "%", "mmol/mol"), 1)
    47.5
    >>> round(convert_analyte("creatinine", 1.0, "mg/dL", "umol/L", 113.12), 1)
    88.4
    """
    return analyte_converter(concept_id, from_unit, to_unit, molar_mass)(value)


@functools.lru_cache(maxsize=4096)
def analyte_converter(
    concept_id: str, from_unit: str, to_unit: str, molar_mass: float | None = None
) -> Callable[[float], float]:
    """:func:`convert_analyte` as a function of the value (see :func:`converter`)."""
    special = _ANALYTE_CONVERSIONS.get((concept_id, from_unit, to_unit))
    if special is not None:
        return special
    if concept_id == "hba1c" and {from_unit, to_unit} & {"mmol/mol"} and from_unit != to_unit:
        raise UnitError(f"HbA1c converts between % and mmol/mol only, not {from_unit} to {to_unit}")
    return converter(from_unit, to_unit, molar_mass)
