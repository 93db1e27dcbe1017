"""Synthetic patients: seeded eligo JSON records for differential tests and benchmarks.

Not clinical data.  The generator aims at the corners where two implementations of the
screening semantics could disagree: values on thresholds (platelets exactly 80,000 /uL,
creatinine 141.44 umol/L = 1.6 mg/dL, P/F exactly 150), alternate units (umol/L vs mg/dL,
/uL vs 10*9/L, FiO2 in % vs as a fraction, g/L vs g/dL, kPa vs mm[Hg]), several values of one
lab on one day, undated and future-dated values, text and censored results, missing data,
statuses including ``absent`` and ``unknown``, complete sections, look-back windows, recorded
ages instead of birth dates, birthdays on the screening date and on 29 February.  Every
record is valid eligo JSON (contract §3); the same seed gives the same records.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from . import scores
from .patient import normalize_code
from .record import Condition, Medication, Observation, Procedure, Record

LOINC = "http://loinc.org"
ICD10 = "http://hl7.org/fhir/sid/icd-10-cm"
SNOMED = "http://snomed.info/sct"
ATC = "http://www.whocc.no/atc"

# concept: (LOINC, display name, [(unit, factor from the canonical unit)], canonical draw)
# a factor of None: the analyte's own equation (HbA1c % → mmol/mol, IFCC)
_LABS: dict[str, tuple[str, str, list[tuple[str | None, float | None]], list[float]]] = {
    "platelets": (
        "777-3",
        "Platelets",
        [("/uL", 1.0), ("10*9/L", 1e-3), ("10*3/uL", 1e-3)],
        [80000, 80001, 79999, 20000, 19999, 150000, 45000, 250000],
    ),
    "inr": (
        "6301-6",
        "INR",
        [(None, 1.0), ("1", 1.0)],
        [1.6, 1.59, 1.61, 4.0, 4.01, 1.1, 2.3, 1.7],
    ),
    "creatinine": (
        "2160-0",
        "Creatinine",
        [("mg/dL", 1.0), ("umol/L", 88.4)],
        [1.6, 1.61, 0.9, 2.4, 1.0, 4.5, 0.6],
    ),
    "bilirubin": (
        "1975-2",
        "Bilirubin total",
        [("mg/dL", 1.0), ("umol/L", 17.1)],
        [1.0, 2.0, 3.0, 3.1, 0.8, 6.5, 12.0],
    ),
    "albumin": ("1751-7", "Albumin", [("g/dL", 1.0), ("g/L", 10.0)], [3.5, 2.8, 2.79, 3.0, 4.1]),
    "sodium": ("2951-2", "Sodium", [("mmol/L", 1.0), ("meq/L", 1.0)], [137, 125, 131, 140, 128]),
    "pao2": ("2703-7", "PaO2", [("mm[Hg]", 1.0), ("kPa", 0.133322)], [90, 60, 75, 120, 45]),
    "fio2": ("3150-0", "FiO2", [("1", 1.0), ("%", 100.0)], [0.6, 0.21, 0.5, 1.0, 0.4, 0.3]),
    "ascites_grade": ("", "ascites grade", [(None, 1.0)], [0, 1, 2, 3]),
    "west_haven_grade": ("", "west haven grade", [(None, 1.0)], [0, 1, 2, 3, 4]),
    "meld": ("", "MELD score", [(None, 1.0)], [10, 11, 19, 20, 25, 8]),
    "egfr": ("98979-8", "eGFR", [("mL/min/{1.73_m2}", 1.0)], [30, 60, 29.9, 90]),
    "body_weight": ("29463-7", "Body weight", [("kg", 1.0), ("[lb_av]", 2.20462)], [70, 55, 98]),
    "body_height": ("8302-2", "Body height", [("cm", 1.0), ("m", 0.01)], [170, 155, 182]),
    "hba1c": ("4548-4", "HbA1c", [("%", 1.0), ("mmol/mol", None)], [6.5, 7.0, 5.6, 8.1]),
}
_TRIAL_CONDITIONS = (
    "cirrhosis", "liver_tumour", "hcc", "cancer", "pregnancy", "lactation", "hepatorenal_syndrome",
    "aki", "sepsis", "gi_bleeding", "sbp", "hiv", "severe_cardiac_disease",
    "severe_pulmonary_disease", "hvoto", "ehpvo", "extrahepatic_malignancy", "bleeding", "shock",
    "ards", "retroviral_infection", "autoimmune_hepatitis", "viral_hepatitis", "hbv", "hcv", "ckd",
    "multi_organ_failure", "dic", "structural_heart_disease", "valvular_heart_disease",
    "coronary_artery_disease", "cor_pulmonale", "ascites", "hepatic_encephalopathy",
)  # fmt: skip
_STATUSES = (
    None,
    None,
    "active",
    "active",
    "resolved",
    "inactive",
    "absent",
    "unknown",
    "ruled out",
)
_MED_STATUSES = (
    None,
    "active",
    "active",
    "completed",
    "stopped",
    "unknown",
    "not-taken",
    "on-hold",
)
_FACTS = ("consent", "willing_for_transplant", "improving_on_standard_treatment", "milan_criteria")
# study_cohort labels, as headings name them (part_a) and as a coordinator may write them
_COHORTS = ("part_a", "part_b", "Part_A", "PART_B", "part_1", "part_2", "azd6244", "cediranib")


class Generator:
    """Seeded generator of eligo JSON patients screened on ``as_of``."""

    def __init__(self, seed: int = 0, as_of: date = date(2026, 11, 27)) -> None:
        from .concepts import vocabulary

        self.rng = random.Random(seed)
        # the study cohort from its own stream, so the rest of each patient stays as it was
        self.cohort_rng = random.Random(seed * 7919 + 1)
        self.as_of = as_of
        vocab = vocabulary()
        self.coded = [c for c in vocab if c.kind in ("condition", "procedure", "medication")]
        self.by_id = vocab.concepts

    # -- helpers ----------------------------------------------------------------------
    def day(self, lo: int = -400, hi: int = 20) -> str | None:
        r = self.rng
        if r.random() < 0.08:
            return None
        if r.random() < 0.25:  # on the edge of a look-back window or of the screening date
            edges = [
                scores.add_calendar(self.as_of, -1, "mo"),
                scores.add_calendar(self.as_of, -3, "mo"),
                self.as_of - timedelta(days=7),
                self.as_of,
            ]
            d = r.choice(edges) + timedelta(days=r.choice((-1, 0, 0, 1)))
            return d.isoformat()
        return (self.as_of + timedelta(days=r.randint(lo, hi))).isoformat()

    def code_of(self, cid: str) -> dict[str, Any]:
        """A way to write concept ``cid`` in a record: a code, or a name."""
        r = self.rng
        c = self.by_id[cid]
        choices: list[dict[str, Any]] = []
        for p in c.icd10:
            code = (
                p if len(p) >= 3 else p + "".join(r.choice("0123456789") for _ in range(3 - len(p)))
            )
            if "." not in code and r.random() < 0.5:
                code += "." + r.choice("0123456789")
            choices.append({"code": code, "system": ICD10})
        for s in c.snomed[:2]:
            if normalize_code(SNOMED, s) is not None:  # a vocabulary id with a bad check digit
                choices.append({"code": s, "system": SNOMED})
        for a in c.atc[:2]:
            choices.append({"code": a, "system": ATC})
        names = [*c.synonyms[:4], *c.members[:3]]
        for n in names:
            pre = r.choice(("", "", "History of ", "Suspected ", "chronic "))
            choices.append({"name": pre + n})
        if not choices:
            choices.append({"name": cid.replace("_", " ")})
        item = dict(r.choice(choices))
        if "code" in item and r.random() < 0.3:
            item["name"] = r.choice(names) if names else cid
        return item

    # -- sections ------------------------------------------------------------------------
    def observations(self) -> list[dict[str, Any]]:
        r = self.rng
        out = []
        for cid, (loinc, name, units, draws) in _LABS.items():
            if r.random() < 0.3:
                continue
            for _ in range(r.choice((1, 1, 1, 2, 3))):
                unit, factor = r.choice(units)
                value = r.choice(draws)
                fixed = ("ascites_grade", "west_haven_grade", "fio2", "sodium", "meld", "hba1c")
                if cid not in fixed and r.random() < 0.3:
                    value *= r.uniform(0.8, 1.2)
                written = (value - 2.152) / 0.09148 if factor is None else value * factor
                if unit == "umol/L" and r.random() < 0.5:
                    from .units import convert

                    mm = self.by_id[cid].molar_mass
                    written = round(convert(value, "mg/dL", "umol/L", mm), r.choice((2, 6, 12)))
                obs: dict[str, Any] = {}
                if loinc and r.random() < 0.75:
                    obs.update(code=loinc, system=LOINC)
                    if r.random() < 0.5:
                        obs["name"] = name
                else:
                    obs["name"] = name if r.random() < 0.8 else self.by_id[cid].synonyms[0]
                obs["value"] = round(written, 6) if r.random() < 0.5 else written
                if unit is not None:
                    obs["unit"] = unit
                d = self.day(-200, 10)
                if d is not None:
                    obs["date"] = d
                if cid == "bilirubin" and r.random() < 0.1:
                    obs["value"] = "<0.5"
                    obs.pop("unit", None)
                if factor is not None and r.random() < 0.1 and cid in ("creatinine", "bilirubin"):
                    obs["reference_high"] = round(r.choice(draws) * factor, 3)
                out.append(obs)
        if r.random() < 0.4:
            grade = r.choice(("A", "B", "C", "b"))
            out.append({"name": "Child-Pugh class", "value": grade, "date": self.day(-100, 5)})
            if out[-1]["date"] is None:
                del out[-1]["date"]
        if r.random() < 0.1:
            out.append({"code": "2955-3", "system": LOINC, "name": "Sodium urine", "value": 40,
                        "unit": "mmol/L", "date": self.day()})  # fmt: skip
            if out[-1]["date"] is None:
                del out[-1]["date"]
        r.shuffle(out)
        return out

    def conditions(self) -> list[dict[str, Any]]:
        r = self.rng
        out = []
        for _ in range(r.choice((0, 1, 2, 3, 4, 6))):
            cid = r.choice(_TRIAL_CONDITIONS) if r.random() < 0.8 else r.choice(self.coded).id
            if self.by_id[cid].kind == "medication":
                continue
            item = self.code_of(cid)
            status = r.choice(_STATUSES)
            if status is not None:
                item["status"] = status
            onset, abate = self.day(-900, 15), self.day(-60, 30)
            if onset is not None:
                item["onset"] = onset
            if abate is not None and (onset is None or abate >= onset) and r.random() < 0.35:
                item["abatement"] = abate
            out.append(item)
        return out

    def medications(self) -> list[dict[str, Any]]:
        r = self.rng
        out = []
        pool = [
            "norepinephrine",
            "immunosuppressants",
            "tacrolimus",
            "vasopressors",
            "terlipressin",
        ]
        for _ in range(r.choice((0, 0, 1, 2, 3))):
            cid = r.choice(pool) if r.random() < 0.85 else r.choice(self.coded).id
            if self.by_id[cid].kind != "medication":
                continue
            item = self.code_of(cid)
            status = r.choice(_MED_STATUSES)
            if status is not None:
                item["status"] = status
            start, end = self.day(-90, 5), self.day(-30, 30)
            if start is not None:
                item["start"] = start
            if end is not None and (start is None or end >= start) and r.random() < 0.5:
                item["end"] = end
            if cid == "norepinephrine" or r.random() < 0.2:
                dose = r.choice((0.5, 0.51, 0.49, 0.1, 1.2))
                unit = r.choice(("ug/kg/min", "ug/kg/min", "mg/h"))
                if r.random() < 0.8:
                    item["dose"] = {"value": dose, "unit": unit}
            out.append(item)
        return out

    def procedures(self) -> list[dict[str, Any]]:
        r = self.rng
        out = []
        for _ in range(r.choice((0, 0, 0, 1, 2))):
            cid = "dialysis" if r.random() < 0.7 else r.choice(self.coded).id
            if self.by_id[cid].kind == "medication":
                continue
            item = self.code_of(cid)
            status = r.choice((None, "completed", "absent", "in-progress", "unknown"))
            if status is not None:
                item["status"] = status
            d = self.day(-12, 3)
            if d is not None:
                item["date"] = d
            out.append(item)
        return out

    def patient(self, pid: str) -> dict[str, Any]:
        r = self.rng
        p: dict[str, Any] = {"id": pid}
        pick = r.random()
        if pick < 0.75:
            years = r.choice((17, 18, 19, 20, 21, 45, 58, 64, 65, 66, 69, 70, 71))
            born = scores.add_calendar(self.as_of, -12 * years, "mo")
            born += timedelta(days=r.choice((-1, 0, 0, 1, r.randint(-200, 200))))
            if r.random() < 0.03:
                born = (
                    date(self.as_of.year - years, 2, 29)
                    if (self.as_of.year - years) % 4 == 0
                    else born
                )
            if r.random() < 0.01:
                born = self.as_of + timedelta(days=3)
            p["birth_date"] = born.isoformat()
        elif pick < 0.9:
            unit = r.choice(("a", "a", "mo"))
            value = r.choice((19.5, 20, 70, 70.5, 71, 64.99, 65))
            p["age"] = {"value": value * 12 if unit == "mo" else value, "unit": unit}
        sex = r.choice(("female", "male", "female", "male", "other", "unknown", None))
        if sex is not None:
            p["sex"] = sex
        p["observations"] = self.observations()
        p["conditions"] = self.conditions()
        p["medications"] = self.medications()
        p["procedures"] = self.procedures()
        facts: dict[str, Any] = {}
        for f in _FACTS:
            if r.random() < 0.6:
                facts[f] = r.random() < 0.7
        if r.random() < 0.6:
            unit, value = r.choice(
                (("mo", 3), ("mo", 2.9), ("mo", 12), ("a", 0.25), ("wk", 13), ("a", 2))
            )
            facts["life_expectancy"] = {"value": value, "unit": unit}
        if self.cohort_rng.random() < 0.6:  # the part of a multi-part trial screened for
            facts["study_cohort"] = self.cohort_rng.choice(_COHORTS)
        if self.cohort_rng.random() < 0.5:  # which population of a part (healthy or not)
            facts["healthy_volunteer"] = self.cohort_rng.random() < 0.5
        p["facts"] = facts
        complete = [s for s in ("conditions", "medications", "procedures") if r.random() < 0.25]
        if complete:
            p["complete"] = complete
        return p

    def patients(self, n: int, prefix: str = "S") -> Iterator[dict[str, Any]]:
        width = len(str(n))
        for i in range(n):
            yield self.patient(f"{prefix}{i:0{width}d}")


def write_jsonl(path: str | Path, n: int, seed: int = 0, as_of: date = date(2026, 11, 27)) -> Path:
    """Write ``n`` synthetic patients as JSON Lines."""
    p = Path(path)
    gen = Generator(seed, as_of)
    with p.open("w", encoding="utf-8") as fh:
        for rec in gen.patients(n):
            fh.write(json.dumps(rec) + "\n")
    return p


def record_of(data: dict[str, Any]) -> Record:
    """A generated patient as a :class:`Record` without the pydantic pass (fast, for scale).

    The generator writes canonical codes and UCUM units; status words and status defaults
    are normalised when the tables are loaded, as for any cohort table.
    """
    from types import MappingProxyType

    def day(v: object) -> date | None:
        return date.fromisoformat(v) if isinstance(v, str) else None

    facts: dict[str, object] = {}
    for k, v in data.get("facts", {}).items():
        facts[k] = (float(v["value"]), v["unit"]) if isinstance(v, dict) else v
    age = data.get("age")
    return Record(
        id=data["id"],
        birth_date=day(data.get("birth_date")),
        age=(float(age["value"]), age["unit"]) if age else None,
        sex=data.get("sex"),
        observations=tuple(
            Observation(
                o.get("code"),
                o.get("system"),
                o.get("name"),
                float(o["value"]) if isinstance(o["value"], int | float) else o["value"],
                o.get("unit"),
                day(o.get("date")),
                f"observations[{i}]",
                None,
                o.get("reference_high"),
            )
            for i, o in enumerate(data.get("observations", []))
        ),
        conditions=tuple(
            Condition(
                c.get("code"),
                c.get("system"),
                c.get("name"),
                c.get("status"),
                day(c.get("onset")),
                day(c.get("abatement")),
                f"conditions[{i}]",
            )
            for i, c in enumerate(data.get("conditions", []))
        ),
        medications=tuple(
            Medication(
                m.get("code"),
                m.get("system"),
                m.get("name"),
                m.get("status"),
                day(m.get("start")),
                day(m.get("end")),
                f"medications[{i}]",
                m["dose"]["value"] if "dose" in m else None,
                m["dose"]["unit"] if "dose" in m else None,
            )
            for i, m in enumerate(data.get("medications", []))
        ),
        procedures=tuple(
            Procedure(
                p.get("code"),
                p.get("system"),
                p.get("name"),
                p.get("status"),
                day(p.get("date")),
                f"procedures[{i}]",
            )
            for i, p in enumerate(data.get("procedures", []))
        ),
        facts=MappingProxyType(facts),
        complete=frozenset(data.get("complete", ())),
        source=data["id"],
    )


def write_tables(
    folder: str | Path,
    n: int,
    seed: int = 0,
    as_of: date = date(2026, 11, 27),
    fmt: str = "parquet",
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write ``n`` synthetic patients as cohort tables (``<folder>/<table>.<fmt>``)."""
    from .cohort import records_to_cohort

    gen = Generator(seed, as_of)
    items = ((d["id"], record_of(d)) for d in gen.patients(n))
    cohort = records_to_cohort(items, "synthetic", progress or (lambda _: None))
    return cohort.write(folder, fmt)
