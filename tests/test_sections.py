"""Sections (eligo.sections): exclusions under a bare "EXC CRITERIA" heading line filed
among the inclusions.

The lines are real ClinicalTrials.gov criteria of NCT01160926 (its registry text has no
Inclusion/Exclusion sections, so the corpus files every line as an inclusion), written here
verbatim so the tests do not need ../shared.
"""

from __future__ import annotations

from dataclasses import replace as dataclasses_replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from eligo.coverage import coverage
from eligo.parse import compile_text
from eligo.patient import parse_patient
from eligo.render import render
from eligo.screening import screen
from eligo.sections import (
    cohort_sections,
    exclusion_sections,
    for_cohort,
    permitted,
    permitted_items,
    reread,
)
from eligo.trial import Trial, load_trial

AS_OF = date(2026, 11, 27)

NCT01160926 = [
    "Inc Criteria: Life expectancy ≥ 3 months.",
    "EXC CRITERIA (AZD6244 cohorts)",
    "Baseline LVEF (left ventricular ejection fraction) ≤50%",
    "EXC CRITERIA (Cediranib cohorts)",
    "APTT ratio > 1.5 x ULN",
]


def test_lines_after_an_exclusion_heading_are_found_with_the_cohort_it_names() -> None:
    assert exclusion_sections(NCT01160926, "inclusion") == {
        2: "AZD6244 cohorts",
        4: "Cediranib cohorts",
    }
    # an exclusion list is read as exclusions already; a line with its own header is not a
    # heading; an inclusion heading ends the section
    assert exclusion_sections(NCT01160926, "exclusion") == {}
    assert exclusion_sections(["Exc Criteria: ECOG PS>1", "INR > 2"], "inclusion") == {}
    texts = ["Exclusion criteria:", "INR > 2", "Inclusion criteria", "Age >= 18 years"]
    assert exclusion_sections(texts, "inclusion") == {1: None}


def test_a_line_under_the_heading_reads_as_the_exclusion_negated() -> None:
    # read alone as an inclusion, "Baseline LVEF ≤50%" is met by the patients it excludes
    assert render(compile_text(NCT01160926[2], "inclusion").rule) == "lvef <= 50 %"
    assert render(reread(NCT01160926[2], "AZD6244 cohorts").rule) == (
        "not lvef <= 50 % or not study_cohort = azd6244"
    )
    assert render(reread("APTT ratio > 1.5 x ULN", None).rule) == "not aptt_ratio > 1.5 x ULN"


def _trial(tmp_path: Path, inclusion: list[str]) -> Trial:
    p = tmp_path / "NCT01160926.yaml"
    doc = {"id": "NCT01160926", "inclusion": inclusion}
    p.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    return load_trial(p, cache=False)


def _met(trial: Trial, patient: dict[str, Any]) -> bool | None:
    record = parse_patient({"id": "p", "birth_date": "1970-01-01", **patient}, "test")
    result = screen(record, trial, AS_OF)
    return result.met[2]  # the LVEF line


LOW = {"observations": [{"name": "lvef", "value": 45, "unit": "%", "date": "2026-11-20"}]}
HIGH = {"observations": [{"name": "lvef", "value": 60, "unit": "%", "date": "2026-11-20"}]}


def test_screening_never_clears_a_patient_the_exclusion_names(tmp_path: Path) -> None:
    trial = _trial(tmp_path, NCT01160926)
    lvef = trial.criteria[2]
    assert lvef.kind == "inclusion" and lvef.understood
    # LVEF 45%: was met ("lvef <= 50 %"); excluded in the AZD6244 cohorts, free in the
    # Cediranib ones: unknown while the cohort is unrecorded; LVEF 60% passes either way
    assert _met(trial, LOW) is None
    assert _met(trial, HIGH) is True
    assert _met(trial, {}) is None
    # the coordinator records the cohort the patient is screened for (facts.study_cohort)
    for cohort, low in (("azd6244", False), ("AZD6244", False), ("cediranib", True)):
        assert _met(trial, {**LOW, "facts": {"study_cohort": cohort}}) is low, cohort
        assert _met(trial, {**HIGH, "facts": {"study_cohort": cohort}}) is True, cohort
    assert _met(trial, {"facts": {"study_cohort": "azd6244"}}) is None
    assert _met(trial, {"facts": {"study_cohort": "cediranib"}}) is True


def test_a_bare_heading_excludes_everyone_its_lines_name(tmp_path: Path) -> None:
    texts = [NCT01160926[0], "EXC CRITERIA", NCT01160926[2]]
    trial = _trial(tmp_path, texts)
    assert trial.criteria[2].understood
    assert _met(trial, LOW) is False
    assert _met(trial, HIGH) is True
    assert _met(trial, {}) is None


def test_coverage_reads_the_lines_as_screening_does(tmp_path: Path) -> None:
    _trial(tmp_path, NCT01160926)
    (tc,) = coverage([tmp_path])
    rules = [d["rule"] for d in tc.details]
    assert rules[2] == "not lvef <= 50 % or not study_cohort = azd6244"
    assert rules[4] == "not aptt_ratio > 1.5 x ULN or not study_cohort = cediranib"
    assert tc.details[2]["level"] == "full"


# NCT01611363 (verbatim, abridged): each cohort heading heads the lines after it
NCT01611363 = [
    "Inclusion Part A: Healthy subjects",
    "Subject has a fasted plasma glucose (FPG) of less than 5.6 mmol/l at screening",
    "Inclusion Part A: T2DM subjects",
    "Subject has been diagnosed with T2DM for at least 6 months",
    "Subject has a HbA1c level above 7.0% and less than 9.0% at screening",
]


def test_lines_under_one_of_several_cohort_headings_are_found_with_their_cohort() -> None:
    assert cohort_sections(NCT01611363) == {
        1: "Part A: Healthy subjects",
        3: "Part A: T2DM subjects",
        4: "Part A: T2DM subjects",
    }
    # one heading alone may name every participant; "all subjects" names them all
    assert cohort_sections(NCT01611363[2:]) == {}
    assert cohort_sections(
        ["Inclusion criteria for T2DM", "A", "Inclusion criteria for all subjects", "B"]
    ) == {1: "T2DM"}


def test_a_cohort_line_is_not_required_of_the_other_cohorts() -> None:
    # read as a criterion of everyone, "HbA1c above 7%" failed every healthy volunteer of
    # the other cohort, and "FPG < 5.6" every T2DM subject: nobody could be eligible
    inc = for_cohort(
        compile_text(NCT01611363[4], "inclusion"), "inclusion", "Part A: T2DM", {"part_a"}
    )
    assert render(inc.rule) == (
        'not (study_cohort = part_a and (type2_diabetes or unparsed("T2DM"))) '
        "or (hba1c > 7 % and hba1c < 9 %)"
    )
    exc = for_cohort(
        compile_text("Subject has type 1 diabetes mellitus", "exclusion"),
        "exclusion",
        "Part A & Part B: T2DM subjects",
        {"part_a"},
    )
    assert render(exc.rule) == (
        "(study_cohort = part_a or study_cohort = part_b) "
        'and (type2_diabetes or unparsed("T2DM subjects")) and type1_diabetes'
    )
    from eligo.evaluate import evaluate
    from eligo.lookup import RecordView

    # a healthy volunteer's HbA1c of 5.2% no longer fails the T2DM cohort's line: unknown
    # without a cohort, met for a patient of Part B; a T2DM subject's 8.0% meets it; a Part A
    # patient coded with T2DM and 5.2% fails it; one without the code is open (unknown), as
    # she may be of the T2DM cohort with the code missing
    t2dm = {"code": "E11.9", "system": "http://hl7.org/fhir/sid/icd-10-cm", "onset": "2020-01-01"}
    for hba1c, cohort, conditions, truth in (
        (5.2, None, [], None),
        (8.0, None, [], True),
        (5.2, "part_b", [], True),
        (5.2, "part_a", [t2dm], False),
        (8.0, "part_a", [t2dm], True),
        (5.2, "part_a", [], None),
    ):
        obs = {"name": "hba1c", "value": hba1c, "unit": "%", "date": "2026-11-20"}
        facts = {} if cohort is None else {"study_cohort": cohort}
        patient = {"id": "p", "birth_date": "1970-01-01", "observations": [obs], "facts": facts}
        patient["conditions"] = conditions
        record = parse_patient(patient, "t")
        got = evaluate(inc.rule, RecordView(record), AS_OF).root.truth.value
        assert got is truth, (hba1c, cohort, conditions)


# NCT01005199 (verbatim): the items of an "allowed" heading, flattened to lines of their own
NCT01005199 = [
    "PRIOR CONCURRENT THERAPY: No prior systemic anticancer treatment for this disease",
    "PRIOR CONCURRENT THERAPY: The following prior therapies are allowed provided previously"
    " treated lesions remain separate from those to be measured in the current trial and prior"
    " treatment is completed within the past 4 weeks",
    "PRIOR CONCURRENT THERAPY: Surgery",
    "PRIOR CONCURRENT THERAPY: Liver-directed therapy (e.g., transarterial"
    " embolization/chemoembolization [limited to 5 treatments], radiofrequency ablation,"
    " cryoablation, radiotherapy, or percutaneous ethanol injection)",
    "PRIOR CONCURRENT THERAPY: No prior organ transplantation",
]


def test_items_of_an_allowed_heading_are_permitted_not_required() -> None:
    assert permitted_items(NCT01005199) == [2, 3]
    # read alone "Surgery" was a requirement: every patient without surgery failed it
    c = permitted(compile_text(NCT01005199[2], "inclusion"))
    assert render(c.rule) == 'unparsed("PRIOR CONCURRENT THERAPY: Surgery")'
    record = parse_patient({"id": "p", "birth_date": "1970-01-01", "complete": ["procedures"]}, "t")
    from eligo.evaluate import evaluate
    from eligo.lookup import RecordView

    assert evaluate(c.rule, RecordView(record), AS_OF).root.truth.value is None
    cov = coverage_of(NCT01005199)
    assert [d["rule"] for d in cov][2] == 'unparsed("PRIOR CONCURRENT THERAPY: Surgery")'


def coverage_of(texts: list[str]) -> list[dict[str, Any]]:
    """The coverage details of ``texts`` as one trial's inclusions (a temporary file)."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "NCT00000000.yaml"
        f.write_text(yaml.safe_dump({"id": "NCT00000000", "inclusion": texts, "exclusion": []}))
        return coverage([f])[0].details


def test_coverage_counts_every_corpus_line_as_the_loaded_trial_reads_it(tmp_path: Path) -> None:
    # coverage and trial loading once decided list-level readings (sections, permitted
    # items, cohorts, groups) each in its own loop, in a different order; both now call
    # sections.list_readings, and every corpus line must report the rule screening uses
    from conftest import shared_path

    corpus = shared_path("corpus")
    checked = 0
    for source in sorted(corpus.glob("NCT*.yaml")):
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        path = tmp_path / source.name  # the registry record's own keys left out
        keep = ("id", "inclusion", "exclusion")
        path.write_text(yaml.safe_dump({k: data[k] for k in keep if k in data}), "utf-8")
        trial = load_trial(path)
        (tc,) = coverage([path])
        for kind in ("inclusion", "exclusion"):
            reported = [(d["text"], d["rule"]) for d in tc.details if d["kind"] == kind]
            loaded = [
                (c.text, render(c.rule))
                for c in trial.criteria
                if c.kind == kind and not c.id.startswith(("age", "sex", "population"))
            ]
            assert reported == loaded, (path.name, kind)
            checked += len(loaded)
    assert checked > 1000


# SAFETY: the corpus's multi-part trials, every line asked of a cohort, on generated patients
COHORT_TRIALS = ("NCT01611363", "NCT01160926", "NCT01165268", "NCT02442531")


def _corpus_trial(tmp_path: Path, tid: str) -> Trial:
    from conftest import shared_path

    data = yaml.safe_load(shared_path("corpus", f"{tid}.yaml").read_text(encoding="utf-8"))
    keep = {k: data[k] for k in ("id", "inclusion", "exclusion") if data.get(k)}
    f = tmp_path / f"{tid}.yaml"
    f.write_text(yaml.safe_dump(keep, allow_unicode=True), encoding="utf-8")
    return load_trial(f, cache=False)


def _cohorts_of(rule: Any) -> list[str]:
    from eligo.nodes import Category, Comparison, walk

    return [
        n.value.value
        for n in walk(rule)
        if isinstance(n, Comparison) and n.concept == "study_cohort"
        if isinstance(n.value, Category)
    ]


def test_another_cohort_is_never_failed_and_a_missing_one_never_decides(tmp_path: Path) -> None:
    from eligo.evaluate import evaluate
    from eligo.lookup import RecordView
    from eligo.record import Record
    from eligo.synthetic import Generator

    records: list[Record] = []
    for data in Generator(20261128, AS_OF).patients(400):
        try:
            records.append(parse_patient(data, "t"))
        except Exception:
            continue
    asked = 0
    outcomes: set[tuple[str, bool | None]] = set()
    for tid in COHORT_TRIALS:
        trial = _corpus_trial(tmp_path, tid)
        for c in trial.criteria:
            labels = _cohorts_of(c.rule)
            if not labels:
                continue
            asked += 1
            for rec in records[:150]:
                facts = {k: v for k, v in rec.facts.items() if k != "study_cohort"}
                truth = {}
                for who in (labels[0], "zz_other", None):
                    mine = dict(facts) if who is None else {**facts, "study_cohort": who}
                    view = RecordView(dataclasses_replace(rec, facts=mine))
                    truth[who] = evaluate(c.rule, view, AS_OF).root.truth.value
                # a patient of another cohort is neither failed nor excluded by the line
                assert truth["zz_other"] is (c.kind == "inclusion"), (tid, c.id, rec.id)
                # an unrecorded cohort decides only what every cohort would decide alike
                if truth[None] is not None:
                    assert truth[None] is truth[labels[0]] is truth["zz_other"], (tid, c.id)
                outcomes.add((c.kind, truth[labels[0]]))
    assert asked >= 35
    # the lines do decide for their own cohort, both ways
    assert {("inclusion", True), ("inclusion", False), ("exclusion", True)} <= outcomes


def test_a_patient_without_data_is_never_eligible_for_a_multi_part_trial(tmp_path: Path) -> None:
    for tid in COHORT_TRIALS:
        trial = _corpus_trial(tmp_path, tid)
        for facts in ({}, {"study_cohort": "part_a"}, {"study_cohort": "zz_other"}):
            record = parse_patient({"id": "p", "facts": facts}, "t")
            assert screen(record, trial, AS_OF).verdict != "eligible", (tid, facts)


def test_fhir_input_has_no_cohort_so_a_cohort_line_is_open() -> None:
    # a FHIR Bundle carries no study_cohort: the line is unknown unless its rule decides it
    from conftest import EXAMPLES
    from eligo.evaluate import evaluate
    from eligo.lookup import RecordView
    from eligo.parse import compile_rule
    from eligo.patient import load_patient

    record = load_patient(EXAMPLES / "fhir" / "A01-bundle.json")
    assert "study_cohort" not in record.facts
    view = RecordView(record)
    for text, truth in (
        ("not study_cohort = part_a or age < 0 years", None),  # the rule fails: open
        ("not study_cohort = part_a or age >= 0 years", True),  # the rule alone decides
        ("study_cohort = part_a and age >= 0 years", None),  # an exclusion: open
        ("study_cohort = part_a and age < 0 years", False),
    ):
        assert evaluate(compile_rule(text), view, AS_OF).root.truth.value is truth, text


def test_a_heading_for_all_cohorts_names_no_cohort() -> None:
    # read as the label "all", a patient of any recorded cohort was cleared of every exclusion
    rule = reread(NCT01160926[2], "all cohorts").rule
    assert render(rule) == 'not lvef <= 50 % or not unparsed("all cohorts")'
    record = parse_patient({"id": "p", **LOW, "facts": {"study_cohort": "azd6244"}}, "test")
    from eligo.evaluate import evaluate
    from eligo.lookup import RecordView

    assert evaluate(rule, RecordView(record), AS_OF).root.truth.value is None


def test_a_staged_exclusion_excludes_only_in_its_stage() -> None:
    from eligo.evaluate import evaluate
    from eligo.lookup import RecordView
    from eligo.sections import staged

    line = "Age 2 to < 18 years during stage 1 and 1 to < 18 years during stage 2"
    c = staged(line, "exclusion")
    assert c is not None and c.understood
    assert render(c.rule) == (
        "(study_cohort = stage_1 and age >= 2 years and age < 18 years) "
        "or (study_cohort = stage_2 and age >= 1 year and age < 18 years)"
    )
    for born, cohort, truth in (
        ("2025-05-01", "stage_2", True),  # 18 months
        ("2025-05-01", "stage_1", False),
        ("2025-05-01", None, None),  # excluded in stage 2 only: open
        ("1990-01-01", None, False),  # excluded in neither
    ):
        facts = {} if cohort is None else {"study_cohort": cohort}
        record = parse_patient({"id": "p", "birth_date": born, "facts": facts}, "t")
        assert evaluate(c.rule, RecordView(record), AS_OF).root.truth.value is truth
    # one stage named, a stage named twice, or text after the last with no lead: not staged
    assert staged("Age 2 to < 18 years during stage 1", "inclusion") is None
    assert staged("A during stage 1 and B during stage 1", "inclusion") is None
    assert staged("during stage 1, A and during stage 2, B", "inclusion") is None
