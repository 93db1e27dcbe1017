"""Fuzzing: mutated registry lines, trial files and patient records must never crash eligo.

Every input either works or fails with an :class:`~eligo.errors.EligoError` whose message is
not empty; nothing takes more than :data:`LIMIT` seconds of CPU time.  Lines are real
ClinicalTrials.gov criteria from ``../shared/corpus`` (read in place; skipped when absent) and
``criteria/``, mutated by character and token edits: deletions, duplications, stray
parentheses, CT.gov escapes, unicode, very long numbers, deep nesting, lines just under and
far over the length cap.  Records are generated patients (``strategies.patients``) and
their FHIR Bundles, with values, types, units, codes, dates and structure mutated.

The default suite runs a small sample; ``pytest -m fuzz`` runs the full counts (10,000 lines
and 2,000 records) and prints the figures (tried, failures, slowest input and its time).
A line that runs past :data:`ABORT` seconds is stopped and reported as too slow, so one
pathological input cannot hang the run.
"""

from __future__ import annotations

import json
import random
import signal
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import yaml
from hypothesis import Phase, given, settings

from conftest import CRITERIA, SHARED, criterion_lines
from eligo.errors import EligoError
from eligo.evaluate import evaluate
from eligo.fhir import record_to_fhir
from eligo.lookup import RecordView
from eligo.parse import compile_rule, compile_text
from eligo.patient import parse_json_text, parse_patient
from eligo.record import Record
from eligo.render import render
from eligo.screening import screen
from eligo.trial import Trial, check_trial, load_trial
from eligo.units import normalize_unit
from strategies import AS_OF, patients

SEED = 20261127
LIMIT = 1.0  # seconds: the most any one line or record may take
ABORT = 5.0  # seconds: a line still running then is stopped and reported
CORPUS = SHARED / "corpus"


@pytest.fixture(autouse=True, scope="module")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled-trial cache entries go to a temporary folder, not the user's cache."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


# ------------------------------------------------------------------------------ harness


class TooSlow(BaseException):
    """Raised by the alarm inside an input that has run for :data:`ABORT` seconds."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Stop the block with :class:`TooSlow` after ``seconds`` of CPU time (main thread only).

    CPU time, not wall time, so a busy machine does not make inputs look slow.
    """

    def ring(signum: int, frame: FrameType | None) -> None:
        raise TooSlow

    old = signal.signal(signal.SIGVTALRM, ring)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, old)


@dataclass
class Tally:
    """What a fuzz run tried, what failed, and the slowest input."""

    what: str
    abort: float = ABORT  # seconds before an input is stopped
    limit: float = LIMIT  # seconds an input may take
    tried: int = 0
    rejected: int = 0  # inputs refused with an EligoError (expected for garbage)
    failures: list[str] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)  # failures by exception type
    slow: list[str] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")

    def run(self, label: str, action: Callable[[], None]) -> bool:
        """Run one input: EligoError is a rejection, anything else a failure.

        Returns:
            True when the input neither failed nor ran over :data:`LIMIT`.
        """
        self.tried += 1
        problems = len(self.failures) + len(self.slow)
        start = time.process_time()
        try:
            with deadline(self.abort):
                action()
        except TooSlow:
            self.slow.append(f">{self.abort:g} s (stopped): {label}")
        except EligoError as e:
            self.rejected += 1
            if not str(e).strip():
                self.failures.append(f"{type(e).__name__} with an empty message: {label}")
        except Exception as e:  # the point of the fuzzer: nothing else may escape
            self.failures.append(f"{type(e).__name__}: {str(e)[:200]} <- {label}")
            self.kinds[type(e).__name__] += 1
        took = time.process_time() - start
        if took > self.slowest[0]:
            self.slowest = (took, label)
        if self.limit < took < self.abort:
            self.slow.append(f"{took:.2f} s: {label}")
        return len(self.failures) + len(self.slow) == problems

    def summary(self) -> str:
        took, label = self.slowest
        return (
            f"{self.what}: {self.tried} tried, {self.rejected} rejected with EligoError, "
            f"{len(self.failures)} failures {dict(self.kinds)}, "
            f"{len(self.slow)} over {self.limit:g} s; "
            f"slowest {took:.3f} s: {label}"
        )

    def check(self) -> None:
        print(self.summary())
        problems = self.failures[:15] + self.slow[:15]
        assert not problems, self.summary() + "\n" + "\n".join(problems)


def shown(text: str, width: int = 100) -> str:
    """A long input in a message: its start, its length."""
    r = repr(text)
    return r if len(r) <= width else f"{r[:width]}… ({len(text)} chars)"


# ------------------------------------------------------------------------------ lines


def corpus_lines() -> list[tuple[str, str]]:
    """``(kind, text)`` of every criterion line in ../shared/corpus and criteria/."""
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent: the fuzzer reads the shared corpus in place")
    return criterion_lines(CORPUS, Path(CRITERIA))


TOKENS = [
    "(", ")", "((", "))", "[", "]", "\\<", "\\>", "\\[", "<", ">", "=", "<=", ">=", "≥", "≤",
    "≠", "±", "×", "x", "x ULN", " ULN", "LLN", " and ", " or ", " not ", " and/or ", ",",
    ";", ":", ".", "-", "–", "/", "%", "'", '"', "\\", "within", "history of", "no ",
    "except", "unless", "if", "between", "10^9/L", "x10⁹/L", "mg/dL", "µmol/L", "mmHg",
    "/mm3", "IU/mL", "months", "years", "weeks", "INR", "MELD", "Child-Pugh", "Pa02/Fi02",
    "platelets", "creatinine", "HIV", "\t", "\n", "\r\n", "\x0b", "\x00", "\u200b", "\u202e",
    "\ufeff", "\u2028", "😀", "é", "ﬁ", "İ", "ß", "⁹", "½", "٣", "１２", "\ud800", "ｍｇ",
]  # fmt: skip
NUMBERS = [
    "9" * 400, "1" * 4000, "1e308", "1e-400", "1e400", "0." + "0" * 300 + "1", "-0", "NaN",
    "inf", "1.2.3", "٣٫٥", "1_000", "10^999", "1" + "," * 50, "80,000,000,000,000,000",
    "4,6", "2,5", ".5", "5.", "1/2", "3 1/2", "10⁹⁹⁹", "-" * 30 + "1",
]  # fmt: skip


def mutate(rng: random.Random, line: str) -> str:
    """One to four character or token edits; sometimes a pathological shape."""
    for _ in range(rng.randint(1, 4)):
        n = len(line)
        i, j = sorted(rng.randint(0, n) for _ in range(2))
        op = rng.randrange(13)
        if op == 0 and n:  # delete a span
            line = line[:i] + line[j:]
        elif op == 1:  # duplicate a span
            line = line[:j] + line[i:j] + line[j:]
        elif op in (2, 3):  # insert a token
            line = line[:i] + rng.choice(TOKENS) + line[i:]
        elif op == 4:  # insert a number
            line = line[:i] + rng.choice(NUMBERS) + line[i:]
        elif op == 5:  # swap two words
            words = line.split(" ")
            if len(words) > 1:
                a, b = rng.randrange(len(words)), rng.randrange(len(words))
                words[a], words[b] = words[b], words[a]
                line = " ".join(words)
        elif op == 6:  # replace a character by a random code point
            cp = rng.choice([rng.randint(32, 126), rng.randint(0xA0, 0x2FFF), rng.randint(0, 31)])
            line = line[:i] + chr(cp) + line[i + 1 :]
        elif op == 7:  # change case
            line = line.upper() if rng.random() < 0.5 else line.lower()
        elif op == 8:  # wrap in parentheses, sometimes deeply
            depth = rng.choice([1, 2, 5, 50, 300, 1000])
            line = "(" * depth + line + ")" * rng.choice([0, depth, depth // 2])
        elif op == 9:  # repeat to just under the 4,000-character cap
            line = (line + " ") * (3990 // max(1, n + 1))
        elif op == 10:  # far over the cap
            line = (line + " ") * (10_000 // max(1, n + 1) + 1)
        elif op == 11:  # repeat one short token many times
            unit = rng.choice([*TOKENS[:40], "1 - ", "between 1 and ", "no ", "not "])
            line = line[:i] + unit * rng.choice([10, 100, 500]) + line[i:]
        else:  # truncate
            line = line[:i]
    return line


@cache
def probe_records() -> tuple[Record, ...]:
    """Records every compiled line is also evaluated against (empty; rich)."""
    rich = parse_patient(
        {
            "id": "R1",
            "birth_date": "1968-04-02",
            "sex": "female",
            "observations": [
                {"code": "777-3", "system": "http://loinc.org", "value": 85000, "unit": "/uL",
                 "date": "2026-11-20", "reference_low": 150000, "reference_high": 400000},
                {"code": "6301-6", "system": "http://loinc.org", "value": 1.4, "unit": "1",
                 "date": "2026-11-20"},
                {"code": "2160-0", "system": "http://loinc.org", "value": 2.1, "unit": "mg/dL",
                 "date": "2026-11-20"},
                {"code": "1975-2", "system": "http://loinc.org", "value": 3.2, "unit": "mg/dL",
                 "date": "2026-11-20"},
                {"code": "1751-7", "system": "http://loinc.org", "value": 2.9, "unit": "g/dL",
                 "date": "2026-11-20"},
                {"code": "2951-2", "system": "http://loinc.org", "value": 131, "unit": "mmol/L",
                 "date": "2026-11-20"},
            ],
            "conditions": [
                {"code": "K70.31", "system": "http://hl7.org/fhir/sid/icd-10-cm",
                 "name": "Alcoholic cirrhosis with ascites", "onset": "2024-03-01"},
                {"code": "B20", "system": "http://hl7.org/fhir/sid/icd-10-cm", "name": "HIV",
                 "status": "absent"},
            ],
            "medications": [
                {"code": "C01CA03", "system": "http://www.whocc.no/atc", "name": "norepinephrine",
                 "dose": {"value": 0.2, "unit": "ug/kg/min"}, "start": "2026-11-19"}
            ],
            "facts": {"consent": True, "willing_for_transplant": False},
        }
    )  # fmt: skip
    return (Record("EMPTY"), rich)


def compile_line(kind: str, text: str, round_trips: list[str]) -> None:
    """Compile a line, render its rule, compile that back, and evaluate it."""
    compiled = compile_text(text, kind)  # type: ignore[arg-type]
    canonical = render(compiled.rule)
    try:
        again = compile_rule(canonical)
    except EligoError as e:
        round_trips.append(f"{shown(text)} -> {canonical!r} does not compile: {e}")
    else:
        if again != compiled.rule:
            round_trips.append(f"{shown(text)} -> {canonical!r} compiles to another rule")
    for record in probe_records():
        evaluate(compiled.rule, RecordView(record), AS_OF)


def fuzz_lines(count: int, tally: Tally, round_trips: list[str]) -> list[tuple[str, str]]:
    """Compile ``count`` mutated lines; return those that did not fail (for trial files)."""
    rng = random.Random(SEED)
    source = corpus_lines()
    clean: list[tuple[str, str]] = []
    for _ in range(count):
        kind, line = rng.choice(source)
        text = mutate(rng, line)
        if tally.run(shown(text), lambda k=kind, t=text: compile_line(k, t, round_trips)):
            clean.append((kind, text))
    return clean


# ------------------------------------------------------------------------------ trial files

YAML_EDITS = [
    lambda t, r: t.replace("  - ", "\t- ", 1),
    lambda t, r: t.replace("- ", "- &a ", 1) + "extra: *a\n",
    lambda t, r: t.replace("- ", "- !!python/object:os.system ", 1),
    lambda t, r: t + "inclusion:\n  - duplicate key\n",
    lambda t, r: t[: r.randrange(len(t) + 1)],
    lambda t, r: "id: [" * 200 + t,
    lambda t, r: t.replace("inclusion", "inclusoin", 1),
    lambda t, r: t + "population:\n  min_age: ten years\n  sex: both\n",
    lambda t, r: t.replace("- ", "- text: ", 1).replace("\n", "\n    rule: inr < (\n", 1),
]


def write_trial(path: Path, rng: random.Random, lines: list[tuple[str, str]]) -> None:
    doc: dict[str, Any] = {"id": "NCTFUZZ", "inclusion": [], "exclusion": []}
    for kind, text in lines:
        doc[kind].append(text)
    text = yaml.safe_dump(doc, allow_unicode=True, width=10_000)
    if rng.random() < 0.3:
        text = rng.choice(YAML_EDITS)(text, rng)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))


def load_trial_file(path: Path) -> None:
    """What ``eligo check`` and ``load_trial`` do with a file (compiling it once)."""
    trial, problems = check_trial(path, report_unread=True)
    for p in problems:
        if not isinstance(p, EligoError) or not str(p).strip():
            raise AssertionError(f"check_trial gave {p!r}")
    if trial is not None:
        for c in trial.criteria:
            render(c.rule)
    if problems:
        raise problems[0]  # as load_trial does


def fuzz_trials(lines: list[tuple[str, str]], per_file: int, folder: Path, tally: Tally) -> None:
    rng = random.Random(SEED + 1)
    for n, start in enumerate(range(0, len(lines), per_file)):
        path = folder / f"fuzz{n}.yaml"
        write_trial(path, rng, lines[start : start + per_file])
        tally.run(f"{path.name} ({per_file} lines)", lambda p=path: load_trial_file(p))


# ------------------------------------------------------------------------------ records

JUNK: list[Any] = [
    None, True, False, 0, -1, -2, 1e308, -1e308, 5e12, 1e-320, 2**64, -(2**63), 0.1,
    "", " ", "x", "NaN", "Infinity", "2026-02-30", "0000-00-00", "0001-01-01", "9999-12-31",
    "2026-11-27T25:61:00", "2026", "2026-13", "\x00", "💥" * 5, "85,000", "<0.5", ">1e9",
    [], {}, [1, 2], {"a": 1}, {"value": 1, "unit": "mo"}, {"value": -5, "unit": "a"},
]  # fmt: skip
UNITS = [
    "mg/dk", "10*9/L", "/uL", "%", "", "kg", "[IU]/mL", "Cel", "{score}", "10^9/L",
    "x10^9/L", "/L", "umol/L", "mmol/L", "g/dL", "1", "mm[Hg]", "kPa", "furlong", "10*99/L",
]  # fmt: skip
KEYS = ["value", "unit", "code", "system", "date", "status", "name", "onset", "abatement",
        "resourceType", "entry", "resource", "valueQuantity", "dose", "complete", "facts",
        "zzz", "birth_date", "age", "sex", "reference_low", "reference_high"]  # fmt: skip


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*path, i))


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        node = node[p]
    return node


def mutate_record(rng: random.Random, data: Any) -> Any:
    """One to three structural edits of a JSON value."""
    data = json.loads(json.dumps(data))
    for _ in range(rng.randint(1, 3)):
        paths = list(_paths(data))
        path = rng.choice(paths)
        if not path:
            if rng.random() < 0.1:
                return rng.choice(JUNK)
            continue
        parent, key = _get(data, path[:-1]), path[-1]
        op = rng.randrange(9)
        if op == 0:
            parent[key] = rng.choice(JUNK)
        elif op == 1:
            del parent[key]
        elif op == 2 and isinstance(parent, dict):
            parent[rng.choice(KEYS)] = rng.choice(JUNK + UNITS)
        elif op == 3 and isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[key])))
        elif op == 4:
            value = parent[key]
            if isinstance(value, str):
                parent[key] = mutate(rng, value)[:200]
            elif isinstance(value, int | float) and not isinstance(value, bool):
                parent[key] = rng.choice([str(value), -value, value * 1e6, value / 1e6])
        elif op == 5:
            parent[key] = rng.choice(UNITS)
        elif op == 6:
            nested: Any = rng.choice(JUNK)
            for _ in range(rng.choice([5, 50, 500])):
                nested = [nested] if rng.random() < 0.5 else {"a": nested}
            parent[key] = nested
        elif op == 7:
            parent[key] = {"resourceType": rng.choice(["Observation", "Bundle", "Patient"]),
                           "entry": rng.choice(JUNK)}  # fmt: skip
        else:
            parent[key] = rng.choice(["active", "absent", "resolved", "refuted", "Active", "?"])
    return data


def bases(n: int) -> list[Any]:
    """Generated patients (eligo JSON and their FHIR Bundles), the same on every run."""
    out: list[Any] = []

    @settings(max_examples=n, derandomize=True, database=None, phases=[Phase.generate])
    @given(patients(complete=True, stated_scores=True, dialysis=True))
    def collect(p: Any) -> None:
        data = p.to_json()
        out.append(data)
        if len(out) % 3 == 0:
            out.append(record_to_fhir(parse_patient(data)))

    collect()
    fixture = SHARED / "fixtures" / "fhir" / "TrialMatching_Patient02.json"
    if fixture.is_file():
        out.append(json.loads(fixture.read_text("utf-8")))
    return out


@cache
def fuzz_trials_to_screen() -> tuple[Trial, ...]:
    out = []
    for path in sorted(Path(CRITERIA).glob("*.yaml")):
        try:
            out.append(load_trial(path))
        except EligoError as e:  # eligo check's business (test_trial_file), not the fuzzer's
            warnings.warn(f"left out of the record fuzzer: {e}", stacklevel=2)
    return tuple(out)


def screen_text(rng: random.Random, data: Any) -> None:
    """Read one (mutated) record from JSON text and screen it against every trial."""
    try:
        text = json.dumps(data, ensure_ascii=rng.random() < 0.5)
    except (ValueError, RecursionError):
        return
    if rng.random() < 0.1:  # a textual edit: truncation, stray character
        i = rng.randrange(len(text) + 1)
        text = text[:i] + rng.choice(["", "}", ",", "\x00", "\ud800", "NaN"]) + text[i:]
    record = parse_patient(parse_json_text(text, "fuzz.jsonl", 1), "fuzz.jsonl:1")
    view = RecordView(record)
    for trial in fuzz_trials_to_screen():
        try:
            result = screen(record, trial, AS_OF, view=view)
            json.dumps(result.to_json())
            result.to_text()
        except EligoError as e:  # a record that was read must screen
            raise AssertionError(f"read, but screening raised {type(e).__name__}: {e}") from e


def warm_up() -> None:
    """Pay one-time costs before timing: the UCUM grammar, and the full UCUM registry that
    the first valid UCUM code outside eligo's table loads.

    That load takes seconds once per process (a word that is not UCUM is refused without
    it: ``test_first_unknown_unit_is_refused_quickly``); the fuzzer measures every record
    after it.
    """
    with suppress(EligoError):
        normalize_unit("furlong")
    with suppress(EligoError):
        normalize_unit("[mi_i]/h")  # valid UCUM, not in eligo's table


def fuzz_records(count: int, n_bases: int, tally: Tally) -> None:
    rng = random.Random(SEED + 2)
    pool = bases(n_bases)
    warm_up()
    for n in range(count):
        data = mutate_record(rng, rng.choice(pool))
        try:
            label = f"record {n}: {shown(json.dumps(data, default=str), 160)}"
        except (ValueError, RecursionError):  # nested past what json can write: no JSON text
            label = f"record {n}: (nested too deeply to write as JSON)"
        seed = rng.random()
        tally.run(label, lambda s=seed, d=data: screen_text(random.Random(s), d))


# ------------------------------------------------------------------------------ tests


@dataclass
class LineRun:
    """One run of the line fuzzer: compile, round trip, and load as trial files."""

    lines: Tally
    trials: Tally
    round_trips: list[str]
    in_files: int = 0

    def print(self) -> None:
        print(self.lines.summary())
        print(self.trials.summary(), f"({self.in_files} lines in the files)")
        print(f"round trips: {len(self.round_trips)} of {self.lines.tried} rules differ")


def run_lines(
    count: int, per_file: int, folder: Path, abort: float = ABORT, in_files: int | None = None
) -> LineRun:
    """Compile ``count`` lines, then load the ones that compiled cleanly as trial files
    (the first ``in_files`` of them, or all).

    Lines that already failed on their own are left out of the trial files, so a file-level
    failure points at the trial reader, not again at a line.
    """
    warm_up()
    # a trial file may take 0.1 s a line on average (and a line 1 s on its own)
    files = Tally("trial files", abort=max(abort, 0.2 * per_file), limit=0.1 * per_file)
    run = LineRun(Tally("lines", abort=abort), files, [])
    lines = fuzz_lines(count, run.lines, run.round_trips)
    run.in_files = len(lines[:in_files])
    fuzz_trials(lines[:in_files], per_file, folder, run.trials)
    run.print()
    return run


@pytest.fixture(scope="module")
def small_run(tmp_path_factory: pytest.TempPathFactory) -> LineRun:
    # a line still running after 1.5 s is stopped: a failure either way, and the suite stays quick
    return run_lines(250, 25, tmp_path_factory.mktemp("fuzz"), abort=1.5 * LIMIT, in_files=100)


@pytest.fixture(scope="module")
def heavy_run(tmp_path_factory: pytest.TempPathFactory) -> LineRun:
    # ~5% of fuzzed lines fail on their own and stay out of the trial files: 10,700 lines
    # put more than 10,000 through compile_text and more than 10,000 through trial loading
    return run_lines(10_700, 25, tmp_path_factory.mktemp("fuzz"))


def check_lines(run: LineRun) -> None:
    run.lines.check()
    run.trials.check()


def check_round_trips(run: LineRun) -> None:
    assert not run.round_trips, "\n".join(run.round_trips[:15])


def test_fuzzed_lines_and_trial_files_never_crash(small_run: LineRun) -> None:
    check_lines(small_run)


def test_rules_compiled_from_fuzzed_lines_round_trip(small_run: LineRun) -> None:
    check_round_trips(small_run)


def test_fuzzed_records_never_crash() -> None:
    tally = Tally("records")
    fuzz_records(120, 12, tally)
    tally.check()


@pytest.mark.fuzz
def test_fuzzed_lines_and_trial_files_never_crash_heavy(heavy_run: LineRun) -> None:
    check_lines(heavy_run)


@pytest.mark.fuzz
def test_rules_compiled_from_fuzzed_lines_round_trip_heavy(heavy_run: LineRun) -> None:
    check_round_trips(heavy_run)


@pytest.mark.fuzz
def test_fuzzed_records_never_crash_heavy() -> None:
    tally = Tally("records")
    fuzz_records(2_000, 60, tally)
    tally.check()


# ------------------------------------------------------------------------------ known shapes

PATHOLOGICAL = [
    ("(" * 300 + "INR < 2" + ")" * 300, "300 nested parentheses"),
    ("no " * 400 + "HIV", "400 stacked negations"),
    ("1 - " * 250, "1 - 1 - 1 … (1,000 characters)"),
    ("between 1 and " * 70, "between 1 and … (980 characters)"),
    ("1," * 1999, "1,1,1,… (3,998 characters)"),
    ("x" * 10_000, "10,000 characters"),
    ("9" * 3_999, "a 3,999-digit number"),
]


@pytest.mark.parametrize(("text", "what"), PATHOLOGICAL, ids=[w for _, w in PATHOLOGICAL])
def test_pathological_line_is_read_in_bounded_time(text: str, what: str) -> None:
    tally = Tally(what, abort=2 * LIMIT)
    tally.run(what, lambda: compile_line("inclusion", text, []))
    tally.check()


def test_windows_beyond_the_calendar_do_not_crash_screening() -> None:
    rule = compile_text("History of cancer within 3000 years").rule
    for record in probe_records():
        evaluate(rule, RecordView(record), AS_OF)


def test_overflowing_numbers_in_a_rule_are_a_syntax_error_or_finite() -> None:
    for text in ("inr > 1e400", "hiv within 1e400 days"):
        try:
            rule = compile_rule(text)
        except EligoError:
            continue
        render(rule)
        for record in probe_records():
            evaluate(rule, RecordView(record), AS_OF)


def test_trial_file_just_under_the_size_cap_is_read_or_refused_quickly(tmp_path: Path) -> None:
    """The byte cap bounds the time too: a 1.9 MB trial is read (or refused) in 2 s."""
    rng = random.Random(SEED)
    path = tmp_path / "big.yaml"
    lines = ["id: NCTBIG", "inclusion:"]
    size = 0
    while size < 1_900_000:
        line = (
            f"  - Platelets > {rng.randint(1, 999)},000 and INR < {rng.randint(1, 9)}."
            f"{rng.randint(0, 9)} within {rng.randint(1, 30)} days"
        )
        lines.append(line)
        size += len(line) + 1
    path.write_text("\n".join(lines) + "\n", "utf-8")
    tally = Tally("1.9 MB trial file", abort=2.5, limit=2.0)
    tally.run(f"{path.name}: {len(lines) - 2} lines, {size:,} bytes", lambda: load_trial(path))
    tally.check()


def test_first_unknown_unit_is_refused_quickly() -> None:
    """A fresh process refuses a record with an unknown unit within a second.

    A unit outside eligo's precomputed table is first checked against the UCUM grammar alone;
    only valid UCUM loads the full registry (ucumvert + pint), which takes seconds.
    """
    import subprocess
    import sys

    code = (
        "import time\n"
        "from eligo.patient import parse_patient\n"
        "from eligo.errors import EligoError\n"
        "record = {'id': 'U', 'observations': [{'code': '777-3', 'system': 'http://loinc.org',"
        " 'value': 85000, 'unit': 'furlong'}]}\n"
        "start = time.process_time()\n"
        "try:\n    parse_patient(record)\nexcept EligoError:\n    pass\n"
        "print(time.process_time() - start)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    took = float(done.stdout)
    assert took < LIMIT, f"refusing the first unknown unit took {took:.2f} s"


def test_nested_qualifiers_with_definitions_compile_quickly() -> None:
    """A corpus line repeated to ~3,700 characters (a shape the heavy fuzzer found): each
    "moderate to severe …, defined as …" nests a qualified concept, and resolving a qualifier's
    child twice (its definition test, then the fallback) once made this take minutes."""
    line = (
        "Moderate to severe chronic kidney disease (CKD) at the time of screening, defined as "
        "one of the following: eGFR 45-59 ml/min/1.73m2 plus random urinary "
        "albumin:creatinine (ACR) ≥100 mg/gm "
    ) * 20
    start = time.process_time()
    compile_text(line, "inclusion")
    took = time.process_time() - start
    assert took < LIMIT, f"{len(line)} characters took {took:.2f} s"
