"""FHIR R4 Bundles in and out: the FHIR half of the load stage (``Bundle ──load──▶ Record``).

A Bundle is read into the same :class:`~eligo.record.Record` as eligo's JSON, with the same
checks (:mod:`eligo.patient`).  Design decisions:

- **Validate only what is read.**  Each Patient, Observation, Condition, MedicationStatement,
  MedicationRequest, MedicationAdministration and Procedure is validated on its own with the
  ``fhir.resources.R4B`` models (which read R4 content); a Medication only when a
  ``medicationReference`` points at it.  Every other resource type (Encounter, Claim,
  DiagnosticReport, ...) is counted and skipped unvalidated: validating a whole 2 MB Synthea
  Bundle as one object takes ~1.5 s, reading the resources eligo uses ~0.2 s.
- **Nothing is read from a code that does not mean it.**  Codes must have their system's shape
  (see :func:`eligo.patient.normalize_code`): the OpenMRS/CIEL ids Synthea's HIV module writes
  under the LOINC system (``5089AAAA…``) and the padded "SNOMED" ``112141AAAA…`` are dropped and
  the item keeps only its display as name.  A display that only names a code system ("LOINC
  Code") is not a name either, so such an observation is skipped, never matched to an analyte.
- **A unit that cannot be trusted is dropped, never guessed.**  A ``valueQuantity`` unit is the
  UCUM ``code`` when present, else the ``unit`` text, normalised with
  :func:`eligo.units.normalize_unit`.  When it is not a unit eligo knows, or does not convert
  to the canonical unit of the analyte the observation measures (Synthea writes ``C`` — UCUM
  coulomb — for Celsius), the value is kept with ``unit=None``: the evaluator then treats a
  dimensioned lab as unusable (unknown), so a wrong unit cannot produce a wrong comparison.
  A censored value (``comparator`` ``<`` ...) is kept as text (``"<0.5"``) for the same reason.
- **Impossible values are errors**, as in eligo JSON (INR -2, platelets 5e12/L), naming
  ``entry[i] (Observation/id)`` and the FHIR field.
- **One item per code.**  A Condition, medication or Procedure coded in several systems (ICD-10-CM
  and SNOMED CT, RxNorm and ATC) becomes one record item per valid coding, all with the same
  ``source`` (``Condition/id``), so the evaluator's ``code`` + ``system`` match sees each code.
  An item with no usable code keeps its text as ``name``.
- **Observation components** (blood-pressure panels) become observations of their own with the
  parent's date, ``source`` ``Observation/id.component[k]``.
- **Dates** are reduced to the date as written (no timezone shift); partial FHIR dates
  (``1973``, ``2019-06``) become the first day of the period, with a note.
- **Statuses**: Condition ``verificationStatus`` refuted → ``absent``; unconfirmed, provisional
  or differential → ``unknown``; entered-in-error resources are skipped (counted).  A Condition
  without ``clinicalStatus`` is ``resolved`` with an abatement date, else ``unknown``.  A
  MedicationRequest whose intent is only a proposal or plan has status ``unknown``.
- **Open world**: ``Record.complete`` is empty for FHIR input.

:func:`record_to_fhir` writes a Record back as a ``collection`` Bundle.  ``facts``, ``complete``
and an ``age`` given instead of a birth date have no FHIR home and are dropped; compare records
read from both forms with :func:`clinical_content`, which also ignores ``source`` locators.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType
from typing import Any, TypeVar

from fhir.resources.R4B.condition import Condition as FhirCondition
from fhir.resources.R4B.medication import Medication as FhirMedication
from fhir.resources.R4B.medicationadministration import MedicationAdministration
from fhir.resources.R4B.medicationrequest import MedicationRequest
from fhir.resources.R4B.medicationstatement import MedicationStatement
from fhir.resources.R4B.observation import Observation as FhirObservation
from fhir.resources.R4B.patient import Patient as FhirPatient
from fhir.resources.R4B.procedure import Procedure as FhirProcedure
from pydantic import BaseModel, ValidationError

from .concepts import Concept
from .errors import EligoError, PatientRecordError, UnitError
from .patient import (
    CONDITION_STATUS,
    LOINC,
    MEDICATION_STATUS,
    PROCEDURE_STATUS,
    UCUM,
    normalize_code,
    observation_concept,
    status_from,
    unit_fits,
    validation_problem,
    value_problem,
)
from .record import Condition, Medication, Observation, Procedure, Record, Sex, Status
from .units import convert, normalize_unit

MODELS: Mapping[str, type[BaseModel]] = MappingProxyType(
    {
        "Patient": FhirPatient,
        "Observation": FhirObservation,
        "Condition": FhirCondition,
        "MedicationStatement": MedicationStatement,
        "MedicationRequest": MedicationRequest,
        "MedicationAdministration": MedicationAdministration,
        "Procedure": FhirProcedure,
    }
)
"""Resource types eligo reads, with the model each is validated by."""

ELIGO_ID_SYSTEM = "urn:eligo:patient-id"
"""Identifier system carrying a patient id that is not a valid FHIR ``id``."""

_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
_SEX: Mapping[str, Sex] = MappingProxyType(
    {"female": "female", "male": "male", "other": "other", "unknown": "unknown"}
)
# A display that only names a code system says nothing about what was measured.
_GENERIC_NAME = re.compile(r"(?i)\s*(?:loinc|snomed(?: ct)?|icd-?10(?:-cm)?|rxnorm|atc)?\s*code\s*")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?")

Coded = tuple[str | None, str | None, str | None]  # (code, system, name)


@dataclass(frozen=True)
class BundleReading:
    """A Bundle read into a Record, with what was read, skipped and adjusted."""

    record: Record
    read: Mapping[str, int]  # resources read, by type
    skipped: Mapping[str, int]  # resources not read, by type (or "Observation (cancelled)")
    notes: tuple[str, ...]  # values kept without unit, ranges dropped, partial dates, ...


# --------------------------------------------------------------------------- small readers


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()  # the date as written: the offset is kept, not converted
    if isinstance(value, date):
        return value
    return None


def _code_of(cc: Any) -> str | None:
    """The first code of a CodeableConcept (statuses)."""
    for coding in (cc.coding or []) if cc is not None else []:
        if coding.code:
            return str(coding.code)
    return None


def _name(text: object) -> str | None:
    """``text`` as a name, unless it is empty or only names a code system ("LOINC Code")."""
    if not text or _GENERIC_NAME.fullmatch(str(text)):
        return None
    return str(text)


def _display(cc: Any) -> str | None:
    """The first real name of a CodeableConcept: its text, else a coding's display."""
    names = [cc.text, *(c.display for c in cc.coding or [])] if cc is not None else []
    return next((n for n in map(_name, names) if n), None)


def _codes(cc: Any) -> list[Coded]:
    """One ``(code, system, name)`` per valid coding; the text alone when none is valid."""
    if cc is None:
        return []
    items: list[Coded] = []
    seen: set[tuple[str | None, str]] = set()
    for coding in cc.coding or []:
        if not coding.code:
            continue
        code = normalize_code(coding.system, str(coding.code))
        if code is None or (coding.system, code) in seen:
            continue  # not a code of its system (padded CIEL ids): the name still says it
        seen.add((coding.system, code))
        name = _name(coding.display) or _name(cc.text)
        items.append((code, coding.system, name))
    if not items and (name := _display(cc)):
        items.append((None, None, name))
    return items


def _observation_code(cc: Any) -> Coded:
    """The code an observation is matched by: a real LOINC code first, else another valid one."""
    codings = [c for c in cc.coding or [] if c.code] if cc is not None else []
    chosen: Coded = (None, None, None)
    for prefer_loinc in (True, False):
        for coding in codings:
            if (coding.system == LOINC) != prefer_loinc:
                continue
            code = normalize_code(coding.system, str(coding.code))
            if code is not None:
                chosen = (code, coding.system, coding.display)
                break
        if chosen[0] is not None:
            break
    name = _name(cc.text if cc is not None else None) or _name(chosen[2]) or _display(cc)
    return chosen[0], chosen[1], name


_T = TypeVar("_T")


def _first(*values: _T | None) -> _T | None:
    return next((v for v in values if v is not None), None)


# --------------------------------------------------------------------------- the reader


class _BundleReader:
    """Reads one Bundle; holds the reference index and the counts."""

    def __init__(self, bundle: Mapping[str, Any], source: str) -> None:
        self.source = source
        self.read: Counter[str] = Counter()
        self.skipped: Counter[str] = Counter()
        self.notes: list[str] = []
        self.record_id: str | None = None
        entries = bundle.get("entry", [])
        if not isinstance(entries, list):
            raise self.error("'entry' must be a list of entries", "entry")
        self.entries: list[tuple[str | None, dict[str, Any]]] = []
        self.by_reference: dict[str, int] = {}
        for i, entry in enumerate(entries):
            resource = entry.get("resource") if isinstance(entry, dict) else None
            full_url = entry.get("fullUrl") if isinstance(entry, dict) else None
            if not isinstance(resource, dict) or not isinstance(resource.get("resourceType"), str):
                raise self.error("expected a 'resource' with a 'resourceType'", f"entry[{i}]")
            self.entries.append((full_url if isinstance(full_url, str) else None, resource))
            for ref in self._names(full_url, resource):
                self.by_reference.setdefault(ref, i)
        self.medications: dict[int, Any] = {}

    @staticmethod
    def _names(full_url: object, resource: Mapping[str, Any]) -> list[str]:
        """The references an entry answers to: its fullUrl and ``Type/id``."""
        names = [full_url] if isinstance(full_url, str) and full_url else []
        if isinstance(resource.get("id"), str):
            names.append(f"{resource['resourceType']}/{resource['id']}")
        return names

    # -- errors and locators

    def error(self, message: str, field: str | None = None) -> PatientRecordError:
        return PatientRecordError(message, file=self.source, field=field, record=self.record_id)

    def where(self, i: int) -> str:
        resource = self.entries[i][1]
        rid = resource.get("id")
        return f"entry[{i}] ({resource['resourceType']}/{rid})" if rid else f"entry[{i}]"

    def locator(self, i: int) -> str:
        resource = self.entries[i][1]
        rid = resource.get("id")
        return f"{resource['resourceType']}/{rid}" if rid else f"entry[{i}]"

    def note(self, text: str) -> None:
        self.notes.append(text)

    def validate(self, i: int, model: type[BaseModel]) -> Any:
        try:
            return model.model_validate(self.entries[i][1])
        except ValidationError as err:
            raise validation_problem(
                err, model, file=self.source, record=self.record_id, prefix=self.where(i)
            ) from None

    def day_of(self, value: object, where: str) -> date | None:
        """A FHIR date/dateTime as a date; partial dates become the period's first day."""
        if isinstance(value, str) and (m := _PARTIAL_DATE.fullmatch(value.strip())):
            self.note(f"{where}: partial date {value} read as its first day")
            return date(int(m[1]), int(m[2] or 1), 1)
        return _day(value)

    # -- patient and references

    def patient(self) -> tuple[int, Any]:
        found = [i for i, (_, r) in enumerate(self.entries) if r["resourceType"] == "Patient"]
        if len(found) != 1:
            what = (
                "no Patient resource"
                if not found
                else (f"{len(found)} Patient resources ({', '.join(self.where(i) for i in found)})")
            )
            raise self.error(f"a patient Bundle needs exactly one Patient; this one has {what}")
        i = found[0]
        self.record_id = (
            self.entries[i][1].get("id") if isinstance(self.entries[i][1].get("id"), str) else None
        )
        return i, self.validate(i, FhirPatient)

    def check_subject(self, i: int, resource: Any, patient_index: int) -> None:
        subject = getattr(resource, "subject", None)
        ref = subject.reference if subject is not None else None
        if not ref:
            return
        ref = re.sub(r"/_history/[^/]+$", "", str(ref))
        target = self.by_reference.get(ref)
        if target is None and "/" in ref:  # absolute URL: match on its Type/id tail
            target = self.by_reference.get("/".join(ref.rsplit("/", 2)[-2:]))
        if target != patient_index:
            raise self.error(
                f"refers to {ref}, not this Bundle's Patient ({self.locator(patient_index)})",
                f"{self.where(i)}.subject",
            )

    def resolve_medication(self, i: int, resource: Any) -> Any:
        """The CodeableConcept of a ``medicationReference`` (contained or in the Bundle)."""
        ref = str(resource.medicationReference.reference or "")
        if ref.startswith("#"):
            for contained in resource.contained or []:
                if contained.get_resource_type() == "Medication" and contained.id == ref[1:]:
                    return contained.code
        target = self.by_reference.get(ref)
        if target is None or self.entries[target][1]["resourceType"] != "Medication":
            self.note(f"{self.where(i)}: medicationReference {ref or '(none)'} not in the Bundle")
            return None
        if target not in self.medications:
            self.medications[target] = self.validate(target, FhirMedication)
            self.read["Medication"] += 1
        return self.medications[target].code

    # -- units and values

    def unit(self, quantity: Any, where: str) -> str | None:
        """UCUM ``code`` preferred over the ``unit`` text; ``None`` when neither is known."""
        candidates = []
        if quantity.code and quantity.system in (None, UCUM):
            candidates.append(str(quantity.code))
        if quantity.unit:
            candidates.append(str(quantity.unit))
        for text in candidates:
            try:
                return normalize_unit(text)
            except UnitError:
                continue
        if candidates:
            self.note(f"{where}: unit '{candidates[0]}' is not UCUM; value kept without unit")
        return None

    def value(self, part: Any, where: str) -> tuple[float | str | bool | None, str | None]:
        if part.valueQuantity is not None:
            q = part.valueQuantity
            if q.value is None:
                return None, None
            unit = self.unit(q, where)
            if q.comparator:  # censored: never compared as if exact
                return f"{q.comparator}{q.value}", unit
            return float(q.value), unit
        if part.valueCodeableConcept is not None:
            cc = part.valueCodeableConcept
            for coding in cc.coding or []:
                if coding.display or coding.code:
                    return str(coding.display or coding.code), None
            return (str(cc.text), None) if cc.text else (None, None)
        if part.valueBoolean is not None:
            return bool(part.valueBoolean), None
        if part.valueInteger is not None:
            return float(part.valueInteger), None
        if part.valueString is not None:
            return str(part.valueString), None
        if part.valueDateTime is not None:
            return str(part.valueDateTime), None
        return None, None

    def limit(self, q: Any, unit: str | None, concept: Concept | None, where: str) -> float | None:
        """A reference limit, converted to the value's unit."""
        if q is None or q.value is None:
            return None
        value = float(q.value)
        limit_unit = self.unit(q, where) if (q.code or q.unit) else None
        if limit_unit == unit:
            return value
        if limit_unit is None or unit is None:
            self.note(f"{where}: reference range unit does not match the value; range dropped")
            return None
        try:
            molar = concept.molar_mass if concept is not None else None
            return convert(value, limit_unit, unit, molar_mass=molar)
        except EligoError:
            self.note(f"{where}: reference range in {limit_unit} not convertible to {unit}")
            return None

    # -- resources

    def observations(self, i: int, res: Any) -> list[Observation]:
        if res.status in ("entered-in-error", "cancelled"):
            self.skipped[f"Observation ({res.status})"] += 1
            return []
        where = self.locator(i)
        day = _first(
            self.day_of(res.effectiveDateTime, where),
            self.day_of(res.effectivePeriod.start, where) if res.effectivePeriod else None,
            _day(res.effectiveInstant),
            _day(res.issued),
        )
        parts = [(res, where, self.where(i))] + [
            (c, f"{where}.component[{k}]", f"{self.where(i)}.component[{k}]")
            for k, c in enumerate(res.component or [])
        ]
        out = [o for part in parts if (o := self.observation(*part, day)) is not None]
        if not out:
            self.skipped["Observation (no usable code, name or value)"] += 1
        return out

    def observation(
        self, part: Any, where: str, field: str, day: date | None
    ) -> Observation | None:
        code, system, name = _observation_code(part.code)
        if code is None and name is None:
            return None
        value, unit = self.value(part, where)
        if value is None:
            return None
        concept = observation_concept(code, system, name)
        if isinstance(value, float):
            if unit is not None and concept is not None and not unit_fits(unit, concept):
                self.note(
                    f"{where}: unit {unit} does not convert to {concept.unit} ({concept.label}); "
                    "value kept without unit"
                )
                unit = None
            problem = value_problem(value, unit, concept, need_unit=False)
            if problem is not None and (value < 0 or concept is None):
                raise self.error(problem.message, f"{field}.valueQuantity.{problem.field}")
            if problem is not None:
                # third-party bundles carry the odd mislabelled lab (Synthea's total protein
                # "78 g/dL"): a positive value outside the plausible range is set aside, with
                # the reason, and the rest of the patient is kept
                self.note(f"{where}: {problem.message}; value set aside")
                return Observation(
                    code, system, name, None, unit, day, where, problem=problem.message
                )
        low = high = None
        for rr in part.referenceRange or []:
            if rr.low is not None or rr.high is not None:
                low = self.limit(rr.low, unit, concept, where)
                high = self.limit(rr.high, unit, concept, where)
                break
        return Observation(code, system, name, value, unit, day, where, low, high)

    def conditions(self, i: int, res: Any) -> list[Condition]:
        verification = _code_of(res.verificationStatus)
        if verification == "entered-in-error":
            self.skipped["Condition (entered-in-error)"] += 1
            return []
        where = self.locator(i)
        onset = _first(
            self.day_of(res.onsetDateTime, where),
            self.day_of(res.onsetPeriod.start, where) if res.onsetPeriod else None,
        )
        abatement = _first(
            self.day_of(res.abatementDateTime, where),
            self.day_of(res.abatementPeriod.start, where) if res.abatementPeriod else None,
        )
        status: Status | None
        if verification == "refuted":
            status = "absent"
        elif verification in ("unconfirmed", "provisional", "differential"):
            status = "unknown"
        else:
            clinical = _code_of(res.clinicalStatus)
            status = status_from(CONDITION_STATUS, clinical) if clinical else None
            if status is None:
                status = "resolved" if abatement else "unknown"
        items = _codes(res.code)
        if not items:
            self.skipped["Condition (no usable code or text)"] += 1
        return [Condition(c, s, n, status, onset, abatement, where) for c, s, n in items]

    def medications_of(self, i: int, res: Any) -> list[Medication]:
        kind = res.get_resource_type()
        if res.status == "entered-in-error":
            self.skipped[f"{kind} (entered-in-error)"] += 1
            return []
        where = self.locator(i)
        status: Status = status_from(MEDICATION_STATUS, str(res.status)) or "unknown"
        start = end = None
        dose: Any = None
        if kind == "MedicationRequest":
            start = self.day_of(res.authoredOn, where)
            if res.intent in ("proposal", "plan"):
                status = "unknown"  # not (yet) an order: says nothing about intake
            dose = _dose_and_rate(res.dosageInstruction)
        else:
            start = self.day_of(res.effectiveDateTime, where)
            if res.effectivePeriod is not None:
                start = _first(start, self.day_of(res.effectivePeriod.start, where))
                end = self.day_of(res.effectivePeriod.end, where)
            if kind == "MedicationStatement":
                dose = _dose_and_rate(res.dosage)
            elif res.dosage is not None:
                dose = _first(res.dosage.dose, res.dosage.rateQuantity)
        dose_value = dose_unit = None
        if dose is not None and dose.value is not None:
            dose_value = float(dose.value)
            dose_unit = self.unit(dose, where) if (dose.code or dose.unit) else None
        cc = res.medicationCodeableConcept
        if cc is None and res.medicationReference is not None:
            cc = self.resolve_medication(i, res)
            if cc is None and res.medicationReference.display:
                return [
                    Medication(
                        None,
                        None,
                        str(res.medicationReference.display),
                        status,
                        start,
                        end,
                        where,
                        dose_value,
                        dose_unit,
                    )
                ]
        items = _codes(cc)
        if not items:
            self.skipped[f"{kind} (no usable code or text)"] += 1
        return [
            Medication(c, s, n, status, start, end, where, dose_value, dose_unit)
            for c, s, n in items
        ]

    def procedures(self, i: int, res: Any) -> list[Procedure]:
        if res.status == "entered-in-error":
            self.skipped["Procedure (entered-in-error)"] += 1
            return []
        where = self.locator(i)
        status: Status = status_from(PROCEDURE_STATUS, str(res.status)) or "unknown"
        day = _first(
            self.day_of(res.performedDateTime, where),
            self.day_of(res.performedPeriod.start, where) if res.performedPeriod else None,
        )
        items = _codes(res.code)
        if not items:
            self.skipped["Procedure (no usable code or text)"] += 1
        return [Procedure(c, s, n, status, day, where) for c, s, n in items]

    def run(self) -> BundleReading:
        patient_index, patient = self.patient()
        self.read["Patient"] += 1
        observations: list[Observation] = []
        conditions: list[Condition] = []
        medications: list[Medication] = []
        procedures: list[Procedure] = []
        for i, (_, raw) in enumerate(self.entries):
            kind = raw["resourceType"]
            if kind not in MODELS:
                if kind != "Medication":  # Medications are read through their references
                    self.skipped[kind] += 1
                continue
            if kind == "Patient":
                continue
            res = self.validate(i, MODELS[kind])
            self.check_subject(i, res, patient_index)
            self.read[kind] += 1
            if kind == "Observation":
                observations += self.observations(i, res)
            elif kind == "Condition":
                conditions += self.conditions(i, res)
            elif kind == "Procedure":
                procedures += self.procedures(i, res)
            else:
                medications += self.medications_of(i, res)
        unread = [
            i
            for i, (_, r) in enumerate(self.entries)
            if r["resourceType"] == "Medication" and i not in self.medications
        ]
        if unread:
            self.skipped["Medication"] += len(unread)
        where = self.locator(patient_index)
        deceased = self.day_of(patient.deceasedDateTime, where)
        if deceased is None and patient.deceasedBoolean:
            self.note(f"{where}: deceased without a date; Record.deceased left empty")
        record = Record(
            id=_patient_id(patient, self.entries[patient_index][0], self.source),
            birth_date=self.day_of(patient.birthDate, where),
            sex=_SEX.get(str(patient.gender)) if patient.gender else None,
            observations=tuple(observations),
            conditions=tuple(conditions),
            medications=tuple(medications),
            procedures=tuple(procedures),
            deceased=deceased,
            source=self.source,
        )
        return BundleReading(
            record,
            MappingProxyType(dict(self.read)),
            MappingProxyType(dict(self.skipped)),
            tuple(self.notes),
        )


def _dose_and_rate(dosages: Sequence[Any] | None) -> Any:
    for dosage in dosages or []:
        for dr in dosage.doseAndRate or []:
            quantity = _first(dr.doseQuantity, dr.rateQuantity)
            if quantity is not None:
                return quantity
    return None


def _patient_id(patient: Any, full_url: str | None, source: str) -> str:
    for ident in patient.identifier or []:
        if ident.system == ELIGO_ID_SYSTEM and ident.value:
            return str(ident.value)
    if patient.id:
        return str(patient.id)
    return full_url or source


# --------------------------------------------------------------------------- public API


def read_bundle(data: Mapping[str, Any], source: str = "<input>") -> BundleReading:
    """Read a FHIR R4 Bundle, reporting what was read, skipped and adjusted.

    Args:
        data: The parsed JSON of a Bundle.
        source: Where it came from, for errors and ``Record.source``.

    Returns:
        The record with counts of resources read and skipped, and notes (units dropped, ...).

    Raises:
        PatientRecordError: not a Bundle, not exactly one Patient, a resource about another
            patient, a resource failing FHIR validation, or an impossible value.
    """
    kind = data.get("resourceType")
    if kind != "Bundle":
        raise PatientRecordError(
            f"FHIR resource of type {kind} is not supported here; "
            "expected a Bundle (or eligo patient JSON)",
            file=source,
        )
    return _BundleReader(data, source).run()


def parse_bundle(data: Mapping[str, Any], source: str = "<input>") -> Record:
    """Read a FHIR R4 Bundle into a Record (see :func:`read_bundle`)."""
    return read_bundle(data, source).record


def clinical_content(record: Record) -> Record:
    """The record without what has no FHIR home: sources, facts, ``complete`` and ``age``.

    Two records of the same patient, one read from eligo JSON and one from
    ``record_to_fhir`` of it, have equal ``clinical_content`` when the birth date is given.
    """

    def blank(items: Iterable[Any]) -> tuple[Any, ...]:
        return tuple(dataclasses.replace(x, source="") for x in items)

    return dataclasses.replace(
        record,
        age=None,
        observations=blank(record.observations),
        conditions=blank(record.conditions),
        medications=blank(record.medications),
        procedures=blank(record.procedures),
        facts=MappingProxyType({}),
        complete=frozenset(),
        source="",
    )


# --------------------------------------------------------------------------- Record -> FHIR

_CONDITION_OUT: Mapping[Status, tuple[str | None, str]] = MappingProxyType(
    {
        "active": ("active", "confirmed"),
        "resolved": ("resolved", "confirmed"),
        "completed": ("resolved", "confirmed"),
        "inactive": ("inactive", "confirmed"),
        "stopped": ("inactive", "confirmed"),
        "absent": (None, "refuted"),
        "unknown": (None, "unconfirmed"),
    }
)
_MEDICATION_OUT: Mapping[Status, str] = MappingProxyType(
    {
        "active": "active",
        "completed": "completed",
        "resolved": "completed",
        "stopped": "stopped",
        "inactive": "on-hold",
        "absent": "not-taken",
        "unknown": "unknown",
    }
)
_PROCEDURE_OUT: Mapping[Status, str] = MappingProxyType(
    {
        "completed": "completed",
        "resolved": "completed",
        "active": "in-progress",
        "stopped": "stopped",
        "inactive": "on-hold",
        "absent": "not-done",
        "unknown": "unknown",
    }
)


def _quantity(value: float, unit: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"value": value}
    if unit is not None:
        out |= {"unit": unit, "system": UCUM, "code": unit}
    return out


def _concept(items: Sequence[Any]) -> dict[str, Any]:
    codings = []
    for item in items:
        if item.code is not None:
            coding = {"system": item.system, "code": item.code, "display": item.name}
            codings.append({k: v for k, v in coding.items() if v is not None})
    names = {item.name for item in items}
    out: dict[str, Any] = {"coding": codings} if codings else {}
    if len(names) == 1 and None not in names:
        out["text"] = names.pop()
    return out


_Item = TypeVar("_Item", Condition, Medication, Procedure)


def _grouped(items: Sequence[_Item]) -> list[list[_Item]]:
    """Consecutive items that are one resource coded several ways (same source and fields)."""
    groups: list[list[_Item]] = []
    for item in items:
        key = dataclasses.replace(item, code=None, system=None, name=None)
        if (
            groups
            and item.source
            and dataclasses.replace(groups[-1][0], code=None, system=None, name=None) == key
        ):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _fhir_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.\-]", "-", text)[:64] or "patient"


def record_to_fhir(record: Record) -> dict[str, Any]:
    """Write a Record as a FHIR R4 ``collection`` Bundle (LOINC, ICD-10-CM, ATC, UCUM).

    ``facts``, ``complete`` and an ``age`` given instead of a birth date have no FHIR home and
    are dropped; a patient id that is not a valid FHIR id travels as an identifier
    (:data:`ELIGO_ID_SYSTEM`).  Reading the result back gives a record whose
    :func:`clinical_content` equals the original's.

    >>> bundle = record_to_fhir(Record(id="P1", sex="female", birth_date=date(1968, 4, 2)))
    >>> bundle["type"], bundle["entry"][0]["resource"]["birthDate"]
    ('collection', '1968-04-02')
    """
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"urn:eligo:{record.id}")
    entries: list[dict[str, Any]] = []

    def add(kind: str, resource: dict[str, Any], rid: str | None = None) -> str:
        rid = rid or str(uuid.uuid5(namespace, f"{kind}/{len(entries)}"))
        url = f"urn:uuid:{uuid.uuid5(namespace, f'{kind}/{rid}')}"
        entries.append({"fullUrl": url, "resource": {"resourceType": kind, "id": rid, **resource}})
        return url

    fid = _fhir_id(record.id)
    patient: dict[str, Any] = {}
    if fid != record.id:
        patient["identifier"] = [{"system": ELIGO_ID_SYSTEM, "value": record.id}]
    if record.sex is not None:
        patient["gender"] = record.sex
    if record.birth_date is not None:
        patient["birthDate"] = record.birth_date.isoformat()
    if record.deceased is not None:
        patient["deceasedDateTime"] = record.deceased.isoformat()
    patient_url = add("Patient", patient, fid)
    subject = {"reference": patient_url}

    for o in record.observations:
        obs: dict[str, Any] = {"status": "final", "subject": subject, "code": _concept([o])}
        if o.date is not None:
            obs["effectiveDateTime"] = o.date.isoformat()
        if isinstance(o.value, bool):
            obs["valueBoolean"] = o.value
        elif isinstance(o.value, float | int):
            obs["valueQuantity"] = _quantity(float(o.value), o.unit)
        elif isinstance(o.value, str):
            obs["valueString"] = o.value
        limits = {
            k: _quantity(v, o.unit)
            for k, v in (("low", o.reference_low), ("high", o.reference_high))
            if v is not None
        }
        if limits:
            obs["referenceRange"] = [limits]
        add("Observation", obs)

    for group in _grouped(record.conditions):
        c = group[0]
        clinical, verification = _CONDITION_OUT[c.status]
        cond: dict[str, Any] = {
            "subject": subject,
            "code": _concept(group),
            "verificationStatus": {"coding": [{"system": _VERIFICATION, "code": verification}]},
        }
        if clinical is not None:
            cond["clinicalStatus"] = {"coding": [{"system": _CLINICAL, "code": clinical}]}
        if c.onset is not None:
            cond["onsetDateTime"] = c.onset.isoformat()
        if c.abatement is not None:
            cond["abatementDateTime"] = c.abatement.isoformat()
        add("Condition", cond)

    for mgroup in _grouped(record.medications):
        m = mgroup[0]
        med: dict[str, Any] = {
            "subject": subject,
            "status": _MEDICATION_OUT[m.status],
            "medicationCodeableConcept": _concept(mgroup),
        }
        period = {k: d.isoformat() for k, d in (("start", m.start), ("end", m.end)) if d}
        if period:
            med["effectivePeriod"] = period
        if m.dose_value is not None:
            rate = m.dose_unit is not None and re.search(r"/(?:s|min|h|d)$", m.dose_unit)
            key = "rateQuantity" if rate else "doseQuantity"
            med["dosage"] = [{"doseAndRate": [{key: _quantity(m.dose_value, m.dose_unit)}]}]
        add("MedicationStatement", med)

    for pgroup in _grouped(record.procedures):
        p = pgroup[0]
        proc: dict[str, Any] = {
            "subject": subject,
            "status": _PROCEDURE_OUT[p.status],
            "code": _concept(pgroup),
        }
        if p.date is not None:
            proc["performedDateTime"] = p.date.isoformat()
        add("Procedure", proc)

    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


__all__ = [
    "MODELS",
    "BundleReading",
    "clinical_content",
    "parse_bundle",
    "read_bundle",
    "record_to_fhir",
]
