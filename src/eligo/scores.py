"""Clinical scores and calendar arithmetic: pure functions over plain numbers.

This module sits beside ``units.py`` in the evaluation stage.  Criteria such as "MELD-Na ≥ 15",
"eGFR ≥ 30 mL/min/1.73 m²" or "age 18 to 75 years" need a value the patient record rarely carries;
the evaluator derives it here from the underlying observations.

Design decisions:

* **Fixed units, plain floats.**  Every argument has one unit, named in its suffix
  (``cr_mgdl``, ``bili_umol``, ``albumin_gl``) and in the docstring.  Conversion is the caller's
  job (``units.py``, pint at the boundary); nothing here imports pint, so the functions are cheap
  in hot loops.
* **Published rounding.**  Each score returns what the published calculator shows, rounded half up
  (``decimal.ROUND_HALF_UP`` on the float's shortest decimal form, so ``2.45`` rounds to ``2.5``),
  never Python's half-to-even ``round()``.  Ties on negative values (ALBI) round away from zero.
* **Bounds before logs**, exactly as each source states; a bounded input is not an error.
* **Invalid input raises ``ValueError``** naming the argument and its unit: non-positive or
  non-finite lab values, grades outside their scale, an FiO2 given as a percentage.  A score is
  never computed from a value that cannot be real.
* **Calendar time.**  Ages are completed calendar years or months (birthday-based); look-back
  windows move the month field and clamp the day (CQL semantics), never UCUM's fixed
  30.4375-day month.

Formulas, bounds and worked examples follow the project's reference note
(``clinical-units-and-scores.md`` §2, §3, §5.1); items that note marks **[unverified]** are
flagged in the docstrings below.
"""

from __future__ import annotations

import calendar
import math
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

__all__ = [
    "CalendarUnit",
    "aarc",
    "aarc_grade",
    "abic",
    "add_calendar",
    "age_months",
    "age_years",
    "albi",
    "albi_grade",
    "bmi",
    "child_pugh_class",
    "child_pugh_points",
    "clif_c_aclf",
    "clif_c_ad",
    "crcl_cockcroft_gault",
    "egfr_ckd_epi_2021",
    "gahs",
    "lille",
    "maddrey_df",
    "meld",
    "meld3",
    "meld_i",
    "meld_na",
    "pf_ratio",
]

CalendarUnit = Literal["d", "wk", "mo", "a"]
"""Calendar units accepted by :func:`add_calendar`: days, weeks, months, years (UCUM spellings)."""

MELD_MIN = 6
MELD_MAX = 40


# --------------------------------------------------------------------------------------------
# Helpers


def _round_half_up(value: float, places: int = 0) -> Decimal:
    """Round ``value`` half up (away from zero on ties) to ``places`` decimals.

    The float's shortest repr is rounded, so a value displayed as ``2.45`` rounds to ``2.5``.
    """
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _round_float(value: float, places: int) -> float:
    return float(_round_half_up(value, places))


def _round_int(value: float) -> int:
    return int(_round_half_up(value, 0))


def _positive(name: str, value: float, unit: str) -> float:
    """Return ``value`` if it is a finite number above zero, else raise ``ValueError``."""
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive finite number in {unit}; got {value!r}")
    return value


def _age(value: float, *, adult: bool = False) -> float:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"age must be a non-negative number of years; got {value!r}")
    if adult and value < 18:
        raise ValueError(f"this equation is defined for adults (age ≥ 18 years); got {value!r}")
    return value


def _grade(name: str, value: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
        raise ValueError(f"{name} must be an integer grade 0..{high}; got {value!r}")
    return value


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def _tier(value: float, low: float, high: float) -> int:
    """1 point below ``low``, 2 points for ``low ≤ value ≤ high``, 3 points above ``high``."""
    if value < low:
        return 1
    return 2 if value <= high else 3


def _encephalopathy_points(grade: int) -> int:
    """West Haven grade 0 → 1 point, 1–2 → 2 points, 3–4 → 3 points."""
    return 1 if grade == 0 else 2 if grade <= 2 else 3


# --------------------------------------------------------------------------------------------
# Calendar age and look-back windows


def age_years(birth: date, on: date) -> int:
    """Completed calendar years between ``birth`` and ``on`` (age at a birthday-based count).

    The age increases on the birthday itself.  A person born on 29 February has their birthday on
    1 March in non-leap years (the day after 28 February), as in English and New Zealand law; some
    jurisdictions use 28 February instead.  Criteria say "age ≥ 18 years", and that is calendar
    age, never days ÷ 365.25 (reference §5.1).

    Args:
        birth: date of birth.
        on: the date the age is wanted for (usually the screening index date).

    Returns:
        Completed years, ``>= 0``.

    Raises:
        ValueError: if ``on`` is before ``birth``.

    >>> born = date(2000, 6, 15)
    >>> age_years(born, date(2018, 6, 14)), age_years(born, date(2018, 6, 15))
    (17, 18)
    >>> leapling = date(2004, 2, 29)
    >>> age_years(leapling, date(2022, 2, 28)), age_years(leapling, date(2022, 3, 1))
    (17, 18)
    """
    _check_order(birth, on)
    # Comparing (month, day) gives the 1 March rule for 29 February for free: (2, 28) < (2, 29).
    before_birthday = (on.month, on.day) < (birth.month, birth.day)
    return on.year - birth.year - before_birthday


def age_months(birth: date, on: date) -> int:
    """Completed calendar months between ``birth`` and ``on``.

    The month count increases on the same day of the month as the birth date.  When that day does
    not exist in a month (born on the 31st, the month has 30 days), it is reached on the 1st of the
    following month: the same rule as 29 February in :func:`age_years`, so
    ``age_years(b, d) == age_months(b, d) // 12`` always holds.  (This differs from
    :func:`add_calendar`, which clamps to month end, as CQL date arithmetic does.)

    Args:
        birth: date of birth.
        on: the date the age is wanted for.

    Returns:
        Completed months, ``>= 0``.

    Raises:
        ValueError: if ``on`` is before ``birth``.

    >>> born = date(2024, 1, 15)
    >>> age_months(born, date(2024, 7, 14)), age_months(born, date(2024, 7, 15))
    (5, 6)
    """
    _check_order(birth, on)
    months = (on.year - birth.year) * 12 + on.month - birth.month
    return months - (on.day < birth.day)


def _check_order(birth: date, on: date) -> None:
    if on < birth:
        raise ValueError(f"date {on.isoformat()} is before the birth date {birth.isoformat()}")


def add_calendar(d: date, amount: int, unit: CalendarUnit) -> date:
    """Move ``d`` by ``amount`` calendar units, e.g. to open a window ("in the past 6 months").

    Days and weeks are exact.  Months and years (``a`` = 12 months) move the month (and year) field
    and clamp the day to the last day of the resulting month, as CQL calendar arithmetic does:
    31 January + 1 month is 28 (or 29) February; 29 February + 1 year is 28 February.  Negative
    amounts move backwards.

    Args:
        d: the starting date.
        amount: whole number of units, may be negative.
        unit: ``"d"`` days, ``"wk"`` weeks, ``"mo"`` months, ``"a"`` years.

    Returns:
        The moved date.

    Raises:
        ValueError: for an unknown unit, or a result outside years 1..9999.

    >>> add_calendar(date(2023, 1, 31), 1, "mo"), add_calendar(date(2024, 3, 31), -1, "mo")
    (datetime.date(2023, 2, 28), datetime.date(2024, 2, 29))
    >>> add_calendar(date(2024, 1, 10), -2, "wk")
    datetime.date(2023, 12, 27)
    """
    try:
        if unit == "d":
            return d + timedelta(days=amount)
        if unit == "wk":
            return d + timedelta(weeks=amount)
        if unit in ("mo", "a"):
            months = amount * 12 if unit == "a" else amount
            year, month0 = divmod(d.year * 12 + d.month - 1 + months, 12)
            day = min(d.day, calendar.monthrange(year, month0 + 1)[1])
            return date(year, month0 + 1, day)
    except (OverflowError, ValueError) as exc:
        raise ValueError(f"{d.isoformat()} {amount:+d} {unit} is outside the calendar") from exc
    raise ValueError(f"unknown calendar unit {unit!r}; expected one of 'd', 'wk', 'mo', 'a'")


# --------------------------------------------------------------------------------------------
# MELD family


def _meld_lab_bounds(
    cr_mgdl: float, bili_mgdl: float, inr: float, cr_max: float, dialysis: bool
) -> tuple[float, float, float]:
    """Validate and bound creatinine, bilirubin and INR as every MELD variant does."""
    _positive("creatinine", cr_mgdl, "mg/dL")
    _positive("bilirubin", bili_mgdl, "mg/dL")
    _positive("INR", inr, "INR units (dimensionless)")
    cr = cr_max if dialysis else _clamp(cr_mgdl, 1.0, cr_max)
    return cr, max(bili_mgdl, 1.0), max(inr, 1.0)


def _sodium(na_mmol: float) -> float:
    return _clamp(_positive("sodium", na_mmol, "mmol/L"), 125.0, 137.0)


def meld_i(cr_mgdl: float, bili_mgdl: float, inr: float, *, dialysis: bool = False) -> float:
    """MELD(i), the OPTN/UNOS intermediate MELD value (×10 scale), before the sodium term.

    Formula (Kamath 2001; OPTN/UNOS implementation)::

        MELD(i) = 0.957·ln(Cr) + 0.378·ln(Bili) + 1.120·ln(INR) + 0.643

    then rounded half up to the tenth and multiplied by 10, so the result is always a whole number
    (``24.0``).  This is the value OPTN compares with 11 before adding the sodium term.
    **[unverified]** The reference gives the "round to the tenth, then ×10" step from memory of the
    OPTN policy wording; QxMD says "multiply by 10 and round to the nearest whole number", and
    public implementations use ``toFixed(1) * 10``.

    Bounds, applied before the logs: creatinine, bilirubin and INR below 1.0 are set to 1.0;
    creatinine above 4.0 is set to 4.0; with ``dialysis`` creatinine is set to 4.0 whatever its
    measured value.

    Args:
        cr_mgdl: serum creatinine, mg/dL.
        bili_mgdl: total bilirubin, mg/dL.
        inr: INR (dimensionless).
        dialysis: at least 2 dialysis treatments, or at least 24 h of CVVHD, in the prior 7 days.

    Returns:
        MELD(i) on the ×10 scale, a whole number ``>= 6.0`` (not capped).

    Raises:
        ValueError: if a lab value is not a positive finite number.

    Source: Kamath PS et al., Hepatology 2001;33:464; OPTN/UNOS implementation as described at
    https://qxmd.com/calculate/calculator_359/meld-score-age-above-12-years.

    >>> meld_i(1.9, 4.0, 1.8)  # raw 2.4396 -> 2.4 -> 24.0
    24.0
    """
    cr, bili, inr_b = _meld_lab_bounds(cr_mgdl, bili_mgdl, inr, 4.0, dialysis)
    raw = 0.957 * math.log(cr) + 0.378 * math.log(bili) + 1.120 * math.log(inr_b) + 0.643
    return float(_round_half_up(raw, 1) * 10)


def meld(cr_mgdl: float, bili_mgdl: float, inr: float, *, dialysis: bool = False) -> int:
    """MELD score (original, OPTN/UNOS implementation), 6–40.

    ``MELD = 9.57·ln(Cr) + 3.78·ln(Bili) + 11.2·ln(INR) + 6.43``, computed through
    :func:`meld_i` (bounds, round to the tenth, ×10), then capped at 40.  All-normal values give 6.

    Args:
        cr_mgdl: serum creatinine, mg/dL (bounded 1.0–4.0; 4.0 with dialysis).
        bili_mgdl: total bilirubin, mg/dL (lower bound 1.0).
        inr: INR (lower bound 1.0).
        dialysis: at least 2 dialysis treatments, or at least 24 h of CVVHD, in the prior 7 days.

    Returns:
        Integer score 6–40.

    Raises:
        ValueError: if a lab value is not a positive finite number.

    Source: Kamath PS et al., Hepatology 2001;33:464;
    https://qxmd.com/calculate/calculator_359/meld-score-age-above-12-years.

    >>> meld(1.9, 4.0, 1.8)
    24
    """
    return min(_round_int(meld_i(cr_mgdl, bili_mgdl, inr, dialysis=dialysis)), MELD_MAX)


def meld_na(
    cr_mgdl: float, bili_mgdl: float, inr: float, na_mmol: float, *, dialysis: bool = False
) -> int:
    """MELD-Na, OPTN January 2016 version, 6–40.

    Formula (applied only when MELD(i) > 11)::

        MELD = MELD(i) + 1.32·(137 − Na) − 0.033·MELD(i)·(137 − Na)

    where MELD(i) is :func:`meld_i` (bounded, rounded to the tenth, ×10).  When MELD(i) ≤ 11 the
    score is MELD(i).  Sodium is bounded to 125–137 mmol/L.  The result is rounded half up to an
    integer and capped at 40.  **[unverified]** The "only if MELD(i) > 11" condition is from memory
    of the OPTN rule; it matches public implementations.  Do not confuse with the Biggins 2006
    form or "MELD + 1.59·(135 − Na)": those are different models.

    Args:
        cr_mgdl: serum creatinine, mg/dL.
        bili_mgdl: total bilirubin, mg/dL.
        inr: INR.
        na_mmol: serum sodium, mmol/L (= mEq/L); not glucose-corrected.
        dialysis: at least 2 dialysis treatments, or at least 24 h of CVVHD, in the prior 7 days.

    Returns:
        Integer score 6–40.

    Raises:
        ValueError: if a lab value is not a positive finite number.

    Source: Kim WR et al., NEJM 2008;359:1018; OPTN policy as summarised at
    https://qxmd.com/calculate/calculator_359/meld-score-age-above-12-years and
    http://www.thecalculator.co/health/MELD-Calculator-421.html.

    >>> meld_na(1.9, 4.0, 1.8, 128)  # 24 + 1.32·9 − 0.033·24·9 = 28.752
    29
    """
    na = _sodium(na_mmol)
    score = meld_i(cr_mgdl, bili_mgdl, inr, dialysis=dialysis)
    if score > 11:
        score += 1.32 * (137 - na) - 0.033 * score * (137 - na)
    return int(_clamp(_round_int(score), MELD_MIN, MELD_MAX))


def meld3(
    cr_mgdl: float,
    bili_mgdl: float,
    inr: float,
    na_mmol: float,
    albumin_gdl: float,
    female: bool,
    *,
    dialysis: bool = False,
) -> int:
    """MELD 3.0 (Kim 2021; OPTN allocation since July 2023), 6–40.

    Formula::

        MELD 3.0 = 1.33·(female)
                 + 4.56·ln(Bili) + 0.82·(137 − Na) − 0.24·(137 − Na)·ln(Bili)
                 + 9.09·ln(INR)
                 + 11.14·ln(Cr) + 1.85·(3.5 − Alb) − 1.83·(3.5 − Alb)·ln(Cr)
                 + 6

    Bounds, before the logs: bilirubin, INR and creatinine below 1.0 are set to 1.0; creatinine
    above **3.0** is set to 3.0 (not 4.0 as in MELD); with ``dialysis`` creatinine is set to 3.0;
    sodium 125–137 mmol/L; albumin 1.5–3.5 g/dL.  Rounded half up to an integer, bounded to 6–40.
    OPTN applies the female term to every candidate aged 12–17 whatever their sex: pass
    ``female=True`` for them.

    Args:
        cr_mgdl: serum creatinine, mg/dL.
        bili_mgdl: total bilirubin, mg/dL.
        inr: INR.
        na_mmol: serum sodium, mmol/L.
        albumin_gdl: serum albumin, **g/dL** (g/L ÷ 10).
        female: female sex (or aged 12–17, see above).
        dialysis: at least 2 dialysis treatments, or at least 24 h of CVVHD, in the prior 7 days.

    Returns:
        Integer score 6–40.

    Raises:
        ValueError: if a lab value is not a positive finite number.

    Source: Kim WR, Mannalithara A, Heimbach JK, et al. Gastroenterology 2021;161(6):1887–1895.e4,
    doi:10.1053/j.gastro.2021.08.050 (https://pmc.ncbi.nlm.nih.gov/articles/PMC8608337);
    https://modelling.cds-platform.com/ckm/view/ckm-app-challenge-2023/MELD_3_0/3.1.

    >>> meld3(1.9, 4.0, 1.8, 128, 2.8, female=True)  # 31.003
    31
    """
    cr, bili, inr_b = _meld_lab_bounds(cr_mgdl, bili_mgdl, inr, 3.0, dialysis)
    na = _sodium(na_mmol)
    alb = _clamp(_positive("albumin", albumin_gdl, "g/dL"), 1.5, 3.5)
    ln_bili, ln_cr = math.log(bili), math.log(cr)
    score = (
        1.33 * female
        + 4.56 * ln_bili
        + 0.82 * (137 - na)
        - 0.24 * (137 - na) * ln_bili
        + 9.09 * math.log(inr_b)
        + 11.14 * ln_cr
        + 1.85 * (3.5 - alb)
        - 1.83 * (3.5 - alb) * ln_cr
        + 6
    )
    return int(_clamp(_round_int(score), MELD_MIN, MELD_MAX))


# --------------------------------------------------------------------------------------------
# Child-Turcotte-Pugh


def child_pugh_points(
    bili_mgdl: float, albumin_gdl: float, inr: float, ascites: int, encephalopathy: int
) -> int:
    """Child-Turcotte-Pugh points, 5–15.

    =====================  ===========  =================  ==================
    Parameter              1 point      2 points           3 points
    =====================  ===========  =================  ==================
    Bilirubin, mg/dL       < 2          2 ≤ x ≤ 3          > 3
    Albumin, g/dL          > 3.5        2.8 ≤ x ≤ 3.5      < 2.8
    INR                    < 1.7        1.7 ≤ x ≤ 2.3      > 2.3
    Ascites grade          0 (none)     1 (mild)           2–3 (moderate, severe)
    Encephalopathy (WH)    0 (none)     1–2                3–4
    =====================  ===========  =================  ==================

    Ascites is taken as a grade 0 none, 1 mild (or controlled with diuretics), 2 moderate, 3 severe
    (or refractory); the source's three categories map 0 → 1, 1 → 2, 2–3 → 3 points.
    Encephalopathy is the West Haven grade 0–4; HE controlled with medication should be passed as
    grade 1–2.  This is the standard (non-PBC/PSC) bilirubin scale.  **[unverified]** The reference
    did not re-verify the cut-offs against Pugh 1973; they are the standard textbook ones.

    Args:
        bili_mgdl: total bilirubin, mg/dL.
        albumin_gdl: serum albumin, g/dL.
        inr: INR.
        ascites: ascites grade 0..3 (see above).
        encephalopathy: West Haven hepatic encephalopathy grade 0..4.

    Returns:
        Total points, 5–15.

    Raises:
        ValueError: for a non-positive lab value or a grade outside its scale.

    Source: Pugh RN et al., Br J Surg 1973;60:646; classes as in
    https://www.cco.us/clinical-documentation-guides/cirrhosis/.

    >>> points = child_pugh_points(2.5, 3.0, 1.5, ascites=1, encephalopathy=0)
    >>> points, child_pugh_class(points)
    (8, 'B')
    """
    _positive("bilirubin", bili_mgdl, "mg/dL")
    _positive("albumin", albumin_gdl, "g/dL")
    _positive("INR", inr, "INR units (dimensionless)")
    _grade("ascites", ascites, 3)
    _grade("encephalopathy", encephalopathy, 4)
    return (
        _tier(bili_mgdl, 2.0, 3.0)
        + (4 - _tier(albumin_gdl, 2.8, 3.5))  # albumin scores the other way round
        + _tier(inr, 1.7, 2.3)
        + min(ascites + 1, 3)
        + _encephalopathy_points(encephalopathy)
    )


def child_pugh_class(points: int) -> Literal["A", "B", "C"]:
    """Child-Pugh class from :func:`child_pugh_points`: A 5–6, B 7–9, C 10–15.

    Raises:
        ValueError: if ``points`` is not an integer 5..15.

    Source: as :func:`child_pugh_points`.

    >>> child_pugh_class(6), child_pugh_class(7), child_pugh_class(10)
    ('A', 'B', 'C')
    """
    if isinstance(points, bool) or not isinstance(points, int) or not 5 <= points <= 15:
        raise ValueError(f"Child-Pugh points must be an integer 5..15; got {points!r}")
    return "A" if points <= 6 else "B" if points <= 9 else "C"


# --------------------------------------------------------------------------------------------
# Alcohol-associated hepatitis and ACLF


def maddrey_df(pt_s: float, pt_control_s: float, bili_mgdl: float) -> float:
    """Maddrey (modified) discriminant function: ``4.6 × (PT − PT_control) + bilirubin``.

    ≥ 32 indicates severe alcohol-associated hepatitis.  PT in seconds (not INR); bilirubin in mg/dL
    (µmol/L ÷ 17.1).  Rounded half up to 1 decimal.

    Args:
        pt_s: patient prothrombin time, s.
        pt_control_s: control (laboratory reference) prothrombin time, s.
        bili_mgdl: total bilirubin, mg/dL.

    Returns:
        mDF, 1 decimal (may be below zero if the PT is shorter than control).

    Raises:
        ValueError: if an input is not a positive finite number.

    Source: Maddrey WC et al., Gastroenterology 1978; modified by Carithers 1989; thresholds at
    https://pmc.ncbi.nlm.nih.gov/articles/PMC8757441/table/T1.

    >>> maddrey_df(24, 12, 15)
    70.2
    """
    _positive("prothrombin time", pt_s, "s")
    _positive("control prothrombin time", pt_control_s, "s")
    _positive("bilirubin", bili_mgdl, "mg/dL")
    return _round_float(4.6 * (pt_s - pt_control_s) + bili_mgdl, 1)


def abic(age_years: float, bili_mgdl: float, cr_mgdl: float, inr: float) -> float:
    """ABIC score: ``0.1·age + 0.08·bilirubin + 0.3·creatinine + 0.8·INR``.

    90-day mortality risk: < 6.71 low, 6.71–8.99 intermediate, ≥ 9 high.  Rounded half up to
    2 decimals.

    Args:
        age_years: age, years.
        bili_mgdl: total bilirubin, mg/dL.
        cr_mgdl: serum creatinine, mg/dL.
        inr: INR.

    Returns:
        ABIC, 2 decimals.

    Raises:
        ValueError: for a negative age or a non-positive lab value.

    Source: Dominguez M et al., Am J Gastroenterol 2008; cut-offs at
    https://pmc.ncbi.nlm.nih.gov/articles/PMC8757441/table/T1.

    >>> abic(50, 15, 1.2, 2.0)
    8.16
    """
    _age(age_years)
    _positive("bilirubin", bili_mgdl, "mg/dL")
    _positive("creatinine", cr_mgdl, "mg/dL")
    _positive("INR", inr, "INR units (dimensionless)")
    return _round_float(0.1 * age_years + 0.08 * bili_mgdl + 0.3 * cr_mgdl + 0.8 * inr, 2)


def lille(
    age_years: float,
    albumin_gl: float,
    bili_day0_umol: float,
    bili_day7_umol: float,
    cr_mgdl: float,
    pt_s: float,
) -> float:
    """Lille model: response to corticosteroids at day 7 in severe alcohol-associated hepatitis.

    Formula (SI units)::

        R = 3.19 − 0.101·age + 0.147·albumin_day0 + 0.0165·(bili_day0 − bili_day7)
            − 0.206·renal_insufficiency − 0.0065·bili_day0 − 0.0096·PT
        Lille = exp(−R) / (1 + exp(−R))

    ``renal_insufficiency`` is 1 when creatinine > 1.3 mg/dL (> 115 µmol/L).  Range 0–1;
    ≥ 0.45 means non-response.  Use the albumin measured before any albumin infusion.  This is the
    PT (seconds) version, not Lille-INR.  Rounded half up to 3 decimals.

    Args:
        age_years: age, years.
        albumin_gl: serum albumin on day 0, **g/L**.
        bili_day0_umol: total bilirubin on day 0, **µmol/L**.
        bili_day7_umol: total bilirubin on day 7, µmol/L.
        cr_mgdl: serum creatinine, **mg/dL** (the module's creatinine unit; only > 1.3 matters).
        pt_s: prothrombin time, s.

    Returns:
        Lille score 0–1, 3 decimals.

    Raises:
        ValueError: for a negative age or a non-positive lab value.

    Source: Louvet A et al., Hepatology 2007;45(6):1348–54 (http://lillemodel.com/lillept.asp).

    >>> lille(50, 25, 300, 250, 1.0, 20)  # R = 0.498
    0.378
    """
    _age(age_years)
    _positive("albumin", albumin_gl, "g/L")
    _positive("day-0 bilirubin", bili_day0_umol, "µmol/L")
    _positive("day-7 bilirubin", bili_day7_umol, "µmol/L")
    _positive("creatinine", cr_mgdl, "mg/dL")
    _positive("prothrombin time", pt_s, "s")
    r = (
        3.19
        - 0.101 * age_years
        + 0.147 * albumin_gl
        + 0.0165 * (bili_day0_umol - bili_day7_umol)
        - 0.206 * (cr_mgdl > 1.3)
        - 0.0065 * bili_day0_umol
        - 0.0096 * pt_s
    )
    return _round_float(1.0 / (1.0 + math.exp(r)), 3)  # = exp(−R) / (1 + exp(−R))


def gahs(age_years: float, wbc_10e9: float, urea_mmol: float, inr: float, bili_umol: float) -> int:
    """Glasgow alcoholic hepatitis score, 5–12; ≥ 9 is a poor prognosis.

    ===================  ======  ===========  ======
    Variable             1       2            3
    ===================  ======  ===========  ======
    Age, years           < 50    ≥ 50
    WBC, 10⁹/L           < 15    ≥ 15
    Urea, mmol/L         < 5     ≥ 5
    PT ratio or INR      < 1.5   1.5–2.0      > 2.0
    Bilirubin, µmol/L    < 125   125–250      > 250
    ===================  ======  ===========  ======

    Args:
        age_years: age, years.
        wbc_10e9: white cell count, 10⁹/L.
        urea_mmol: serum **urea** (not BUN), mmol/L; BUN mg/dL × 0.357 = urea mmol/L.
        inr: INR or PT ratio.
        bili_umol: total bilirubin, µmol/L.

    Returns:
        Total points 5–12.

    Raises:
        ValueError: for a negative age or a non-positive lab value.

    Source: Forrest EH et al., Gut 2005;54:1174–1179 (https://pmc.ncbi.nlm.nih.gov/articles/PMC1774903).

    >>> gahs(55, 12, 7, 1.8, 300)
    10
    """
    _age(age_years)
    _positive("WBC", wbc_10e9, "10^9/L")
    _positive("urea", urea_mmol, "mmol/L")
    _positive("INR", inr, "INR units (dimensionless)")
    _positive("bilirubin", bili_umol, "µmol/L")
    return (
        (1 if age_years < 50 else 2)
        + (1 if wbc_10e9 < 15 else 2)
        + (1 if urea_mmol < 5 else 2)
        + _tier(inr, 1.5, 2.0)
        + _tier(bili_umol, 125, 250)
    )


def aarc(
    bili_mgdl: float, encephalopathy: int, inr: float, lactate_mmol: float, cr_mgdl: float
) -> int:
    """APASL ACLF Research Consortium (AARC) score, 5–15; grade with :func:`aarc_grade`.

    ===================  ======  ===========  ======
    Variable             1       2            3
    ===================  ======  ===========  ======
    Bilirubin, mg/dL     < 15    15–25        > 25
    HE grade (WH)        0       1–2          3–4
    INR                  < 1.8   1.8–2.5      > 2.5
    Lactate, mmol/L      < 1.5   1.5–2.5      > 2.5
    Creatinine, mg/dL    < 0.7   0.7–1.5      > 1.5
    ===================  ======  ===========  ======

    Range end points (15, 25, 1.8, …) score 2 points.

    Args:
        bili_mgdl: total bilirubin, mg/dL.
        encephalopathy: West Haven hepatic encephalopathy grade 0..4.
        inr: INR.
        lactate_mmol: lactate, mmol/L.
        cr_mgdl: serum creatinine, mg/dL.

    Returns:
        Total points 5–15.

    Raises:
        ValueError: for a non-positive lab value or a grade outside 0..4.

    Source: Sarin SK et al., Hepatol Int 2019;13:353–390, doi:10.1007/s12072-019-09946-3
    (https://pmc.ncbi.nlm.nih.gov/articles/PMC6728300); table at
    https://explorationpub.com/Journals/Tables/100552/t2.

    >>> points = aarc(18, 0, 2.0, 1.2, 1.6)
    >>> points, aarc_grade(points)
    (9, 'II')
    """
    _positive("bilirubin", bili_mgdl, "mg/dL")
    _grade("encephalopathy", encephalopathy, 4)
    _positive("INR", inr, "INR units (dimensionless)")
    _positive("lactate", lactate_mmol, "mmol/L")
    _positive("creatinine", cr_mgdl, "mg/dL")
    return (
        _tier(bili_mgdl, 15, 25)
        + _encephalopathy_points(encephalopathy)
        + _tier(inr, 1.8, 2.5)
        + _tier(lactate_mmol, 1.5, 2.5)
        + _tier(cr_mgdl, 0.7, 1.5)
    )


def aarc_grade(points: int) -> Literal["I", "II", "III"]:
    """AARC grade from :func:`aarc` points: I 5–7, II 8–10, III 11–15.

    Raises:
        ValueError: if ``points`` is not an integer 5..15.

    >>> aarc_grade(7), aarc_grade(8), aarc_grade(11)
    ('I', 'II', 'III')
    """
    if isinstance(points, bool) or not isinstance(points, int) or not 5 <= points <= 15:
        raise ValueError(f"AARC points must be an integer 5..15; got {points!r}")
    return "I" if points <= 7 else "II" if points <= 10 else "III"


def clif_c_aclf(of_score: int, age_years: float, wbc_10e9: float) -> float:
    """CLIF-C ACLF score: ``10 × [0.33·CLIF-C OFs + 0.04·age + 0.63·ln(WBC) − 2]``.

    For patients with ACLF.  No bounds are applied; store the raw score (futility cut-offs quoted
    by calculators are cohort-specific).  Rounded half up to 1 decimal.

    Args:
        of_score: CLIF-C organ failure score, integer 6..18 (six organs, 1–3 points each).
        age_years: age, years.
        wbc_10e9: white cell count, 10⁹/L.

    Returns:
        Score, 1 decimal.

    Raises:
        ValueError: for an OF score outside 6..18, a negative age or a non-positive WBC.

    Source: Jalan R et al., J Hepatol 2014;61:1038, doi:10.1016/j.jhep.2014.06.012;
    https://efclif.com/research-infrastructure/score-calculators/clif-c-of-ad-aclf.

    >>> clif_c_aclf(10, 55, 12)
    50.7
    """
    if isinstance(of_score, bool) or not isinstance(of_score, int) or not 6 <= of_score <= 18:
        raise ValueError(f"CLIF-C OF score must be an integer 6..18; got {of_score!r}")
    _age(age_years)
    _positive("WBC", wbc_10e9, "10^9/L")
    raw = 0.33 * of_score + 0.04 * age_years + 0.63 * math.log(wbc_10e9) - 2
    return _round_float(10 * raw, 1)


def clif_c_ad(
    age_years: float, cr_mgdl: float, inr: float, wbc_10e9: float, na_mmol: float
) -> float:
    """CLIF-C AD score for acutely decompensated cirrhosis **without** ACLF.

    Formula::

        10 × [0.03·age + 0.66·ln(Cr) + 1.71·ln(INR) + 0.88·ln(WBC) − 0.05·Na + 8]

    No bounds are applied (the reference gives none).  Rounded half up to 1 decimal.

    Args:
        age_years: age, years.
        cr_mgdl: serum creatinine, mg/dL.
        inr: INR.
        wbc_10e9: white cell count, 10⁹/L.
        na_mmol: serum sodium, mmol/L.

    Returns:
        Score, 1 decimal.

    Raises:
        ValueError: for a negative age or a non-positive lab value.

    Source: Jalan R et al., J Hepatol 2015 (CLIF-C AD);
    https://efclif.com/research-infrastructure/score-calculators/clif-c-of-aclf-ad/.

    >>> clif_c_ad(55, 1.2, 1.5, 8, 134)
    55.9
    """
    _age(age_years)
    _positive("creatinine", cr_mgdl, "mg/dL")
    _positive("INR", inr, "INR units (dimensionless)")
    _positive("WBC", wbc_10e9, "10^9/L")
    _positive("sodium", na_mmol, "mmol/L")
    raw = (
        0.03 * age_years
        + 0.66 * math.log(cr_mgdl)
        + 1.71 * math.log(inr)
        + 0.88 * math.log(wbc_10e9)
        - 0.05 * na_mmol
        + 8
    )
    return _round_float(10 * raw, 1)


def albi(bili_umol: float, albumin_gl: float) -> float:
    """ALBI score: ``0.66·log10(bilirubin) − 0.085·albumin`` (log10, SI units).

    Rounded half up (ties away from zero) to 2 decimals, the precision the grade cut-offs are
    published at; :func:`albi_grade` applied to this value grades what a calculator displays.

    Args:
        bili_umol: total bilirubin, µmol/L.
        albumin_gl: serum albumin, **g/L**.

    Returns:
        ALBI, 2 decimals (negative for most patients).

    Raises:
        ValueError: for a non-positive lab value.

    Source: Johnson PJ et al., J Clin Oncol 2015;33:550; cut-offs as at
    https://aihaoyisheng.com/en/tools/albi.

    >>> score = albi(34.2, 30)
    >>> score, albi_grade(score)
    (-1.54, 2)
    """
    _positive("bilirubin", bili_umol, "µmol/L")
    _positive("albumin", albumin_gl, "g/L")
    return _round_float(0.66 * math.log10(bili_umol) - 0.085 * albumin_gl, 2)


def albi_grade(score: float) -> Literal[1, 2, 3]:
    """ALBI grade: 1 if score ≤ −2.60; 2 if −2.60 < score ≤ −1.39; 3 if score > −1.39.

    Raises:
        ValueError: if ``score`` is not finite.

    Source: as :func:`albi`.

    >>> albi_grade(-2.60), albi_grade(-2.59), albi_grade(-1.39), albi_grade(-1.38)
    (1, 2, 2, 3)
    """
    if not math.isfinite(score):
        raise ValueError(f"ALBI score must be a finite number; got {score!r}")
    if score <= -2.60:
        return 1
    return 2 if score <= -1.39 else 3


# --------------------------------------------------------------------------------------------
# Kidney, respiratory, anthropometric


def egfr_ckd_epi_2021(cr_mgdl: float, age_years: float, female: bool) -> float:
    """eGFR by the race-free CKD-EPI 2021 creatinine equation, mL/min/1.73 m².

    Formula::

        eGFR = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 [if female]
        κ = 0.7 (F), 0.9 (M);  α = −0.241 (F), −0.302 (M)

    Rounded half up to 1 decimal.  LOINC 98979-8.  Adults only.

    Args:
        cr_mgdl: serum creatinine, mg/dL (IDMS-traceable).
        age_years: age, years (≥ 18).
        female: female sex.

    Returns:
        eGFR, mL/min/1.73 m², 1 decimal.

    Raises:
        ValueError: for a non-positive creatinine or an age below 18.

    Source: Inker LA et al., NEJM 2021;385:1737;
    https://www.niddk.nih.gov/research-funding/research-programs/kidney-clinical-research-epidemiology/laboratory/glomerular-filtration-rate-equations/adults;
    https://qxmd.com/calculate/calculator_251/egfr-using-ckd-epi-2021-update.

    >>> egfr_ckd_epi_2021(1.2, 60, female=False), egfr_ckd_epi_2021(0.9, 55, female=True)
    (69.2, 75.5)
    """
    _positive("creatinine", cr_mgdl, "mg/dL")
    _age(age_years, adult=True)
    kappa, alpha = (0.7, -0.241) if female else (0.9, -0.302)
    ratio = cr_mgdl / kappa
    gfr = 142 * min(ratio, 1.0) ** alpha * max(ratio, 1.0) ** -1.200 * 0.9938**age_years
    if female:
        gfr *= 1.012
    return _round_float(gfr, 1)


def crcl_cockcroft_gault(age_years: float, weight_kg: float, cr_mgdl: float, female: bool) -> float:
    """Creatinine clearance by Cockcroft-Gault, mL/min (not BSA-normalised).

    ``CrCl = (140 − age) × weight / (72 × Scr)``, × 0.85 if female.  Uses the weight given (the
    criterion should say actual, ideal or adjusted; default actual).  Rounded half up to 1 decimal.
    **[unverified]** The reference gives the formula from memory (it is the standard form).

    Args:
        age_years: age, years (18 ≤ age < 140).
        weight_kg: body weight, kg.
        cr_mgdl: serum creatinine, mg/dL.
        female: female sex.

    Returns:
        CrCl, mL/min, 1 decimal.

    Raises:
        ValueError: for an age outside 18..<140 or a non-positive weight or creatinine.

    Source: Cockcroft DW, Gault MH, Nephron 1976;16:31.

    >>> crcl_cockcroft_gault(60, 70, 1.2, female=False)
    64.8
    >>> crcl_cockcroft_gault(60, 70, 1.2, female=True)
    55.1
    """
    _age(age_years, adult=True)
    if age_years >= 140:
        raise ValueError(f"Cockcroft-Gault needs an age below 140 years; got {age_years!r}")
    _positive("weight", weight_kg, "kg")
    _positive("creatinine", cr_mgdl, "mg/dL")
    crcl = (140 - age_years) * weight_kg / (72 * cr_mgdl)
    if female:
        crcl *= 0.85
    return _round_float(crcl, 1)


def pf_ratio(pao2_mmhg: float, fio2_fraction: float) -> float:
    """PaO2/FiO2 ratio in mmHg: ``PaO2 / FiO2``.

    FiO2 must be a fraction 0.21–1.0 (a percentage such as 60 is rejected, not guessed); a PaO2 in
    kPa must be converted first (× 7.5006).  Rounded half up to 1 decimal, so a threshold such as
    "P/F ≤ 150" is not missed by float noise.

    Args:
        pao2_mmhg: arterial oxygen partial pressure, mmHg.
        fio2_fraction: inspired oxygen fraction, 0.21..1.0.

    Returns:
        P/F ratio, mmHg, 1 decimal.

    Raises:
        ValueError: for a non-positive PaO2 or an FiO2 outside 0.21..1.0.

    Source: reference §3.5 (ARDS Definition Task Force, JAMA 2012;307:2526).

    >>> pf_ratio(90, 0.6)
    150.0
    """
    _positive("PaO2", pao2_mmhg, "mmHg")
    if not math.isfinite(fio2_fraction) or not 0.21 <= fio2_fraction <= 1.0:
        hint = " (looks like a percentage: divide by 100)" if 21 <= fio2_fraction <= 100 else ""
        raise ValueError(f"FiO2 must be a fraction 0.21..1.0; got {fio2_fraction!r}{hint}")
    return _round_float(pao2_mmhg / fio2_fraction, 1)


def bmi(weight_kg: float, height_m: float) -> float:
    """Body mass index, kg/m²: ``weight / height²``, rounded half up to 1 decimal.

    Args:
        weight_kg: body weight, kg.
        height_m: body height, **metres** (cm ÷ 100).

    Returns:
        BMI, kg/m², 1 decimal.  LOINC 39156-5.

    Raises:
        ValueError: for a non-positive weight or height.

    Source: reference §3.4 (WHO classes: < 18.5 underweight … ≥ 30 obese).

    >>> bmi(70, 1.75)
    22.9
    """
    _positive("weight", weight_kg, "kg")
    _positive("height", height_m, "m")
    return _round_float(weight_kg / height_m**2, 1)
