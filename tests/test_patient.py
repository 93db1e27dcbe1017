"""eligo patient JSON: contract §3 records load, bad ones fail with a message naming the field."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eligo.errors import PatientRecordError
from eligo.patient import (
    ICD10CM,
    LOINC,
    SNOMED,
    iter_patients,
    load_patient,
    parse_patient,
    patient_json_schema,
)
from eligo.record import Record

CONTRACT_EXAMPLE: dict[str, Any] = {
    "id": "P001",
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
        },
        {"name": "child_pugh_class", "value": "B", "date": "2026-11-20"},
    ],
    "conditions": [
        {
            "code": "K70.31",
            "system": "http://hl7.org/fhir/sid/icd-10-cm",
            "name": "Alcoholic cirrhosis with ascites",
            "status": "active",
            "onset": "2024-03-01",
        }
    ],
    "medications": [
        {
            "code": "C01CA03",
            "system": "http://www.whocc.no/atc",
            "name": "norepinephrine",
            "dose": {"value": 0.2, "unit": "ug/kg/min"},
            "start": "2026-11-19",
            "end": None,
        }
    ],
    "procedures": [],
    "facts": {"consent": True, "willing_for_transplant": False},
}


def example(**changes: Any) -> dict[str, Any]:
    """A deep copy of the contract example with top-level keys replaced."""
    data = copy.deepcopy(CONTRACT_EXAMPLE)
    data.update(changes)
    return data


def error_of(data: object) -> str:
    with pytest.raises(PatientRecordError) as info:
        parse_patient(data, "p.json")
    return str(info.value)


def with_observation(**obs: Any) -> dict[str, Any]:
    return example(observations=[obs])


# --------------------------------------------------------------------------- valid records


def test_contract_example_loads(tmp_path: Path) -> None:
    path = tmp_path / "p001.json"
    path.write_text(json.dumps(CONTRACT_EXAMPLE))
    record = load_patient(path)
    assert record.id == "P001"
    assert record.birth_date == date(1968, 4, 2)
    assert record.sex == "female"
    assert record.source == str(path)
    platelets, child_pugh = record.observations
    assert (platelets.code, platelets.system, platelets.value, platelets.unit) == (
        "777-3",
        LOINC,
        85000.0,
        "/uL",
    )
    assert platelets.date == date(2026, 11, 20)
    assert platelets.source == "observations[0]"
    assert (child_pugh.code, child_pugh.name, child_pugh.value) == (None, "child_pugh_class", "B")
    (cirrhosis,) = record.conditions
    assert (cirrhosis.code, cirrhosis.system, cirrhosis.status) == ("K70.31", ICD10CM, "active")
    assert cirrhosis.onset == date(2024, 3, 1)
    (norepinephrine,) = record.medications
    assert norepinephrine.status == "active"  # no end date
    assert (norepinephrine.dose_value, norepinephrine.dose_unit) == (0.2, "ug/kg/min")
    assert dict(record.facts) == {"consent": True, "willing_for_transplant": False}
    assert record.complete == frozenset()


def test_units_are_normalised_to_ucum() -> None:
    record = parse_patient(with_observation(name="platelets", value=85, unit="x10^9/L"))
    assert record.observations[0].unit == "10*9/L"


def test_datetimes_reduce_to_the_date_as_written() -> None:
    record = parse_patient(
        with_observation(name="INR", value=1.2, date="2026-11-20T23:30:00-05:00")
    )
    assert record.observations[0].date == date(2026, 11, 20)


def test_age_instead_of_birth_date() -> None:
    data = example(age={"value": 58, "unit": "years"})
    del data["birth_date"]
    assert parse_patient(data).age == (58.0, "a")


def test_statuses_are_normalised() -> None:
    data = example(
        conditions=[
            {"name": "HIV", "status": "ruled out"},
            {"name": "hepatitis C", "status": "Remission"},
            {"name": "sepsis", "onset": "2025-01-01", "abatement": "2025-02-01"},
        ],
        medications=[{"name": "warfarin", "start": "2020-01-01", "end": "2021-01-01"}],
        procedures=[{"name": "TIPS", "status": "not-done"}, {"name": "paracentesis"}],
    )
    record = parse_patient(data)
    assert [c.status for c in record.conditions] == ["absent", "inactive", "resolved"]
    assert record.medications[0].status == "completed"
    assert [p.status for p in record.procedures] == ["absent", "completed"]


def test_codes_are_normalised_and_systems_inferred() -> None:
    data = example(
        observations=[{"code": "777-3", "value": 150, "unit": "10*9/L"}],
        conditions=[{"code": "k7031", "system": "icd10cm"}, {"code": "408643008"}],
        medications=[{"code": "B01AA03"}],
    )
    record = parse_patient(data)
    assert record.observations[0].system == LOINC
    assert [(c.code, c.system) for c in record.conditions] == [
        ("K70.31", ICD10CM),
        ("408643008", SNOMED),
    ]
    assert record.medications[0].system == "http://www.whocc.no/atc"


def test_facts_and_complete() -> None:
    data = example(
        facts={
            "consent": True,
            "life_expectancy": {"value": 6, "unit": "months"},
            "milan_criteria": True,
        },
        complete=["conditions", "medications"],
    )
    record = parse_patient(data)
    assert record.facts["life_expectancy"] == (6.0, "mo")
    assert record.facts["milan_criteria"] is True
    assert record.complete == frozenset({"conditions", "medications"})


def test_molar_units_are_checked_by_molar_mass() -> None:
    # 300 umol/L creatinine = 3.4 mg/dL: plausible
    parse_patient(with_observation(name="creatinine", value=300, unit="umol/L"))
    message = error_of(with_observation(name="creatinine", value=30000, unit="umol/L"))
    assert "observations[0].value: 30000 umol/L (= 339.36 mg/dL) is not a plausible" in message
    assert "accepted range 0.1–25 mg/dL" in message


# --------------------------------------------------------------------------- bad records


def test_observation_needs_code_or_name() -> None:
    message = error_of(with_observation(value=1.2, unit="1"))
    assert message == "p.json: P001: observations[0]: needs a 'code' (with 'system') or a 'name'"


def test_misspelt_key_gets_did_you_mean() -> None:
    data = example(birthdate="1968-04-02")
    del data["birth_date"]
    message = error_of(data)
    assert message.startswith("p.json: P001: birthdate: unknown key 'birthdate'")
    assert "(did you mean 'birth_date'?)" in message

    message = error_of(with_observation(name="INR", valeu=1.2))
    assert "observations[0].valeu: unknown key 'valeu' (did you mean 'value'?)" in message
    assert "accepted keys: code, system, name, value, unit, date" in message


def test_negative_inr_is_rejected_with_accepted_range() -> None:
    message = error_of(
        with_observation(code="6301-6", system="http://loinc.org", name="INR", value=-2)
    )
    assert message == (
        "p.json: P001: observations[0].value: -2 is not a plausible INR; accepted range 0.5–20"
    )


def test_impossible_platelets_rejected_after_conversion() -> None:
    message = error_of(with_observation(name="platelets", value=5e12, unit="/L"))
    assert message == (
        "p.json: P001: observations[0].value: 5e+12 /L (= 5000 10*9/L) is not a plausible "
        "platelet count; accepted range 1–2000 10*9/L"
    )


def test_analyte_found_by_loinc_code_alone() -> None:
    message = error_of(with_observation(code="777-3", system="loinc", value=5e12, unit="/L"))
    assert "observations[0].value: 5e+12 /L (= 5000 10*9/L) is not a plausible" in message


def test_negative_lab_value_rejected_even_for_unknown_analytes() -> None:
    message = error_of(with_observation(name="frobulin (made-up analyte)", value=-3, unit="ug/L"))
    assert "observations[0].value: -3 ug/L is negative, which is impossible" in message
    # scales that go below zero are fine
    parse_patient(with_observation(name="DXA T-score", value=-2.5, unit="{T-score}"))


def test_lab_without_unit_is_rejected() -> None:
    message = error_of(with_observation(name="platelets", value=85000))
    assert "observations[0].unit: platelet count needs a unit (its canonical unit is 10*9/L)" in (
        message
    )


def test_unknown_unit_names_the_field() -> None:
    message = error_of(with_observation(name="creatinine", value=1.2, unit="mg/dk"))
    assert message.startswith("p.json: P001: observations[0].unit: 'mg/dk' is not a UCUM unit")
    assert "'mg/dL'" in message


def test_incompatible_unit_for_analyte() -> None:
    message = error_of(with_observation(name="creatinine", value=1.2, unit="kg"))
    assert (
        "observations[0].unit: unit kg cannot be used for serum creatinine: "
        "cannot convert 'kg' to 'mg/dL'"
    ) in message


def test_bad_date_names_the_field_and_form() -> None:
    data = example()
    data["conditions"][0]["onset"] = "2024-13-01"
    assert error_of(data) == (
        "p.json: P001: conditions[0].onset: expected an ISO 8601 date (YYYY-MM-DD) "
        "or date-time, got '2024-13-01'"
    )


def test_partial_dates_are_not_guessed() -> None:
    data = example()
    data["conditions"][0]["onset"] = "2024-03"
    assert "conditions[0].onset: expected an ISO 8601 date" in error_of(data)


def test_unknown_status_lists_accepted_words() -> None:
    data = example()
    data["conditions"][0]["status"] = "activ"
    message = error_of(data)
    assert "conditions[0].status: unknown status 'activ' (did you mean 'active'" in message
    assert "accepted: active, recurrence, relapse, inactive, remission, resolved" in message


def test_invalid_codes_are_rejected() -> None:
    message = error_of(with_observation(code="777-4", system="loinc", value=85, unit="10*9/L"))
    assert "observations[0].code: '777-4' is not a valid LOINC code (expected e.g. 777-3)" in (
        message
    )
    data = example(conditions=[{"code": "112141AAAA", "system": SNOMED, "name": "TB"}])
    assert "conditions[0].code: '112141AAAA' is not a valid SNOMED CT code" in error_of(data)


def test_unknown_fact_gets_did_you_mean() -> None:
    message = error_of(example(facts={"consnt": True}))
    assert "facts.consnt: unknown fact 'consnt' (did you mean 'consent'?)" in message


def test_fixed_facts_are_typed() -> None:
    message = error_of(example(facts={"consent": "yes"}))
    assert "facts.consent: Input should be a valid boolean, got 'yes'" in message
    message = error_of(example(facts={"life_expectancy": {"value": 6, "unit": "mg"}}))
    assert "facts.life_expectancy.unit: life expectancy needs a unit convertible to mo" in message


def test_birth_date_and_age_together_rejected() -> None:
    message = error_of(example(age={"value": 58, "unit": "a"}))
    assert message == "p.json: P001: age: give birth_date or age, not both"


def test_dates_out_of_order_rejected() -> None:
    data = example(
        conditions=[{"name": "sepsis", "onset": "2025-02-01", "abatement": "2025-01-01"}]
    )
    assert "conditions[0].abatement: abatement 2025-01-01 is before onset 2025-02-01" in (
        error_of(data)
    )


def test_several_problems_are_reported_together() -> None:
    data = example(sex="F", observations=[{"name": "INR", "value": 1.1, "date": "yesterday"}])
    message = error_of(data)
    assert message.startswith("p.json: P001: sex: Input should be 'female', 'male', 'other'")
    assert "also observations[0].date: expected an ISO 8601 date" in message


def test_not_an_object() -> None:
    assert error_of([CONTRACT_EXAMPLE]) == (
        "p.json: expected a JSON object (eligo patient or FHIR Bundle), got a JSON array"
    )


def test_lone_fhir_resource_is_not_a_patient() -> None:
    message = error_of({"resourceType": "Observation", "status": "final"})
    assert message == (
        "p.json: FHIR resource of type Observation is not supported here; "
        "expected a Bundle (or eligo patient JSON)"
    )


# --------------------------------------------------------------------------- files and batches


def test_truncated_json_reports_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_text(json.dumps(CONTRACT_EXAMPLE, indent=2)[:200])
    with pytest.raises(PatientRecordError) as info:
        load_patient(path)
    message = str(info.value)
    assert message.startswith(f"{path}:")
    line_col = message[len(str(path)) + 1 :].split(":")[:2]
    assert all(part.isdigit() for part in line_col), message
    assert "invalid JSON" in message


def test_duplicate_keys_and_nan_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text('{"id": "P1", "id": "P2"}')
    with pytest.raises(PatientRecordError, match="duplicate key 'id'"):
        load_patient(path)
    path.write_text('{"id": "P1", "observations": [{"name": "INR", "value": NaN}]}')
    with pytest.raises(PatientRecordError, match="NaN is not a JSON number"):
        load_patient(path)


def test_missing_file() -> None:
    with pytest.raises(PatientRecordError, match="no such file"):
        load_patient("/nonexistent/p.json")
    with pytest.raises(PatientRecordError, match="no such file or folder"):
        iter_patients("/nonexistent")


def test_json_lines_batch_yields_errors_in_place(tmp_path: Path) -> None:
    good = json.dumps(CONTRACT_EXAMPLE)
    bad_value = json.dumps(with_observation(name="INR", value=-2) | {"id": "P002"})
    lines = [
        good,
        "",
        bad_value,
        '{"id": "P003", "observations": [',
        json.dumps(example(id="P004")),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items = list(iter_patients(path))
    assert [label for label, _ in items] == [f"{path}:{n}" for n in (1, 3, 4, 5)]
    first, second, third, fourth = (item for _, item in items)
    assert isinstance(first, Record) and first.id == "P001" and first.source == f"{path}:1"
    assert isinstance(second, PatientRecordError)
    assert str(second) == (
        f"{path}:3: P002: observations[0].value: -2 is not a plausible INR; accepted range 0.5–20"
    )
    assert isinstance(third, PatientRecordError)
    assert str(third).startswith(f"{path}:4:33: invalid JSON: Expecting value")
    assert isinstance(fourth, Record) and fourth.id == "P004"


def test_folder_is_read_in_name_order(tmp_path: Path) -> None:
    for name in ("b.json", "a.json", "c.json"):
        (tmp_path / name).write_text(json.dumps(example(id=name[0].upper())))
    (tmp_path / "notes.txt").write_text("not a patient")
    (tmp_path / "b.json").write_text("{")
    items = list(iter_patients(tmp_path))
    assert [Path(label).name for label, _ in items] == ["a.json", "b.json", "c.json"]
    assert isinstance(items[1][1], PatientRecordError)
    assert [r.id for _, r in items if isinstance(r, Record)] == ["A", "C"]


def test_single_file_batch(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(CONTRACT_EXAMPLE))
    ((label, record),) = list(iter_patients(path))
    assert label == str(path) and isinstance(record, Record)


def test_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(PatientRecordError, match=r"folder has no \*\.json patient files"):
        iter_patients(tmp_path)


# --------------------------------------------------------------------------- schema


def test_json_schema_documents_every_field() -> None:
    schema = patient_json_schema()
    assert schema["title"] == "eligo patient record"
    assert schema["additionalProperties"] is False
    assert {"id", "birth_date", "observations", "facts", "complete"} <= set(schema["properties"])
    obs = schema["$defs"]["ObservationIn"]
    assert obs["additionalProperties"] is False
    assert "UCUM" in json.dumps(obs["properties"]["unit"])
    json.dumps(schema)  # serialisable


# --------------------------------------------------------------------------- robustness

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
KEYS = st.sampled_from(
    [
        "id",
        "birth_date",
        "age",
        "sex",
        "observations",
        "conditions",
        "medications",
        "facts",
        "complete",
        "code",
        "value",
        "unit",
        "date",
        "status",
        "resourceType",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(KEYS, JSON_VALUES, max_size=6)
    | st.builds(
        lambda obs: example(observations=[obs]),
        st.dictionaries(
            st.sampled_from(["code", "system", "name", "value", "unit", "date", "reference_low"]),
            JSON_VALUES,
        ),
    )
)
def test_only_patient_record_errors_escape(data: dict[str, Any]) -> None:
    try:
        record = parse_patient(data)
    except PatientRecordError as err:
        assert "cannot read record" not in str(err), str(err)
    else:
        assert isinstance(record, Record)


def test_values_must_suit_the_concept() -> None:
    message = error_of(with_observation(name="platelets", value="85,000", unit="/uL"))
    assert (
        "observations[0].value: platelet count needs a number (with its unit), or a "
        "censored value such as '<0.5'; got '85,000'" in message
    )
    assert parse_patient(with_observation(name="bilirubin", value="<0.5", unit="mg/dL"))
    message = error_of(with_observation(name="child_pugh_class", value=8))
    assert "observations[0].value: 8.0 is not a Child-Pugh class; accepted: A, B, C" in message
    message = error_of(with_observation(name="child_pugh_class", value="D"))
    assert "'D' is not a Child-Pugh class; accepted: A, B, C" in message
    record = parse_patient(with_observation(name="child pugh", value="b"))
    assert record.observations[0].value == "B"


def test_lab_system_names_of_total_bilirubin_are_bilirubin() -> None:
    # uncoded rows named as lab systems print the LOINC component "Bilirubin.total" were
    # read as no analyte at all (their values silently unused)
    for name in ("Bilirubin, Total", "Bilirubin total", "bilirubin.total"):
        message = error_of(with_observation(name=name, value=5000, unit="umol/L"))
        assert "is not a plausible total bilirubin" in message, message
