"""Patient input: eligo's patient JSON (and batches of records) loaded into a :class:`Record`.

Stage 1 of the pipeline for patients (``patient JSON / FHIR ──load──▶ Record``).  Design:

- **Two passes.**  pydantic checks the *shape* of contract §3 (keys, types, ISO dates, status
  words, UCUM units) with ``extra="forbid"`` at every level; a second pass checks *meaning*
  against the vocabulary (codes of the stated system, plausible lab values, known facts) with
  the exact field path (``observations[2].value``).  Every failure becomes one
  :class:`~eligo.errors.PatientRecordError` naming the file, the record id, the field and what
  is accepted; no pydantic, ``KeyError`` or ``ValueError`` reaches a caller.
- **Nothing is read from a code that does not mean it.**  A code given under LOINC, SNOMED CT,
  ICD-10-CM, ATC or RxNorm must have that system's shape (and check digit for LOINC and
  SNOMED CT); ICD-10-CM codes written without the dot (``K7031``) are normalised to ``K70.31``.
  A code given without a system gets one only when its shape is unambiguous for the section
  (LOINC for observations, ICD-10-CM or SNOMED CT for conditions, ATC or RxNorm for
  medications, SNOMED CT for procedures).
- **Impossible values are rejected, not clipped.**  A numeric observation that the vocabulary
  knows (by LOINC code, else by name) is converted to the concept's canonical unit (mass ↔ molar
  by its molar mass) and must lie in its ``plausible`` range; a lab needing a unit must have
  one; negative values are rejected except on scales that go below zero (temperatures,
  ``{T-score}``-style annotations, concepts whose plausible range is negative).
- **Statuses are normalised** to :data:`eligo.record.Status` by the tables below, shared with
  the FHIR reader.  A condition without status is active (resolved when it has an abatement
  date); a medication without status is active (completed when it has an end date); a
  procedure without status is completed.
- **Facts** keep their JSON value: booleans as ``bool``, categories as ``str``, quantities as
  ``(value, UCUM unit)`` like :attr:`Record.age`.

FHIR R4 Bundles are detected by ``resourceType`` and read by :mod:`eligo.fhir`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType, NoneType, UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from .concepts import Concept, vocabulary
from .errors import EligoError, PatientRecordError, UnitError, did_you_mean
from .record import Condition, Medication, Observation, Procedure, Record, Sex, Status
from .units import convert, normalize_unit

# --------------------------------------------------------------------------- code systems

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
ATC = "http://www.whocc.no/atc"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
UCUM = "http://unitsofmeasure.org"

SYSTEM_NAMES: Mapping[str, str] = MappingProxyType(
    {LOINC: "LOINC", SNOMED: "SNOMED CT", ICD10CM: "ICD-10-CM", ATC: "ATC", RXNORM: "RxNorm"}
)
# Short spellings accepted in eligo JSON ``system`` fields.
SYSTEM_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "loinc": LOINC,
        "snomed": SNOMED,
        "snomed ct": SNOMED,
        "snomedct": SNOMED,
        "sct": SNOMED,
        "icd-10-cm": ICD10CM,
        "icd10cm": ICD10CM,
        "icd-10": ICD10CM,
        "icd10": ICD10CM,
        "atc": ATC,
        "rxnorm": RXNORM,
    }
)
_EXAMPLES = {
    LOINC: "777-3",
    SNOMED: "408643008",
    ICD10CM: "K70.31",
    ATC: "C01CA03",
    RXNORM: "1163788",
}
_SHAPES = {
    LOINC: re.compile(r"\d{1,7}-\d"),
    SNOMED: re.compile(r"[1-9]\d{5,17}"),
    ICD10CM: re.compile(r"[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?"),
    ATC: re.compile(r"[A-Z](?:\d\d(?:[A-Z](?:[A-Z](?:\d\d)?)?)?)?"),
    RXNORM: re.compile(r"\d{1,10}"),
}
_CENSORED = re.compile(r"\s*[<>]=?\s*\d+(?:\.\d+)?\s*")  # "<0.5": below detection limit
_ICD10_NO_DOT = re.compile(r"([A-Z]\d[0-9A-Z])([0-9A-Z]{1,4})")

# Verhoeff tables (SNOMED CT identifiers end in a Verhoeff check digit).
_VERHOEFF_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6), (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8), (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2), (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4), (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)  # fmt: skip
_VERHOEFF_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2), (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0), (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5), (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)  # fmt: skip


def _verhoeff_ok(digits: str) -> bool:
    check = 0
    for i, ch in enumerate(reversed(digits)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[i % 8][int(ch)]]
    return check == 0


def _loinc_ok(code: str) -> bool:
    """LOINC's mod-10 check digit (Luhn over the part before the hyphen)."""
    body, check = code.split("-")
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10 == int(check)


def normalize_code(system: str | None, code: str) -> str | None:
    """The code in its system's canonical spelling, or ``None`` if it cannot be of that system.

    Systems eligo does not know are passed through unchanged.

    >>> normalize_code(LOINC, "777-3"), normalize_code(LOINC, "5089AAAAAAAA")
    ('777-3', None)
    >>> normalize_code(ICD10CM, "k7031"), normalize_code(SNOMED, "408643008")
    ('K70.31', '408643008')
    """
    code = code.strip()
    shape = _SHAPES.get(system or "")
    if shape is None:
        return code or None
    if system in (ICD10CM, ATC):
        code = code.upper()
        if system == ICD10CM and (m := _ICD10_NO_DOT.fullmatch(code)):
            code = f"{m[1]}.{m[2]}"
    if not shape.fullmatch(code):
        return None
    if system == LOINC and not _loinc_ok(code):
        return None
    if system == SNOMED and not _verhoeff_ok(code):
        return None
    return code


def infer_system(code: str, candidates: tuple[str, ...]) -> str | None:
    """The one system among ``candidates`` whose shape ``code`` has, or ``None``."""
    fits = [s for s in candidates if normalize_code(s, code) is not None]
    return fits[0] if len(fits) == 1 else None


# --------------------------------------------------------------------------- statuses


def _status_key(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


CONDITION_STATUS: Mapping[str, Status] = MappingProxyType(
    {
        "active": "active",
        "recurrence": "active",
        "relapse": "active",
        "inactive": "inactive",
        "remission": "inactive",
        "resolved": "resolved",
        "absent": "absent",
        "refuted": "absent",
        "ruled out": "absent",
        "unknown": "unknown",
    }
)
MEDICATION_STATUS: Mapping[str, Status] = MappingProxyType(
    {
        "active": "active",
        "in progress": "active",
        "completed": "completed",
        "stopped": "stopped",
        "on hold": "inactive",
        "inactive": "inactive",
        "not taken": "absent",
        "not done": "absent",
        "absent": "absent",
        # an order that was cancelled, drafted or only intended says nothing about intake
        "cancelled": "unknown",
        "draft": "unknown",
        "intended": "unknown",
        "unknown": "unknown",
    }
)
PROCEDURE_STATUS: Mapping[str, Status] = MappingProxyType(
    {
        "completed": "completed",
        "done": "completed",
        "in progress": "active",
        "active": "active",
        "on hold": "inactive",
        "stopped": "stopped",
        "not done": "absent",
        "absent": "absent",
        "preparation": "unknown",
        "unknown": "unknown",
    }
)


def status_from(table: Mapping[str, Status], text: str) -> Status | None:
    """Normalised status for a status word (case, ``-`` and ``_`` ignored), or ``None``."""
    return table.get(_status_key(text))


# --------------------------------------------------------------------------- value checks


def _unitless(unit: str | None) -> bool:
    """True for units under which a bare number is unambiguous (``1``, ``{score}``)."""
    return unit is None or unit == "1" or re.fullmatch(r"\{[^}]*\}", unit) is not None


def _may_be_negative(unit: str | None) -> bool:
    """Scales below zero: temperatures and annotations such as ``{T-score}``."""
    return unit in ("Cel", "[degF]") or (unit is not None and unit.startswith("{"))


def observation_concept(code: str | None, system: str | None, name: str | None) -> Concept | None:
    """The vocabulary concept an observation measures: by LOINC code, else by name.

    A real LOINC code the vocabulary does not list means "something else" (urine sodium is
    not serum sodium, however short its display), so the name is consulted only when the
    observation has no LOINC code.
    """
    voc = vocabulary()
    if code and system == LOINC:
        cid = voc.by_loinc.get(code)
    elif name:
        cid = name if name in voc.concepts else voc.lookup_phrase(name)
    else:
        cid = None
    return voc.concepts.get(cid) if cid else None


def unit_fits(unit: str, concept: Concept | None) -> bool:
    """True when ``unit`` converts to ``concept``'s canonical unit (or nothing is known)."""
    if concept is None or concept.unit is None or not concept.numeric:
        return True
    try:
        convert(1.0, unit, concept.unit, molar_mass=concept.molar_mass)
    except EligoError:
        return False
    return True


@dataclass(frozen=True)
class ValueProblem:
    """Why a numeric value is impossible: the field at fault (``value`` or ``unit``) and why."""

    field: str
    message: str


def value_problem(
    value: float, unit: str | None, concept: Concept | None, *, need_unit: bool = True
) -> ValueProblem | None:
    """Check a numeric observation against the vocabulary; ``None`` when it is possible.

    Args:
        value: The number as recorded.
        unit: Its UCUM unit (already normalised), or ``None``.
        concept: The concept the observation measures, if known.
        need_unit: Report a missing unit on a concept with a dimensioned unit (eligo JSON);
            when false (FHIR, where a bad unit is dropped) such a value is simply not checked.
    """
    shown = f"{value:g}" + (f" {unit}" if unit and unit != "1" else "")
    if concept is None or concept.plausible is None or not concept.numeric:
        if value < 0 and not _may_be_negative(unit):
            label = concept.label if concept is not None else "a lab value"
            return ValueProblem("value", f"{shown} is negative, which is impossible for {label}")
        return None
    label = concept.label
    lo, hi = concept.plausible
    canonical = concept.unit
    if unit is None:
        if not _unitless(canonical):
            if need_unit:
                return ValueProblem(
                    "unit", f"{label} needs a unit (its canonical unit is {canonical})"
                )
            return None
        converted = value
    elif canonical is None:
        converted = value
    else:
        try:
            converted = convert(value, unit, canonical, molar_mass=concept.molar_mass)
        except EligoError as err:
            return ValueProblem("unit", f"unit {unit} cannot be used for {label}: {err}")
    if not math.isfinite(converted) or not lo <= converted <= hi:
        as_canonical = f" (= {converted:g} {canonical})" if unit not in (None, canonical) else ""
        in_unit = f" {canonical}" if canonical and canonical != "1" else ""
        return ValueProblem(
            "value",
            f"{shown}{as_canonical} is not a plausible {label}; "
            f"accepted range {lo:g}–{hi:g}{in_unit}",
        )
    return None


# --------------------------------------------------------------------------- dates


def date_from(value: object) -> date:
    """An ISO 8601 date or date-time reduced to the date as written (no timezone shift).

    >>> date_from("2026-11-20"), date_from("2026-11-20T23:30:00-05:00")
    (datetime.date(2026, 11, 20), datetime.date(2026, 11, 20))

    Raises:
        ValueError: ``value`` is not an ISO 8601 date or date-time.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        # full dates only: "2024" or "2024-03" would silently become the 1st of the period
        if re.match(r"\d{4}-?\d{2}-?\d{2}(?:$|[T ])", text):
            try:
                if len(text) in (8, 10):
                    return date.fromisoformat(text)
                return datetime.fromisoformat(text.replace(" ", "T", 1)).date()
            except ValueError:
                pass
    raise ValueError(f"expected an ISO 8601 date (YYYY-MM-DD) or date-time, got {value!r}")


# --------------------------------------------------------------------------- pydantic models


def _custom(message: str) -> PydanticCustomError:
    # the message goes through a context value so braces in it ("{score}") are not templates
    return PydanticCustomError("eligo", "{message}", {"message": message})


def _iso_date(value: object) -> date:
    try:
        return date_from(value)
    except ValueError as err:
        raise _custom(str(err)) from None


def _ucum(text: str) -> str:
    try:
        return normalize_unit(text)
    except UnitError as err:
        raise _custom(str(err)) from None


def _obs_value(value: object) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise _custom(f"expected a finite number, got {value!r}")
        return float(value)
    if isinstance(value, str):
        if not value.strip():
            raise _custom("expected a number, text or true/false, got an empty string")
        return value.strip()
    raise _custom(f"expected a number, text or true/false, got {_show(value)}")


def _status_word(table: Mapping[str, Status]) -> Callable[[object], object]:
    def check(value: object) -> object:
        if isinstance(value, str) and status_from(table, value) is not None:
            return _status_key(value)
        words = list(table)
        hint = did_you_mean(value, words) if isinstance(value, str) else ""
        raise _custom(f"unknown status {_show(value)}{hint}; accepted: {', '.join(words)}")

    return check


def _lower(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    Field(description="ISO 8601 date YYYY-MM-DD; a date-time is accepted and reduced to its date"),
]
UcumUnit = Annotated[
    str,
    AfterValidator(_ucum),
    Field(description="unit, normalised to UCUM (e.g. 10*9/L, /uL, mg/dL, umol/L, %, mm[Hg])"),
]
ObsValue = Annotated[
    float | bool | str,
    BeforeValidator(_obs_value),
    Field(description="the result: a number (with unit), text (a category) or true/false"),
]
ConditionStatusWord = Annotated[str, BeforeValidator(_status_word(CONDITION_STATUS))]
MedicationStatusWord = Annotated[str, BeforeValidator(_status_word(MEDICATION_STATUS))]
ProcedureStatusWord = Annotated[str, BeforeValidator(_status_word(PROCEDURE_STATUS))]
NonEmpty = Annotated[str, Field(min_length=1)]

_CODE = Field(
    default=None, description="code in `system` (LOINC, ICD-10-CM, SNOMED CT, ATC, RxNorm)"
)
_SYSTEM = Field(
    default=None,
    description="code system URI (http://loinc.org, http://hl7.org/fhir/sid/icd-10-cm, "
    "http://snomed.info/sct, http://www.whocc.no/atc, "
    "http://www.nlm.nih.gov/research/umls/rxnorm) or a short name (loinc, icd10cm, ...)",
)
_NAME = Field(default=None, description="display name; matched against vocabulary synonyms")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True)


class QuantityIn(_Model):
    """A number with a UCUM unit."""

    value: float = Field(description="the number")
    unit: UcumUnit


class ObservationIn(_Model):
    """A lab, vital sign, score or finding; needs `code` or `name`."""

    code: NonEmpty | None = _CODE
    system: NonEmpty | None = _SYSTEM
    name: NonEmpty | None = _NAME
    value: ObsValue
    unit: UcumUnit | None = None
    date: IsoDate | None = None
    reference_low: float | None = Field(
        default=None, description="lower reference limit, in `unit`"
    )
    reference_high: float | None = Field(
        default=None, description="upper reference limit, in `unit`"
    )


class ConditionIn(_Model):
    """A diagnosis or problem; needs `code` or `name`."""

    code: NonEmpty | None = _CODE
    system: NonEmpty | None = _SYSTEM
    name: NonEmpty | None = _NAME
    status: ConditionStatusWord | None = Field(
        default=None,
        description="active | recurrence | relapse | inactive | remission | resolved | "
        "absent | refuted | ruled out | unknown; default active (resolved with an abatement)",
    )
    onset: IsoDate | None = None
    abatement: IsoDate | None = None


class MedicationIn(_Model):
    """A medication taken, ordered or ruled out; needs `code` or `name`."""

    code: NonEmpty | None = _CODE
    system: NonEmpty | None = _SYSTEM
    name: NonEmpty | None = _NAME
    dose: QuantityIn | None = None
    start: IsoDate | None = None
    end: IsoDate | None = None
    status: MedicationStatusWord | None = Field(
        default=None,
        description="active | completed | stopped | on-hold | not-taken | absent | unknown | "
        "...; default active (completed with an end date)",
    )


class ProcedureIn(_Model):
    """A procedure performed (or ruled out); needs `code` or `name`."""

    code: NonEmpty | None = _CODE
    system: NonEmpty | None = _SYSTEM
    name: NonEmpty | None = _NAME
    date: IsoDate | None = None
    status: ProcedureStatusWord | None = Field(
        default=None,
        description="completed | in-progress | stopped | not-done | absent | unknown; "
        "default completed",
    )


class FactsIn(_Model):
    """What no code system covers, keyed by vocabulary concept id (kind `fact`)."""

    model_config = ConfigDict(extra="allow")

    consent: bool | None = Field(default=None, description="able to give and gave informed consent")
    willing_for_transplant: bool | None = Field(default=None, description="willing for transplant")
    life_expectancy: QuantityIn | None = Field(
        default=None, description="e.g. {value: 6, unit: mo}"
    )
    study_cohort: str | None = Field(
        default=None,
        description="the part / stage / cohort of a multi-part trial the patient is screened "
        "for, as a label: part_a, part_1, stage_2, cediranib (case-insensitive)",
    )


class PatientIn(_Model):
    """One patient in eligo's own JSON form (contract §3)."""

    model_config = ConfigDict(title="eligo patient record")

    id: NonEmpty = Field(description="patient id, unique within a batch")
    birth_date: IsoDate | None = None
    age: QuantityIn | None = Field(
        default=None, description="age, instead of birth_date (e.g. 58 a)"
    )
    sex: Annotated[Sex, BeforeValidator(_lower)] | None = None
    observations: list[ObservationIn] = []
    conditions: list[ConditionIn] = []
    medications: list[MedicationIn] = []
    procedures: list[ProcedureIn] = []
    facts: FactsIn = FactsIn()
    complete: list[Literal["conditions", "medications", "procedures"]] = Field(
        default=[], description="sections recorded completely (closed world): absent means absent"
    )


def patient_json_schema() -> dict[str, Any]:
    """JSON Schema of eligo's patient JSON (printed by ``eligo schema patient``)."""
    schema = PatientIn.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = (
        "One patient for eligo. Either this form or a FHIR R4 Bundle (resourceType 'Bundle') "
        "is accepted; units are UCUM, dates ISO 8601."
    )
    return schema


# --------------------------------------------------------------------------- errors


class _Problem(Exception):
    """A meaning error at a field path, raised inside the second pass."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _show(value: object, limit: int = 60) -> str:
    if isinstance(value, str):
        text = f"'{value}'"
    elif isinstance(value, bool | int | float) or value is None:
        text = json.dumps(value)
    elif isinstance(value, dict):
        text = "a JSON object"
    elif isinstance(value, list):
        text = "a JSON array"
    else:
        text = type(value).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def field_path(loc: tuple[int | str, ...]) -> str:
    """``('observations', 1, 'date')`` → ``observations[1].date``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _unwrap(tp: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, UnionType):
            args = [a for a in get_args(tp) if a is not NoneType]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _keys_at(root: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The keys the model at ``loc`` accepts (for "did you mean")."""
    tp: Any = root
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(part, int):
            args = get_args(tp)
            tp = args[0] if args else None
        elif isinstance(tp, type) and issubclass(tp, BaseModel) and part in tp.model_fields:
            tp = tp.model_fields[part].annotation
        else:
            return []
    tp = _unwrap(tp)
    if not (isinstance(tp, type) and issubclass(tp, BaseModel)):
        return []
    keys = (f.alias or name for name, f in tp.model_fields.items())
    # FHIR models also carry primitive extensions ("_status") and comments: not worth offering
    return [k for k in keys if not k.startswith("_") and k != "fhir_comments"]


def _describe(err: ErrorDetails, root: type[BaseModel]) -> tuple[str, str]:
    loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "missing":
        return field_path(loc), "required key is missing"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        keys = _keys_at(root, loc[:-1])
        listed = f"; accepted keys: {', '.join(keys)}" if 0 < len(keys) <= 12 else ""
        return field_path(loc), f"unknown key '{key}'{did_you_mean(key, keys)}{listed}"
    if kind == "eligo":
        return field_path(loc), err["msg"]
    return field_path(loc), f"{err['msg']}, got {_show(err.get('input'))}"


def validation_problem(
    err: ValidationError,
    root: type[BaseModel],
    *,
    file: str | None,
    record: str | None,
    prefix: str = "",
) -> PatientRecordError:
    """Turn a pydantic error into one PatientRecordError (first problem, then a count)."""
    problems = [_describe(e, root) for e in err.errors()]
    where, message = problems[0]
    if len(problems) > 1:
        rest = "; ".join(f"{w}: {m}" for w, m in problems[1:4])
        more = f" and {len(problems) - 4} more" if len(problems) > 4 else ""
        message += f" (also {rest}{more})"
    where = f"{prefix}.{where}" if prefix and where else prefix or where
    return PatientRecordError(message, file=file, field=where or None, record=record)


# --------------------------------------------------------------------------- second pass


def _system(text: str | None) -> str | None:
    if text is None:
        return None
    return SYSTEM_ALIASES.get(text.strip().lower(), text.strip())


def _coded(
    code: str | None, system: str | None, where: str, candidates: tuple[str, ...]
) -> tuple[str | None, str | None]:
    """Code and system of an item, checked against the system's shape."""
    system = _system(system)
    if code is None:
        return None, system
    if system is None:
        system = infer_system(code, candidates)
    normalized = normalize_code(system, code)
    if normalized is None:
        label = SYSTEM_NAMES.get(system or "", system)
        raise _Problem(
            f"{where}.code",
            f"'{code}' is not a valid {label} code (expected e.g. {_EXAMPLES.get(system or '')})",
        )
    return normalized, system


def _need_code_or_name(
    item: ObservationIn | ConditionIn | MedicationIn | ProcedureIn, where: str
) -> None:
    if item.code is None and item.name is None:
        raise _Problem(where, "needs a 'code' (with 'system') or a 'name'")


def _ordered(first: date | None, second: date | None, where: str, names: tuple[str, str]) -> None:
    if first is not None and second is not None and second < first:
        raise _Problem(
            f"{where}.{names[1]}",
            f"{names[1]} {second.isoformat()} is before {names[0]} {first.isoformat()}",
        )


def _observation(o: ObservationIn, where: str) -> Observation:
    _need_code_or_name(o, where)
    code, system = _coded(o.code, o.system, where, (LOINC,))
    concept = observation_concept(code, system, o.name)
    value = o.value
    if concept is not None and concept.categories:
        by_lower = {c.lower(): c for c in concept.categories}
        chosen = by_lower.get(value.lower()) if isinstance(value, str) else None
        if chosen is None:
            hint = did_you_mean(value, concept.categories) if isinstance(value, str) else ""
            raise _Problem(
                f"{where}.value",
                f"{_show(value)} is not a {concept.label}{hint}; "
                f"accepted: {', '.join(concept.categories)}",
            )
        value = chosen
    elif isinstance(value, float):
        problem = value_problem(value, o.unit, concept)
        if problem is not None:
            raise _Problem(f"{where}.{problem.field}", problem.message)
    elif (
        concept is not None
        and concept.numeric
        and (isinstance(value, bool) or not _CENSORED.fullmatch(value))
    ):
        raise _Problem(
            f"{where}.value",
            f"{concept.label} needs a number (with its unit), or a censored value "
            f"such as '<0.5'; got {_show(value)}",
        )
    low, high = o.reference_low, o.reference_high
    if low is not None and high is not None and high < low:
        raise _Problem(
            f"{where}.reference_high", f"reference_high {high:g} is below reference_low {low:g}"
        )
    return Observation(
        code=code,
        system=system,
        name=o.name,
        value=value,
        unit=o.unit,
        date=o.date,
        source=where,
        reference_low=low,
        reference_high=high,
    )


def _condition(c: ConditionIn, where: str) -> Condition:
    _need_code_or_name(c, where)
    code, system = _coded(c.code, c.system, where, (ICD10CM, SNOMED))
    _ordered(c.onset, c.abatement, where, ("onset", "abatement"))
    status: Status | None = status_from(CONDITION_STATUS, c.status) if c.status else None
    if status is None:
        status = "resolved" if c.abatement else "active"
    return Condition(code, system, c.name, status, c.onset, c.abatement, where)


def _medication(m: MedicationIn, where: str) -> Medication:
    _need_code_or_name(m, where)
    code, system = _coded(m.code, m.system, where, (ATC, RXNORM))
    _ordered(m.start, m.end, where, ("start", "end"))
    status: Status | None = status_from(MEDICATION_STATUS, m.status) if m.status else None
    if status is None:
        status = "completed" if m.end else "active"
    if m.dose is not None and m.dose.value < 0:
        raise _Problem(f"{where}.dose.value", f"a dose cannot be negative, got {m.dose.value:g}")
    return Medication(
        code,
        system,
        m.name,
        status,
        m.start,
        m.end,
        where,
        dose_value=m.dose.value if m.dose else None,
        dose_unit=m.dose.unit if m.dose else None,
    )


def _procedure(p: ProcedureIn, where: str) -> Procedure:
    _need_code_or_name(p, where)
    code, system = _coded(p.code, p.system, where, (SNOMED,))
    status: Status | None = status_from(PROCEDURE_STATUS, p.status) if p.status else None
    return Procedure(code, system, p.name, status or "completed", p.date, where)


def _time_quantity(q: QuantityIn, where: str, what: str, max_years: float) -> tuple[float, str]:
    try:
        years = convert(q.value, q.unit, "a")
    except EligoError:
        raise _Problem(
            f"{where}.unit", f"{what} needs a time unit (a, mo, wk, d), got {q.unit}"
        ) from None
    if not 0 <= years <= max_years:
        raise _Problem(
            f"{where}.value",
            f"{what} {q.value:g} {q.unit} is not plausible; accepted 0–{max_years:g} years",
        )
    return (q.value, q.unit)


def _fact(key: str, raw: object, where: str) -> object:
    voc = vocabulary()
    facts = sorted(c.id for c in voc if c.kind == "fact")
    concept = voc.concepts.get(key)
    if concept is None or concept.kind != "fact":
        raise _Problem(
            where,
            f"unknown fact '{key}'{did_you_mean(key, facts)}; facts are vocabulary concepts "
            f"of kind fact: {', '.join(facts)}",
        )
    if concept.fact_type == "boolean":
        if not isinstance(raw, bool):
            raise _Problem(where, f"expected true or false, got {_show(raw)}")
        return raw
    if concept.fact_type == "category":
        if not isinstance(raw, str) or (concept.categories and raw not in concept.categories):
            accepted = ", ".join(concept.categories) or "text"
            raise _Problem(where, f"expected one of {accepted}, got {_show(raw)}")
        return raw
    try:
        q = raw if isinstance(raw, QuantityIn) else QuantityIn.model_validate(raw)
    except ValidationError as err:
        inner = validation_problem(err, QuantityIn, file=None, record=None, prefix=where)
        raise _Problem(inner.field or where, inner.message) from None
    if concept.unit is not None:
        try:
            value = convert(q.value, q.unit, concept.unit, molar_mass=concept.molar_mass)
        except EligoError:
            raise _Problem(
                f"{where}.unit", f"{concept.label} needs a unit convertible to {concept.unit}"
            ) from None
        if concept.plausible and not concept.plausible[0] <= value <= concept.plausible[1]:
            lo, hi = concept.plausible
            raise _Problem(
                f"{where}.value",
                f"{q.value:g} {q.unit} is not a plausible {concept.label}; "
                f"accepted {lo:g}–{hi:g} {concept.unit}",
            )
    return (q.value, q.unit)


def _facts(f: FactsIn) -> dict[str, object]:
    given: dict[str, object] = {
        k: getattr(f, k) for k in type(f).model_fields if getattr(f, k) is not None
    }
    given.update(f.model_extra or {})
    return {key: _fact(key, raw, f"facts.{key}") for key, raw in given.items()}


def _record(p: PatientIn, source: str) -> Record:
    if p.birth_date is not None and p.age is not None:
        raise _Problem("age", "give birth_date or age, not both")
    age = _time_quantity(p.age, "age", "age", 130) if p.age is not None else None
    return Record(
        id=p.id,
        birth_date=p.birth_date,
        age=age,
        sex=p.sex,
        observations=tuple(
            _observation(o, f"observations[{i}]") for i, o in enumerate(p.observations)
        ),
        conditions=tuple(_condition(c, f"conditions[{i}]") for i, c in enumerate(p.conditions)),
        medications=tuple(_medication(m, f"medications[{i}]") for i, m in enumerate(p.medications)),
        procedures=tuple(_procedure(x, f"procedures[{i}]") for i, x in enumerate(p.procedures)),
        facts=MappingProxyType(_facts(p.facts)),
        complete=frozenset(p.complete),
        source=source,
    )


# --------------------------------------------------------------------------- public API


def _record_id(data: object) -> str | None:
    if isinstance(data, dict):
        rid = data.get("id")
        if isinstance(rid, str | int) and not isinstance(rid, bool):
            return str(rid)
    return None


def parse_eligo_json(data: Mapping[str, Any], source: str = "<input>") -> Record:
    """Read one patient in eligo's own JSON form (already parsed).

    Raises:
        PatientRecordError: the record breaks contract §3; names the field and what is accepted.
    """
    rid = _record_id(data)
    try:
        model = PatientIn.model_validate(data)
    except ValidationError as err:
        raise validation_problem(err, PatientIn, file=source, record=rid) from None
    try:
        return _record(model, source)
    except _Problem as problem:
        raise PatientRecordError(
            problem.message, file=source, field=problem.field, record=rid
        ) from None


def parse_patient(data: object, source: str = "<input>") -> Record:
    """Read one already-parsed patient: eligo JSON or a FHIR R4 Bundle (by ``resourceType``).

    Args:
        data: The parsed JSON value.
        source: Where it came from (a path or ``file:line``), used in errors and ``Record.source``.

    Returns:
        The normalised record.

    Raises:
        PatientRecordError: the input cannot be read; the message names the field and what is
            accepted.
    """
    if not isinstance(data, dict):
        raise PatientRecordError(
            f"expected a JSON object (eligo patient or FHIR Bundle), got {_show(data)}",
            file=source,
        )
    try:
        if "resourceType" in data:
            from .fhir import parse_bundle  # fhir builds on this module's shared checks

            return parse_bundle(data, source)
        return parse_eligo_json(data, source)
    except PatientRecordError:
        raise
    except (EligoError, ValueError, KeyError, TypeError, AttributeError, ArithmeticError) as err:
        # last resort: a reader bug must still come out as one clear message, not a traceback
        raise PatientRecordError(
            f"cannot read record ({type(err).__name__}: {err})",
            file=source,
            record=_record_id(data),
        ) from err


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key '{key}'")
        out[key] = value
    return out


def parse_json_text(text: str, file: str, first_line: int = 1) -> object:
    """Parse JSON text; errors carry ``file:line:col`` (``first_line`` offsets JSON Lines).

    Raises:
        PatientRecordError: the text is not valid JSON.
    """
    try:
        return json.loads(
            text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicate_keys
        )
    except json.JSONDecodeError as err:
        raise PatientRecordError(
            f"invalid JSON: {err.msg}", file=f"{file}:{first_line + err.lineno - 1}:{err.colno}"
        ) from None
    except RecursionError:
        raise PatientRecordError("invalid JSON: nested too deeply", file=file) from None
    except ValueError as err:
        raise PatientRecordError(f"invalid JSON: {err}", file=file) from None


def _read_file(path: Path) -> object:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise PatientRecordError("no such file", file=str(path)) from None
    except IsADirectoryError:
        raise PatientRecordError(
            "is a folder; read folders with iter_patients", file=str(path)
        ) from None
    except UnicodeDecodeError as err:
        raise PatientRecordError(f"not UTF-8 text (byte {err.start})", file=str(path)) from None
    except OSError as err:
        raise PatientRecordError(f"cannot read: {err.strerror}", file=str(path)) from None
    return parse_json_text(text, str(path))


def load_patient(path: str | Path) -> Record:
    """Load one patient file (eligo JSON or FHIR Bundle, detected automatically).

    Raises:
        PatientRecordError: unreadable file, invalid JSON (with line:col) or invalid record.
    """
    p = Path(path)
    return parse_patient(_read_file(p), source=str(p))


PatientItem = tuple[str, Record | PatientRecordError]


def _one_file(path: Path) -> PatientItem:
    label = str(path)
    try:
        return label, load_patient(path)
    except PatientRecordError as err:
        return label, err


def _json_lines(path: Path) -> Iterator[PatientItem]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            label = f"{path}:{number}"
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n")
            except UnicodeDecodeError as err:
                yield label, PatientRecordError(f"not UTF-8 text (byte {err.start})", file=label)
                continue
            if not line.strip():
                continue
            try:
                yield label, parse_patient(parse_json_text(line, str(path), number), label)
            except PatientRecordError as err:
                yield label, err


def _files(paths: list[Path]) -> Iterator[PatientItem]:
    for path in paths:
        yield _one_file(path)


def iter_patients(path: str | Path) -> Iterator[tuple[str, Record | PatientRecordError]]:
    """Read a batch: one file, a folder of ``*.json`` files, or a JSON Lines file.

    A folder is read non-recursively in file-name order; a ``*.jsonl`` / ``*.ndjson`` file holds
    one record per non-blank line, labelled ``file:line``.  A record that cannot be read yields
    its :class:`PatientRecordError` in place and reading goes on, so nothing is dropped.

    Args:
        path: A file, folder or JSON Lines file.

    Yields:
        ``(label, record or error)`` in input order.

    Raises:
        PatientRecordError: ``path`` does not exist, or is a folder without ``*.json`` files.
    """
    p = Path(path)
    if p.is_dir():
        files = sorted(
            (f for f in p.iterdir() if f.suffix.lower() == ".json" and f.is_file()),
            key=lambda f: f.name,
        )
        if not files:
            raise PatientRecordError("folder has no *.json patient files", file=str(p))
        return _files(files)
    if not p.exists():
        raise PatientRecordError("no such file or folder", file=str(p))
    if p.suffix.lower() in (".jsonl", ".ndjson"):
        return _json_lines(p)
    return _files([p])
