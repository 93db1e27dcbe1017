"""The patient record every evaluation reads: one normalised shape for JSON and FHIR input.

Loaders (``load_json``, ``load_fhir``) turn their input into this frozen form; the evaluator
never sees pydantic or FHIR objects.  Each item keeps ``source`` — a locator such as
``observations[2]`` or ``Observation/abc`` — so explanations can name what they read.
Values stay as given (value + UCUM unit); conversion happens at comparison time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

Sex = Literal["female", "male", "other", "unknown"]
Section = Literal["conditions", "medications", "procedures"]
SECTIONS: tuple[Section, ...] = ("conditions", "medications", "procedures")

# Condition / medication / procedure status, normalised.  ``absent`` means ruled out
# (a negative test, "no history of cancer"): it makes a criterion false, not unknown.
Status = Literal["active", "resolved", "inactive", "completed", "stopped", "absent", "unknown"]


@dataclass(frozen=True)
class Observation:
    """A lab, vital, score or finding: numeric (``value`` + ``unit``) or categorical."""

    code: str | None
    system: str | None
    name: str | None
    value: float | str | bool | None
    unit: str | None
    date: date | None
    source: str
    reference_low: float | None = None
    reference_high: float | None = None
    # set when a third-party record carries a value eligo will not use (implausible for the
    # analyte): ``value`` is then None and this says why, so explanations can name it
    problem: str | None = None


@dataclass(frozen=True)
class Condition:
    """A diagnosis or problem with clinical status and dates."""

    code: str | None
    system: str | None
    name: str | None
    status: Status
    onset: date | None
    abatement: date | None
    source: str


@dataclass(frozen=True)
class Medication:
    """A medication statement/request/administration, with an optional dose."""

    code: str | None
    system: str | None
    name: str | None
    status: Status
    start: date | None
    end: date | None
    source: str
    dose_value: float | None = None
    dose_unit: str | None = None


@dataclass(frozen=True)
class Procedure:
    """A procedure performed (or ruled out) on a date."""

    code: str | None
    system: str | None
    name: str | None
    status: Status
    date: date | None
    source: str


@dataclass(frozen=True)
class Record:
    """One patient, as the evaluator sees it."""

    id: str
    birth_date: date | None = None
    age: tuple[float, str] | None = None  # (value, UCUM unit) when given instead of birth_date
    sex: Sex | None = None
    observations: tuple[Observation, ...] = ()
    conditions: tuple[Condition, ...] = ()
    medications: tuple[Medication, ...] = ()
    procedures: tuple[Procedure, ...] = ()
    facts: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    complete: frozenset[Section] = frozenset()
    deceased: date | None = None
    source: str = ""
