"""Trial files: YAML under ``criteria/`` → a compiled :class:`Trial`.

Stage 1 of the pipeline.  YAML is read safely and defensively: files over
:data:`MAX_BYTES` are refused unread, aliases and non-standard tags are refused while the
event stream is scanned (so an alias bomb is never expanded), and nesting deeper than
:data:`MAX_DEPTH` is refused.  The document is then composed into nodes that keep their
line:column marks, so every problem points at the file, line and column it is about.

:func:`check_trial` collects every problem of a file (``eligo check``); :func:`load_trial`
fails fast with the first one (the Python API and ``eligo screen``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .errors import CriterionSyntaxError, EligoError, TrialFileError, did_you_mean
from .nodes import AllOf, Category, Comparison, Node, Quantity, Range, unparsed_spans
from .render import render

if TYPE_CHECKING:
    import yaml

MAX_BYTES = 500_000  # the largest real trial file is ~10 kB
MAX_DEPTH = 12
MAX_EVENTS = 200_000
TOP_KEYS = ("id", "title", "source", "population", "inclusion", "exclusion", "conditions", "note")
ITEM_KEYS = ("text", "id", "rule", "note")
POPULATION_KEYS = ("min_age", "max_age", "sex", "healthy_volunteers")
Kind = Literal["inclusion", "exclusion"]
_PLAIN_TAGS = {"!"} | {
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")
}


@dataclass(frozen=True)
class Criterion:
    """One compiled criterion (a registry bullet, or a population limit)."""

    id: str
    kind: Kind
    text: str
    rule: Node
    unparsed: tuple[str, ...] = ()
    override: bool = False
    note: str | None = None
    annotations: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    line: int | None = None
    column: int | None = None
    # set on a line of a sub-bullet group (eligo.groups): its place and what decides it
    group: str | None = None

    @property
    def understood(self) -> bool:
        return not self.unparsed

    @property
    def rule_text(self) -> str:
        return render(self.rule)


@dataclass(frozen=True)
class Trial:
    """A compiled trial: population criteria first, then inclusion, then exclusion."""

    id: str
    title: str | None
    source: str | None
    criteria: tuple[Criterion, ...]
    path: str = ""
    population: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------- safe YAML


def _read_yaml(path: str) -> yaml.Node:
    import yaml  # lazily: a cached trial never needs the parser

    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as e:
        raise TrialFileError(f"cannot read trial file: {e.strerror}", path) from None
    if size > MAX_BYTES:
        raise TrialFileError(
            f"file is {size:,} bytes; trial files over {MAX_BYTES:,} bytes are refused", path
        )
    try:
        text = p.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise TrialFileError(f"cannot read trial file as UTF-8 text: {e}", path) from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    depth = 0
    try:
        for n, event in enumerate(yaml.parse(text, Loader=loader)):
            if n > MAX_EVENTS:
                raise TrialFileError("file has too many YAML items to be a trial file", path)
            mark = getattr(event, "start_mark", None)
            line = mark.line + 1 if mark else None
            col = mark.column + 1 if mark else None
            if isinstance(event, yaml.AliasEvent):
                raise TrialFileError(
                    "YAML aliases (*name) are not accepted in trial files", path, line, col
                )
            if isinstance(event, yaml.NodeEvent) and getattr(event, "anchor", None):
                raise TrialFileError(
                    "YAML anchors (&name) are not accepted in trial files", path, line, col
                )
            tag = getattr(event, "tag", None)
            if tag and tag not in _PLAIN_TAGS:
                raise TrialFileError(
                    f"YAML tag {tag} is not accepted (plain YAML only)", path, line, col
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise TrialFileError(f"nesting deeper than {MAX_DEPTH} levels", path, line, col)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        node = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as e:
        m = e.problem_mark
        line_no = m.line + 1 if m else None
        col_no = m.column + 1 if m else None
        src = text.splitlines()[m.line] if m and m.line < len(text.splitlines()) else None
        raise TrialFileError(f"invalid YAML: {e.problem}", path, line_no, col_no, src) from None
    except yaml.YAMLError as e:
        raise TrialFileError(f"invalid YAML: {e}", path) from None
    if node is None:
        raise TrialFileError(
            "file is empty; expected a mapping with id, inclusion, exclusion", path
        )
    return node


# ---------------------------------------------------------------------------- checking


class _Checker:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[EligoError] = []
        self.lines: list[str] = []

    def problem(self, message: str, node: yaml.Node | None, col_offset: int = 0) -> None:
        if node is None:
            self.problems.append(TrialFileError(message, self.path))
            return
        line = node.start_mark.line
        col = node.start_mark.column + 1 + col_offset
        src = self.lines[line] if line < len(self.lines) else None
        self.problems.append(TrialFileError(message, self.path, line + 1, col, src))

    def scalar(self, node: yaml.Node, what: str) -> str | None:
        import yaml  # lazily: a cached trial never needs the parser

        if not isinstance(node, yaml.ScalarNode):
            self.problem(f"{what} must be text", node)
            return None
        return str(node.value)

    def keys(
        self, node: yaml.MappingNode, allowed: tuple[str, ...], what: str
    ) -> dict[str, tuple[yaml.Node, yaml.Node]]:

        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for k, v in node.value:
            key = str(k.value)
            if key not in allowed:
                self.problem(
                    f"unknown key '{key}' in {what}{did_you_mean(key, allowed)}; "
                    f"accepted: {', '.join(allowed)}",
                    k,
                )
                continue
            if key in out:
                self.problem(f"duplicate key '{key}' in {what}", k)
            out[key] = (k, v)
        return out


def check_trial(
    path: str | Path, report_unread: bool = False
) -> tuple[Trial | None, list[EligoError]]:
    """Compile a trial file, collecting every problem (``eligo check``).

    With ``report_unread``, criterion lines the grammar could not fully read (and that carry
    no ``rule:`` override) are reported too, as ``eligo check`` does.
    """
    import yaml  # lazily: a cached trial never needs the parser

    path = str(path)
    ck = _Checker(path)
    try:
        root = _read_yaml(path)
    except TrialFileError as e:
        return None, [e]
    ck.lines = Path(path).read_text("utf-8").splitlines()
    if not isinstance(root, yaml.MappingNode):
        ck.problem("a trial file is a mapping with id, inclusion and exclusion", root)
        return None, ck.problems
    top = ck.keys(root, TOP_KEYS, "the trial")
    trial_id = None
    if "id" not in top:
        ck.problem("missing 'id' (the registry id, e.g. NCT04243681)", root)
    else:
        trial_id = ck.scalar(top["id"][1], "id")
    title = ck.scalar(top["title"][1], "title") if "title" in top else None
    source = ck.scalar(top["source"][1], "source") if "source" in top else None
    criteria: list[Criterion] = []
    population: dict[str, str] = {}
    if "population" in top:
        criteria.extend(_population(ck, top["population"][1], population))
    seen_ids: dict[str, yaml.Node] = {c.id: top["population"][1] for c in criteria}
    total = 0
    for kind in ("inclusion", "exclusion"):
        if kind not in top:
            continue
        seq = top[kind][1]
        if isinstance(seq, yaml.ScalarNode) and seq.value in ("", "~", "null"):
            continue
        if not isinstance(seq, yaml.SequenceNode):
            ck.problem(f"'{kind}' must be a list of criterion lines", seq)
            continue
        lines: list[Criterion] = []
        for n, item in enumerate(seq.value, start=1):
            total += 1
            crit = _criterion(ck, item, kind, f"{kind[0].upper()}{n}")
            if crit is None:
                continue
            if crit.id in seen_ids:
                ck.problem(f"duplicate criterion id '{crit.id}'", item)
            seen_ids[crit.id] = item
            lines.append(crit)
        criteria.extend(_grouped(lines, kind))
    if "inclusion" not in top and "exclusion" not in top:
        ck.problem("missing 'inclusion' and 'exclusion' lists", root)
    elif total == 0:
        ck.problem("both 'inclusion' and 'exclusion' are empty: nothing to screen", root)
    unread = _unread(ck, criteria) if report_unread else []
    if ck.problems or trial_id is None:
        return None, sorted(ck.problems + unread, key=_position)
    trial = Trial(trial_id, title, source, tuple(criteria), path, population)
    return trial, unread


def _grouped(lines: list[Criterion], kind: Kind) -> list[Criterion]:
    """One kind's criteria with the lines of each sub-bullet group given the group's rule.

    See :mod:`eligo.groups`.  A line with a ``rule:`` override keeps it; the override
    stands for that line's item in the rule the other lines of its group get.
    """
    from .groups import find_groups, members
    from .sections import list_readings

    overrides = {i: c.rule for i, c in enumerate(lines) if c.override}
    grouped = members(find_groups([c.text for c in lines], kind, overrides))
    # an "EXC CRITERIA" section, a permitted item, a cohort's line: see eligo.sections
    placed = list_readings([c.text for c in lines], kind, grouped)
    out = list(lines)
    for i, r in placed.items():
        c = lines[i]
        if not c.override:
            out[i] = replace(c, rule=r.rule, unparsed=tuple(u.text for u in r.unparsed))
    for i, group in grouped.items():
        if i in placed:  # (only a section re-reads a grouped line)
            continue
        c = lines[i]
        if c.override:
            out[i] = replace(c, group=group.note(i, override=True))
            continue
        spans = tuple(u.text for u in group.unparsed)
        out[i] = replace(c, rule=group.rule, unparsed=spans, group=group.note(i))
    return out


def _position(e: EligoError) -> tuple[int, int]:
    return (getattr(e, "line", None) or 0, getattr(e, "column", None) or 0)


_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(years?|months?|weeks?|days?)?\s*$", re.I)
_AGE_UNITS = {"year": "a", "month": "mo", "week": "wk", "day": "d"}


def _population(ck: _Checker, node: yaml.Node, out: dict[str, str]) -> list[Criterion]:
    import yaml  # lazily: a cached trial never needs the parser

    if not isinstance(node, yaml.MappingNode):
        ck.problem("'population' must be a mapping (min_age, max_age, sex)", node)
        return []
    keys = ck.keys(node, POPULATION_KEYS, "population")
    bounds: dict[str, Quantity] = {}
    for key in ("min_age", "max_age"):
        if key not in keys:
            continue
        vnode = keys[key][1]
        raw = ck.scalar(vnode, key)
        if raw is None or raw.strip().upper() in ("N/A", "NA", ""):
            continue
        m = _AGE.match(raw)
        if not m:
            ck.problem(f"{key} '{raw}' is not an age; write e.g. '18 years' or '6 months'", vnode)
            continue
        unit = _AGE_UNITS[(m.group(2) or "years").lower().rstrip("s")]
        bounds[key] = Quantity(float(m.group(1)), unit)
        out[key] = raw
    crits: list[Criterion] = []
    line = node.start_mark.line + 1
    if bounds:
        lo, hi = bounds.get("min_age"), bounds.get("max_age")
        rule: Node
        if lo and hi:
            rule = Range("age", lo, hi)
            text = f"Age {out['min_age']} to {out['max_age']} (registry population)"
        elif lo:
            rule = Comparison("age", ">=", lo)
            text = f"Age {out['min_age']} or older (registry population)"
        else:
            assert hi is not None
            rule = Comparison("age", "<=", hi)
            text = f"Age up to {out['max_age']} (registry population)"
        crits.append(Criterion("age", "inclusion", text, rule, line=line))
    if "sex" in keys:
        vnode = keys["sex"][1]
        sex = (ck.scalar(vnode, "sex") or "").strip().lower()
        if sex not in ("all", "female", "male"):
            ck.problem(f"sex '{sex}' is not one of all, female, male", vnode)
        elif sex != "all":
            out["sex"] = sex
            crits.append(
                Criterion(
                    "sex",
                    "inclusion",
                    f"Sex: {sex} (registry population)",
                    Comparison("sex", "=", Category(sex)),
                    line=line,
                )
            )
        else:
            out["sex"] = sex
    return crits


def _criterion(ck: _Checker, item: yaml.Node, kind: Kind, default_id: str) -> Criterion | None:
    import yaml  # lazily: a cached trial never needs the parser

    from .parse import compile_rule, compile_text

    rule_node: yaml.Node | None = None
    note = None
    cid = default_id
    if isinstance(item, yaml.ScalarNode):
        text = str(item.value)
        text_node: yaml.Node = item
    elif isinstance(item, yaml.MappingNode):
        keys = ck.keys(item, ITEM_KEYS, "a criterion")
        if "text" not in keys:
            ck.problem("a criterion mapping needs 'text' (the registry line, verbatim)", item)
            return None
        text_node = keys["text"][1]
        text = ck.scalar(text_node, "text") or ""
        if "id" in keys:
            cid = ck.scalar(keys["id"][1], "id") or default_id
        if "note" in keys:
            note = ck.scalar(keys["note"][1], "note")
        if "rule" in keys:
            rule_node = keys["rule"][1]
    else:
        ck.problem("a criterion is a line of text or a mapping with text/rule/note", item)
        return None
    if not text.strip():
        ck.problem("empty criterion line", text_node)
        return None
    line = text_node.start_mark.line + 1
    col = text_node.start_mark.column + 1
    compiled = compile_text(text, kind)
    if rule_node is not None:
        rule_src = ck.scalar(rule_node, "rule")
        if rule_src is None:
            return None
        try:
            rule = compile_rule(rule_src)
        except CriterionSyntaxError as e:
            quote = 1 if getattr(rule_node, "style", None) in ("'", '"') else 0
            e.file, e.line = ck.path, rule_node.start_mark.line + 1
            e.line_column = rule_node.start_mark.column + 1 + quote
            if rule_node.start_mark.line < len(ck.lines) and "\n" not in rule_src.strip():
                e.source_line = ck.lines[rule_node.start_mark.line]
            ck.problems.append(e)
            return None
        unparsed = tuple(u.text for u in unparsed_spans(rule))
        return Criterion(
            cid,
            kind,
            text,
            rule,
            unparsed,
            True,
            note,
            compiled.annotations,
            compiled.notes,
            line,
            col,
        )
    return Criterion(
        cid,
        kind,
        text,
        compiled.rule,
        tuple(u.text for u in compiled.unparsed),
        False,
        note,
        compiled.annotations,
        compiled.notes,
        line,
        col,
    )


class UnreadLine(TrialFileError):
    """A criterion line the grammar could not fully read (a warning under ``check --draft``)."""


def _unread(ck: _Checker, criteria: list[Criterion]) -> list[EligoError]:
    """One problem per criterion line with text the grammar could not read."""
    problems: list[EligoError] = []
    lines = ck.lines
    for c in criteria:
        if c.understood or c.line is None:
            continue
        src = lines[c.line - 1] if c.line - 1 < len(lines) else c.text
        first = c.unparsed[0]
        col = src.find(first) + 1 if first in src else (c.column or 1)
        more = f" (and {len(c.unparsed) - 1} more)" if len(c.unparsed) > 1 else ""
        # a line of a sub-bullet group carries the unread words of every line of the group
        more += " in its group of sub-bullets" if c.group else ""
        problems.append(
            UnreadLine(
                f"{c.id}: not understood: \u201c{first}\u201d{more}; extend the vocabulary or add "
                f"a 'rule:' override with a 'note:'",
                ck.path,
                c.line,
                col,
                src,
            )
        )
    return problems


def load_trial(path: str | Path, cache: bool = True) -> Trial:
    """Load and compile a trial file; raise the first problem as an :class:`EligoError`.

    A compiled trial is cached (see :mod:`eligo.cache`) under a key made of the file's bytes
    and path and the vocabulary, grammar and compiler sources, so a second ``eligo screen``
    does not load the parser at all.
    """

    def build() -> Trial:
        trial, problems = check_trial(path)
        if problems:
            raise problems[0]
        assert trial is not None
        return trial

    key = _cache_key(Path(path)) if cache else None
    if key is None:
        return build()
    from .cache import load_or_build

    trial = load_or_build("trials", key, build, Trial)
    if trial.path != str(path):  # pragma: no cover - keyed by path, so only on a hash clash
        return build()
    return trial


_COMPILER_SOURCES = (
    "trial.py", "groups.py", "parse.py", "lexer.py", "transform.py", "normalize.py", "nodes.py",
    "render.py", "concepts.py", "units.py", "data/vocabulary.yaml", "data/unit_table.json",
)  # fmt: skip


def _cache_key(path: Path) -> str | None:
    """Cache key for a trial file: its content and path, and the compiler that reads it."""
    from .cache import digest
    from .grammars import grammar_text

    try:
        data = path.read_bytes()
    except OSError:
        return None
    here = Path(__file__).resolve().parent
    parts: list[bytes | str] = [data, str(path)]
    for name in _COMPILER_SOURCES:
        try:
            st = (here / name).stat()
        except OSError:
            continue
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    parts.extend(grammar_text(g) for g in ("criteria.lark", "rule.lark"))
    return digest(*parts)


def rule_is_conjunction(rule: Node) -> bool:  # pragma: no cover - helper for reports
    return isinstance(rule, AllOf)
