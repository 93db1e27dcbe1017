"""Grammar constructs from real corpus lines, screened on both sides of the threshold.

Each scenario compiles one registry line from its text (``compile_text``) and evaluates it
against a patient built as eligo patient JSON and loaded through ``parse_patient``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pytest_bdd import given, parsers, scenarios, then, when

from eligo.evaluate import Trace, evaluate
from eligo.lookup import RecordView
from eligo.parse import Compiled, compile_text
from eligo.patient import parse_patient
from eligo.render import render

scenarios("corpus_constructs.feature")

LAB_DATE = "2026-11-20"
_OBS = re.compile(
    r"^(?P<name>\w+) (?P<value>-?[\d.]+) (?P<unit>\S+)(?: ref (?P<lo>[\d.]+)-(?P<hi>[\d.]+))?$"
)
MET = {"met": True, "not met": False, "undecided": None}


def _observations(text: str) -> list[dict[str, Any]]:
    if text.strip() == "nothing":
        return []
    out = []
    for part in text.split(";"):
        m = _OBS.match(part.strip())
        assert m, f"cannot read observation {part!r}"
        obs: dict[str, Any] = {
            "name": m["name"],
            "value": float(m["value"]),
            "unit": m["unit"],
            "date": LAB_DATE,
        }
        if m["lo"]:
            obs["reference_low"] = float(m["lo"])
            obs["reference_high"] = float(m["hi"])
        out.append(obs)
    return out


@given(parsers.parse('the {kind} line "{line}"'), target_fixture="compiled")
def the_line(kind: str, line: str) -> Compiled:
    return compile_text(line, kind)  # type: ignore[arg-type]


@given(parsers.parse("a patient with observations {observations}"), target_fixture="patient")
def patient_with_observations(observations: str) -> dict[str, Any]:
    return {
        "id": "t",
        "birth_date": "1970-01-01",
        "sex": "female",
        "observations": _observations(observations),
    }


@given(
    parsers.parse("a patient with observations {observations} and the fact {fact} {answer}"),
    target_fixture="patient",
)
def patient_with_observations_and_fact(observations: str, fact: str, answer: str) -> dict[str, Any]:
    facts = {} if answer == "unrecorded" else {fact: answer == "true"}
    return {
        "id": "t",
        "birth_date": "1970-01-01",
        "sex": "female",
        "observations": _observations(observations),
        "facts": facts,
    }


@given(
    parsers.parse("a {sex} patient with observations {what} {value:d} ms"), target_fixture="patient"
)
def sexed_patient(sex: str, what: str, value: int) -> dict[str, Any]:
    return {
        "id": "t",
        "birth_date": "1970-01-01",
        "sex": sex,
        "observations": [{"name": what, "value": value, "unit": "ms", "date": LAB_DATE}],
    }


@given(
    parsers.parse("a {sex} patient born {born} with observations {observations}"),
    target_fixture="patient",
)
def sexed_born_patient(sex: str, born: str, observations: str) -> dict[str, Any]:
    return {"id": "t", "birth_date": born, "sex": sex, "observations": _observations(observations)}


_CONDITION = re.compile(
    r"^(?P<code>[A-Z]\d[\w.]*) since (?P<onset>\d{4}-\d\d-\d\d)"
    r"(?: resolved (?P<abatement>\d{4}-\d\d-\d\d))?$"
)


@given(
    parsers.parse("a patient with observations {observations} and conditions {conditions}"),
    target_fixture="patient",
)
def patient_with_observations_and_conditions(observations: str, conditions: str) -> dict[str, Any]:
    patient = patient_with_conditions(conditions)
    patient["observations"] = _observations(observations)
    return patient


@given(
    parsers.parse("a patient scored {score} {category} with conditions {conditions}"),
    target_fixture="patient",
)
def patient_with_category_and_conditions(
    score: str, category: str, conditions: str
) -> dict[str, Any]:
    """A categorical score ("nyha_class IV") measured a week before screening."""
    patient = patient_with_conditions(conditions)
    if category != "unmeasured":
        patient["observations"] = [{"name": score, "value": category, "date": LAB_DATE}]
    return patient


@given(
    parsers.parse("a patient with conditions {conditions} and the procedure {name} on {when}"),
    target_fixture="patient",
)
def patient_with_conditions_and_procedure(conditions: str, name: str, when: str) -> dict[str, Any]:
    patient = patient_with_conditions(conditions)
    if when != "never":
        patient["procedures"] = [{"name": name, "date": when, "status": "completed"}]
    return patient


@given(parsers.parse("a patient with conditions {conditions}"), target_fixture="patient")
def patient_with_conditions(conditions: str) -> dict[str, Any]:
    """ "C18.9 since 2024-03-01; I21.9 since 2020-01-01 resolved 2020-02-01, complete"."""
    text, _, complete = conditions.partition(", complete")
    patient: dict[str, Any] = {"id": "t", "birth_date": "1970-01-01", "conditions": []}
    if text.strip() != "nothing":
        for part in text.split(";"):
            m = _CONDITION.match(part.strip())
            assert m, f"cannot read condition {part!r}"
            patient["conditions"].append(
                {
                    "code": m["code"],
                    "system": "http://hl7.org/fhir/sid/icd-10-cm",
                    "onset": m["onset"],
                    "abatement": m["abatement"],
                }
            )
    if complete == "" and conditions.endswith(", complete"):
        patient["complete"] = ["conditions", "procedures"]
    return patient


@given(
    parsers.parse("a patient with conditions {conditions} and the {score} recorded as {category}"),
    target_fixture="patient",
)
def patient_with_conditions_and_category(
    conditions: str, score: str, category: str
) -> dict[str, Any]:
    patient = patient_with_conditions(conditions)
    if category != "nothing":
        patient["observations"] = [{"name": score, "value": category, "date": LAB_DATE}]
    return patient


@given(parsers.parse("a patient with the facts {facts}"), target_fixture="patient")
def patient_with_facts(facts: str) -> dict[str, Any]:
    """ "moribund true; life_expectancy 12 h": booleans, or a quantity with its unit."""
    out: dict[str, Any] = {}
    for part in facts.split(";"):
        name, *rest = part.split()
        if rest == ["true"] or rest == ["false"]:
            out[name] = rest[0] == "true"
        elif len(rest) == 2:
            out[name] = {"value": float(rest[0]), "unit": rest[1]}
    return {"id": "t", "birth_date": "1970-01-01", "facts": out}


@given(parsers.parse("a {sex} patient with the facts {facts}"), target_fixture="patient")
def sexed_patient_with_facts(sex: str, facts: str) -> dict[str, Any]:
    """ "male" / "female", or a sex left unrecorded ("unsexed")."""
    patient = patient_with_facts(facts)
    if sex in ("male", "female"):
        patient["sex"] = sex
    return patient


@given(parsers.parse("a patient born {born}"), target_fixture="patient")
def patient_born(born: str) -> dict[str, Any]:
    return {"id": "t"} if born == "unknown" else {"id": "t", "birth_date": born}


@given(parsers.parse("a patient with the procedure {name} on {when}"), target_fixture="patient")
def patient_with_procedure(name: str, when: str) -> dict[str, Any]:
    procs = [] if when == "never" else [{"name": name, "date": when, "status": "completed"}]
    return {"id": "t", "birth_date": "1970-01-01", "procedures": procs}


@given(
    parsers.parse("the patient's record declares its {complete} complete"),
    target_fixture="patient",
)
def patient_complete(patient: dict[str, Any], complete: str) -> dict[str, Any]:
    sections = [] if complete == "no sections" else [s.strip() for s in complete.split(",")]
    return {**patient, "complete": sections}


@given(parsers.parse("a patient given {name} on {when}"), target_fixture="patient")
def patient_given_drug(name: str, when: str) -> dict[str, Any]:
    """One course of a drug, started and stopped on ``when`` (matched by drug name)."""
    meds = [{"name": name, "start": when, "end": when}]
    return {"id": "t", "birth_date": "1970-01-01", "medications": meds}


@given(parsers.parse("a patient taking {name} since {when}"), target_fixture="patient")
def patient_taking_drug(name: str, when: str) -> dict[str, Any]:
    """A drug started on ``when`` and still taken (matched by drug name)."""
    meds = [{"name": name, "start": when, "status": "active"}]
    return {"id": "t", "birth_date": "1970-01-01", "medications": meds}


@when(parsers.parse("the line is evaluated on {day}"), target_fixture="trace")
def evaluated(compiled: Compiled, patient: dict[str, Any], day: str) -> Trace:
    record = parse_patient(patient, "feature")
    return evaluate(compiled.rule, RecordView(record), date.fromisoformat(day))


@then(parsers.parse('the line reads, partly, as "{rule}"'))
def reads_partly_as(compiled: Compiled, rule: str) -> None:
    assert not compiled.understood, "expected an unread span"
    assert render(compiled.rule) == rule


@then(parsers.parse('the line reads as "{rule}"'))
def reads_as(compiled: Compiled, rule: str) -> None:
    assert compiled.understood, [u.text for u in compiled.unparsed]
    assert render(compiled.rule) == rule


@then(parsers.parse('the line reads, in part, as "{rule}"'))
def reads_in_part_as(compiled: Compiled, rule: str) -> None:
    assert not compiled.understood
    assert render(compiled.rule) == rule


@then(parsers.parse("it is {met}"))
def it_is(trace: Trace, met: str) -> None:
    assert trace.root.truth.value is MET[met], trace.root.explanation


@then(parsers.parse('its explanation mentions "{fragment}"'))
def explanation_mentions(trace: Trace, fragment: str) -> None:
    assert fragment in trace.root.explanation, trace.root.explanation


@given(
    parsers.parse("a {sex} patient with conditions {conditions} and the facts {facts}"),
    target_fixture="patient",
)
def sexed_patient_with_conditions_and_facts(
    sex: str, conditions: str, facts: str
) -> dict[str, Any]:
    """ "a female patient with conditions Z33.1 since 2026-10-01 and the facts …": facts
    "none" adds none, sex "unknown" is left out of the record."""
    patient = patient_with_conditions(conditions)
    if facts != "none":
        patient["facts"] = patient_with_facts(facts)["facts"]
    if sex != "unknown":
        patient["sex"] = sex
    return patient


_ITEM = re.compile(
    r"^(?P<kind>condition|drug) (?P<what>\S+) "
    r"(?:since (?P<since>\S+)|from (?P<start>\S+) to (?P<end>\S+)|(?P<undated>undated))$"
)


@given(parsers.parse("a patient whose record holds {items}"), target_fixture="patient")
def patient_with_dated_items(items: str) -> dict[str, Any]:
    """ "condition E11.9 since 2026-05-27; drug sorafenib from 2026-01-01 to 2026-10-26;
    drug metformin undated": conditions by ICD-10-CM code, drugs by name; "since" is still
    current (active), "from … to" ended (resolved / completed), "undated" has no dates."""
    patient: dict[str, Any] = {"id": "t", "birth_date": "1970-01-01"}
    if items.strip() == "nothing":
        return patient
    for part in items.split(";"):
        m = _ITEM.match(part.strip())
        assert m, f"cannot read record item {part!r}"
        if m["kind"] == "condition":
            item: dict[str, Any] = {"code": m["what"], "system": "icd-10-cm"}
            start, end, section = "onset", "abatement", "conditions"
        else:
            item = {"name": m["what"]}
            start, end, section = "start", "end", "medications"
        if m["since"]:
            item[start] = m["since"]
            item["status"] = "active"
        elif m["start"]:
            item[start], item[end] = m["start"], m["end"]
        else:
            item["status"] = "active"
        patient.setdefault(section, []).append(item)
    return patient


@given(
    parsers.parse("a patient on {name} since {when} with observations {observations}"),
    target_fixture="patient",
)
def patient_on_drug_with_observations(name: str, when: str, observations: str) -> dict[str, Any]:
    """A drug still taken since ``when`` ("nothing" for none), and observations."""
    patient = patient_with_observations(observations)
    if name != "nothing":
        patient["medications"] = [{"name": name, "start": when, "status": "active"}]
    return patient


@given(
    parsers.parse(
        "a patient in NYHA class {nyha} with observations {observations}, conditions "
        "{conditions} and the fact {fact} {answer}"
    ),
    target_fixture="patient",
)
def patient_in_nyha_class(
    nyha: str, observations: str, conditions: str, fact: str, answer: str
) -> dict[str, Any]:
    """A NYHA class, numeric observations, conditions and one boolean fact ("unrecorded")."""
    patient = patient_with_conditions(conditions)
    patient["observations"] = [
        {"name": "nyha_class", "value": nyha, "date": LAB_DATE},
        *_observations(observations),
    ]
    patient["facts"] = {} if answer == "unrecorded" else {fact: answer == "true"}
    return patient


@given(
    parsers.parse("a patient taking {name} since {when} with the facts {facts}"),
    target_fixture="patient",
)
def patient_taking_drug_with_facts(name: str, when: str, facts: str) -> dict[str, Any]:
    """A drug still taken since ``when`` ("nothing" for none), and facts."""
    patient = patient_with_facts(facts)
    if name != "nothing":
        patient["medications"] = [{"name": name, "start": when, "status": "active"}]
    return patient


@given(
    parsers.parse('the {kind} line "{line}" in the lists of {trial}'),
    target_fixture="compiled",
)
def the_line_in_its_list(kind: str, line: str, trial: str) -> Compiled:
    """A corpus line read as trial loading reads it: in its list, under its headings
    (eligo.sections), from ../shared/corpus/{trial}.yaml."""
    import yaml

    from conftest import shared_path
    from eligo.groups import find_groups, members
    from eligo.sections import list_readings

    data = yaml.safe_load(shared_path("corpus", f"{trial}.yaml").read_text(encoding="utf-8"))
    texts = [t if isinstance(t, str) else t["text"] for t in data.get(kind) or []]
    grouped = members(find_groups(texts, kind))  # type: ignore[arg-type]
    placed = list_readings(texts, kind, grouped)  # type: ignore[arg-type]
    i = texts.index(line)
    assert i in placed or i not in grouped, "a sub-bullet group's line: not read alone"
    return placed[i] if i in placed else compile_text(line, kind)  # type: ignore[arg-type]


@given(
    parsers.parse(
        "a patient of cohort {cohort} with observations {observations} and conditions {conditions}"
    ),
    target_fixture="patient",
)
def patient_of_cohort(cohort: str, observations: str, conditions: str) -> dict[str, Any]:
    """ "a patient of cohort part_a …": facts.study_cohort, or none ("unrecorded")."""
    patient = patient_with_observations_and_conditions(observations, conditions)
    patient["facts"] = {} if cohort == "unrecorded" else {"study_cohort": cohort}
    return patient


@given(parsers.parse("the patient is recorded {fact} {answer}"), target_fixture="patient")
def patient_recorded(patient: dict[str, Any], fact: str, answer: str) -> dict[str, Any]:
    """A yes/no fact added to the record ("unrecorded" adds none)."""
    facts = dict(patient.get("facts") or {})
    if answer != "unrecorded":
        facts[fact] = answer == "true"
    return {**patient, "facts": facts}


@given(parsers.parse("a patient of cohort {cohort} born {born}"), target_fixture="patient")
def patient_of_cohort_born(cohort: str, born: str) -> dict[str, Any]:
    patient = patient_born(born)
    patient["facts"] = {} if cohort == "unrecorded" else {"study_cohort": cohort}
    return patient
