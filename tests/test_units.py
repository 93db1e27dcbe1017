"""Units stage: registry spellings to UCUM, conversions, and the precomputed table."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import eligo
from eligo.errors import UnitError
from eligo.units import (
    CASED_SPELLINGS,
    SPELLINGS,
    TABLE_PATH,
    TABLE_UNITS,
    compatible,
    compute_entry,
    convert,
    main,
    normalize_unit,
    regenerate_table,
    unit_entry,
    unit_table,
)

SPELLING_CASES = [
    # mass and substance concentration
    ("mg/dl", "mg/dL"),
    ("mg/dL", "mg/dL"),
    ("mg/DL", "mg/dL"),
    ("Mg/dL", "mg/dL"),
    ("µmol/l", "umol/L"),  # micro sign U+00B5
    ("μmol/L", "umol/L"),  # greek mu U+03BC
    ("umol/l", "umol/L"),
    ("micromol/L", "umol/L"),
    ("mmol/l", "mmol/L"),
    ("g/dl", "g/dL"),
    ("g/l", "g/L"),
    ("ng/ml", "ng/mL"),
    ("pg/ml", "pg/mL"),
    ("ng/L", "ng/L"),
    ("mEq/L", "meq/L"),
    ("meq/l", "meq/L"),
    # cell counts: 10^9/L
    ("x10^9/L", "10*9/L"),
    ("×10⁹/L", "10*9/L"),
    ("x 10^9/l", "10*9/L"),
    ("10^9/L", "10*9/L"),
    ("10*9/L", "10*9/L"),
    ("x10E9/L", "10*9/L"),
    ("G/L", "10*9/L"),
    # cell counts: 10^3/uL (mm3 == uL)
    ("x10^3/uL", "10*3/uL"),
    ("10^3/µL", "10*3/uL"),
    ("K/uL", "10*3/uL"),
    ("k/µl", "10*3/uL"),
    ("thou/uL", "10*3/uL"),
    ("10*3/uL", "10*3/uL"),
    ("x10^3/mm3", "10*3/uL"),
    # cell counts: per uL
    ("/uL", "/uL"),
    ("/µL", "/uL"),
    ("/μL", "/uL"),
    ("/mcL", "/uL"),
    ("cells/uL", "/uL"),
    ("/mm3", "/uL"),
    ("/mm³", "/uL"),
    ("cells/mm3", "/uL"),
    # doses, pressures, international and enzyme units
    ("ug/kg/min", "ug/kg/min"),
    ("mcg/kg/min", "ug/kg/min"),
    ("µg/kg/min", "ug/kg/min"),
    ("μg/kg/min", "ug/kg/min"),
    ("mmHg", "mm[Hg]"),
    ("mm Hg", "mm[Hg]"),
    ("kPa", "kPa"),
    ("cmH2O", "cm[H2O]"),
    ("IU/mL", "[IU]/mL"),
    ("IU/ml", "[IU]/mL"),
    ("IU/L", "[IU]/L"),
    ("mIU/L", "m[IU]/L"),
    ("U/L", "U/L"),
    ("%", "%"),
    # filtration and body size
    ("ml/min/1.73m2", "mL/min/{1.73_m2}"),
    ("mL/min/1.73 m²", "mL/min/{1.73_m2}"),
    ("ml/min/1.73m^2", "mL/min/{1.73_m2}"),
    ("mL/min/{1.73_m2}", "mL/min/{1.73_m2}"),
    ("ml/min", "mL/min"),
    ("kg/m2", "kg/m2"),
    ("kg/m²", "kg/m2"),
    ("kg", "kg"),
    ("lb", "[lb_av]"),
    ("lbs", "[lb_av]"),
    ("cm", "cm"),
    ("m", "m"),
    ("°C", "Cel"),
    ("ms", "ms"),
    ("msec", "ms"),
    # time
    ("year", "a"),
    ("years", "a"),
    ("year(s)", "a"),
    ("yr", "a"),
    ("yrs", "a"),
    ("y", "a"),
    ("month", "mo"),
    ("months", "mo"),
    ("mo", "mo"),
    ("week", "wk"),
    ("weeks", "wk"),
    ("wk", "wk"),
    ("wks", "wk"),
    ("day", "d"),
    ("days", "d"),
    ("d", "d"),
    ("hour", "h"),
    ("hours", "h"),
    ("h", "h"),
    ("hr", "h"),
    ("hrs", "h"),
    # surrounding space is not part of the unit
    ("  mg/dL ", "mg/dL"),
]


@pytest.mark.parametrize(("text", "expected"), SPELLING_CASES)
def test_normalize_unit_spellings(text: str, expected: str) -> None:
    assert normalize_unit(text) == expected


@pytest.mark.parametrize("code", TABLE_UNITS)
def test_table_codes_are_fixed_points(code: str) -> None:
    assert normalize_unit(code) == code


def test_valid_ucum_outside_the_table_passes_through() -> None:
    assert "ug/h" not in unit_table()
    assert normalize_unit("ug/h") == "ug/h"
    assert convert(1000, "ug/h", "mg/d") == pytest.approx(24.0)


@pytest.mark.parametrize("text", ["mg/dk", "umol/k"])
def test_unknown_unit_suggests(text: str) -> None:
    with pytest.raises(UnitError) as info:
        normalize_unit(text)
    message = str(info.value)
    assert f"'{text}' is not a UCUM unit eligo knows" in message
    assert "did you mean" in message
    assert "examples accepted: mg/dL" in message
    assert info.value.unit == text


@pytest.mark.parametrize("text", ["log10 IU/mL", "furlongs", "x ULN", "", "H2O2"])
def test_unsupported_units_raise(text: str) -> None:
    with pytest.raises(UnitError, match="is not a UCUM unit eligo knows"):
        normalize_unit(text)


def test_convert_wants_ucum_not_registry_spellings() -> None:
    with pytest.raises(UnitError, match=r"did you mean 'umol/L'"):
        convert(1, "µmol/L", "mg/dL", molar_mass=113.12)


def test_spelling_tables_are_well_formed() -> None:
    assert all(key == key.lower() for key in SPELLINGS)
    targets = set(SPELLINGS.values()) | set(CASED_SPELLINGS.values())
    assert targets <= set(TABLE_UNITS)
    assert set(unit_table()) == set(TABLE_UNITS)


CONVERSIONS = [
    # value, from, to, molar mass (g/mol), expected, absolute tolerance
    (1.0, "mg/dL", "umol/L", 113.12, 88.40, 0.005),  # creatinine
    (141, "umol/L", "mg/dL", 113.12, 1.595, 0.0005),
    (1.0, "mg/dL", "umol/L", 584.66, 17.10, 0.005),  # bilirubin
    (90, "mg/dL", "mmol/L", 180.16, 4.996, 0.0005),  # glucose
    (5.0, "mmol/L", "mg/dL", 180.16, 90.08, 0.005),
    (150, "10*9/L", "/uL", None, 150000, 1e-6),
    (80000, "/uL", "10*9/L", None, 80, 1e-9),
    (1500, "/uL", "10*3/uL", None, 1.5, 1e-12),
    (150, "10*3/uL", "10*9/L", None, 150, 1e-9),
    (1, "mm[Hg]", "kPa", None, 0.13332, 0.000005),
    (1, "kPa", "mm[Hg]", None, 7.5006, 0.00005),
    (60, "%", "1", None, 0.6, 1e-12),
    (0.21, "1", "%", None, 21, 1e-12),
    (140, "meq/L", "mmol/L", None, 140, 1e-12),
    (1, "ukat/L", "U/L", None, 60, 1e-9),
    (2.5, "m[IU]/L", "u[IU]/mL", None, 2.5, 1e-12),
    (20, "ng/mL", "ug/L", None, 20, 1e-12),
    (125, "pg/mL", "ng/L", None, 125, 1e-9),
    (1, "mg/dL", "mg/L", None, 10, 1e-12),
    (3.5, "g/dL", "g/L", None, 35, 1e-12),
    (2000, "[IU]/mL", "[IU]/L", None, 2_000_000, 1e-6),
    (60, "mL/min/{1.73_m2}", "mL/min/{1.73_m2}", None, 60, 0),
    (100, "[lb_av]", "kg", None, 45.359237, 1e-9),
    (70, "[in_i]", "cm", None, 177.8, 1e-9),
    (450, "ms", "s", None, 0.45, 1e-12),
    (1, "a", "d", None, 365.25, 1e-9),
    (1, "mo", "d", None, 30.4375, 1e-9),
    (2, "wk", "d", None, 14, 1e-12),
    (72, "/min", "{beats}/min", None, 72, 1e-12),
    (37, "Cel", "[degF]", None, 98.6, 1e-9),
    (98.6, "[degF]", "Cel", None, 37, 1e-9),
    (0, "Cel", "K", None, 273.15, 1e-9),
]


@pytest.mark.parametrize(("value", "src", "dst", "mw", "expected", "tol"), CONVERSIONS)
def test_convert(
    value: float, src: str, dst: str, mw: float | None, expected: float, tol: float
) -> None:
    assert convert(value, src, dst, molar_mass=mw) == pytest.approx(expected, rel=0, abs=tol)
    assert compatible(src, dst, molar_mass=mw)


INCOMPATIBLE = [
    ("mg/dL", "10*9/L", None, r"measure different things \(\[mass\]/\[length\]\^3 vs"),
    ("mg/dL", "umol/L", None, "without a molar mass"),
    ("umol/L", "mg/dL", None, "without a molar mass"),
    ("mL/min/{1.73_m2}", "mL/min", None, "indexed to 1.73 m² body surface area"),
    ("mL/min", "mL/min/{1.73_m2}", 113.12, "indexed to 1.73 m² body surface area"),
    ("[IU]/L", "U/L", None, r"international unit \(\[IU\]\) is defined per analyte"),
    ("[IU]/mL", "/mL", None, "international unit"),
    ("mg/dL", "mmol/mol", 180.16, "measure different things"),
    ("U/L", "umol/L", 113.12, "measure different things"),
    ("Cel", "mm[Hg]", None, "measure different things"),
]


@pytest.mark.parametrize(("src", "dst", "mw", "message"), INCOMPATIBLE)
def test_incompatible_units_raise(src: str, dst: str, mw: float | None, message: str) -> None:
    with pytest.raises(UnitError, match=message) as info:
        convert(1.0, src, dst, molar_mass=mw)
    assert f"cannot convert '{src}' to '{dst}'" in str(info.value)
    assert not compatible(src, dst, molar_mass=mw)


def test_molar_mass_must_be_positive() -> None:
    with pytest.raises(UnitError, match="molar mass must be a positive number"):
        convert(1.0, "mg/dL", "umol/L", molar_mass=0)


def test_compatible_rejects_non_ucum() -> None:
    with pytest.raises(UnitError, match="not a UCUM unit"):
        compatible("mg/dL", "mg per dl")


def test_temperature_inside_a_compound_is_refused() -> None:
    with pytest.raises(UnitError, match="combines a temperature"):
        unit_entry("Cel/h")


def test_annotations_are_dimensionless_except_body_surface() -> None:
    assert unit_entry("{INR}") == unit_entry("1")
    assert unit_entry("{cells}/uL") == unit_entry("/uL")
    assert unit_entry("mL/min/{1.73_m2}").dims != unit_entry("mL/min").dims
    assert unit_entry("{cells}/mm3").factor == pytest.approx(unit_entry("/uL").factor)


@pytest.mark.parametrize("code", TABLE_UNITS)
def test_table_matches_live_ucumvert(code: str) -> None:
    live, shipped = compute_entry(code), unit_table()[code]
    assert live.dims == shipped.dims
    assert live.factor == pytest.approx(shipped.factor, rel=1e-12)
    assert live.offset == pytest.approx(shipped.offset, rel=1e-12)


def test_regenerate_reproduces_the_shipped_table(tmp_path: Path) -> None:
    regenerate_table(tmp_path / "unit_table.json")
    fresh = json.loads((tmp_path / "unit_table.json").read_text(encoding="utf-8"))
    shipped = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    assert fresh["units"] == shipped["units"]


def test_main_without_flag_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "--regenerate" in capsys.readouterr().out


def test_import_and_table_conversions_do_not_load_pint() -> None:
    code = (
        "import sys, eligo.units as u\n"
        "assert u.normalize_unit('µmol/l') == 'umol/L'\n"
        "u.convert(1.0, 'mg/dL', 'umol/L', molar_mass=113.12)\n"
        "u.convert(150, '10*9/L', '/uL')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pint', 'ucumvert')))\n"
    )
    src = str(Path(eligo.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "[]"


def test_every_table_code_is_valid_ucum_syntax() -> None:
    """The fast syntax gate (ucumvert's grammar alone) accepts every code eligo ships, so it
    never refuses a unit the full parser would read."""
    from eligo.units import _ucum_syntax, unit_table

    rejected = [code for code in unit_table() if _ucum_syntax(code) is False]
    assert rejected == []


def test_syntax_gate_refuses_words_and_defers_annotations() -> None:
    from eligo.units import _ucum_syntax

    assert _ucum_syntax("furlong") is False
    assert _ucum_syntax("mg/dL") is True
    assert _ucum_syntax("mL/min/{1.73_m2}") is None  # annotations: the full parser decides
