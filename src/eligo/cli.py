"""Command line: ``eligo screen | compile | check | explain | schema | vocab | import | match``.

A thin layer over the Python API (contract §5).  Heavy imports happen inside commands so
``eligo --help`` and one-patient screening start fast.  Every :class:`EligoError` becomes one
clear message on stderr and an exit status: 0 screening ran (whatever the verdict), 1 some
records of a batch were bad, 2 usage error or unreadable trial.  No traceback reaches a user.
"""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

# eligo uses no pydantic plugins; without this, the first pydantic model of a command scans
# every installed package's entry points for them (~50 ms of a one-patient screen's start-up).
# A user's own setting wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


import typer

from .errors import EligoError, PatientRecordError


def _no_plugin_loader() -> None:
    """With every pydantic plugin disabled, stand in for ``pydantic.plugin._loader``.

    The real module answers "no plugins" in that case too (typer also turns them all off
    while it builds its parameter adapters), but importing it imports ``importlib.metadata``
    (and ``email``, ``csv``, ``zipfile``: ~30 ms of a one-patient screen) for entry points it
    then does not read.  The stand-in answers the same while the setting turns every plugin
    off; if the setting changes, it hands over to the real module.
    """
    name = "pydantic.plugin._loader"
    off = ("__all__", "1", "true")  # the values the real get_plugins reads as "all off"
    if name in sys.modules or os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in off:
        return
    import types

    stand_in = types.ModuleType(name, "eligo's stand-in while every pydantic plugin is off")

    def real() -> Any:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        import importlib

        return importlib.import_module(name)

    def get_plugins() -> Any:
        if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in off:
            return ()
        return real().get_plugins()

    def __getattr__(attr: str) -> Any:  # anything else pydantic may read: the real module's
        if attr.startswith("__"):  # what the import system asks a module (__path__, ...)
            raise AttributeError(attr)
        return getattr(real(), attr)

    stand_in.get_plugins = get_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = __getattr__  # type: ignore[method-assign]
    sys.modules[name] = stand_in


_no_plugin_loader()

app = typer.Typer(
    name="eligo",
    help="Screen patients against clinical-trial eligibility criteria, with explanations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    text = "text"
    json = "json"


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


class SchemaName(StrEnum):
    patient = "patient"
    trial = "trial"


class Engine(StrEnum):
    python = "python"
    duckdb = "duckdb"


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(message.rstrip(), err=True)
    return typer.Exit(code)


def _as_of(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(
            f"--as-of: '{value}' is not a date; write YYYY-MM-DD (e.g. 2026-11-27)"
        ) from None


def _sections(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    from .errors import did_you_mean
    from .record import SECTIONS

    out = []
    for part in value.split(","):
        name = part.strip()
        if name not in SECTIONS:
            raise _fail(
                f"--assume-complete: '{name}' is not a record section"
                f"{did_you_mean(name, SECTIONS)}; accepted: {', '.join(SECTIONS)}"
            )
        out.append(name)
    return tuple(out)


_LABEL = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*")


def _cohort_label(value: str | None) -> str | None:
    """``--study-cohort``: a study_cohort label as a rule writes it (part_a, stage_2, azd6244)."""
    if value is None:
        return None
    if not _LABEL.fullmatch(value.strip()):
        raise _fail(
            f"--study-cohort: '{value}' is not a cohort label; write the heading's name as a word "
            "(Part A -> part_a, Stage 2 -> stage_2)"
        )
    return value.strip()


def _with_cohort(rec: Any, label: str) -> Any:
    """The record with the fact study_cohort set to ``label`` (in place of its own)."""
    from dataclasses import replace
    from types import MappingProxyType

    return replace(rec, facts=MappingProxyType({**rec.facts, "study_cohort": label}))


def _load_trial(path: Path) -> Any:
    from .trial import load_trial

    try:
        return load_trial(path)
    except EligoError as e:
        raise _fail(str(e)) from None


def _batch_size(patient: Path) -> int | None:
    """How many records a batch holds (``None`` for a single file): the progress bar's total."""
    if patient.is_dir():
        return sum(1 for f in patient.iterdir() if f.suffix.lower() == ".json" and f.is_file())
    if patient.suffix.lower() in (".jsonl", ".ndjson"):
        with patient.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    return None


class _Progress:
    """A rich progress bar on stderr while a batch is screened.

    Shown only for a batch, when stderr is a terminal and stdout is not (with both on the
    terminal the reports themselves show the progress).  It never writes to stdout, so JSON
    Lines output stays clean; rich is imported only when the bar is shown.
    """

    def __init__(self, patient: Path, trial_id: str) -> None:
        self.bar: Any = None
        total = _batch_size(patient)
        if total is None or not sys.stderr.isatty() or sys.stdout.isatty():
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn(f"screening against {trial_id}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.task = self.bar.add_task("screening", total=total)

    def __enter__(self) -> _Progress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def error(self, text: str) -> None:
        """An error line on stderr, printed above the bar when it is shown."""
        if self.bar is not None:
            self.bar.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            typer.echo(text, err=True)


AsOf = Annotated[
    str | None, typer.Option("--as-of", help="Screening date YYYY-MM-DD (default: today).")
]
Fmt = Annotated[Format, typer.Option("--format", "-f", help="text for people, json for machines.")]
ReportFmt = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", help="text for people, json for machines, html for a page."),
]
Output = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]


@app.command()
def screen(
    patient: Annotated[
        Path, typer.Argument(help="Patient JSON / FHIR Bundle, a folder, or JSONL.")
    ],
    trial: Annotated[Path, typer.Argument(help="Trial YAML file.")],
    as_of: AsOf = None,
    fmt: ReportFmt = ReportFormat.text,
    assume_complete: Annotated[
        str | None,
        typer.Option(
            "--assume-complete",
            help="Closed world for these sections: conditions,medications,procedures",
        ),
    ] = None,
    output: Output = None,
    engine: Annotated[
        Engine,
        typer.Option("--engine", help="python (default), or duckdb: screen in SQL, for cohorts."),
    ] = Engine.python,
    cohort: Annotated[
        str | None,
        typer.Option(
            "--study-cohort",
            help="The part of a multi-part trial every record is screened for (part_a, "
            "stage_2, …): sets the fact study_cohort.",
        ),
    ] = None,
) -> None:
    """Screen one patient (or a batch, or cohort tables) against a trial."""
    from .inputs import iter_input
    from .screening import screen as run

    day = _as_of(as_of)
    sections = _sections(assume_complete)
    study_cohort = _cohort_label(cohort)
    t = _load_trial(trial)
    if not patient.exists():
        raise _fail(f"{patient}: no such file or folder")
    if output is not None and fmt is not ReportFormat.html:
        raise _fail("--output writes the HTML page (--format html); redirect text and JSON with >")
    if engine is Engine.duckdb:
        if fmt is ReportFormat.html:
            raise _fail("--engine duckdb writes text or json; use eligo cohort screen for files")
        from .cohort_cli import screen_duckdb

        raise typer.Exit(screen_duckdb(patient, t, day, sections, fmt.value, study_cohort))
    pages: list[Any] = []
    page_errors: list[str] = []
    bad = 0
    first = True
    with _Progress(patient, t.id) as progress:
        for label, rec in iter_input(patient):
            progress.advance()
            result = None
            if study_cohort is not None and not isinstance(rec, EligoError):
                rec = _with_cohort(rec, study_cohort)
            if not isinstance(rec, EligoError):
                try:
                    result = run(rec, t, day, sections)  # type: ignore[arg-type]
                except Exception as e:  # one record that cannot be screened must not end the batch
                    rec = PatientRecordError(
                        f"cannot screen this record ({type(e).__name__}: {e})", record=label
                    )
            if isinstance(rec, EligoError) or result is None:
                bad += 1
                page_errors.append(str(rec))
                row = {"patient": label, "error": str(rec)}
                if fmt is ReportFormat.json:
                    typer.echo(json.dumps(row, ensure_ascii=False))
                else:
                    progress.error(f"error: {rec}")
                continue
            if fmt is ReportFormat.json:
                typer.echo(json.dumps(result.to_json(), ensure_ascii=False))
            elif fmt is ReportFormat.html:
                pages.append(result)
            else:
                if not first:
                    typer.echo("\n" + "─" * 72 + "\n")
                typer.echo(result.to_text())
            first = False
    if fmt is ReportFormat.html:
        from .report_html import screen_html

        _emit(screen_html(pages, t, page_errors), output)
    if bad:
        raise typer.Exit(1)


@app.command("compile")
def compile_(
    trial: Annotated[Path, typer.Argument(help="Trial YAML file.")], fmt: Fmt = Format.text
) -> None:
    """Show how each criterion line was read: canonical rule and unread spans."""
    t = _load_trial(trial)
    if fmt is Format.json:
        out = {
            "trial": t.id,
            "criteria": [
                {
                    "id": c.id,
                    "kind": c.kind,
                    "text": c.text,
                    "understood": c.understood,
                    "rule": c.rule_text,
                    "unparsed": list(c.unparsed),
                    **({"override": True, "note": c.note} if c.override else {}),
                    **({"annotations": list(c.annotations)} if c.annotations else {}),
                    **({"group": c.group} if c.group else {}),
                }
                for c in t.criteria
            ],
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{t.id}: {t.title or ''}".rstrip(": "))
    for c in t.criteria:
        flag = "override" if c.override else ("read" if c.understood else "PARTLY READ")
        typer.echo(f"\n{c.id} ({c.kind}, {flag}) {c.text}\n  rule: {c.rule_text}")
        for u in c.unparsed:
            typer.echo(f"  unparsed: \u201c{u}\u201d")
        for a in c.annotations:
            typer.echo(f"  annotation (not a criterion): \u201c{a}\u201d")
        if c.group:
            typer.echo(f"  group: {c.group}")
        if c.note:
            typer.echo(f"  note: {c.note}")


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Trial files or folders.")],
    coverage: Annotated[
        bool,
        typer.Option(
            "--coverage", help="Report how much of the text the grammar reads, per trial and total."
        ),
    ] = False,
    fmt: Fmt = Format.text,
    top: Annotated[int, typer.Option("--top", help="Unparsed phrases to list.")] = 25,
    draft: Annotated[
        bool,
        typer.Option(
            "--draft",
            help="Accept lines not fully understood (an imported draft): report them as "
            "warnings, fail only on real errors.",
        ),
    ] = False,
) -> None:
    """Lint trial files: every problem of every file, with file:line:col."""
    from .trial import check_trial

    if coverage:
        from .coverage import coverage as measure
        from .coverage import summary, text_report

        for p in paths:
            if not p.exists():
                raise _fail(f"{p}: no such file or folder")
        try:
            trials = measure(list(paths))
        except EligoError as e:
            raise _fail(str(e)) from None
        if fmt is Format.json:
            out = {
                "summary": summary(trials, top),
                "trials": [{k: v for k, v in vars(t).items() if k != "unread"} for t in trials],
            }
            typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        else:
            typer.echo(text_report(trials, top))
        return

    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml")))
        elif p.exists():
            files.append(p)
        else:
            raise _fail(f"{p}: no such file or folder")
    from .trial import UnreadLine

    total = 0
    for f in files:
        trial, problems = check_trial(f, report_unread=True)
        warnings = [p for p in problems if draft and isinstance(p, UnreadLine)]
        problems = [p for p in problems if p not in warnings]
        shown = [*problems, *warnings]
        for prob in shown[:50]:
            prefix = "warning: " if prob in warnings else ""
            typer.echo(f"{prefix}{prob}", err=True)
        if len(shown) > 50:
            typer.echo(f"… and {len(shown) - 50} more", err=True)
        total += len(problems)
        if not problems:
            n = len(trial.criteria) if trial else 0
            note = f", {len(warnings)} line(s) not fully understood" if warnings else ""
            typer.echo(f"{f}: ok ({n} criteria{note})")
    if total:
        typer.echo(f"{total} problem(s) in {len(files)} file(s)", err=True)
        raise typer.Exit(1)


@app.command()
def explain(
    patient: Annotated[Path, typer.Argument(help="Patient JSON or FHIR Bundle.")],
    trial: Annotated[Path, typer.Argument(help="Trial YAML file.")],
    criterion: Annotated[str, typer.Argument(help="Criterion id, e.g. I2 or E5.")],
    as_of: AsOf = None,
) -> None:
    """Print the full evaluation trace of one criterion."""
    from .explain import trace_report
    from .patient import load_patient
    from .screening import screen as run

    day = _as_of(as_of)
    t = _load_trial(trial)
    try:
        rec = load_patient(patient)
    except EligoError as e:
        raise _fail(str(e), 1) from None
    result = run(rec, t, day)
    ids = [c.id for c in result.criteria]
    match = next((c for c in result.criteria if c.id.lower() == criterion.lower()), None)
    if match is None:
        from .errors import did_you_mean

        raise _fail(
            f"no criterion '{criterion}' in {t.id}{did_you_mean(criterion, ids)}; "
            f"ids: {', '.join(ids)}"
        )
    typer.echo(trace_report(match))


@app.command()
def schema(name: Annotated[SchemaName, typer.Argument(help="patient or trial")]) -> None:
    """Print the JSON Schema of patient input or of trial files."""
    if name is SchemaName.patient:
        from .patient import patient_json_schema

        typer.echo(json.dumps(patient_json_schema(), indent=2))
    else:
        from .trial_schema import trial_json_schema

        typer.echo(json.dumps(trial_json_schema(), indent=2))


@app.command()
def vocab(
    term: Annotated[str | None, typer.Argument(help="Filter by id, synonym or code.")] = None,
    fmt: Fmt = Format.text,
) -> None:
    """List vocabulary concepts: ids, codes, synonyms, units."""
    from .concepts import vocabulary
    from .errors import did_you_mean

    v = vocabulary()
    hits = v.search(term) if term else list(v)
    if not hits:
        raise _fail(f"no concept matches '{term}'{did_you_mean(term or '', [c.id for c in v])}", 1)
    if fmt is Format.json:
        typer.echo(json.dumps([_concept_json(c) for c in hits], indent=2, ensure_ascii=False))
        return
    for c in hits:
        typer.echo(f"{c.id}  ({c.kind}) {c.label}")
        for key, val in _concept_json(c).items():
            if key in ("id", "kind", "label"):
                continue
            text = ", ".join(map(str, val)) if isinstance(val, list) else str(val)
            typer.echo(f"    {key}: {text}")


def _concept_json(c: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"id": c.id, "kind": c.kind, "label": c.label}
    for key in (
        "unit",
        "loinc",
        "icd10",
        "exclude_icd10",
        "snomed",
        "atc",
        "rxnorm",
        "categories",
        "synonyms",
        "members",
        "includes",
        "plausible",
        "reference",
        "derived",
        "cite",
    ):
        val = getattr(c, key)
        if val:
            out[key] = list(val) if isinstance(val, tuple) else val
    return out


def _emit(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output``, or to stdout when no file is given."""
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    try:
        output.write_text(text, "utf-8")
    except OSError as e:
        raise _fail(f"{output}: cannot write: {e.strerror}") from None


@app.command("import")
def import_(
    record: Annotated[
        Path, typer.Argument(help="ClinicalTrials.gov API v2 study JSON, or criteria text.")
    ],
    output: Output = None,
    trial_id: Annotated[
        str | None, typer.Option("--id", help="Trial id (default: the record's NCT id).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an -o file that differs (was edited).")
    ] = False,
) -> None:
    """Draft a trial YAML from a registry record: bullets verbatim, plus a compile report."""
    from .ctgov import compile_report, read_record, to_yaml

    try:
        imported = read_record(record, trial_id)
    except EligoError as e:
        raise _fail(str(e)) from None
    text = to_yaml(imported)
    if output is not None and output.exists() and not force:
        try:
            same = output.read_text("utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            raise _fail(
                f"{output} exists and differs from this import (reviewed by hand?); "
                "pass --force to overwrite it"
            )
    _emit(text, output)
    unread = len(compile_report(imported))
    n_in, n_ex = len(imported.inclusion), len(imported.exclusion)
    where = f"; wrote {output}" if output else ""
    typer.echo(
        f"{imported.id}: {n_in} inclusion + {n_ex} exclusion lines, {unread} partly read{where}."
        + (" Draft: review the # comments, then run `eligo check`." if unread else ""),
        err=True,
    )


@app.command()
def match(
    patient: Annotated[Path, typer.Argument(help="One patient: eligo JSON or FHIR Bundle.")],
    criteria_dir: Annotated[Path, typer.Argument(help="Folder of trial YAML files.")],
    as_of: AsOf = None,
    fmt: ReportFmt = ReportFormat.text,
    assume_complete: Annotated[
        str | None,
        typer.Option(
            "--assume-complete",
            help="Closed world for these sections: conditions,medications,procedures",
        ),
    ] = None,
    output: Output = None,
) -> None:
    """Rank every trial in a folder for one patient, with the data that would decide them."""
    from .match import load_trials, text_report
    from .match import match as run
    from .patient import load_patient

    day = _as_of(as_of)
    sections = _sections(assume_complete)
    if not criteria_dir.is_dir():
        raise _fail(f"{criteria_dir}: not a folder of trial files")
    if patient.is_dir():
        raise _fail(f"{patient}: match ranks trials for one patient; give one patient file")
    trials, errors = load_trials(criteria_dir)
    if not trials and not errors:
        raise _fail(f"{criteria_dir}: no trial files (*.yaml)")
    try:
        rec = load_patient(patient)
    except EligoError as e:
        raise _fail(str(e), 1) from None
    result = run(rec, trials, day, sections, errors, str(criteria_dir))  # type: ignore[arg-type]
    if fmt is ReportFormat.json:
        _emit(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n", output)
    elif fmt is ReportFormat.html:
        from .report_html import match_html

        _emit(match_html(result), output)
    else:
        _emit(text_report(result) + "\n", output)
    for bad in errors:
        typer.echo(f"error: {bad.message}", err=True)
    if errors:
        raise typer.Exit(1)


from .cohort_cli import cohort_app  # noqa: E402  (the sub-commands register on import)

app.add_typer(cohort_app, name="cohort")


def _command(argv: list[str]) -> Any:
    """The click command ``app()`` would run for ``argv``, made with less work.

    Typer turns every command of the app into a click command on each start (a third of a
    millisecond per parameter, all commands included).  When ``argv`` starts with the name of
    a command or sub-app, the group made holds only that one: the same group (name, options,
    settings) running the same command, so usage, help and errors read as from the whole app.
    Anything else (no arguments, ``--help``, a misspelt command) gets the whole app.
    """
    import copy

    from typer.main import get_command, get_command_name, get_group

    name = argv[0] if argv else ""
    chosen = copy.copy(app)
    chosen.registered_commands = [
        c
        for c in app.registered_commands
        if c.callback is not None and (c.name or get_command_name(c.callback.__name__)) == name
    ]
    chosen.registered_groups = [g for g in app.registered_groups if g.name == name]
    if len(chosen.registered_commands) + len(chosen.registered_groups) != 1:
        return get_command(app)
    return get_group(chosen)


def main() -> None:
    """Console entry point: run the app; turn any stray EligoError into a message."""
    import gc

    # What is loaded by now (typer, this module) lives as long as the process: the cyclic
    # collector need not walk it again on each pass while the command loads the rest
    # (~5% of a one-patient screen).  Objects made from here on are collected as usual.
    gc.freeze()
    try:
        from typer.main import except_hook

        if sys.excepthook != except_hook:  # as app() sets it
            sys.excepthook = except_hook
        _command(sys.argv[1:])()
    except EligoError as e:
        typer.echo(str(e), err=True)
        sys.exit(2)
    except BrokenPipeError:  # pragma: no cover - `eligo ... | head`
        sys.exit(0)
    except Exception as e:  # pragma: no cover - a bug: say so in one line, no traceback
        typer.echo(f"eligo: internal error ({type(e).__name__}: {e}); please report it", err=True)
        sys.exit(3)
