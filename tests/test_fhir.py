"""FHIR R4 Bundles: real third-party bundles load with the facts their README states; bad
bundles fail naming the entry; ``record_to_fhir`` round-trips."""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligo.errors import PatientRecordError
from eligo.fhir import clinical_content, parse_bundle, read_bundle, record_to_fhir
from eligo.patient import ICD10CM, LOINC, SNOMED, load_patient, parse_patient
from eligo.record import Record

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIXTURES = SHARED / "fixtures" / "fhir"
REAL_LOINC = re.compile(r"\d{1,7}-\d")


def fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.is_file():
        pytest.skip(f"FHIR fixture {path} not found (../shared is absent in this checkout)")
    return path


def all_fixtures() -> list[str]:
    if not FIXTURES.is_dir():
        return []
    return sorted(
        str(p.relative_to(FIXTURES))
        for p in [*FIXTURES.glob("*.json"), *FIXTURES.glob("synthea/*.json")]
    )


def synthea(prefix: str) -> Path:
    matches = sorted((FIXTURES / "synthea").glob(f"{prefix}*.json"))
    if not matches:
        pytest.skip(f"Synthea fixture {prefix}* not found under {FIXTURES / 'synthea'}")
    return matches[0]


# --------------------------------------------------------------------------- real bundles


@pytest.mark.parametrize(
    "name",
    all_fixtures()
    or [pytest.param("absent", marks=pytest.mark.skip(reason=f"{FIXTURES} not found"))],
)
def test_every_fixture_bundle_loads(name: str) -> None:
    record = load_patient(fixture(name))
    assert record.id and record.sex in ("female", "male")
    assert record.birth_date is not None
    assert record.complete == frozenset()  # FHIR is open world
    assert record.observations and record.conditions


def test_trial_matching_patient02() -> None:
    reading = read_bundle(
        json.loads(fixture("TrialMatching_Patient02.json").read_text()), "patient02"
    )
    record = reading.record
    assert record.id == "mCODETrialMatchingPatientExample02"
    assert (record.sex, record.birth_date) == ("female", date(1973, 1, 1))
    # subjects say Patient/mCODE…, the Patient's fullUrl is urn:uuid:mCODE…: resolved anyway
    assert reading.read == {
        "Patient": 1,
        "Observation": 10,
        "Condition": 2,
        "Procedure": 5,
        "MedicationStatement": 11,
    }
    primary = next(c for c in record.conditions if c.code == "408643008")
    assert (primary.system, primary.status) == (SNOMED, "active")
    secondary = next(c for c in record.conditions if c.code == "94222008")
    assert secondary.status == "unknown"  # no clinicalStatus, no abatement
    active = [m for m in record.medications if m.status == "active"]
    assert [(m.name, m.start) for m in active] == [("alpelisib Oral Product", date(2020, 2, 1))]
    assert sum(m.status == "completed" for m in record.medications) == 10
    assert len(record.procedures) == 5
    ecog = next(o for o in record.observations if o.code == "89247-1")
    assert ecog.value == 1.0


def test_lanell_ciel_codes_are_not_read_as_loinc() -> None:
    reading = read_bundle(
        json.loads(
            fixture("Lanell756_Goodwin327_988f3282-6014-affe-fb17-b051fe0380ee.json").read_text()
        ),
        "lanell",
    )
    record = reading.record
    assert (record.sex, record.birth_date, record.deceased) == ("female", date(1967, 5, 29), None)
    codes = {o.code for o in record.observations}
    assert codes == {None}  # every code under http://loinc.org is a padded CIEL id
    assert not any(o.system == LOINC for o in record.observations)
    assert "8480-6" not in codes and "39156-5" not in codes
    # the two blood pressures displayed only as "LOINC Code" are skipped, never guessed
    assert not any(o.name and "LOINC" in o.name for o in record.observations)
    assert reading.skipped["Observation (no usable code, name or value)"] == 12
    weight = next(o for o in record.observations if o.name == "Weight")
    assert (weight.value, weight.unit) == (65.402, "kg")
    tb = next(c for c in record.conditions if c.name == "Tuberculosis")
    assert (tb.code, tb.system, tb.status) == (None, None, "active")  # padded "SNOMED" code
    chd = next(c for c in record.conditions if c.code == "53741008")
    assert (chd.name, chd.onset) == ("Coronary Heart Disease", date(2001, 8, 13))
    assert reading.skipped["Encounter"] == 62 and reading.skipped["Claim"] == 66


def test_lawrence_warfarin_and_conditions() -> None:
    record = load_patient(
        fixture("Lawrence741_Hammes673_6d44fe03-2478-a82d-7495-3a7c433ed921.json")
    )
    assert (record.sex, record.birth_date) == ("female", date(1929, 12, 4))
    assert any("arfarin" in (m.name or "") and m.status == "active" for m in record.medications)
    assert {c.status for c in record.conditions} == {"active"}
    assert all(o.system != LOINC for o in record.observations)


def test_synthea_labs_and_blood_pressure_components() -> None:
    record = load_patient(synthea("Avril_Hane"))
    creatinine = [o for o in record.observations if o.code == "38483-4"]
    assert len(creatinine) == 20
    assert all(o.date is not None and o.unit == "mg/dL" for o in creatinine)
    assert creatinine[0].date == date(2011, 7, 31)
    assert creatinine[0].value == pytest.approx(2.6567, abs=1e-4)
    systolic = [o for o in record.observations if o.code == "8480-6"]
    diastolic = [o for o in record.observations if o.code == "8462-4"]
    assert len(systolic) == len(diastolic) == 10
    first_sys = systolic[0]
    assert first_sys.source.endswith(".component[1]")
    assert first_sys.unit == "mm[Hg]" and first_sys.date == date(2011, 8, 21)
    parent = first_sys.source.rsplit(".", 1)[0]
    partner = next(o for o in diastolic if o.source.startswith(parent + "."))
    assert partner.date == first_sys.date
    assert not any(o.code == "55284-4" for o in record.observations)  # panel has no value
    resolved = [c for c in record.conditions if c.status == "resolved"]
    assert all(c.abatement is not None for c in resolved) and resolved


def test_deceased_patient() -> None:
    record = load_patient(synthea("Parker_Casper"))
    assert record.deceased == date(2021, 2, 21)
    assert load_patient(synthea("Avril_Hane")).deceased is None


def test_synthea_round_trip_through_record_to_fhir() -> None:
    record = load_patient(synthea("Jordan_Cruickshank"))
    again = parse_bundle(record_to_fhir(record), "again")
    assert clinical_content(again) == clinical_content(record)


# --------------------------------------------------------------------------- small bundles

PATIENT_URL = "urn:uuid:p1"


def bundle(*resources: dict[str, Any], patient: dict[str, Any] | None = None) -> dict[str, Any]:
    """A transaction Bundle with one Patient (id p1) and the given resources."""
    pat = (
        patient
        if patient is not None
        else {"resourceType": "Patient", "id": "p1", "gender": "male", "birthDate": "1960-05-01"}
    )
    entries = [{"fullUrl": PATIENT_URL, "resource": pat}]
    for n, res in enumerate(resources):
        entries.append({"fullUrl": f"urn:uuid:r{n}", "resource": res})
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


def observation(code: str, display: str, value: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": f"o-{code}",
        "status": "final",
        "code": {"coding": [{"system": LOINC, "code": code, "display": display}]},
        "subject": {"reference": PATIENT_URL},
        "effectiveDateTime": "2020-03-04T10:00:00+01:00",
        "valueQuantity": value,
        **more,
    }


def error_of(data: dict[str, Any]) -> str:
    with pytest.raises(PatientRecordError) as info:
        parse_patient(data, "b.json")
    return str(info.value)


def test_subject_by_type_and_id() -> None:
    obs = observation("2160-0", "Creatinine", {"value": 1.1, "unit": "mg/dL"})
    obs["subject"] = {"reference": "Patient/p1"}
    record = parse_patient(bundle(obs))
    assert record.observations[0].date == date(2020, 3, 4)


def test_subject_of_another_patient_is_an_error() -> None:
    obs = observation("2160-0", "Creatinine", {"value": 1.1, "unit": "mg/dL"})
    obs["subject"] = {"reference": "Patient/someone-else"}
    assert error_of(bundle(obs)) == (
        "b.json: p1: entry[1] (Observation/o-2160-0).subject: refers to Patient/someone-else, "
        "not this Bundle's Patient (Patient/p1)"
    )


def test_bundle_needs_exactly_one_patient() -> None:
    assert error_of({"resourceType": "Bundle", "type": "collection", "entry": []}) == (
        "b.json: a patient Bundle needs exactly one Patient; this one has no Patient resource"
    )
    two = bundle()
    two["entry"].append(
        {"fullUrl": "urn:uuid:p2", "resource": {"resourceType": "Patient", "id": "p2"}}
    )
    assert "this one has 2 Patient resources (entry[0] (Patient/p1), entry[1] (Patient/p2))" in (
        error_of(two)
    )


def test_lone_resource_is_rejected() -> None:
    assert error_of(observation("2160-0", "Creatinine", {"value": 1.1})) == (
        "b.json: FHIR resource of type Observation is not supported here; "
        "expected a Bundle (or eligo patient JSON)"
    )


def test_invalid_resource_names_entry_and_field() -> None:
    obs = observation("2160-0", "Creatinine", {"value": "abc", "unit": "mg/dL"})
    message = error_of(bundle(obs))
    assert message.startswith("b.json: p1: entry[1] (Observation/o-2160-0).valueQuantity.value: ")
    misspelt = observation("2160-0", "Creatinine", {"value": 1.0})
    misspelt["efectiveDateTime"] = misspelt.pop("effectiveDateTime")
    assert (
        "entry[1] (Observation/o-2160-0).efectiveDateTime: unknown key 'efectiveDateTime' "
        "(did you mean 'effectiveDateTime'" in error_of(bundle(misspelt))
    )


def test_impossible_value_is_an_error() -> None:
    obs = observation(
        "6301-6",
        "INR",
        {"value": -2, "unit": "1", "system": "http://unitsofmeasure.org", "code": "1"},
    )
    assert error_of(bundle(obs)) == (
        "b.json: p1: entry[1] (Observation/o-6301-6).valueQuantity.value: "
        "-2 is not a plausible INR; accepted range 0.5–20"
    )


def test_implausible_positive_value_is_set_aside_with_its_reason() -> None:
    from datetime import date

    from eligo.evaluate import evaluate
    from eligo.lookup import RecordView
    from eligo.parse import compile_rule

    obs = observation(
        "6301-6",
        "INR",
        {"value": 45, "unit": "1", "system": "http://unitsofmeasure.org", "code": "1"},
    )
    record = parse_bundle(bundle(obs), "b.json")
    (o,) = record.observations
    assert o.value is None and o.problem and "45 is not a plausible INR" in o.problem
    trace = evaluate(compile_rule("inr < 1.6"), RecordView(record), date(2030, 1, 1))
    assert trace.root.truth.value is None
    assert "set aside" in trace.root.missing[0]


def test_unit_that_does_not_fit_the_analyte_is_dropped() -> None:
    obs = observation(
        "2160-0",
        "Creatinine",
        {"value": 1.1, "unit": "mg/dL", "code": "kg", "system": "http://unitsofmeasure.org"},
    )
    reading = read_bundle(bundle(obs))
    (creatinine,) = reading.record.observations
    assert (creatinine.value, creatinine.unit) == (1.1, None)
    assert any("does not convert to mg/dL" in note for note in reading.notes)


def test_unknown_unit_is_dropped_but_value_kept() -> None:
    obs = observation("8867-4", "Heart rate", {"value": 72, "unit": "beats/minute"})
    reading = read_bundle(bundle(obs))
    assert (reading.record.observations[0].value, reading.record.observations[0].unit) == (
        72.0,
        None,
    )
    assert reading.notes == (
        "Observation/o-8867-4: unit 'beats/minute' is not UCUM; value kept without unit",
    )


def test_reference_range_converted_to_value_unit() -> None:
    obs = observation(
        "2160-0",
        "Creatinine",
        {"value": 1.0, "unit": "mg/dL"},
        referenceRange=[
            {"low": {"value": 53, "unit": "umol/L"}, "high": {"value": 115, "unit": "umol/L"}}
        ],
    )
    (creatinine,) = parse_patient(bundle(obs)).observations
    assert creatinine.reference_low == pytest.approx(0.6, abs=0.01)
    assert creatinine.reference_high == pytest.approx(1.3, abs=0.01)


def test_censored_and_categorical_values() -> None:
    censored = observation(
        "2160-0", "Creatinine", {"value": 0.3, "comparator": "<", "unit": "mg/dL"}
    )
    coded = observation("40556-3", "ER", {})
    del coded["valueQuantity"]
    coded["valueCodeableConcept"] = {
        "coding": [{"system": SNOMED, "code": "10828004", "display": "Positive"}]
    }
    cancelled = observation(
        "777-3", "Platelets", {"value": 100, "unit": "10*9/L"}, status="cancelled"
    )
    reading = read_bundle(bundle(censored, coded, cancelled))
    values = [o.value for o in reading.record.observations]
    assert values == ["<0.3", "Positive"]
    assert reading.skipped["Observation (cancelled)"] == 1


def condition(**fields: Any) -> dict[str, Any]:
    return {
        "resourceType": "Condition",
        "id": "c1",
        "subject": {"reference": PATIENT_URL},
        **fields,
    }


def test_condition_with_two_codings_is_two_items_with_one_source() -> None:
    cond = condition(
        code={
            "coding": [
                {"system": ICD10CM, "code": "K7031", "display": "Alcoholic cirrhosis"},
                {"system": SNOMED, "code": "420054005", "display": "Alcoholic cirrhosis"},
            ]
        },
        clinicalStatus={"coding": [{"code": "active"}]},
        onsetDateTime="2024-03",
    )
    reading = read_bundle(bundle(cond))
    icd, snomed = reading.record.conditions
    assert (icd.code, icd.system, snomed.code, snomed.system) == (
        "K70.31",
        ICD10CM,
        "420054005",
        SNOMED,
    )
    assert icd.source == snomed.source == "Condition/c1"
    assert icd.onset == date(2024, 3, 1)
    assert "Condition/c1: partial date 2024-03 read as its first day" in reading.notes
    # and back: one FHIR Condition with both codings
    out = record_to_fhir(reading.record)
    conditions = [
        e["resource"] for e in out["entry"] if e["resource"]["resourceType"] == "Condition"
    ]
    assert len(conditions) == 1 and len(conditions[0]["code"]["coding"]) == 2


def test_condition_verification_status() -> None:
    refuted = condition(code={"text": "HIV"}, verificationStatus={"coding": [{"code": "refuted"}]})
    error = condition(
        id="c2", code={"text": "HCV"}, verificationStatus={"coding": [{"code": "entered-in-error"}]}
    )
    reading = read_bundle(bundle(refuted, error))
    assert [(c.name, c.status) for c in reading.record.conditions] == [("HIV", "absent")]
    assert reading.skipped["Condition (entered-in-error)"] == 1


def test_medication_reference_and_dose() -> None:
    med = {
        "resourceType": "Medication",
        "id": "m1",
        "code": {
            "coding": [
                {
                    "system": "http://www.whocc.no/atc",
                    "code": "C01CA03",
                    "display": "norepinephrine",
                }
            ]
        },
    }
    admin = {
        "resourceType": "MedicationAdministration",
        "id": "a1",
        "status": "in-progress",
        "medicationReference": {"reference": "Medication/m1"},
        "subject": {"reference": PATIENT_URL},
        "effectiveDateTime": "2026-11-19T08:00:00Z",
        "dosage": {"rateQuantity": {"value": 0.2, "unit": "mcg/kg/min"}},
    }
    contained = {
        "resourceType": "MedicationRequest",
        "id": "r1",
        "status": "active",
        "intent": "order",
        "contained": [{"resourceType": "Medication", "id": "x", "code": {"text": "warfarin"}}],
        "medicationReference": {"reference": "#x"},
        "subject": {"reference": PATIENT_URL},
        "authoredOn": "2026-01-02",
    }
    reading = read_bundle(bundle(med, admin, contained))
    norepinephrine, warfarin = reading.record.medications
    assert (norepinephrine.code, norepinephrine.status, norepinephrine.start) == (
        "C01CA03",
        "active",
        date(2026, 11, 19),
    )
    assert (norepinephrine.dose_value, norepinephrine.dose_unit) == (0.2, "ug/kg/min")
    assert (warfarin.name, warfarin.start) == ("warfarin", date(2026, 1, 2))
    assert reading.read["Medication"] == 1


def test_procedure_not_done_is_absent() -> None:
    proc = {
        "resourceType": "Procedure",
        "id": "x1",
        "status": "not-done",
        "code": {"coding": [{"system": SNOMED, "code": "392021009"}]},
        "subject": {"reference": PATIENT_URL},
        "performedPeriod": {"start": "2019-03-01"},
    }
    (procedure,) = parse_patient(bundle(proc)).procedures
    assert (procedure.status, procedure.date) == ("absent", date(2019, 3, 1))


# --------------------------------------------------------------------------- record_to_fhir

RICH: dict[str, Any] = {
    "id": "P_042",  # not a valid FHIR id: travels as an identifier
    "birth_date": "1968-04-02",
    "sex": "female",
    "observations": [
        {
            "code": "777-3",
            "system": "http://loinc.org",
            "name": "Platelets",
            "value": 85000,
            "unit": "/uL",
            "date": "2026-11-20",
            "reference_low": 150000,
            "reference_high": 450000,
        },
        {
            "code": "2160-0",
            "system": "http://loinc.org",
            "name": "Creatinine",
            "value": 150,
            "unit": "umol/L",
            "date": "2026-11-20",
        },
        {"name": "child_pugh_class", "value": "B", "date": "2026-11-20"},
        {"name": "ascites", "value": True},
    ],
    "conditions": [
        {
            "code": "K70.31",
            "system": "http://hl7.org/fhir/sid/icd-10-cm",
            "name": "Alcoholic cirrhosis with ascites",
            "status": "active",
            "onset": "2024-03-01",
        },
        {"name": "HIV", "status": "ruled out"},
        {"code": "A41.9", "name": "sepsis", "onset": "2025-01-01", "abatement": "2025-02-01"},
        {"name": "hepatitis C", "status": "unknown"},
    ],
    "medications": [
        {
            "code": "C01CA03",
            "system": "http://www.whocc.no/atc",
            "name": "norepinephrine",
            "dose": {"value": 0.2, "unit": "ug/kg/min"},
            "start": "2026-11-19",
            "end": None,
        },
        {
            "name": "warfarin",
            "status": "stopped",
            "start": "2020-01-01",
            "end": "2021-01-01",
            "dose": {"value": 5, "unit": "mg"},
        },
        {"name": "terlipressin", "status": "not taken"},
    ],
    "procedures": [
        {"code": "392021009", "name": "lumpectomy", "date": "2019-03-01"},
        {"name": "TIPS", "status": "not-done"},
    ],
    "facts": {"consent": True},
    "complete": ["conditions"],
}


def test_record_to_fhir_round_trip() -> None:
    record = parse_patient(copy.deepcopy(RICH), "rich.json")
    out = record_to_fhir(record)
    Bundle.model_validate(out)  # a valid R4 Bundle
    assert out["type"] == "collection"
    patient = out["entry"][0]["resource"]
    assert patient["id"] == "P-042"
    assert patient["identifier"] == [{"system": "urn:eligo:patient-id", "value": "P_042"}]
    again = parse_patient(json.loads(json.dumps(out)), "rich.fhir.json")
    assert again.id == "P_042"
    assert again.facts == {} and again.complete == frozenset()  # no FHIR home: dropped
    assert clinical_content(again) == clinical_content(record)
    platelets = out["entry"][1]["resource"]
    assert platelets["valueQuantity"] == {
        "value": 85000.0,
        "unit": "/uL",
        "system": "http://unitsofmeasure.org",
        "code": "/uL",
    }
    assert platelets["referenceRange"][0]["low"]["value"] == 150000.0


def test_clinical_content_ignores_only_what_fhir_cannot_hold() -> None:
    record = parse_patient(copy.deepcopy(RICH))
    other = parse_patient(copy.deepcopy(RICH) | {"sex": "male"})
    assert clinical_content(record) != clinical_content(other)
    assert isinstance(clinical_content(record), Record)


# --------------------------------------------------------------------------- robustness

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
FUZZ_PATHS: list[tuple[int | str, ...]] = [
    (0, "birthDate"),
    (0, "gender"),
    (0, "deceasedDateTime"),
    (0, "id"),
    (1, "subject"),
    (1, "valueQuantity", "value"),
    (1, "valueQuantity", "unit"),
    (1, "valueQuantity", "code"),
    (1, "code"),
    (1, "effectiveDateTime"),
    (1, "referenceRange"),
    (1, "component"),
    (1, "status"),
    (2, "code"),
    (2, "clinicalStatus"),
    (2, "onsetDateTime"),
    (2, "verificationStatus"),
    (3, "medicationReference"),
    (3, "dosage"),
    (3, "status"),
    (3, "intent"),
    (3, "authoredOn"),
    (4, "code"),
    (4, "performedPeriod"),
]


def fuzz_bundle() -> dict[str, Any]:
    request = {
        "resourceType": "MedicationRequest",
        "id": "r1",
        "status": "active",
        "intent": "order",
        "medicationCodeableConcept": {"text": "warfarin"},
        "subject": {"reference": PATIENT_URL},
    }
    proc = {
        "resourceType": "Procedure",
        "id": "x1",
        "status": "completed",
        "code": {"text": "TIPS"},
        "subject": {"reference": PATIENT_URL},
    }
    obs = observation("2160-0", "Creatinine", {"value": 1.1, "unit": "mg/dL"})
    return bundle(obs, condition(code={"text": "HIV"}), request, proc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FUZZ_PATHS), JSON_VALUES)
def test_only_patient_record_errors_escape(path: tuple[int | str, ...], value: Any) -> None:
    data = fuzz_bundle()
    target: Any = data["entry"][path[0]]["resource"]
    for key in path[1:-1]:
        target = target[key]
    target[path[-1]] = value
    try:
        record = parse_patient(data, "fuzz.json")
    except PatientRecordError as err:
        assert "cannot read record" not in str(err), str(err)
    else:
        assert isinstance(record, Record)
