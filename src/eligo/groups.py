"""Groups: registry sub-bullets that are alternatives of one parent line.

A trial-level stage between compiling each line and screening.  ClinicalTrials.gov nests
bullets; trial files keep one line per bullet, each sub-bullet prefixed with its parent's
text ("Liver transplantation candidates with one or more of the following: stable angina").
Read alone, such a line can only say ``parent and (item or unparsed("one or more of the
following"))``: its alternatives sit on the other lines.  This stage finds those lines
again and gives every line of the group the rule of the whole group, so an inclusion group
is met when one of its items is, and a "2 of the following 4 criteria" group can be read.

A group is a run of consecutive lines of one kind that share a prefix ending in ":" and
whose prefix ends in a list cue:

* "one or more of the following:", "at least one of the following criteria:", "≥ 1 of the
  following conditions:", "defined as one of the following:" → an "or" of the items;
* "2 of the following 4 criteria:" → an "or" over every choice of 2 items (at most
  :data:`MAX_ITEMS` items, and the stated count must match the lines);
* no cue, but every item except the last ends in "or" / ", OR" / "and/or" → an "or".

A run whose item is itself a run with a longer shared prefix is a nested group ("…, OR /
2 of the following 4 criteria: …"): it reads as one alternative of its parent.

Design decisions, all on the side of safety (a wrong "eligible" is the worst bug):

* The group's rule is ``parent and (combination of the items)``; the parent and each item
  are compiled by the ordinary line compiler, so anything unread stays ``unparsed`` and an
  "or" with an unread item is unknown unless another item is met (Kleene logic).
* The lead-in of the list ("with", "defined as", "must meet", "will be based upon") is
  part of the list construct and is not compiled; every other word of the parent is.
* A group is only formed when each item reads the same with its parent as alone
  (``compile(parent + item) == parent and item``): a parent that changes what its items
  mean ("history of", "without", a time window) leaves the lines as they are.  Parents that
  describe someone else (a donor, a graft, a partner), that give examples ("including",
  "such as"), that put a condition on the list ("if", "unless"), that bound the count from
  above ("no more than one", "exactly one"), that end in an unread word before the cue
  ("Risk factors for one of the following:") or that qualify the items after the cue ("one
  of the following within the last 6 months:") are never grouped: each line alone stays
  open ("… or unparsed(cue)") where the group could fail.
* Exclusion lines of an "any of" list are already right one by one (each item excludes),
  so exclusion groups are formed only when they count ("2 of the following"), where one
  item alone must not exclude.
* A ``rule:`` override on a line wins for that line; in the group's rule of the other lines
  it stands for that line's item.  Written as the item's rule, the line's rule or the whole
  group's rule, it gives the same group (each of those implies the item within the group).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .nodes import AllOf, AnyOf, Node, Unparsed, unparsed_spans
from .parse import compile_text
from .transform import Kind

MAX_ITEMS = 6  # "k of the following n": at most C(6, 3) = 20 alternatives, as on one line
MAX_DEPTH = 4  # nesting of sub-bullet lists read; registry lists nest two or three deep

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_NUM = r"\d|one|two|three|four|five|six"
# the lead-in that introduces a list: part of the list construct, not of the parent's meaning
_LEAD_IN = (
    r"(?:(?:,|-|–)\s*)?(?<![A-Za-z])(?:(?:and|who|which|that)\s+)?(?:(?:must|should|will|to)\s+)?"
    r"(?:(?:be\s+)?(?:defined|diagnosed|documented|evidenced|confirmed|characterized)\s+"
    r"(?:as|by)(?:\s+(?:the\s+)?presence\s+of)?|(?:be\s+)?based\s+(?:up)?on|"
    r"meet(?:ing)?|meets|satisfy(?:ing)?|satisfies|fulfil+(?:ing|s)?|have|has|having|with)"
)
# "… one or more of the following:" / "2 of the following 4 criteria:" at the end of a parent
_CUE = re.compile(
    rf"\s*(?:{_LEAD_IN}\s+)?(?P<cue>(?:(?:at\s+least|≥|>=)\s*)?"
    rf"(?<![A-Za-z])(?P<k>{_NUM})(?:\s+or\s+more)?\s+of\s+the\s+following"
    rf"(?:\s+(?P<n>{_NUM}))?)(?P<tail>[^:;.()]{{0,80}}?)\s*:$"
    r"|\s*(?:" + _LEAD_IN + r"\s+)?(?P<any>any\s+of\s+the\s+following)"
    r"(?P<tail2>[^:;.()]{0,80}?)\s*:$",
    re.IGNORECASE,
)
# what the items are called: says nothing about who qualifies
_NOUN = re.compile(r"\s*(?:criteria|criterion|conditions|items|features|findings)?\s*", re.I)
# a lead-in at the end of a parent without a cue ("Diagnosis will be based upon:")
_BARE_LEAD = re.compile(rf"\s*{_LEAD_IN}?\s*:$", re.IGNORECASE)
# parents that must not be grouped: examples, someone else, a condition on the list, a
# count bounded from above
_NOT_A_GROUP = re.compile(
    r"\b(?:including|includes|include|such\s+as|e\.g\.|for\s+example|donors?|(?:allo)?grafts?|"
    r"partners?|mothers?|fathers?|parents?|caregivers?|siblings?|if|unless|when|whenever|"
    r"whether|provided)\b"
    r"|\b(?:no|not|none|without|never|than|most|exactly|only|up\s+to|except|neither)\s*$",
    re.IGNORECASE,
)
_CONNECTIVE = re.compile(r"[\s,;]*\b(?:and\s*/\s*or|or)\s*[;,]?\s*$", re.IGNORECASE)
_AND_END = re.compile(r"[\s,;]*\band\s*[;,]?\s*$", re.IGNORECASE)
_LEADING_JOIN = re.compile(r"^\s*(?:and|or|\d+\)|[-–•*])\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Group:
    """Consecutive lines (0-based ``first`` .. ``first + size - 1`` of one kind) read as one."""

    first: int
    size: int
    parent: str
    rule: Node

    @property
    def unparsed(self) -> tuple[Unparsed, ...]:
        """The group's unread spans, each once (a "k of n" repeats an item in its choices)."""
        seen: dict[str, Unparsed] = {}
        for u in unparsed_spans(self.rule):
            seen.setdefault(u.text, u)
        return tuple(seen.values())

    def note(self, line: int, override: bool = False) -> str:
        """How a line of the group is read (``line`` 0-based in its kind)."""
        parent = self.parent if len(self.parent) <= 70 else self.parent[:69].rstrip() + "…"
        where = (
            f"item {line - self.first + 1} of a group of {self.size} lines under "
            f"\u201c{parent}\u201d"
        )
        if override:
            return (
                f"{where}; its 'rule:' override decides this line and stands for this item in "
                "the group's rule, which decides the other lines"
            )
        return f"{where}; the group's rule decides each of them"


@dataclass(frozen=True)
class _Line:
    index: int


@dataclass(frozen=True)
class _Run:
    prefix: str  # the shared text, up to and including its ":"
    units: tuple[_Line | _Run, ...]

    def indices(self) -> list[int]:
        out: list[int] = []
        for u in self.units:
            out.extend([u.index] if isinstance(u, _Line) else u.indices())
        return out


def find_groups(
    texts: Sequence[str], kind: Kind, overrides: Mapping[int, Node] | None = None
) -> list[Group]:
    """The groups among one kind's lines, in order.

    Args:
        texts: The lines of one kind (inclusion or exclusion), in file order.
        kind: Their kind.
        overrides: ``rule:`` overrides by 0-based line index.

    Returns:
        The groups found; lines in no group are read one by one, as before.
    """
    reader = _Reader(texts, kind, overrides or {})
    groups: list[Group] = []
    for unit in _units(texts, list(range(len(texts))), 0):
        if isinstance(unit, _Run):
            groups.extend(reader.groups(unit))
    return groups


def _units(texts: Sequence[str], idx: list[int], base: int, depth: int = 0) -> list[_Line | _Run]:
    """Lines ``idx`` (sharing ``texts[i][:base]``) as single lines and runs of a longer prefix.

    Runs nest at most :data:`MAX_DEPTH` deep (registry lists nest two or three levels);
    deeper, the lines are single lines.
    """
    out: list[_Line | _Run] = []
    i = 0
    while i < len(idx):
        line = texts[idx[i]]
        run: _Run | None = None
        for m in re.finditer(":", line[base:] if depth < MAX_DEPTH else ""):
            prefix = line[: base + m.end()]
            j = i
            while j < len(idx) and _item_of(texts[idx[j]], prefix):
                j += 1
            if j - i >= 2:
                run = _Run(prefix, tuple(_units(texts, idx[i:j], len(prefix), depth + 1)))
                i = j
                break
        if run is None:
            out.append(_Line(idx[i]))
            i += 1
        else:
            out.append(run)
    return out


def _item_of(text: str, prefix: str) -> bool:
    return text.startswith(prefix) and len(text) > len(prefix) and text[len(prefix)].isspace()


@dataclass(frozen=True)
class _Head:
    """A run's own part of the prefix, split into the parent text and how items combine."""

    parent: str  # what the parent says, without the list cue
    k: int | None  # items needed; None: no cue (an "or" only if the items say so)
    n: int | None  # items the cue announces ("2 of the following 4")


def _head(own: str) -> _Head | None:
    """Split a run's own prefix text; ``None`` when it must not be grouped."""
    m = _CUE.search(own)
    if m is None:
        parent = _BARE_LEAD.sub("", own).strip()
        return None if _NOT_A_GROUP.search(parent) else _Head(parent, None, None)
    # the match starts at the lead-in ("… defined as one of the following:"), if any
    if m.group("any") is not None:
        tail, k, n = m.group("tail2"), 1, None
    else:
        tail = m.group("tail")
        k = _count(m.group("k"))
        n = _count(m.group("n")) if m.group("n") else None
    before = own[: m.start()]
    if _NOT_A_GROUP.search(before) or not _NOUN.fullmatch(tail):
        # words after "the following" other than what the items are called qualify every
        # item ("… organ dysfunctions judged due to sepsis", "… within the last 6 months")
        return None
    return _Head(before.strip(), k, n)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


class _Reader:
    """Builds the rule of each run that is a group."""

    def __init__(self, texts: Sequence[str], kind: Kind, overrides: Mapping[int, Node]) -> None:
        self.texts = texts
        self.kind = kind
        self.overrides = overrides

    def groups(self, run: _Run) -> list[Group]:
        """The group ``run`` makes, or the groups of runs nested in it when it is no list."""
        head = _head(run.prefix)
        if head is None:
            return []
        built = self.rule(run, "", 0)
        if built is not None:
            rule, counts = built
            if self.kind == "inclusion" or counts:
                idx = run.indices()
                return [Group(idx[0], len(idx), _parent_text(run.prefix), rule)]
            return []
        if head.k is not None or any(self._ends_or(u) for u in run.units):
            return []  # a list this stage cannot read: its lines stay as they are
        out: list[Group] = []
        for unit in run.units:
            if isinstance(unit, _Run):
                out.extend(self.groups(unit))
        return out

    def rule(self, run: _Run, context: str, base: int) -> tuple[Node, bool] | None:
        """``(rule, counts)`` of ``run`` read as a group, or ``None`` if it is not one.

        ``context`` is the parent text of the enclosing groups, ``base`` where this run's
        own prefix starts; ``counts`` says whether a "k of n" with k > 1 is inside.
        """
        head = _head(run.prefix[base:])
        if head is None:
            return None
        units = run.units
        ends = [self._ends_or(u) for u in units]
        if head.k is None:
            if not (all(ends[:-1]) and not ends[-1]):
                return None
            k = 1
        else:
            k = head.k
            if ends[-1] or (head.n is not None and head.n != len(units)):
                return None
        if not 1 <= k < len(units) or (k > 1 and len(units) > MAX_ITEMS):
            return None
        inner = f"{context} {_LEADING_JOIN.sub('', head.parent)}".strip()
        items: list[Node] = []
        counts = k > 1
        for unit in units:
            if isinstance(unit, _Run):
                built = self.rule(unit, inner, len(run.prefix))
                if built is None:
                    return None
                items.append(built[0])
                counts = counts or built[1]
                continue
            text = self.texts[unit.index][len(run.prefix) :]
            if _AND_END.search(text) and not _CONNECTIVE.search(text):
                return None  # "A, and": the items are all required, not alternatives
            item = _CONNECTIVE.sub("", text).strip()
            if unit.index in self.overrides:
                items.append(self.overrides[unit.index])
                continue
            read = self._item(inner, item)
            if read is None:
                return None
            items.append(read)
        combined = (
            _any(items)
            if k == 1
            else _any([_all(list(c)) for c in itertools.combinations(items, k)])
        )
        parent = _LEADING_JOIN.sub("", head.parent).strip(" ,;:-–")
        if not parent:
            return combined, counts
        read = self._compile(parent)
        last = read.children[-1] if isinstance(read, AllOf) else read
        if head.k is not None and isinstance(last, Unparsed):
            # an unread word just before the cue may qualify every item ("Risk factors for
            # one of the following:", "Suspected one of the following:"): each line alone
            # stays open ("… or unparsed(cue)"), where the group would fail on the items
            return None
        return _all([read, combined]), counts

    def _item(self, context: str, item: str) -> Node | None:
        """``item`` compiled alone, if it reads the same after its parent's text."""
        alone = self._compile(item)
        if not context:
            return alone
        with_parent = self._compile(f"{context} {item}")
        if _conjuncts(with_parent) != _conjuncts(_all([self._compile(context), alone])):
            return None
        return alone

    def _compile(self, text: str) -> Node:
        return compile_text(text, self.kind).rule

    def _ends_or(self, unit: _Line | _Run) -> bool:
        last = unit.index if isinstance(unit, _Line) else unit.indices()[-1]
        return bool(_CONNECTIVE.search(self.texts[last]))


def _parent_text(prefix: str) -> str:
    return prefix.rstrip(": ").strip()


def _flat(cls: type[AllOf] | type[AnyOf], nodes: list[Node]) -> list[Node]:
    """Children of an ``and``/``or`` of ``nodes``: nested ones of the same kind spliced in,
    a repeated child dropped (as the rule compiler does, so the rule round-trips)."""
    out: list[Node] = []
    for n in nodes:
        for kid in n.children if isinstance(n, cls) else (n,):
            if kid not in out:
                out.append(kid)
    return out


def _all(nodes: list[Node]) -> Node:
    kids = _flat(AllOf, nodes)
    return kids[0] if len(kids) == 1 else AllOf(tuple(kids))


def _any(nodes: list[Node]) -> Node:
    kids = _flat(AnyOf, nodes)
    return kids[0] if len(kids) == 1 else AnyOf(tuple(kids))


def _conjuncts(node: Node) -> frozenset[Node]:
    """The read conjuncts of a rule (the compiler drops a repeated one; unread words, whose
    split depends on their neighbours, are left out)."""
    kids = node.children if isinstance(node, AllOf) else (node,)
    return frozenset(k for k in kids if not isinstance(k, Unparsed))


def members(groups: Sequence[Group]) -> dict[int, Group]:
    """Each grouped line's 0-based index → its group."""
    return {g.first + i: g for g in groups for i in range(g.size)}
