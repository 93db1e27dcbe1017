"""``eligo match``: every trial of a folder ranked for one patient.

The synthetic trials under tests/data/match/trials are built so patient M1 (no INR, no
bilirubin on record) gets each kind of result once: eligible, one and two criteria open, one
and two criteria failing.  The ranking a coordinator expects is that order.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import CRITERIA, EXAMPLES, ROOT
from eligo.match import MatchResult, action_for, load_trials, match, text_report
from eligo.patient import load_patient

DATA = ROOT / "tests" / "data" / "match"
TRIALS = DATA / "trials"
PATIENT = DATA / "M1-no-inr.json"
AS_OF = date(2026, 11, 27)
ELIGO = Path(sys.executable).parent / "eligo"
EXPECTED = ["TEST-ELIGIBLE", "TEST-ONE-OPEN", "TEST-TWO-OPEN", "TEST-ONE-FAIL", "TEST-TWO-FAIL"]


def _match(folder: Path = TRIALS) -> MatchResult:
    trials, errors = load_trials(folder)
    return match(load_patient(PATIENT), trials, AS_OF, errors=errors, folder=str(folder))


def test_ranking_is_eligible_then_closest_to_decision_then_near_misses() -> None:
    m = _match()
    assert [r.trial.id for r in m.ranked] == EXPECTED
    assert [r.verdict for r in m.ranked] == [
        "eligible",
        "needs_review",
        "needs_review",
        "ineligible",
        "ineligible",
    ]
    assert [r.rank for r in m.ranked] == [1, 2, 3, 4, 5]


def test_ranking_does_not_depend_on_file_order(tmp_path: Path) -> None:
    for n, f in enumerate(sorted(TRIALS.glob("*.yaml"), reverse=True)):
        shutil.copy(f, tmp_path / f"{n:02d}.yaml")
    assert [r.trial.id for r in _match(tmp_path).ranked] == EXPECTED


def test_worklist_lists_each_datum_once_with_the_trials_it_decides() -> None:
    m = _match()
    first, second = m.worklist
    assert first.item == "INR" and first.action == "measure INR"
    assert first.trials == ("TEST-ONE-OPEN", "TEST-TWO-OPEN")
    assert first.alone == ("TEST-ONE-OPEN",)
    assert first.text() == (
        "measure INR to decide criteria in 2 trials: TEST-ONE-OPEN (I2), TEST-TWO-OPEN (I1); "
        "the last open item for TEST-ONE-OPEN"
    )
    assert second.item == "total bilirubin" and second.trials == ("TEST-TWO-OPEN",)


def test_ineligible_trials_do_not_feed_the_worklist() -> None:
    """TEST-ONE-FAIL's open INR line is not worth measuring for: the trial already fails."""
    criteria = {c for need in _match().worklist for c in need.criteria}
    assert not any(t == "TEST-ONE-FAIL" for t, _ in criteria)


def test_text_report_reads_top_down() -> None:
    text = text_report(_match())
    lines = text.splitlines()
    assert lines[0] == f"Patient M1 · 5 trials in {TRIALS} · as of 2026-11-27"
    assert lines[1] == "1 eligible, 2 need review, 2 ineligible"
    order = [text.index(t) for t in EXPECTED]
    assert order == sorted(order)
    assert "needs: measure INR; measure total bilirubin" in text
    assert "fails I1: age 56 years (born 1970-03-15) is outside 18–40 years" in text
    assert "  - measure INR to decide criteria in 2 trials" in text


def test_json_has_ranking_worklist_and_full_results() -> None:
    out = _match().to_json()
    assert out["patient"] == "M1" and out["as_of"] == "2026-11-27"
    assert [t["trial"] for t in out["trials"]] == EXPECTED
    two_open = out["trials"][2]
    assert two_open["counts"] == {"pass": 0, "fail": 0, "unknown": 2}
    assert two_open["unknown"] == ["I1", "I2"]
    assert two_open["screen"]["verdict"] == "needs_review"
    assert out["trials"][4]["reasons"][0].startswith("I1: age 56 years")
    assert out["worklist"][0]["criteria"] == ["TEST-ONE-OPEN:I2", "TEST-TWO-OPEN:I1"]
    assert out["errors"] == []
    json.dumps(out)  # serialisable as is


def test_action_wording_by_kind() -> None:
    assert action_for("INR (for MELD score)") == "measure INR"
    assert action_for("HIV infection") == "confirm or rule out HIV infection"
    assert action_for("age or birth date") == "record age or birth date"
    assert action_for("manual review of “x”") == "manual review of “x”"


def test_seed_trials_rank_for_the_example_patients() -> None:
    """The README's example: P08 lacks INR and life expectancy for NCT04243681."""
    patient = EXAMPLES / "patients" / "P08-needs-review-no-inr-no-life-expectancy.json"
    if not patient.exists():
        pytest.skip("examples/patients/P08 is absent")
    trials, errors = load_trials(CRITERIA)
    seeds = [t for t in trials if t.id in ("NCT04243681", "NCT07131306")]
    m = match(load_patient(patient), seeds, AS_OF, errors=errors)
    assert errors == []
    assert all(r.verdict == "needs_review" for r in m.ranked)
    assert (
        m.ranked[0].trial.id
        == min(m.ranked, key=lambda r: (len(r.unknown), len(r.result.missing), r.trial.id)).trial.id
    )
    assert any(n.action == "measure INR" for n in m.worklist)


# ------------------------------------------------------------------ command line


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ELIGO), *args], capture_output=True, text=True, timeout=120)


def test_cli_match_text_and_json() -> None:
    out = run("match", str(PATIENT), str(TRIALS), "--as-of", "2026-11-27")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Patient M1 · 5 trials")
    js = run("match", str(PATIENT), str(TRIALS), "--as-of", "2026-11-27", "-f", "json")
    assert js.returncode == 0
    assert [t["trial"] for t in json.loads(js.stdout)["trials"]] == EXPECTED


def test_cli_match_lists_unreadable_trial_files_and_exits_1(tmp_path: Path) -> None:
    for f in TRIALS.glob("*.yaml"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n", "utf-8")
    out = run("match", str(PATIENT), str(tmp_path), "--as-of", "2026-11-27", "-f", "json")
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert [t["trial"] for t in data["trials"]] == EXPECTED
    assert data["errors"][0]["file"].endswith("broken.yaml")
    assert "broken.yaml" in out.stderr


def test_cli_match_usage_errors(tmp_path: Path) -> None:
    assert run("match", str(PATIENT), str(tmp_path / "nope")).returncode == 2
    assert run("match", str(DATA), str(TRIALS)).returncode == 2  # a folder is not one patient
    empty = tmp_path / "empty"
    empty.mkdir()
    out = run("match", str(PATIENT), str(empty))
    assert out.returncode == 2 and "no trial files" in out.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{", "utf-8")
    out = run("match", str(bad), str(TRIALS))
    assert out.returncode == 1 and "Traceback" not in out.stderr
