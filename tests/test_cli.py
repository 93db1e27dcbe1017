"""The command line through its real entry point (the installed ``eligo`` script)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import CRITERIA

ELIGO = Path(sys.executable).parent / "eligo"
TRIAL = str(CRITERIA / "NCT04243681.yaml")
TRIAL2 = str(CRITERIA / "NCT07131306.yaml")

PATIENT: dict[str, Any] = {
    "id": "P001",
    "birth_date": "1968-04-02",
    "sex": "female",
    "observations": [
        {"code": "777-3", "system": "http://loinc.org", "name": "Platelets",
         "value": 85000, "unit": "/uL", "date": "2026-11-20"},
        {"code": "6301-6", "system": "http://loinc.org", "value": 1.4, "unit": "1",
         "date": "2026-11-20"},
        {"code": "2160-0", "system": "http://loinc.org", "value": 2.1, "unit": "mg/dL",
         "date": "2026-11-20"},
        {"name": "child_pugh_class", "value": "B", "date": "2026-11-20"},
    ],
    "conditions": [
        {"code": "K70.31", "system": "http://hl7.org/fhir/sid/icd-10-cm",
         "name": "Alcoholic cirrhosis with ascites", "status": "active", "onset": "2024-03-01"}
    ],
    "facts": {"consent": True, "willing_for_transplant": False},
}  # fmt: skip


def run(*args: str) -> subprocess.CompletedProcess[str]:
    p = subprocess.run([str(ELIGO), *args], capture_output=True, text=True, timeout=60)
    assert "Traceback" not in p.stderr, p.stderr
    return p


@pytest.fixture
def patient_file(tmp_path: Path) -> Path:
    p = tmp_path / "p1.json"
    p.write_text(json.dumps(PATIENT))
    return p


def test_screen_json_has_the_contract_shape(patient_file: Path) -> None:
    p = run("screen", str(patient_file), TRIAL, "--as-of", "2026-11-27", "--format", "json")
    assert p.returncode == 0
    out = json.loads(p.stdout)
    assert set(out) == {"patient", "trial", "as_of", "verdict", "criteria", "reasons", "missing"}
    assert (out["patient"], out["trial"], out["as_of"]) == ("P001", "NCT04243681", "2026-11-27")
    assert out["verdict"] == "ineligible"
    keys = {"id", "kind", "text", "rule", "understood", "met", "outcome", "explanation", "missing"}
    for c in out["criteria"]:
        assert keys <= set(c)
        assert c["outcome"] in ("pass", "fail", "unknown") and c["met"] in (True, False, None)
    e4 = next(c for c in out["criteria"] if c["id"] == "E4")
    assert e4["met"] is True and e4["outcome"] == "fail"
    assert "2.1 mg/dL (2026-11-20)" in e4["explanation"]
    assert out["reasons"] == [f"E4: {e4['explanation']}"]
    i1 = next(c for c in out["criteria"] if c["id"] == "I1")
    assert i1["explanation"] == "age 58 years (born 1968-04-02) is within 20–70 years"
    assert "life expectancy" in out["missing"]


def test_screen_text_puts_verdict_first_then_fails_unknowns_passes(patient_file: Path) -> None:
    p = run("screen", str(patient_file), TRIAL, "--as-of", "2026-11-27")
    assert p.returncode == 0
    lines = p.stdout.splitlines()
    assert lines[1] == "Verdict: INELIGIBLE"
    text = p.stdout
    assert text.index("Failing criteria") < text.index("Undecided criteria")
    assert text.index("Undecided criteria") < text.index("Passing criteria")
    assert "needs: life expectancy" in text


def test_as_of_changes_age_and_windows(patient_file: Path) -> None:
    p = run("screen", str(patient_file), TRIAL, "--as-of", "2039-05-01", "-f", "json")
    out = json.loads(p.stdout)
    i1 = next(c for c in out["criteria"] if c["id"] == "I1")
    assert i1["met"] is False and "age 71 years" in i1["explanation"]


def test_batch_folder_gives_one_line_per_patient_in_order_and_error_lines(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for i in range(3):
        (folder / f"p{i}.json").write_text(json.dumps({**PATIENT, "id": f"P{i}"}))
    (folder / "p1b.json").write_text('{"id": "broken", "birth_date": "1968-04-02"')
    p = run("screen", str(folder), TRIAL, "--as-of", "2026-11-27", "-f", "json")
    assert p.returncode == 1
    rows = [json.loads(x) for x in p.stdout.splitlines()]
    assert rows[0]["patient"] == "P0"
    assert len(rows) == 4
    errors = [r for r in rows if "error" in r]
    assert len(errors) == 1 and "p1b.json" in errors[0]["patient"]
    assert [r["patient"] for r in rows if "error" not in r] == ["P0", "P1", "P2"]


def test_batch_jsonl(tmp_path: Path) -> None:
    f = tmp_path / "many.jsonl"
    good = [json.dumps({**PATIENT, "id": f"J{i}"}) for i in range(4)]
    f.write_text("\n".join([good[0], good[1], "{not json", good[2], good[3]]) + "\n")
    p = run("screen", str(f), TRIAL2, "--as-of", "2026-11-27", "-f", "json")
    assert p.returncode == 1
    rows = [json.loads(x) for x in p.stdout.splitlines()]
    assert len(rows) == 5
    assert [r.get("patient") for r in rows][:2] == ["J0", "J1"]
    assert "error" in rows[2] and ":3" in rows[2]["patient"]


def test_usage_errors_exit_2_with_one_message(patient_file: Path) -> None:
    p = run("screen", str(patient_file), TRIAL, "--as-of", "27/11/2026")
    assert p.returncode == 2 and "not a date" in p.stderr
    p = run("screen", str(patient_file), "nowhere.yaml")
    assert p.returncode == 2 and "nowhere.yaml" in p.stderr
    p = run("screen", str(patient_file), TRIAL, "--assume-complete", "condtions")
    assert p.returncode == 2 and "did you mean 'conditions'" in p.stderr


def test_unreadable_patient_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "X", "birth_date": "1968-04-02", "sexx": "female"}')
    p = run("screen", str(bad), TRIAL, "-f", "json")
    assert p.returncode == 1
    (row,) = [json.loads(x) for x in p.stdout.splitlines()]
    assert "sexx" in row["error"] and "did you mean 'sex'" in row["error"]


def test_compile_json_lists_every_criterion_understood() -> None:
    for trial in (TRIAL, TRIAL2):
        p = run("compile", trial, "--format", "json")
        assert p.returncode == 0
        out = json.loads(p.stdout)
        for c in out["criteria"]:
            assert {"id", "kind", "text", "understood", "rule", "unparsed"} <= set(c)
            assert c["understood"] is True and c["unparsed"] == []
        assert any(c["id"].startswith("E") for c in out["criteria"])


def test_check_reports_problems_and_exit_status(tmp_path: Path) -> None:
    assert run("check", str(CRITERIA)).returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: X\ninclusion:\n  - text: a\n    rule: inr < 1.6 mg/dl\n")
    p = run("check", str(bad))
    assert p.returncode == 1
    assert f"{bad}:4:" in p.stderr and "cannot measure inr" in p.stderr


def test_schema_and_vocab() -> None:
    p = run("schema", "patient")
    schema = json.loads(p.stdout)
    assert "observations" in schema["properties"]
    t = json.loads(run("schema", "trial").stdout)
    assert "inclusion" in t["properties"]
    v = run("vocab", "creatinine")
    assert "2160-0" in v.stdout and "mg/dL" in v.stdout
    v = run("vocab", "K76.7")
    assert "hepatorenal_syndrome" in v.stdout
    p = run("vocab", "zzzzqqq")
    assert p.returncode == 1 and "no concept matches" in p.stderr


def test_explain_prints_the_trace(patient_file: Path) -> None:
    p = run("explain", str(patient_file), TRIAL, "I4", "--as-of", "2026-11-27")
    assert p.returncode == 0
    assert "platelets > 80000 /uL" in p.stdout and "read: observations[0]" in p.stdout
    p = run("explain", str(patient_file), TRIAL, "I9")
    assert p.returncode == 2 and "no criterion 'I9'" in p.stderr


def test_python_api_matches_contract(patient_file: Path) -> None:
    from datetime import date

    from eligo import load_patient, load_trial, screen

    result = screen(load_patient(patient_file), load_trial(TRIAL), as_of=date(2026, 11, 27))
    assert result.verdict == "ineligible"
    assert result.criteria[0].met is True
    assert result.to_json()["verdict"] == "ineligible"


@pytest.mark.parametrize(
    "args",
    [("screen",), ("screen", "--help"), ("cohort",), ("compile", "--help"), ("screem", "x")],
)
def test_entry_point_reads_as_the_whole_app(args: tuple[str, ...]) -> None:
    """``main`` makes the click group with only the command named (start-up speed); usage,
    help and errors read exactly as from the whole app."""
    code = "import sys; sys.argv[0] = 'eligo'; from eligo.cli import app; app()"
    whole = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60
    )
    trimmed = run(*args)
    assert (trimmed.returncode, trimmed.stdout, trimmed.stderr) == (
        whole.returncode,
        whole.stdout,
        whole.stderr,
    )
    assert whole.returncode == 2 or "--help" in args
    assert "Usage: eligo" in whole.stdout + whole.stderr


def test_command_holds_only_the_command_named() -> None:
    from eligo.cli import _command, app

    every = set(_command([]).commands)
    assert len(every) == len(app.registered_commands) + len(app.registered_groups) > 2
    assert set(_command(["--help"]).commands) == set(_command(["screem"]).commands) == every
    for name in every:
        group = _command([name, "--help"])
        assert set(group.commands) == {name}
        assert group.name == "eligo" and group.no_args_is_help


PLUGINS = """
import os, sys
sys.argv = ["eligo", "screen", {patient!r}, {trial!r}, "--as-of", "2026-11-27"]
from eligo.cli import main
try:
    main()
except SystemExit:
    pass
print("METADATA", "importlib.metadata" in sys.modules, file=sys.stderr)
from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP  # any other name: the real one's
print("GROUP", PYDANTIC_ENTRY_POINT_GROUP, file=sys.stderr)
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "some_plugin"
from pydantic.plugin._loader import get_plugins
print("PLUGINS", list(get_plugins()), hasattr(sys.modules["pydantic.plugin._loader"],
      "entry_points"), file=sys.stderr)
"""


def test_screen_does_not_look_for_pydantic_plugins(patient_file: Path) -> None:
    """With every pydantic plugin off (eligo's default), a screen does not import
    ``importlib.metadata`` to look them up; with the setting changed, pydantic's own loader
    answers."""
    code = PLUGINS.format(patient=str(patient_file), trial=TRIAL)
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    p = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
    )
    assert "NCT04243681" in p.stdout, p.stderr
    assert "METADATA False" in p.stderr, p.stderr
    assert "GROUP pydantic" in p.stderr, p.stderr
    assert "PLUGINS [] True" in p.stderr, p.stderr
