"""Import: a ClinicalTrials.gov record → a trial YAML draft (``eligo import``).

Stage 0 of the pipeline, before ``trial YAML ──load──▶``.  Two inputs are read:

* a ClinicalTrials.gov API v2 study record (JSON: one study, or a ``{"studies": [...]}``
  page holding exactly one), using ``protocolSection.identificationModule`` (``nctId``,
  ``briefTitle``) and ``protocolSection.eligibilityModule`` (``eligibilityCriteria``,
  ``minimumAge``, ``maximumAge``, ``sex``, ``healthyVolunteers``);
* a plain-text ``Inclusion Criteria: … Exclusion Criteria: …`` block (legacy XML textblocks,
  text copied from a registry page).

Design decisions:

- **Bullets verbatim, in registry order.**  Only layout is removed: the bullet or number
  marker (``*``, ``-``, ``•``, ``1.``, ``1)``, ``a.``, ``i.``, ``(1)``) and line wrapping.  The
  text of an item is otherwise untouched, including CT.gov markdown escapes such as ``\\<``,
  which the criterion normaliser reads itself; so every line can be found again in the
  registry record.
- **Items** start at a bullet or number marker.  A marker-less line continues the item above
  it unless a blank line separates them (then it is a line of its own, e.g. a sub-group
  header); in a section without any markers, every line is an item, and a line indented
  deeper than the one before it continues it.
- **Nested items follow the corpus rule** (``../shared/corpus/INDEX.md``): a parent ending
  with ``:`` is not a line of its own; each child is written ``<parent> <child>``.  A parent
  not ending with ``:`` stays a line and its children are lines of their own.  Nesting is read
  from indentation and, where indentation was lost, from a change of marker style under a
  parent ending with ``:``.  When such a parent asks for alternatives ("one of the
  following") in the inclusion list, the draft says so in a comment: screening would
  otherwise require every alternative.
- **The output is a draft.**  Each line is compiled as ``eligo check`` would; lines the grammar
  cannot fully read are listed in a compile report written as YAML comments (a header count
  and a comment above each such line).  ``eligo check --draft`` accepts the draft and lists
  those lines as warnings; plain ``eligo check`` reports them as problems (exit status 1)
  until each gets a ``rule:`` override or the vocabulary learns its words.
- **Stable.**  The output depends only on the input and eligo's vocabulary (no dates, no
  paths), so importing the same record twice gives the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import yaml

from .errors import EligoError

Kind = Literal["inclusion", "exclusion"]
KINDS: tuple[Kind, Kind] = ("inclusion", "exclusion")
MAX_BYTES = 5_000_000
NCT_ID = re.compile(r"\bNCT\d{8}\b")
SEXES = {"ALL": "all", "FEMALE": "female", "MALE": "male"}


@dataclass
class RecordImportError(EligoError):
    """A registry record that cannot be imported (not JSON, no eligibility text, …)."""

    message: str
    file: str | None = None

    def __str__(self) -> str:
        return f"{self.file}: {self.message}" if self.file else self.message


@dataclass(frozen=True)
class Alternatives:
    """Lines the registry offers as alternatives: children of a "one of the following:" item."""

    kind: Kind
    positions: tuple[int, ...]  # 0-based positions in the kind's list
    parent: str


@dataclass(frozen=True)
class Imported:
    """A registry record read into the parts of a trial file."""

    id: str
    title: str | None
    source: str | None
    population: dict[str, str | bool] = field(default_factory=dict)
    inclusion: tuple[str, ...] = ()
    exclusion: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    alternatives: tuple[Alternatives, ...] = ()


# --------------------------------------------------------------------------- splitting

# One marker at the start of a line, then at least one space.  Roman numerals are tried
# before letters so ``ii.`` is one marker; a lone ``i.`` is a letter-or-roman marker.
_MARKER = re.compile(
    r"""^(?P<indent>[ ]*)
    (?P<marker>
        [*•·▪◦●○■□‣⁃+\-–]            # bullets
      | \d{1,3}[.)]                   # 1.  1)
      | \(\d{1,3}\)                   # (1)
      | (?:[ivxIVX]{1,6})[.)]         # i.  iv)
      | \((?:[ivx]{1,6}|[a-z])\)      # (iv) (a)
      | [a-zA-Z][.)]                  # a.  B)
    )
    [ \t]+(?P<text>\S.*)$""",
    re.X,
)
_HEADER = re.compile(
    r"^\s*(?:key\s+|main\s+|general\s+)?(?P<kind>inclusion|exclusion)\s+criteri(?:a|on)\s*"
    r"(?::\s*(?P<rest>.*?)|\s*)$",
    re.I,
)
# "Inclusion criteria for T2DM:" opens a section too, and stays a line of its own (without
# its colon, so it is not joined to the items below it; corpus INDEX.md)
_SUBHEADER = re.compile(
    r"^\s*(?:key\s+)?(?P<kind>inclusion|exclusion)\s+criteri(?:a|on)\s+[^:]{1,80}?\s*:?\s*$",
    re.I,
)
_INLINE_HEADER = re.compile(r"(?:key\s+)?(inclusion|exclusion)\s+criteri(?:a|on)\s*:", re.I)
_ALTERNATIVES = re.compile(
    r"\b(?:(?:at\s+least\s+)?one\s+of|any\s+of|either\s+of|one\s+or\s+more\s+of)\b", re.I
)


def _marker_style(marker: str) -> str:
    """The family of a list marker: bullets, numbers, letters, roman numerals."""
    m = marker.strip("()")
    if m[-1:] in ".)":
        m = m[:-1]
    if m.isdigit():
        return "number"
    if re.fullmatch(r"[ivx]+", m):
        return "roman"
    if re.fullmatch(r"[IVX]+", m):
        return "ROMAN"
    if m.isalpha():
        return "letter" if m.islower() else "LETTER"
    return "bullet:" + marker


@dataclass
class _Item:
    """One registry item while reading: its text lines and nested children."""

    indent: int
    text_col: int
    style: str
    parts: list[str]
    children: list[_Item] = field(default_factory=list)

    @property
    def text(self) -> str:
        return _unwrap(self.parts)


def _unwrap(parts: list[str]) -> str:
    """Join wrapped lines with one space; a word hyphenated at the wrap keeps its hyphen."""
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        out = p if not out else f"{out} {p}"
    return re.sub(r"[ \t]+", " ", out).strip()


def _lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
    return [ln.rstrip() for ln in text.split("\n")]


def _sections(text: str) -> tuple[list[tuple[Kind | None, list[str]]], list[str]]:
    """Split the criteria text at ``Inclusion Criteria:`` / ``Exclusion Criteria:`` headers."""
    notes: list[str] = []
    lines = _lines(text)
    if not any((m := _HEADER.match(ln)) and not m.group("rest") for ln in lines):
        # flattened text (one paragraph copied from a page): break before inline headers
        flat = "\n".join(lines)
        if _INLINE_HEADER.search(flat):
            flat = _INLINE_HEADER.sub(lambda m: "\n" + m.group(0) + "\n", flat)
            lines = _lines(flat)
    sections: list[tuple[Kind | None, list[str]]] = [(None, [])]
    for ln in lines:
        m = _HEADER.match(ln)
        if m:
            kind: Kind = "inclusion" if m.group("kind").lower() == "inclusion" else "exclusion"
            sections.append((kind, []))
            rest = (m.group("rest") or "").strip()
            if rest:
                sections[-1][1].append(rest)
            continue
        m = _SUBHEADER.match(ln)
        if m:
            kind = "inclusion" if m.group("kind").lower() == "inclusion" else "exclusion"
            if sections[-1][0] != kind:
                sections.append((kind, []))
            sections[-1][1].extend(["", ln.rstrip().removesuffix(":").rstrip(), ""])
            continue
        sections[-1][1].append(ln)
    head = sections[0][1]
    if not any(s.strip() for s in head):
        sections.pop(0)
    elif len(sections) == 1:
        notes.append(
            "the registry text has no 'Inclusion Criteria:' / 'Exclusion Criteria:' headers: "
            "every line is listed under inclusion; move exclusions by hand"
        )
    else:
        notes.append("text before the first criteria header is listed under inclusion")
    return sections, notes


def _inline_bullets(lines: list[str]) -> list[str]:
    """A section flattened onto one line (``* a * b``) is broken at its ``*`` bullets."""
    body = [ln.strip() for ln in lines if ln.strip()]
    if len(body) == 1 and body[0].startswith("* "):
        parts = [p.strip() for p in re.split(r"(?:^|\s)\*\s+", body[0]) if p.strip()]
        if len(parts) > 1:
            return ["* " + p for p in parts]
    return lines


def _items(lines: list[str]) -> list[_Item]:
    """Read one section's lines into a forest of items."""
    lines = _inline_bullets(lines)
    has_markers = any(_MARKER.match(ln) for ln in lines)
    wrapped = _looks_wrapped(lines)
    roots: list[_Item] = []
    stack: list[_Item] = []
    current: _Item | None = None
    prev = ""
    blank = False
    for ln in lines:
        if not ln.strip():
            blank = True
            continue
        indent = len(ln) - len(ln.lstrip(" "))
        m = _MARKER.match(ln) if has_markers else None
        if m is not None and current is not None and not blank:
            m = None if _is_wrapped_marker(m, indent, current) else m
        if (
            m is None
            and current is not None
            and not blank
            and (has_markers or indent > current.indent or (wrapped and _continues(prev)))
        ):
            current.parts.append(ln)
            prev = ln
            continue
        if m is None:
            item = _Item(indent, indent, "plain", [ln])
        else:
            style = _marker_style(m.group("marker"))
            item = _Item(indent, m.start("text"), style, [m.group("text")])
        while stack and not _is_child(item, stack):
            stack.pop()
        (stack[-1].children if stack else roots).append(item)
        stack.append(item)
        current = item
        prev = ln
        blank = False
    return roots


def _looks_wrapped(lines: list[str]) -> bool:
    """Text hard-wrapped at about 80 columns (legacy XML textblocks)."""
    body = [ln for ln in lines if ln.strip()]
    return len(body) > 1 and max(len(ln) for ln in body) <= 82


def _continues(prev: str) -> bool:
    """In wrapped marker-less text: the line after ``prev`` carries it on (``prev`` was cut)."""
    return len(prev) >= 60 and not prev.rstrip().endswith((".", ":", ";"))


def _is_wrapped_marker(m: re.Match[str], indent: int, current: _Item) -> bool:
    """A wrapped line that only looks like a marker: ``IV) disease`` under ``… stage``."""
    style = _marker_style(m.group("marker"))
    if not style.lower().startswith(("roman", "letter")):
        return False
    return indent == current.text_col and not current.text.endswith(":")


def _is_child(item: _Item, stack: list[_Item]) -> bool:
    """Whether ``item`` nests under the item on top of ``stack``."""
    top = stack[-1]
    if item.indent > top.indent:
        return True
    if item.indent < top.indent or top.style == "plain" or item.style == "plain":
        return False
    # same indentation: a known marker style closes back to its own level; a new style under
    # a parent ending with ':' opens a level (indentation lost when text was copied)
    if any(s.style == item.style and s.indent == item.indent for s in stack):
        return False
    return top.text.endswith(":")


def _flatten(items: list[_Item], prefix: str = "") -> Iterator[tuple[str, str | None]]:
    """Yield (line, alternatives-parent) per the corpus rule for nested items."""
    for it in items:
        text = it.text
        if not text:
            continue
        full = f"{prefix} {text}" if prefix else text
        if it.children and text.endswith(":"):
            alt = full if _ALTERNATIVES.search(text) else None
            for line, inner in _flatten(it.children, full):
                yield line, inner or alt
        else:
            yield full, None
            if it.children:
                yield from _flatten(it.children, prefix)


@dataclass(frozen=True)
class Split:
    """Registry criteria text split into lines."""

    inclusion: tuple[str, ...]
    exclusion: tuple[str, ...]
    notes: tuple[str, ...]
    alternatives: tuple[Alternatives, ...]


def split_criteria(text: str) -> Split:
    r"""Split registry criteria text into inclusion and exclusion lines.

    Args:
        text: The ``eligibilityCriteria`` text (markdown) or a legacy plain-text block.

    Returns:
        The lines of each kind in registry order, notes on the layout, and the groups of
        lines the registry offers as alternatives ("one of the following:").

    >>> split = split_criteria(
    ...     "Inclusion Criteria:\n\n* Age 18 or older\n* Cirrhosis, one of:\n"
    ...     "  1. biopsy\n  2. Fibroscan \\>13 kPa\n\n"
    ...     "Exclusion Criteria:\n\n* Platelets \\<50,000\n  or INR \\>2\n"
    ... )
    >>> for line in split.inclusion + split.exclusion:
    ...     print(line)
    Age 18 or older
    Cirrhosis, one of: biopsy
    Cirrhosis, one of: Fibroscan \>13 kPa
    Platelets \<50,000 or INR \>2
    """
    sections, notes = _sections(text)
    out: dict[Kind, list[str]] = {"inclusion": [], "exclusion": []}
    groups: dict[tuple[Kind, str], list[int]] = {}
    for kind, lines in sections:
        k: Kind = kind or "inclusion"
        for line, alt in _flatten(_items(lines)):
            if alt is not None:
                groups.setdefault((k, alt), []).append(len(out[k]))
            out[k].append(line)
    return Split(
        tuple(out["inclusion"]),
        tuple(out["exclusion"]),
        tuple(notes),
        tuple(Alternatives(k, tuple(pos), parent) for (k, parent), pos in groups.items()),
    )


# --------------------------------------------------------------------------- records


def _age(raw: object) -> str | None:
    """``"18 Years"`` → ``"18 years"``; ``"N/A"`` or absent → ``None``."""
    if not isinstance(raw, str) or raw.strip().upper() in ("", "N/A", "NA"):
        return None
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(year|month|week|day)s?\s*", raw, re.I)
    if not m:
        return raw.strip()  # kept as written; `eligo check` points at it
    n, unit = m.group(1), m.group(2).lower()
    return f"{n} {unit}{'' if n == '1' else 's'}"


def _text(raw: object) -> str | None:
    return " ".join(raw.split()) if isinstance(raw, str) and raw.strip() else None


def from_study(data: Mapping[str, Any], file: str | None = None) -> Imported:
    """Read a ClinicalTrials.gov API v2 study record (parsed JSON).

    Raises:
        RecordImportError: not a study record, or it has no eligibility criteria text.
    """
    studies = data.get("studies")
    if isinstance(studies, list):
        if len(studies) != 1 or not isinstance(studies[0], Mapping):
            raise RecordImportError(
                f"the file holds {len(studies)} studies; import one study record at a time", file
            )
        data = studies[0]
    proto = data.get("protocolSection")
    if not isinstance(proto, Mapping):
        raise RecordImportError(
            "not a ClinicalTrials.gov API v2 study record (no 'protocolSection'); save one "
            "from https://clinicaltrials.gov/api/v2/studies/NCTxxxxxxxx",
            file,
        )
    ident = proto.get("identificationModule") or {}
    elig = proto.get("eligibilityModule") or {}
    nct = _text(ident.get("nctId"))
    if nct is None:
        raise RecordImportError("the record has no identificationModule.nctId", file)
    criteria = elig.get("eligibilityCriteria")
    if not isinstance(criteria, str) or not criteria.strip():
        raise RecordImportError(
            f"{nct}: the record has no eligibilityModule.eligibilityCriteria text", file
        )
    population: dict[str, str | bool] = {}
    for src, key in (("minimumAge", "min_age"), ("maximumAge", "max_age")):
        age = _age(elig.get(src))
        if age:
            population[key] = age
    sex = elig.get("sex")
    if isinstance(sex, str) and sex.upper() in SEXES:
        population["sex"] = SEXES[sex.upper()]
    volunteers = elig.get("healthyVolunteers")
    if isinstance(volunteers, bool):
        population["healthy_volunteers"] = volunteers
    split = split_criteria(criteria)
    notes = list(split.notes)
    gender = _text(elig.get("genderDescription"))
    if gender:
        notes.append(f"registry sex description: {gender}")
    return Imported(
        id=nct,
        title=_text(ident.get("briefTitle")) or _text(ident.get("officialTitle")),
        source=f"https://clinicaltrials.gov/study/{nct}",
        population=population,
        inclusion=split.inclusion,
        exclusion=split.exclusion,
        notes=tuple(notes),
        alternatives=split.alternatives,
    )


def from_text(text: str, trial_id: str, file: str | None = None) -> Imported:
    """Read a plain-text ``Inclusion Criteria: … Exclusion Criteria: …`` block.

    Raises:
        RecordImportError: the text holds no criterion lines.
    """
    split = split_criteria(text)
    if not split.inclusion and not split.exclusion:
        raise RecordImportError("no criterion lines found in the text", file)
    registry = NCT_ID.fullmatch(trial_id)
    return Imported(
        id=trial_id,
        title=None,
        source=f"https://clinicaltrials.gov/study/{trial_id}" if registry else None,
        inclusion=split.inclusion,
        exclusion=split.exclusion,
        notes=split.notes,
        alternatives=split.alternatives,
    )


def read_record(path: str | Path, trial_id: str | None = None) -> Imported:
    """Read a record file: API v2 JSON, or a plain-text criteria block.

    Args:
        path: The file.
        trial_id: The id to give the trial; by default the record's ``nctId``, or for a text
            block the first NCT id in the file name or the text, else the file name's stem.

    Raises:
        RecordImportError: unreadable file, malformed JSON, or nothing to import.
    """
    p = Path(path)
    try:
        if p.stat().st_size > MAX_BYTES:
            raise RecordImportError(f"over {MAX_BYTES:,} bytes; not one study record", str(p))
        raw = p.read_text("utf-8-sig")
    except OSError as e:
        raise RecordImportError(f"cannot read: {e.strerror}", str(p)) from None
    except UnicodeDecodeError:
        raise RecordImportError("cannot read as UTF-8 text", str(p)) from None
    if raw.lstrip().startswith(("{", "[")):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as e:
            where = f"line {e.lineno} column {e.colno}"
            raise RecordImportError(f"invalid JSON at {where}: {e.msg}", str(p)) from None
        if not isinstance(data, Mapping):
            raise RecordImportError("expected one JSON study object", str(p))
        imported = from_study(data, str(p))
        return replace(imported, id=trial_id) if trial_id else imported
    found = NCT_ID.search(p.name) or NCT_ID.search(raw)
    tid = trial_id or (found.group(0) if found else p.stem)
    imported = from_text(raw, tid, str(p))
    if not trial_id and not found:
        note = f"id '{tid}' is the file name; replace it with the registry id"
        imported = replace(imported, notes=(*imported.notes, note))
    return imported


# --------------------------------------------------------------------------- YAML


def _scalar(value: str) -> str:
    """A YAML scalar that reads back as exactly ``value``: plain when safe, else quoted.

    >>> _scalar("INR <1.6"), _scalar("Note: see below"), _scalar("yes")
    ('INR <1.6', "'Note: see below'", "'yes'")
    """
    if value and value == value.strip() and value[0] not in "'\"":
        try:
            back = yaml.safe_load(f"k: {value}")
        except yaml.YAMLError:
            back = None
        if back == {"k": value}:
            return value
    if value.isprintable() and all(_yaml_printable(ch) for ch in value):
        return "'" + value.replace("'", "''") + "'"
    return '"' + "".join(_escape(ch) for ch in value) + '"'


def _yaml_printable(ch: str) -> bool:
    """Characters YAML allows unescaped in a document."""
    o = ord(ch)
    return (
        0x20 <= o <= 0x7E
        or o == 0x85
        or 0xA0 <= o <= 0xD7FF
        or 0xE000 <= o <= 0xFFFD
        or 0x10000 <= o <= 0x10FFFF
    )


def _escape(ch: str) -> str:
    """One character inside a YAML double-quoted scalar."""
    if ch in '"\\':
        return "\\" + ch
    if ch.isprintable() and _yaml_printable(ch):
        return ch
    o = ord(ch)
    return f"\\x{o:02x}" if o <= 0xFF else f"\\u{o:04x}" if o <= 0xFFFF else f"\\U{o:08x}"


def _comment(text: str, indent: str = "") -> list[str]:
    """``text`` as YAML comment lines wrapped at 96 columns."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        if cur and len(indent) + 2 + len(cur) + 1 + len(word) > 96:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    if cur:
        lines.append(cur)
    return [f"{indent}# {ln}" for ln in lines]


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _cid(kind: Kind, position: int) -> str:
    return f"{kind[0].upper()}{position + 1}"


def _lines_of(imp: Imported, kind: Kind) -> tuple[str, ...]:
    return imp.inclusion if kind == "inclusion" else imp.exclusion


def compile_report(imp: Imported) -> dict[tuple[Kind, int], tuple[str, ...]]:
    """The unread spans of each line the grammar cannot fully read, by (kind, position)."""
    from .groups import find_groups, members
    from .parse import compile_text

    report: dict[tuple[Kind, int], tuple[str, ...]] = {}
    for kind in KINDS:
        lines = _lines_of(imp, kind)
        grouped = members(find_groups(lines, kind))
        for n, line in enumerate(lines):
            group = grouped.get(n)
            spans = group.unparsed if group else compile_text(line, kind).unparsed
            unread = tuple(u.text for u in spans)
            if unread:
                report[(kind, n)] = unread
    return report


def to_yaml(imp: Imported) -> str:
    """The trial YAML draft, with its compile report as comments.

    Every criterion line is compiled as ``eligo check`` would; each line that is not fully read
    gets a comment above it naming the unread spans, and the header counts them.
    """
    from .groups import find_groups, members

    report = compile_report(imp)
    total = len(imp.inclusion) + len(imp.exclusion)
    read = members(find_groups(imp.inclusion, "inclusion"))
    alt_notes: dict[tuple[Kind, int], str] = {}
    read_notes: list[str] = []
    for group in imp.alternatives:
        if group.kind != "inclusion" or len(group.positions) < 2:
            continue  # among exclusions, separate lines already mean "any of"
        first, last = group.positions[0], group.positions[-1]
        span = f"{_cid(group.kind, first)}–{_cid(group.kind, last)}"
        if len({id(read.get(p)) for p in group.positions}) == 1 and first in read:
            read_notes.append(
                f"{span} are alternatives in the registry (\u201c{_short(group.parent)}\u201d); "
                "screening reads them as one group, each line with the group's rule."
            )
            continue
        alt_notes[(group.kind, first)] = (
            f"{span} are alternatives in the registry "
            f"(\u201c{_short(group.parent)}\u201d), but screening requires every "
            "inclusion line: merge them into one line whose 'rule:' joins them with 'or'."
        )
    out = [
        f"# Draft imported from the ClinicalTrials.gov record {imp.id} by `eligo import`.",
        "# Registry bullets verbatim, in registry order (nested items joined to their parent).",
        f"# Compile report: {total - len(report)} of {total} lines read in full, "
        f"{len(report)} partly read.",
    ]
    if report:
        out += _comment(
            "Each partly read line has a comment above it. `eligo check --draft` accepts this "
            "draft and lists them as warnings; plain `eligo check` fails on them until each "
            "gets a 'rule:' override (with a 'note:') or the vocabulary learns its words. "
            "Review this draft before screening with it."
        )
    for note in imp.notes:
        out += _comment(f"Note: {note}.")
    for note in read_notes:
        out += _comment(f"Note: {note}")
    for note in alt_notes.values():
        out += _comment(f"Warning: {note}")
    out.append(f"id: {_scalar(imp.id)}")
    if imp.title:
        out.append(f"title: {_scalar(imp.title)}")
    if imp.source:
        out.append(f"source: {_scalar(imp.source)}")
    if imp.population:
        out.append("population:")
        for key in ("min_age", "max_age", "sex", "healthy_volunteers"):
            if key in imp.population:
                val = imp.population[key]
                text = str(val).lower() if isinstance(val, bool) else _scalar(val)
                out.append(f"  {key}: {text}")
    for kind in KINDS:
        lines = _lines_of(imp, kind)
        out.append(f"{kind}:" if lines else f"{kind}: []")
        for n, line in enumerate(lines):
            cid = _cid(kind, n)
            if (kind, n) in alt_notes:
                out += _comment(
                    f"{cid} starts a group of alternatives (see the warning above).", "  "
                )
            if (kind, n) in report:
                spans = ", ".join(f"\u201c{_short(u)}\u201d" for u in report[(kind, n)])
                out += _comment(f"{cid} partly read; not understood: {spans}", "  ")
            out.append(f"  - {_scalar(line)}")
    return "\n".join(out) + "\n"
