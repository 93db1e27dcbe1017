"""Clinical scores and calendar arithmetic (``eligo.scores``).

Expected values are the worked examples of the reference note (clinical-units-and-scores.md §2, §3,
§5.1) and hand-computed boundary cases; each boundary case is chosen so that a missing or misplaced
bound would change the result.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eligo.scores import (
    aarc,
    aarc_grade,
    abic,
    add_calendar,
    age_months,
    age_years,
    albi,
    albi_grade,
    bmi,
    child_pugh_class,
    child_pugh_points,
    clif_c_aclf,
    clif_c_ad,
    crcl_cockcroft_gault,
    egfr_ckd_epi_2021,
    gahs,
    lille,
    maddrey_df,
    meld,
    meld3,
    meld_i,
    meld_na,
    pf_ratio,
)

NAN = float("nan")
INF = float("inf")

# ---------------------------------------------------------------------------------------------
# Worked examples from the reference, one per score


@pytest.mark.parametrize(
    ("func", "args", "kwargs", "expected"),
    [
        pytest.param(meld_i, (1.9, 4.0, 1.8), {}, 24.0, id="meld_i §2.1"),
        pytest.param(meld, (1.9, 4.0, 1.8), {}, 24, id="meld §2.1"),
        pytest.param(meld_na, (1.9, 4.0, 1.8, 128), {}, 29, id="meld_na §2.2"),
        pytest.param(meld3, (1.9, 4.0, 1.8, 128, 2.8, True), {}, 31, id="meld3 §2.3"),
        pytest.param(child_pugh_points, (2.5, 3.0, 1.5, 1, 0), {}, 8, id="child_pugh §2.4"),
        pytest.param(maddrey_df, (24, 12, 15), {}, 70.2, id="maddrey §2.5"),
        pytest.param(lille, (50, 25, 300, 250, 1.0, 20), {}, 0.378, id="lille §2.6"),
        pytest.param(gahs, (55, 12, 7, 1.8, 300), {}, 10, id="gahs §2.7"),
        pytest.param(abic, (50, 15, 1.2, 2.0), {}, 8.16, id="abic §2.8"),
        pytest.param(clif_c_aclf, (10, 55, 12), {}, 50.7, id="clif_c_aclf §2.9"),
        pytest.param(clif_c_ad, (55, 1.2, 1.5, 8, 134), {}, 55.9, id="clif_c_ad §2.9"),
        pytest.param(aarc, (18, 0, 2.0, 1.2, 1.6), {}, 9, id="aarc §2.10"),
        pytest.param(albi, (34.2, 30), {}, -1.54, id="albi §2.12"),
        pytest.param(albi, (17.1, 40), {}, -2.59, id="albi §2.12 near grade 1"),
        pytest.param(egfr_ckd_epi_2021, (1.2, 60, False), {}, 69.2, id="ckd-epi man §3.1"),
        pytest.param(egfr_ckd_epi_2021, (0.9, 55, True), {}, 75.5, id="ckd-epi woman §3.1"),
        pytest.param(crcl_cockcroft_gault, (60, 70, 1.2, False), {}, 64.8, id="cg man §3.2"),
        pytest.param(crcl_cockcroft_gault, (60, 70, 1.2, True), {}, 55.1, id="cg woman §3.2"),
        pytest.param(bmi, (70, 1.75), {}, 22.9, id="bmi §3.4"),
        pytest.param(pf_ratio, (90, 0.6), {}, 150.0, id="pf §3.5"),
    ],
)
def test_reference_worked_example(
    func: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], expected: float
) -> None:
    assert func(*args, **kwargs) == expected


@pytest.mark.parametrize(
    ("grade_func", "points", "expected"),
    [
        (child_pugh_class, 8, "B"),  # §2.4
        (aarc_grade, 9, "II"),  # §2.10
        (albi_grade, -1.54, 2),  # §2.12
        (albi_grade, -2.59, 2),  # §2.12 "just above −2.60"
    ],
)
def test_reference_worked_grade(
    grade_func: Callable[[Any], object], points: float, expected: object
) -> None:
    assert grade_func(points) == expected


# ---------------------------------------------------------------------------------------------
# MELD (original): bounds before logs, dialysis, cap


@pytest.mark.parametrize(
    ("cr", "bili", "inr", "expected"),
    [
        (3.9, 1.0, 1.0, 19.0),
        (4.0, 1.0, 1.0, 20.0),  # creatinine upper bound, exactly
        (4.1, 1.0, 1.0, 20.0),  # above the bound → 4.0
        (10.0, 1.0, 1.0, 20.0),
        (1.0, 1.0, 1.0, 6.0),  # all normal: 0.643 → 0.6 → 6
        (0.5, 0.5, 0.5, 6.0),  # everything below 1.0 → 1.0
        (0.5, 1.0, 2.0, 14.0),  # creatinine lower bound (unbounded would be 8)
        (2.0, 0.5, 1.0, 13.0),  # bilirubin lower bound (unbounded would be 10)
        (2.0, 1.0, 0.8, 13.0),  # INR lower bound (unbounded would be 11)
    ],
)
def test_meld_i_bounds(cr: float, bili: float, inr: float, expected: float) -> None:
    assert meld_i(cr, bili, inr) == expected


@pytest.mark.parametrize("cr", [0.3, 1.0, 1.9, 4.0, 12.0])
def test_meld_dialysis_sets_creatinine_to_4(cr: float) -> None:
    assert meld_i(cr, 1.0, 1.0, dialysis=True) == meld_i(4.0, 1.0, 1.0) == 20.0
    assert meld(cr, 4.0, 1.8, dialysis=True) == meld(4.0, 4.0, 1.8) == 32


def test_meld_i_rounds_to_tenth_then_scales() -> None:
    # INR 1.57: raw 1.1482 → 1.1 → 11.0 (not 11.48); INR 1.58: raw 1.1553 → 1.2 → 12.0.
    assert meld_i(1.0, 1.0, 1.57) == 11.0
    assert meld_i(1.0, 1.0, 1.58) == 12.0


def test_meld_capped_at_40() -> None:
    assert meld_i(4.0, 40.0, 5.0) == 52.0
    assert meld(4.0, 40.0, 5.0) == 40


# ---------------------------------------------------------------------------------------------
# MELD-Na (OPTN 2016)


@pytest.mark.parametrize(
    ("na", "expected"),
    [
        (120, 30),  # below the bound → 125 (unbounded would be 33)
        (124, 30),
        (125, 30),  # 24 + 12·1.32 − 0.033·24·12 = 30.336
        (128, 29),  # reference example
        (136, 25),  # 24.528
        (137, 24),  # no sodium penalty
        (138, 24),  # above the bound → 137
        (150, 24),
    ],
)
def test_meld_na_sodium_bounds(na: float, expected: int) -> None:
    assert meld_na(1.9, 4.0, 1.8, na) == expected


@pytest.mark.parametrize(
    ("inr", "na", "expected"),
    [
        (1.5, 125, 11),  # MELD(i) = 11: no sodium term
        (1.5, 137, 11),
        # raw 1.1482: OPTN rounds to the tenth first, MELD(i) = 11, so no sodium term.  Reading
        # MELD(i) as 11.48 (×10 without rounding) would wrongly add it and give 23.
        (1.57, 125, 11),
        (1.58, 125, 23),  # MELD(i) = 12 > 11: 12 + 12·(1.32 − 0.033·12) = 23.088
        (1.58, 137, 12),
    ],
)
def test_meld_na_term_only_above_11(inr: float, na: float, expected: int) -> None:
    assert meld_na(1.0, 1.0, inr, na) == expected


def test_meld_na_dialysis_and_cap() -> None:
    assert meld_na(1.0, 4.0, 1.8, 128, dialysis=True) == meld_na(4.0, 4.0, 1.8, 128) == 34
    assert meld_na(4.0, 40.0, 5.0, 125) == 40
    assert meld_na(1.0, 1.0, 1.0, 125) == 6


# ---------------------------------------------------------------------------------------------
# MELD 3.0


@pytest.mark.parametrize(
    ("cr", "expected"),
    [
        (2.5, 16),
        (3.0, 18),  # creatinine upper bound is 3.0 in MELD 3.0
        (3.1, 18),  # unbounded would be 19
        (4.0, 18),  # the MELD bound of 4.0 would give 21
        (0.5, 6),
    ],
)
def test_meld3_creatinine_bounds(cr: float, expected: int) -> None:
    assert meld3(cr, 1.0, 1.0, 137, 3.5, female=False) == expected


@pytest.mark.parametrize("cr", [0.5, 1.0, 1.9, 3.0, 6.0])
def test_meld3_dialysis_sets_creatinine_to_3(cr: float) -> None:
    assert meld3(cr, 1.0, 1.0, 137, 3.5, female=False, dialysis=True) == 18
    assert meld3(cr, 4.0, 1.8, 128, 2.8, female=True, dialysis=True) == 36  # raw 35.506


def test_meld3_creatinine_lower_bound() -> None:
    assert meld3(0.5, 1.0, 2.0, 137, 3.5, female=False) == 12  # unbounded: 4.58 → 6


@pytest.mark.parametrize(
    ("albumin", "inr", "expected"),
    [
        (1.0, 1.0, 10),  # below the bound → 1.5 (unbounded would be 11)
        (1.5, 1.0, 10),  # 6 + 1.85·2.0 = 9.7
        (2.0, 1.0, 9),
        (3.0, 2.0, 13),
        (3.5, 2.0, 12),  # 6 + 9.09·ln 2 = 12.30
        (5.0, 2.0, 12),  # above the bound → 3.5 (unbounded would be 10)
    ],
)
def test_meld3_albumin_bounds(albumin: float, inr: float, expected: int) -> None:
    assert meld3(1.0, 1.0, inr, 137, albumin, female=False) == expected


@pytest.mark.parametrize(
    ("na", "inr", "expected"),
    [
        (120, 1.0, 16),  # below the bound → 125 (unbounded would be 17)
        (124, 1.0, 16),
        (125, 1.0, 16),  # 6 + 0.82·12 = 15.84
        (126, 1.0, 15),
        (136, 2.0, 13),
        (137, 2.0, 12),
        (138, 2.0, 12),  # above the bound → 137 (unbounded would be 11)
    ],
)
def test_meld3_sodium_bounds(na: float, inr: float, expected: int) -> None:
    assert meld3(1.0, 1.0, inr, na, 3.5, female=False) == expected


def test_meld3_female_term_and_result_bounds() -> None:
    assert meld3(1.9, 4.0, 1.8, 128, 2.8, female=False) == 30  # 31.003 − 1.33
    assert meld3(1.0, 1.0, 1.0, 137, 3.5, female=False) == 6
    assert meld3(1.0, 1.0, 1.0, 137, 3.5, female=True) == 7
    assert meld3(3.0, 40.0, 8.0, 125, 1.5, female=False) == 40


# ---------------------------------------------------------------------------------------------
# Child-Turcotte-Pugh: every cut-off on both sides

BASE: dict[str, Any] = {
    "bili_mgdl": 1.0,
    "albumin_gdl": 4.0,
    "inr": 1.0,
    "ascites": 0,
    "encephalopathy": 0,
}


@pytest.mark.parametrize(
    ("field", "value", "points"),
    [
        ("bili_mgdl", 1.9, 1),
        ("bili_mgdl", 2.0, 2),
        ("bili_mgdl", 3.0, 2),
        ("bili_mgdl", 3.1, 3),
        ("albumin_gdl", 3.6, 1),
        ("albumin_gdl", 3.5, 2),
        ("albumin_gdl", 2.8, 2),
        ("albumin_gdl", 2.7, 3),
        ("inr", 1.69, 1),
        ("inr", 1.7, 2),
        ("inr", 2.3, 2),
        ("inr", 2.31, 3),
        ("ascites", 0, 1),
        ("ascites", 1, 2),
        ("ascites", 2, 3),
        ("ascites", 3, 3),
        ("encephalopathy", 0, 1),
        ("encephalopathy", 1, 2),
        ("encephalopathy", 2, 2),
        ("encephalopathy", 3, 3),
        ("encephalopathy", 4, 3),
    ],
)
def test_child_pugh_cut_offs(field: str, value: float, points: int) -> None:
    # The other four parameters score 1 point each.
    assert child_pugh_points(**{**BASE, field: value}) == 4 + points


def test_child_pugh_range() -> None:
    assert child_pugh_points(1.0, 4.0, 1.0, 0, 0) == 5
    assert child_pugh_points(5.0, 2.0, 3.0, 3, 4) == 15


@pytest.mark.parametrize(
    ("points", "cls"),
    [(5, "A"), (6, "A"), (7, "B"), (9, "B"), (10, "C"), (15, "C")],
)
def test_child_pugh_class(points: int, cls: str) -> None:
    assert child_pugh_class(points) == cls


# ---------------------------------------------------------------------------------------------
# Alcohol-associated hepatitis and ACLF cut-offs


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((49, 14.9, 4.9, 1.49, 124), 5),
        ((50, 15, 5, 1.5, 125), 10),  # every lower cut-off is inclusive
        ((50, 15, 5, 2.0, 250), 10),
        ((50, 15, 5, 2.01, 251), 12),
        ((80, 30, 20, 3.0, 500), 12),
    ],
)
def test_gahs_cut_offs(args: tuple[float, ...], expected: int) -> None:
    assert gahs(*args) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((14.9, 0, 1.79, 1.49, 0.69), 5),
        ((15, 1, 1.8, 1.5, 0.7), 10),  # lower ends of the 2-point ranges
        ((25, 2, 2.5, 2.5, 1.5), 10),  # upper ends of the 2-point ranges
        ((25.1, 3, 2.51, 2.51, 1.51), 15),
        ((1.0, 4, 1.0, 1.0, 0.5), 7),
    ],
)
def test_aarc_cut_offs(args: tuple[float, int, float, float, float], expected: int) -> None:
    assert aarc(*args) == expected


@pytest.mark.parametrize(
    ("points", "grade"),
    [(5, "I"), (7, "I"), (8, "II"), (10, "II"), (11, "III"), (15, "III")],
)
def test_aarc_grade(points: int, grade: str) -> None:
    assert aarc_grade(points) == grade


@pytest.mark.parametrize(
    ("score", "grade"),
    [(-3.2, 1), (-2.60, 1), (-2.59, 2), (-1.39, 2), (-1.38, 3), (0.5, 3)],
)
def test_albi_grade_cut_offs(score: float, grade: int) -> None:
    assert albi_grade(score) == grade


def test_lille_renal_insufficiency_is_creatinine_above_1_3() -> None:
    assert lille(50, 25, 300, 250, 1.3, 20) == 0.378
    assert lille(50, 25, 300, 250, 1.31, 20) == 0.428  # R falls by 0.206
    assert lille(60, 20, 400, 420, 2.0, 25) == 0.965  # rising bilirubin: non-responder


def test_maddrey_severity_threshold_exact() -> None:
    assert maddrey_df(15.4, 12, 16.36) == 32.0
    assert maddrey_df(12, 12, 0.5) == 0.5


def test_clif_scores_other_points() -> None:
    assert clif_c_aclf(6, 18, 1) == 7.0  # 10·(1.98 + 0.72 + 0 − 2)
    assert clif_c_ad(55, 1, 1, 1, 140) == 26.5  # 10·(1.65 − 7 + 8)


# ---------------------------------------------------------------------------------------------
# Kidney, respiratory, anthropometric


@pytest.mark.parametrize(
    ("cr", "age", "female", "expected"),
    [
        (0.9, 40, False, 110.7),  # Scr = κ: both min and max terms are 1
        (0.7, 40, True, 112.1),
        (0.5, 18, False, 151.6),
    ],
)
def test_egfr_other_points(cr: float, age: float, female: bool, expected: float) -> None:
    assert egfr_ckd_epi_2021(cr, age, female) == expected


@pytest.mark.parametrize(
    ("pao2", "fio2", "expected"),
    [(63, 0.21, 300.0), (300, 1.0, 300.0), (60, 0.4, 150.0)],
)
def test_pf_ratio_fio2_bounds_inclusive(pao2: float, fio2: float, expected: float) -> None:
    assert pf_ratio(pao2, fio2) == expected


def test_rounding_is_half_up_not_half_even() -> None:
    # round(22.45, 1) == 22.4 and round(22.25, 1) == 22.2 in Python; calculators show 22.5 / 22.3.
    assert bmi(22.45, 1.0) == 22.5
    assert bmi(22.25, 1.0) == 22.3


# ---------------------------------------------------------------------------------------------
# Invalid input


@pytest.mark.parametrize(
    ("func", "args", "message"),
    [
        (meld, (0, 1.0, 1.0), "creatinine"),
        (meld, (-1.0, 1.0, 1.0), "creatinine"),
        (meld, (1.0, 0, 1.0), "bilirubin"),
        (meld, (1.0, 1.0, 0), "INR"),
        (meld, (NAN, 1.0, 1.0), "creatinine"),
        (meld, (INF, 1.0, 1.0), "creatinine"),
        (meld_i, (1.0, -0.1, 1.0), "bilirubin"),
        (meld_na, (1.0, 1.0, 1.0, 0), "sodium"),
        (meld3, (1.0, 1.0, 1.0, 137, 0, False), "albumin"),
        (meld3, (1.0, 1.0, -2.0, 137, 3.5, False), "INR"),
        (child_pugh_points, (0, 3.0, 1.5, 0, 0), "bilirubin"),
        (child_pugh_points, (1.0, -3.0, 1.5, 0, 0), "albumin"),
        (child_pugh_points, (1.0, 3.0, 1.5, 4, 0), "ascites"),
        (child_pugh_points, (1.0, 3.0, 1.5, -1, 0), "ascites"),
        (child_pugh_points, (1.0, 3.0, 1.5, 0, 5), "encephalopathy"),
        (child_pugh_points, (1.0, 3.0, 1.5, 0, 1.5), "encephalopathy"),
        (child_pugh_class, (4,), "5..15"),
        (child_pugh_class, (16,), "5..15"),
        (maddrey_df, (24, 0, 15), "control prothrombin time"),
        (abic, (-1, 15, 1.2, 2.0), "age"),
        (lille, (50, 0, 300, 250, 1.0, 20), "albumin"),
        (lille, (50, 25, 300, 0, 1.0, 20), "day-7 bilirubin"),
        (gahs, (55, 0, 7, 1.8, 300), "WBC"),
        (gahs, (55, 12, -7, 1.8, 300), "urea"),
        (aarc, (18, 5, 2.0, 1.2, 1.6), "encephalopathy"),
        (aarc, (18, 0, 2.0, 0, 1.6), "lactate"),
        (aarc_grade, (16,), "5..15"),
        (clif_c_aclf, (5, 55, 12), "OF score"),
        (clif_c_aclf, (10, 55, 0), "WBC"),
        (clif_c_ad, (55, 1.2, 1.5, 8, 0), "sodium"),
        (albi, (0, 30), "bilirubin"),
        (albi_grade, (NAN,), "ALBI"),
        (egfr_ckd_epi_2021, (0, 60, False), "creatinine"),
        (egfr_ckd_epi_2021, (1.2, 17, False), "adults"),
        (crcl_cockcroft_gault, (60, 0, 1.2, False), "weight"),
        (crcl_cockcroft_gault, (140, 70, 1.2, False), "below 140"),
        (pf_ratio, (0, 0.6), "PaO2"),
        (pf_ratio, (90, 0.2), "FiO2"),
        (pf_ratio, (90, 1.01), "FiO2"),
        (pf_ratio, (90, 60), "percentage"),
        (bmi, (70, 0), "height"),
        (bmi, (-70, 1.75), "weight"),
    ],
)
def test_invalid_input_raises_with_message(
    func: Callable[..., Any], args: tuple[Any, ...], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        func(*args)


# ---------------------------------------------------------------------------------------------
# Calendar age


@pytest.mark.parametrize(
    ("birth", "on", "years"),
    [
        (date(2000, 6, 15), date(2000, 6, 15), 0),
        (date(2000, 6, 15), date(2018, 6, 14), 17),  # day before the 18th birthday
        (date(2000, 6, 15), date(2018, 6, 15), 18),  # the birthday itself
        (date(2000, 6, 15), date(2018, 12, 31), 18),
        (date(2000, 12, 31), date(2001, 1, 1), 0),
        # 29 February: the birthday falls on 1 March in non-leap years
        (date(2004, 2, 29), date(2022, 2, 28), 17),
        (date(2004, 2, 29), date(2022, 3, 1), 18),
        (date(2004, 2, 29), date(2024, 2, 28), 19),
        (date(2004, 2, 29), date(2024, 2, 29), 20),
    ],
)
def test_age_years(birth: date, on: date, years: int) -> None:
    assert age_years(birth, on) == years


@pytest.mark.parametrize(
    ("birth", "on", "months"),
    [
        (date(2024, 1, 15), date(2024, 1, 15), 0),
        (date(2024, 1, 15), date(2024, 7, 14), 5),
        (date(2024, 1, 15), date(2024, 7, 15), 6),
        (date(2023, 11, 20), date(2024, 2, 19), 2),  # across a year boundary
        (date(2023, 11, 20), date(2024, 2, 20), 3),
        # born on the 31st: a month with no 31st completes on the 1st of the next month
        (date(2020, 1, 31), date(2020, 2, 29), 0),
        (date(2020, 1, 31), date(2020, 3, 1), 1),
        (date(2020, 1, 31), date(2020, 4, 30), 2),
        (date(2020, 1, 31), date(2020, 5, 1), 3),
    ],
)
def test_age_months(birth: date, on: date, months: int) -> None:
    assert age_months(birth, on) == months


@pytest.mark.parametrize("func", [age_years, age_months])
def test_age_before_birth_raises(func: Callable[[date, date], int]) -> None:
    with pytest.raises(ValueError, match="before the birth date"):
        func(date(2020, 5, 2), date(2020, 5, 1))


@given(
    birth=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    days=st.integers(min_value=0, max_value=120 * 366),
)
def test_age_years_is_age_months_div_12(birth: date, days: int) -> None:
    on = add_calendar(birth, days, "d")
    assert age_years(birth, on) == age_months(birth, on) // 12


# ---------------------------------------------------------------------------------------------
# Calendar arithmetic for look-back windows


@pytest.mark.parametrize(
    ("start", "amount", "unit", "expected"),
    [
        (date(2023, 1, 31), 1, "mo", date(2023, 2, 28)),  # clamp to month end
        (date(2024, 1, 31), 1, "mo", date(2024, 2, 29)),  # leap year
        (date(2023, 3, 31), -1, "mo", date(2023, 2, 28)),
        (date(2024, 3, 31), -1, "mo", date(2024, 2, 29)),
        (date(2024, 3, 31), -6, "mo", date(2023, 9, 30)),
        (date(2024, 1, 15), -13, "mo", date(2022, 12, 15)),
        (date(2024, 1, 15), 0, "mo", date(2024, 1, 15)),
        (date(2024, 2, 29), 1, "a", date(2025, 2, 28)),
        (date(2024, 2, 29), -4, "a", date(2020, 2, 29)),
        (date(2024, 1, 10), -14, "d", date(2023, 12, 27)),
        (date(2024, 2, 28), 1, "d", date(2024, 2, 29)),
        (date(2024, 1, 10), -2, "wk", date(2023, 12, 27)),
    ],
)
def test_add_calendar(start: date, amount: int, unit: Any, expected: date) -> None:
    assert add_calendar(start, amount, unit) == expected


def test_add_calendar_rejects_unknown_unit() -> None:
    with pytest.raises(ValueError, match="unknown calendar unit"):
        add_calendar(date(2024, 1, 1), 1, "y")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "amount", "unit"),
    [(date(9999, 12, 31), 1, "d"), (date(9999, 12, 1), 1, "mo"), (date(1, 1, 1), -1, "a")],
)
def test_add_calendar_outside_calendar(start: date, amount: int, unit: Any) -> None:
    with pytest.raises(ValueError, match="outside the calendar"):
        add_calendar(start, amount, unit)


@given(
    start=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    months=st.integers(min_value=-1200, max_value=1200),
)
def test_add_calendar_months_moves_month_field_and_clamps(start: date, months: int) -> None:
    moved = add_calendar(start, months, "mo")
    assert (moved.year * 12 + moved.month) - (start.year * 12 + start.month) == months
    assert moved.day == start.day or (
        moved.day < start.day and add_calendar(moved, 1, "d").day == 1
    )
    if months % 12 == 0:
        assert moved == add_calendar(start, months // 12, "a")
