"""Batches through the real ``eligo`` entry point: nothing lost, every fault named.

A JSON Lines batch gives exactly one output line per input record, in input order; a record
that cannot be read gives one error line naming the record (``file:line``) and the field at
fault, and the rest go on; the exit status is 1 when any record was bad.  The progress bar
goes to stderr, only when stderr is a terminal, and never into the JSON on stdout.
"""

from __future__ import annotations

import json
import os
import pty
import random
import resource
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import CRITERIA
from eligo.fhir import record_to_fhir
from eligo.patient import parse_patient

ELIGO = Path(sys.executable).parent / "eligo"
TRIAL = str(CRITERIA / "NCT04243681.yaml")
LOINC = "http://loinc.org"


@pytest.fixture(autouse=True, scope="module")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled-trial cache entries go to a temporary folder, not the user's cache."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    p = subprocess.run([str(ELIGO), *args], capture_output=True, text=True, timeout=timeout)
    assert "Traceback" not in p.stderr, p.stderr
    return p


def good_record(rng: random.Random, n: int) -> dict[str, Any]:
    return {
        "id": f"J{n:04d}",
        "birth_date": f"{rng.randint(1940, 2005)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "sex": rng.choice(["female", "male"]),
        "observations": [
            {"code": "777-3", "system": LOINC, "value": rng.randint(20, 400) * 1000,
             "unit": "/uL", "date": "2026-11-20"},
            {"code": "6301-6", "system": LOINC, "value": round(rng.uniform(0.8, 3), 1),
             "unit": "1", "date": "2026-11-20"},
            {"code": "2160-0", "system": LOINC, "value": round(rng.uniform(0.4, 3), 2),
             "unit": "mg/dL", "date": "2026-11-20"},
        ],
        "conditions": [
            {"code": "K70.31", "system": "http://hl7.org/fhir/sid/icd-10-cm",
             "name": "Alcoholic cirrhosis with ascites", "status": "active"}
        ],
        "facts": {"consent": rng.random() < 0.8},
    }  # fmt: skip


def _lab(record: dict[str, Any], value: object, unit: str, code: str = "6301-6") -> str:
    record["observations"].append({"code": code, "system": LOINC, "value": value, "unit": unit})
    return f"observations[{len(record['observations']) - 1}]"


def corrupt(kind: int, record: dict[str, Any]) -> tuple[str, list[str]]:
    """A bad version of ``record`` (as one JSONL line) and fragments its error must name."""
    if kind == 0:  # invalid JSON: cut short
        return json.dumps(record)[:-7], ["invalid JSON"]
    if kind == 1:  # wrong type for a section
        record["observations"] = "platelets 85000"
        return json.dumps(record), ["observations"]
    if kind == 2:  # wrong type for a value
        where = _lab(record, [1.4], "1")
        return json.dumps(record), [f"{where}.value"]
    if kind == 3:  # INR -2
        where = _lab(record, -2, "1")
        return json.dumps(record), [f"{where}.value", "-2"]
    if kind == 4:  # platelets 5e12 /L
        where = _lab(record, 5e12, "/L", code="777-3")
        return json.dumps(record), [f"{where}.value", "platelet"]
    if kind == 5:  # unknown unit
        where = _lab(record, 1.2, "furlong", code="2160-0")
        return json.dumps(record), [f"{where}.unit", "furlong"]
    if kind == 6:  # a lone FHIR Observation instead of a patient
        lone = {"resourceType": "Observation", "status": "final",
                "code": {"coding": [{"system": LOINC, "code": "6301-6"}]},
                "valueQuantity": {"value": 1.3, "unit": "1"}}  # fmt: skip
        return json.dumps(lone), ["Observation", "Bundle"]
    if kind == 7:  # a FHIR Bundle with an impossible INR
        record["observations"].append({"code": "6301-6", "system": LOINC, "value": -2, "unit": "1"})
        record.pop("facts")
        bundle = record_to_fhir(_unchecked(record))
        return json.dumps(bundle), ["entry[", "Observation", "-2"]
    if kind == 8:  # a misspelt key
        record["birth_dat"] = record.pop("birth_date")
        return json.dumps(record), ["birth_dat", "did you mean 'birth_date'"]
    # an impossible date
    record["birth_date"] = "1970-02-30"
    return json.dumps(record), ["birth_date"]


def _unchecked(data: dict[str, Any]) -> Any:
    """A Record holding values the reader would refuse, to write a bad Bundle."""
    import dataclasses

    from eligo.record import Observation

    bad = data["observations"][-1]
    good = parse_patient({**data, "observations": data["observations"][:-1]})
    extra = Observation(bad["code"], LOINC, None, float(bad["value"]), "1", None, "x")
    return dataclasses.replace(good, observations=(*good.observations, extra))


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[str] | str]]:
    """1,000 records, 50 of them corrupt (5 of each kind), some good ones as FHIR Bundles.

    Returns the file and, per line, the expected patient id or the fragments of its error.
    """
    rng = random.Random(5)
    bad_at = sorted(rng.sample(range(1000), 50))
    lines: list[str] = []
    expected: list[list[str] | str] = []
    for n in range(1000):
        record = good_record(rng, n)
        if n in bad_at:
            text, fragments = corrupt(bad_at.index(n) % 10, record)
            lines.append(text)
            expected.append(fragments)
        elif n % 7 == 0:
            lines.append(json.dumps(record_to_fhir(parse_patient(record))))
            expected.append(record["id"])
        else:
            lines.append(json.dumps(record))
            expected.append(record["id"])
    path = tmp_path_factory.mktemp("batch") / "patients.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path, expected


def test_jsonl_batch_with_corrupt_records_loses_nothing(
    batch: tuple[Path, list[list[str] | str]],
) -> None:
    path, expected = batch
    p = run("screen", str(path), TRIAL, "--as-of", "2026-11-27", "--format", "json")
    assert p.returncode == 1, p.stderr
    rows = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(rows) == 1000
    errors = [r for r in rows if "error" in r]
    assert len(errors) == 50
    for n, (row, want) in enumerate(zip(rows, expected, strict=True), start=1):
        if isinstance(want, str):
            assert row.get("patient") == want and "verdict" in row, (n, row)
            continue
        where = f"{path}:{n}"
        assert row["patient"] == where, (n, row)
        assert where in row["error"], (n, row["error"])
        for fragment in want:
            assert fragment in row["error"], (n, fragment, row["error"])
    assert p.stderr == "", "with stderr not a terminal, nothing but errors goes there"


@pytest.fixture(scope="module")
def small_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """60 records, 6 of them corrupt (every kind but the unknown unit, whose first sight
    loads the UCUM registry for seconds: see ``test_fuzz``)."""
    rng = random.Random(6)
    lines = []
    kinds = [k for k in range(10) if k != 5][:6]
    for n in range(60):
        record = good_record(rng, n)
        lines.append(corrupt(kinds[n // 10], record)[0] if n % 10 == 3 else json.dumps(record))
    small = tmp_path_factory.mktemp("small") / "sixty.jsonl"
    small.write_text("\n".join(lines) + "\n", "utf-8")
    return small, len(kinds)


def test_text_batch_reports_each_bad_record_on_stderr(small_batch: tuple[Path, int]) -> None:
    path, bad = small_batch
    p = run("screen", str(path), TRIAL, "--as-of", "2026-11-27")
    assert p.returncode == 1
    errors = [line for line in p.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == bad > 0
    assert p.stdout.count("Verdict: ") == 60 - bad


def _run_with_terminal_stderr(*args: str) -> tuple[int, str, str]:
    """Run eligo with stderr on a pseudo-terminal and stdout on a pipe; read both."""
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    proc = subprocess.Popen([str(ELIGO), *args], stdout=subprocess.PIPE, stderr=follower, env=env)
    os.close(follower)
    assert proc.stdout is not None
    out_fd = proc.stdout.fileno()
    streams: dict[int, list[bytes]] = {out_fd: [], leader: []}
    open_fds = [out_fd, leader]
    deadline = time.monotonic() + 300
    while open_fds and time.monotonic() < deadline:
        ready, _, _ = select.select(open_fds, [], [], 0.2)
        for fd in ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # the terminal closed: eligo has exited
                data = b""
            if data:
                streams[fd].append(data)
            else:
                open_fds.remove(fd)
    proc.wait(timeout=60)
    os.close(leader)
    out, err = (b"".join(streams[fd]).decode("utf-8", "replace") for fd in (out_fd, leader))
    return proc.returncode, out, err


def test_progress_bar_on_a_terminal_stays_out_of_json(small_batch: tuple[Path, int]) -> None:
    path, bad = small_batch
    code, out, err = _run_with_terminal_stderr(
        "screen", str(path), TRIAL, "--as-of", "2026-11-27", "--format", "json"
    )
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 60 and sum("error" in r for r in rows) == bad
    assert "Traceback" not in err
    assert "screening against NCT04243681" in err and "60/60" in err, err[-500:]


def test_progress_bar_prints_text_errors_above_it(small_batch: tuple[Path, int]) -> None:
    path, bad = small_batch
    code, out, err = _run_with_terminal_stderr("screen", str(path), TRIAL, "--as-of", "2026-11-27")
    assert code == 1
    assert out.count("Verdict: ") == 60 - bad
    assert err.count("error: ") == bad and "60/60" in err


def test_single_patient_shows_no_progress_bar(tmp_path: Path) -> None:
    one = tmp_path / "p.json"
    one.write_text(json.dumps(good_record(random.Random(1), 1)))
    code, out, err = _run_with_terminal_stderr(
        "screen", str(one), TRIAL, "--as-of", "2026-11-27", "--format", "json"
    )
    assert code == 0 and json.loads(out)["patient"] == "J0001"
    assert "screening" not in err.lower()


# ------------------------------------------------------------------------------ eligo check


def test_check_caps_each_file_at_50_problems_and_counts_the_rest(tmp_path: Path) -> None:
    bad = tmp_path / "many.yaml"
    items = "".join(f"  - text: line {i}\n    rule: inr < (\n" for i in range(60))
    bad.write_text(f"id: NCTMANY\ninclusion:\n{items}", "utf-8")
    p = run("check", str(bad))
    assert p.returncode == 1
    shown = [line for line in p.stderr.splitlines() if line.startswith(f"{bad}:")]
    assert len(shown) == 50
    assert "… and 10 more" in p.stderr
    assert "60 problem(s) in 1 file(s)" in p.stderr
    first = p.stderr.splitlines()
    assert first[0].startswith(f"{bad}:4:") and first[2].strip() == "^", first[:3]


def test_check_refuses_alias_bomb_and_huge_file_quickly(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    bomb.write_text("\n".join(lines) + "\n")
    huge = tmp_path / "huge.yaml"
    with huge.open("w") as fh:
        fh.write("id: X\ninclusion:\n")
        fh.write("  - Platelets > 80,000 and INR < 1.6\n" * (50_000_000 // 36))
    for path, fragment in ((bomb, "anchors (&name) are not accepted"), (huge, "are refused")):
        # CPU seconds of the child (start-up included), so a busy machine does not fail it
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        p = run("check", str(path))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        took = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        assert p.returncode == 1 and fragment in p.stderr, p.stderr
        assert took < 2, f"{path.name}: {took:.1f} s of CPU"


MISTAKES = [
    ("inr <", "rule ends too early: dangling comparator '<' needs a value"),
    ("age >= 20 years and age <=", "rule ends too early: unclosed range: 'age <='"),
    ("cirrhosis and", "rule ends too early: dangling 'and'"),
    ("(hiv or hbv", "rule ends too early: unclosed parenthesis"),
    ("hiv or hbv)", "unmatched ')'"),
    ("creatinine > 1.6", "missing unit after 1.6"),
    ("creatinine 1.6 mg/dL", "missing comparator between 'creatinine' and '1.6'"),
    ("age 20-70 years", "a range is two comparisons"),
    ("meld > 10 < 20", "'<' needs its concept again"),
    ("creatinin > 1.5 mg/dL", "unknown concept 'creatinin' (did you mean 'creatinine'"),
    ("Platelets > 100 10*9/L", "unknown concept 'Platelets': concept ids are lower case"),
    ("platelets > 80,000 /uL", "without thousands separators (e.g. 80000)"),
    ("creatinine => 1.5 mg/dL", "'=>' is not a comparator; write '>='"),
    ("inr ≥ 1.5", "write '>=' instead of '≥'"),
    ("cirrhosis hiv", "missing 'and' or 'or' between 'cirrhosis' and 'hiv'"),
    ("hiv within 3 fortnights", "unknown time unit 'fortnights'"),
    ("inr < 1.6 mg/dL", "cannot measure inr"),
    ("not " * 1000 + "hiv", "rule nested too deeply"),
]


def test_check_labels_common_mistakes_in_rules(tmp_path: Path) -> None:
    """Every mistake of a file in one run, each with file:line:col, its line, a caret, a label."""
    bad = tmp_path / "mistakes.yaml"
    items = "".join(
        f"  - text: line {i}\n    rule: {rule}\n" for i, (rule, _) in enumerate(MISTAKES)
    )
    bad.write_text(f"id: NCTMISTAKES\ninclusion:\n{items}", "utf-8")
    p = run("check", str(bad))
    assert p.returncode == 1
    blocks = p.stderr.split(f"{bad}:")[1:]
    assert len(blocks) == len(MISTAKES), p.stderr
    for n, (block, (rule, label)) in enumerate(zip(blocks, MISTAKES, strict=True)):
        line, col = (int(x) for x in block.split(":", 2)[:2])
        assert line == 4 + 2 * n and label in block, (rule, block)
        source, caret = block.splitlines()[1:3]
        assert source.strip().startswith("rule:") and caret.strip().startswith("^"), block
        assert caret.index("^") == col - 1 + len("    "), (rule, block)


def test_a_record_that_fails_while_screening_gives_an_error_line_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    import eligo.screening
    from eligo.cli import app

    real = eligo.screening.screen

    def flaky(record: Any, *args: Any, **kwargs: Any) -> Any:
        if record.id == "B":
            raise ValueError("boom")
        return real(record, *args, **kwargs)

    monkeypatch.setattr(eligo.screening, "screen", flaky)
    batch = tmp_path / "b.jsonl"
    batch.write_text("\n".join(json.dumps({"id": x, "sex": "male"}) for x in "ABC") + "\n")
    trial = Path(__file__).resolve().parents[1] / "criteria" / "NCT04243681.yaml"
    out = CliRunner().invoke(app, ["screen", str(batch), str(trial), "-f", "json"])
    rows = [json.loads(x) for x in out.stdout.splitlines()]
    assert out.exit_code == 1
    assert [r["patient"] for r in rows] == ["A", f"{batch}:2", "C"]
    assert "cannot screen this record (ValueError: boom)" in rows[1]["error"]
