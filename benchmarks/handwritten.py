"""Hand-written baselines for NCT04243681: a Python predicate and a DuckDB query.

What a programmer would write for this one trial without eligo: codes and thresholds inlined,
the latest value per lab by LOINC code, ICD-10 prefixes for conditions, three-valued results
(None = unknown) and the same verdict rule.  They are speed baselines, not references: they
skip what eligo does for safety (name matching, SNOMED/ATC codes, ``absent`` only ruling out
the concept itself, windows on procedures, undated values, every unit).  The predicate's
Child-Pugh counts no ascites and no encephalopathy; the lean query computes no Child-Pugh
class (it reads a recorded one only) and reads no recorded MELD, which the variant with
:data:`LAB_SAME_ROWS` does.  So their verdicts agree with eligo's on most, not all,
synthetic patients.  ``run.py`` prints
the share, and for the query also the share of criterion results that agree (via
``CRITERIA``) and how many observation rows each side reads.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from eligo.record import Record

AS_OF = date(2026, 11, 27)
_PLT = {"/uL": 1.0, "10*9/L": 1000.0, "10*3/uL": 1000.0}
_CR = {"mg/dL": 1.0, "umol/L": 1.0 / 88.4}
_BILI = {"mg/dL": 1.0, "umol/L": 1.0 / 17.1}
_ALB = {"g/dL": 1.0, "g/L": 0.1}
_CIRRHOSIS = ("K703", "K743", "K744", "K745", "K746", "K717")
_TUMOUR = ("C22", "C787", "D134")
_CANCER_EXCLUDE = ("C44", "C4A")
_HRS, _AKI, _SEPSIS, _HIV = ("K767",), ("N17",), ("A40", "A41", "R652"), ("B20", "Z21")
_GIB = ("K920", "K921", "K922", "I8501", "I8511")
_SBP = ("K652",)
_CARDIAC = ("I50", "I21", "I22")
_PULM = ("J44", "J43", "J84")
_PREG = ("Z331", "Z34", "O")
_LACT = ("Z391", "O92")


def _and(*xs: bool | None) -> bool | None:
    if any(x is False for x in xs):
        return False
    return None if any(x is None for x in xs) else True


def _or(*xs: bool | None) -> bool | None:
    if any(x is True for x in xs):
        return True
    return None if any(x is None for x in xs) else False


def _not(x: bool | None) -> bool | None:
    return None if x is None else not x


def predicate(rec: Record, as_of: date = AS_OF) -> str:
    """The verdict for NCT04243681, hand-written."""
    labs: dict[str, tuple[date, float, str]] = {}
    for o in rec.observations:
        if o.code is None or o.date is None or o.date > as_of:
            continue
        if isinstance(o.value, float) and not isinstance(o.value, bool):
            prev = labs.get(o.code)
            if prev is None or o.date >= prev[0]:
                labs[o.code] = (o.date, o.value, o.unit or "")
    codes: dict[str, list[tuple[str, date | None, date | None]]] = {}
    for c in rec.conditions:
        if c.code:
            codes.setdefault(c.code.replace(".", ""), []).append((c.status, c.onset, c.abatement))
    complete = "conditions" in rec.complete

    def lab(code: str, factors: dict[str, float]) -> float | None:
        hit = labs.get(code)
        if hit is None or hit[2] not in factors:
            return None
        return hit[1] * factors[hit[2]]

    def has(prefixes: tuple[str, ...], since: date | None = None) -> bool | None:
        seen = False
        for code, items in codes.items():
            if not code.startswith(prefixes) or (
                prefixes == ("C",) and code.startswith(_CANCER_EXCLUDE)
            ):
                continue
            for status, onset, end in items:
                if status == "absent":
                    seen = True
                    continue
                if since is None:
                    if status == "active" and (end is None or end >= as_of):
                        return True
                elif (end or (as_of if status == "active" else onset) or as_of) >= since:
                    return True
                seen = True
        return False if seen or complete else None

    age: float | None = None
    if rec.birth_date is not None and rec.birth_date <= as_of:
        b = rec.birth_date
        age = as_of.year - b.year - ((as_of.month, as_of.day) < (b.month, b.day))
    elif rec.age is not None:
        age = math.floor(rec.age[0] / (12.0 if rec.age[1] == "mo" else 1.0) + 1e-9)
    in_age = None if age is None else 20 <= age <= 70
    plt, inr = lab("777-3", _PLT), lab("6301-6", {"": 1.0, "1": 1.0})
    cr, bili = lab("2160-0", _CR), lab("1975-2", _BILI)
    alb = lab("1751-7", _ALB)
    meld: float | None = None
    if cr is not None and bili is not None and inr is not None:
        raw = (
            0.957 * math.log(min(max(cr, 1.0), 4.0))
            + 0.378 * math.log(max(bili, 1.0))
            + 1.120 * math.log(max(inr, 1.0))
            + 0.643
        )
        meld = min(math.floor(raw * 10 + 0.5), 40)
    cp: str | None = None
    for o in rec.observations:
        if o.name == "Child-Pugh class" and isinstance(o.value, str):
            cp = o.value.upper()
    if cp is None and bili is not None and alb is not None and inr is not None:
        pts = (1 if bili < 2 else 2 if bili <= 3 else 3) + (
            1 if alb > 3.5 else 2 if alb >= 2.8 else 3
        )
        pts += (1 if inr < 1.7 else 2 if inr <= 2.3 else 3) + 2
        cp = "A" if pts <= 6 else "B" if pts <= 9 else "C"
    facts = rec.facts
    consent = facts.get("consent") if isinstance(facts.get("consent"), bool) else None
    willing = facts.get("willing_for_transplant")
    life = facts.get("life_expectancy")
    life_ok = None
    if isinstance(life, tuple):
        months = life[0] * {"mo": 1.0, "a": 12.0, "wk": 12 / 52.1775, "d": 12 / 365.25}.get(
            life[1], math.nan
        )
        life_ok = None if math.isnan(months) else months >= 3 - 1e-9
    month_ago = (
        date(as_of.year, as_of.month - 1, min(as_of.day, 28))
        if as_of.month > 1
        else as_of - timedelta(days=31)
    )
    female = None if rec.sex not in ("female", "male") else rec.sex == "female"
    inclusion = [
        in_age,
        in_age,
        _and(
            has(_CIRRHOSIS),
            _or(None if cp is None else cp == "B", None if meld is None else 10 < meld < 20),
        ),
        _not(willing if isinstance(willing, bool) else None),
        _and(None if plt is None else plt > 80000, None if inr is None else inr < 1.6),
        life_ok,
        consent,
    ]
    exclusion = [
        _not(in_age),
        _or(has(_TUMOUR), has(("C",), since=date.min)),
        _and(_or(has(_PREG), has(_LACT)) if female is not False else False, female),
        _or(has(_HRS), has(_AKI), None if cr is None else cr > 1.6),
        has(_SEPSIS),
        _or(has(_GIB, since=month_ago), has(_SBP, since=month_ago)),
        has(_HIV),
        _or(has(_CARDIAC), has(_PULM)),
        _not(consent),
    ]
    if any(x is False for x in inclusion) or any(x is True for x in exclusion):
        return "ineligible"
    if any(x is None for x in inclusion + exclusion):
        return "needs_review"
    return "eligible"


# The same trial as one DuckDB query over the cohort tables.  ``{lab}``: the latest lab
# values (and, reading the same rows as eligo, grades and a recorded MELD); ``{scores}``:
# MELD and the Child-Pugh class as the query computes them.
LAB = """lab AS (
  SELECT patient_id,
    arg_max(value * CASE unit WHEN '/uL' THEN 1 WHEN '10*9/L' THEN 1000
                              WHEN '10*3/uL' THEN 1000 END, date)
      FILTER (WHERE code = '777-3') AS plt,
    arg_max(value, date) FILTER (WHERE code = '6301-6') AS inr,
    arg_max(value * CASE unit WHEN 'mg/dL' THEN 1 WHEN 'umol/L' THEN 1 / 88.4 END, date)
      FILTER (WHERE code = '2160-0') AS cr,
    arg_max(value * CASE unit WHEN 'mg/dL' THEN 1 WHEN 'umol/L' THEN 1 / 17.1 END, date)
      FILTER (WHERE code = '1975-2') AS bili,
    arg_max(value * CASE unit WHEN 'g/dL' THEN 1 WHEN 'g/L' THEN 0.1 END, date)
      FILTER (WHERE code = '1751-7') AS alb
  FROM observations
  WHERE date <= DATE '{as_of}' AND code IN ('777-3', '6301-6', '2160-0', '1975-2', '1751-7')
  GROUP BY patient_id)"""
SCORES = """least(round(10 * (0.957 * ln(least(greatest(cr, 1), 4)) + 0.378 * ln(greatest(bili, 1))
      + 1.12 * ln(greatest(inr, 1)) + 0.643)), 40) AS meld, cp AS cp_class"""

# The same, reading the observation rows eligo reads for this trial: labs recorded by name
# (no code) too, the ascites and West Haven grades (Child-Pugh's other two terms, so the
# class is computed when none is recorded) and a recorded MELD (used before a computed one).
LAB_SAME_ROWS = """lab AS (
  SELECT patient_id,
    arg_max(value * CASE unit WHEN '/uL' THEN 1 WHEN '10*9/L' THEN 1000
                              WHEN '10*3/uL' THEN 1000 END, date)
      FILTER (WHERE code = '777-3' OR name IN ('Platelets', 'platelet count')) AS plt,
    arg_max(value, date)
      FILTER (WHERE code = '6301-6' OR name IN ('INR', 'international normalized ratio')) AS inr,
    arg_max(value * CASE unit WHEN 'mg/dL' THEN 1 WHEN 'umol/L' THEN 1 / 88.4 END, date)
      FILTER (WHERE code = '2160-0' OR name IN ('Creatinine', 'serum creatinine')) AS cr,
    arg_max(value * CASE unit WHEN 'mg/dL' THEN 1 WHEN 'umol/L' THEN 1 / 17.1 END, date)
      FILTER (WHERE code = '1975-2' OR name IN ('Bilirubin total', 'total bilirubin')) AS bili,
    arg_max(value * CASE unit WHEN 'g/dL' THEN 1 WHEN 'g/L' THEN 0.1 END, date)
      FILTER (WHERE code = '1751-7' OR name IN ('Albumin', 'serum albumin')) AS alb,
    arg_max(value, date) FILTER (WHERE name = 'ascites grade') AS ascites,
    arg_max(value, date) FILTER (WHERE name = 'west haven grade') AS he,
    arg_max(value, date) FILTER (WHERE name IN ('MELD score', 'meld')) AS meld_recorded
  FROM observations
  WHERE date <= DATE '{as_of}' AND (code IN ('777-3', '6301-6', '2160-0', '1975-2', '1751-7')
    OR name IN ('Platelets', 'platelet count', 'INR', 'international normalized ratio',
                'Creatinine', 'serum creatinine', 'Bilirubin total', 'total bilirubin',
                'Albumin', 'serum albumin', 'ascites grade', 'west haven grade',
                'MELD score', 'meld'))
  GROUP BY patient_id)"""
_POINTS = """(CASE WHEN bili < 2 THEN 1 WHEN bili <= 3 THEN 2 ELSE 3 END)
      + (CASE WHEN alb > 3.5 THEN 1 WHEN alb >= 2.8 THEN 2 ELSE 3 END)
      + (CASE WHEN inr < 1.7 THEN 1 WHEN inr <= 2.3 THEN 2 ELSE 3 END)
      + coalesce(least(ascites, 2) + 1, 1)
      + CASE WHEN coalesce(he, 0) = 0 THEN 1 WHEN he <= 2 THEN 2 ELSE 3 END"""
SCORES_SAME_ROWS = f"""coalesce(meld_recorded, least(round(10 * (
      0.957 * ln(least(greatest(cr, 1), 4)) + 0.378 * ln(greatest(bili, 1))
      + 1.12 * ln(greatest(inr, 1)) + 0.643)), 40)) AS meld,
    coalesce(cp, CASE WHEN bili IS NULL OR alb IS NULL OR inr IS NULL THEN NULL
      WHEN {_POINTS} <= 6 THEN 'A' WHEN {_POINTS} <= 9 THEN 'B' ELSE 'C' END) AS cp_class"""

SQL = """
WITH {lab},
cp AS (
  SELECT patient_id, arg_max(upper(value_text), date) AS cp FROM observations
  WHERE name = 'Child-Pugh class' AND date <= DATE '{as_of}' GROUP BY patient_id),
cond AS (
  SELECT patient_id,
    max(CASE WHEN c LIKE 'K703%' OR c LIKE 'K74%' OR c LIKE 'K717%' THEN s END) AS cirrhosis,
    max(CASE WHEN c LIKE 'C22%' OR c LIKE 'C787%' OR c LIKE 'D134%'
             OR (c LIKE 'C%' AND c NOT LIKE 'C44%') THEN s END) AS tumour,
    max(CASE WHEN c LIKE 'Z331%' OR c LIKE 'Z34%' OR c LIKE 'O%' OR c LIKE 'Z391%'
             THEN s END) AS preg,
    max(CASE WHEN c LIKE 'K767%' OR c LIKE 'N17%' THEN s END) AS kidney,
    max(CASE WHEN c LIKE 'A40%' OR c LIKE 'A41%' OR c LIKE 'R652%' THEN s END) AS sepsis,
    max(CASE WHEN (c LIKE 'K92%' OR c LIKE 'K652%')
              AND coalesce(abatement_date, DATE '{as_of}') >= DATE '{month_ago}'
             THEN s END) AS bleed,
    max(CASE WHEN c LIKE 'B20%' OR c LIKE 'Z21%' THEN s END) AS hiv,
    max(CASE WHEN c LIKE 'I50%' OR c LIKE 'I21%' OR c LIKE 'J44%' OR c LIKE 'J43%'
             THEN s END) AS cardio
  FROM (SELECT patient_id, replace(code, '.', '') AS c, abatement_date,
               CASE WHEN status = 'absent' THEN 1 WHEN status = 'active' THEN 2 ELSE 1 END AS s
        FROM conditions WHERE code IS NOT NULL) GROUP BY patient_id),
fact AS (
  SELECT patient_id,
    bool_or(value_bool) FILTER (WHERE fact = 'consent') AS consent,
    bool_or(value_bool) FILTER (WHERE fact = 'willing_for_transplant') AS willing,
    max(value * CASE unit WHEN 'mo' THEN 1 WHEN 'a' THEN 12 WHEN 'wk' THEN 0.23 END)
      FILTER (WHERE fact = 'life_expectancy') AS life_mo
  FROM facts GROUP BY patient_id),
p AS (
  SELECT p.patient_id, p._row,
    CASE WHEN birth_date IS NOT NULL THEN date_diff('year', birth_date, DATE '{as_of}')
         ELSE floor(age_value / CASE age_unit WHEN 'mo' THEN 12 ELSE 1 END) END AS age,
    sex, coalesce(complete_conditions, false) AS closed,
    lab.*, cp.cp, cond.*, fact.*
  FROM patients p LEFT JOIN lab USING (patient_id) LEFT JOIN cp USING (patient_id)
  LEFT JOIN cond USING (patient_id) LEFT JOIN fact USING (patient_id)),
m AS (
  SELECT *, {scores} FROM p),
c AS (
  SELECT patient_id, _row,
    age BETWEEN 20 AND 70 AS i1,
    CASE WHEN cirrhosis = 2 THEN true WHEN cirrhosis = 1 OR closed THEN false END
      AND (cp_class = 'B' OR (meld > 10 AND meld < 20)) AS i2,
    NOT willing AS i3, plt > 80000 AND inr < 1.6 AS i4, life_mo >= 3 AS i5, consent AS i6,
    CASE WHEN tumour = 2 THEN true WHEN tumour = 1 OR closed THEN false END AS e2,
    CASE WHEN preg = 2 THEN true WHEN preg = 1 OR closed THEN false END AND sex = 'female' AS e3,
    CASE WHEN kidney = 2 THEN true WHEN kidney = 1 OR closed THEN false END OR cr > 1.6 AS e4,
    CASE WHEN sepsis = 2 THEN true WHEN sepsis = 1 OR closed THEN false END AS e5,
    CASE WHEN bleed = 2 THEN true WHEN bleed = 1 OR closed THEN false END AS e6,
    CASE WHEN hiv = 2 THEN true WHEN hiv = 1 OR closed THEN false END AS e7,
    CASE WHEN cardio = 2 THEN true WHEN cardio = 1 OR closed THEN false END AS e8
  FROM m)
SELECT patient_id, _row, i1, i2, i3, i4, i5, i6, e2, e3, e4, e5, e6, e7, e8,
  CASE WHEN NOT i1 OR NOT i2 OR NOT i3 OR NOT i4 OR NOT i5 OR NOT i6
         OR e2 OR e3 OR e4 OR e5 OR e6 OR e7 OR e8 OR NOT i6 THEN 'ineligible'
       WHEN i1 IS NULL OR i2 IS NULL OR i3 IS NULL OR i4 IS NULL OR i5 IS NULL OR i6 IS NULL
         OR e2 IS NULL OR e3 IS NULL OR e4 IS NULL OR e5 IS NULL OR e6 IS NULL OR e7 IS NULL
         OR e8 IS NULL THEN 'needs_review'
       ELSE 'eligible' END AS verdict
FROM c
"""


# eligo's criterion ids (criteria/NCT04243681.yaml; "age" is the population's age range) →
# the hand-written query's result (alias h) for the same criterion, to compare them one by one
CRITERIA = {
    "age": "h.i1",
    "I1": "h.i1",
    "I2": "h.i2",
    "I3": "h.i3",
    "I4": "h.i4",
    "I5": "h.i5",
    "I6": "h.i6",
    "E1": "NOT h.i1",
    "E2": "h.e2",
    "E3": "h.e3",
    "E4": "h.e4",
    "E5": "h.e5",
    "E6": "h.e6",
    "E7": "h.e7",
    "E8": "h.e8",
    "E9": "NOT h.i6",
}


def sql(as_of: date = AS_OF, same_rows: bool = False) -> str:
    """The hand-written query for screening date ``as_of``; with ``same_rows``, the variant
    that reads the observation rows eligo reads (:data:`LAB_SAME_ROWS`)."""
    month_ago = date(as_of.year, as_of.month - 1, as_of.day) if as_of.month > 1 else as_of
    dates = {"as_of": as_of.isoformat(), "month_ago": month_ago.isoformat()}
    lab, scores = (LAB_SAME_ROWS, SCORES_SAME_ROWS) if same_rows else (LAB, SCORES)
    return SQL.format(lab=lab.format(**dates), scores=scores, **dates)
