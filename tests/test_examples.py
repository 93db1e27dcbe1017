"""The shipped examples keep their promises (examples/expected.yaml).

- every example file is in expected.yaml and promises a verdict for both trials;
- the real API (``load_patient``, ``load_trial``, ``screen``) gives each promised verdict and
  per-criterion outcome, and no failing (for ``ineligible``) or undecided (for
  ``needs_review``) criterion beyond those promised;
- each FHIR Bundle is the current output of examples/make_fhir.py, screens exactly like its
  eligo JSON source once facts and ``complete`` are set aside, never decides a criterion the
  other way, and the pairs marked ``same_as_source`` screen identically as they stand;
- the command line screens the whole folder: one JSON line per file, in file-name order.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import subprocess
import sys
from datetime import date
from functools import cache
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES, ROOT
from eligo import load_patient, load_trial, screen
from eligo.record import Record
from eligo.screening import ScreenResult
from eligo.trial import Trial

ELIGO = Path(sys.executable).parent / "eligo"
EXPECTED: dict[str, Any] = yaml.safe_load((EXAMPLES / "expected.yaml").read_text("utf-8"))
AS_OF = date.fromisoformat(EXPECTED["as_of"])
TRIALS: dict[str, str] = EXPECTED["trials"]
ENTRIES: dict[str, dict[str, Any]] = EXPECTED["examples"]
FHIR_ENTRIES = {name: e for name, e in ENTRIES.items() if "source" in e}


@cache
def trial(trial_id: str) -> Trial:
    return load_trial(ROOT / TRIALS[trial_id])


@cache
def result(path: str, trial_id: str) -> ScreenResult:
    return screen(load_patient(EXAMPLES / path), trial(trial_id), as_of=AS_OF)


def by_id(r: ScreenResult) -> dict[str, tuple[bool | None, str]]:
    return {c.id: (c.met, c.outcome) for c in r.criteria}


def without_facts(record: Record) -> Record:
    """What FHIR can carry of ``record`` as far as screening goes: no facts, open world."""
    return dataclasses.replace(record, facts=MappingProxyType({}), complete=frozenset())


# --------------------------------------------------------------------------- the index


def test_every_example_file_has_promises_and_every_promise_a_file() -> None:
    on_disk = {
        p.relative_to(EXAMPLES).as_posix()
        for folder in ("patients", "fhir")
        for p in (EXAMPLES / folder).glob("*.json")
    }
    assert on_disk == set(ENTRIES)
    assert len([n for n in ENTRIES if n.startswith("patients/")]) >= 12
    assert len(FHIR_ENTRIES) >= 4


@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_each_example_promises_both_trials(name: str) -> None:
    for trial_id in TRIALS:
        promise = ENTRIES[name][trial_id]
        assert promise["verdict"] in ("eligible", "ineligible", "needs_review")
        assert set(promise) <= {"verdict", "outcomes"}
        assert set(promise.get("outcomes", {}).values()) <= {"pass", "fail", "unknown"}


def test_each_trial_has_six_designed_examples_covering_every_verdict() -> None:
    for prefix, trial_id in (("patients/P", "NCT04243681"), ("patients/A", "NCT07131306")):
        designed = [e for n, e in ENTRIES.items() if n.startswith(prefix)]
        assert len(designed) >= 6
        verdicts = {e[trial_id]["verdict"] for e in designed}
        assert verdicts == {"eligible", "ineligible", "needs_review"}


# --------------------------------------------------------------------------- the promises


CASES = [(name, trial_id) for name in sorted(ENTRIES) for trial_id in sorted(TRIALS)]


@pytest.mark.parametrize(("name", "trial_id"), CASES)
def test_example_keeps_its_promise(name: str, trial_id: str) -> None:
    promise = ENTRIES[name][trial_id]
    r = result(name, trial_id)
    outcomes = {c.id: c.outcome for c in r.criteria}
    report = {c.id: f"{c.outcome}: {c.explanation}" for c in r.criteria if c.outcome != "pass"}
    assert r.verdict == promise["verdict"], report
    promised: dict[str, str] = promise.get("outcomes", {})
    for cid, outcome in promised.items():
        assert cid in outcomes, f"{cid} is not a criterion of {trial_id}"
        assert outcomes[cid] == outcome, f"{cid}: {report.get(cid, 'pass')}"
    # the promise names every reason for the verdict
    if r.verdict == "ineligible":
        fails = {cid for cid, o in outcomes.items() if o == "fail"}
        assert fails == {cid for cid, o in promised.items() if o == "fail"}, report
    if r.verdict == "needs_review":
        unknown = {cid for cid, o in outcomes.items() if o == "unknown"}
        assert unknown == {cid for cid, o in promised.items() if o == "unknown"}, report


@pytest.mark.parametrize(("name", "trial_id"), CASES)
def test_every_decision_is_explained(name: str, trial_id: str) -> None:
    r = result(name, trial_id)
    for c in r.criteria:
        assert c.criterion.understood, c.id
        assert c.explanation, c.id
        if c.outcome == "unknown":
            assert c.missing, f"{c.id} is unknown without naming the data that would decide it"


# --------------------------------------------------------------------------- FHIR forms


def _make_fhir() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_fhir", EXAMPLES / "make_fhir.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fhir_examples_are_the_current_output_of_make_fhir() -> None:
    make_fhir = _make_fhir()
    assert {f"fhir/{n}": f"patients/{s}" for n, s in make_fhir.SOURCES.items()} == {
        name: e["source"] for name, e in FHIR_ENTRIES.items()
    }
    for name, source in make_fhir.SOURCES.items():
        written = (EXAMPLES / "fhir" / name).read_text("utf-8")
        assert written == make_fhir.bundle_text(EXAMPLES / "patients" / source), (
            f"{name} is stale: run .venv/bin/python examples/make_fhir.py"
        )
        bundle = json.loads(written)
        assert bundle["resourceType"] == "Bundle"


@pytest.mark.parametrize("name", sorted(FHIR_ENTRIES))
def test_fhir_screens_like_its_source_without_facts(name: str) -> None:
    source = load_patient(EXAMPLES / FHIR_ENTRIES[name]["source"])
    bundle = load_patient(EXAMPLES / name)
    for trial_id in TRIALS:
        assert by_id(screen(bundle, trial(trial_id), as_of=AS_OF)) == by_id(
            screen(without_facts(source), trial(trial_id), as_of=AS_OF)
        )


@pytest.mark.parametrize("name", sorted(FHIR_ENTRIES))
def test_fhir_never_decides_a_criterion_the_other_way(name: str) -> None:
    """Open world loses decisions, never flips them: FHIR met is the JSON met or unknown."""
    source = FHIR_ENTRIES[name]["source"]
    for trial_id in TRIALS:
        json_met = by_id(result(source, trial_id))
        for cid, (met, _) in by_id(result(name, trial_id)).items():
            assert met is None or met == json_met[cid][0], cid


SAME = sorted(n for n, e in FHIR_ENTRIES.items() if e["same_as_source"])


def test_at_least_two_fhir_pairs_screen_identically() -> None:
    assert len(SAME) >= 2


@pytest.mark.parametrize("name", SAME)
def test_fhir_pair_screens_identically(name: str) -> None:
    source = FHIR_ENTRIES[name]["source"]
    record = load_patient(EXAMPLES / source)
    assert not record.facts and not record.complete, "an identical pair uses no facts"
    for trial_id in TRIALS:
        fhir_result, json_result = result(name, trial_id), result(source, trial_id)
        assert by_id(fhir_result) == by_id(json_result)
        assert fhir_result.verdict == json_result.verdict


# --------------------------------------------------------------------------- the CLI


@pytest.mark.parametrize("trial_id", sorted(TRIALS))
def test_cli_screens_the_folder_in_file_name_order(trial_id: str) -> None:
    """The README's main command, in JSON: one line per file, in order, exit status 0."""
    folder = "patients"
    files = sorted((EXAMPLES / folder).glob("*.json"), key=lambda p: p.name)
    args = ["screen", str(EXAMPLES / folder), str(ROOT / TRIALS[trial_id])]
    p = subprocess.run(
        [str(ELIGO), *args, "--as-of", EXPECTED["as_of"], "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr
    lines = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(lines) == len(files)
    assert [line["patient"] for line in lines] == [load_patient(f).id for f in files]
    for f, line in zip(files, lines, strict=True):
        assert "error" not in line
        assert line["trial"] == trial_id
        assert line["as_of"] == EXPECTED["as_of"]
        assert line["verdict"] == ENTRIES[f"{folder}/{f.name}"][trial_id]["verdict"], f.name
