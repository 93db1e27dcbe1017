"""Fast truth: each trial's rule trees compiled once into plain closures that give only truth.

Evaluation-stage helper for :func:`eligo.screening.screen`.  The full evaluator
(:mod:`eligo.evaluate`) walks a rule tree and, for every node, reads the record and prepares
the text of an explanation.  Screening needs only each criterion's truth (``met``) to reach a
verdict; explanations are written later, when first read, by running the full evaluator on the
same record (``ScreenResult.criteria``).  So this module turns each rule tree, once per trial,
into nested closures that read the same values by the same rules and return ``True``,
``False`` or ``None`` (unknown), with no per-node dispatch and no explanation objects.

The closures follow the evaluator's semantics exactly (contract §3–4); a node whose reading is
intricate (drug doses) or whose concept does not resolve is handed to the full evaluator, so
it is decided by the one implementation.  ``tests/test_fast.py`` checks every criterion of
every trial in ``criteria/`` against the full evaluator on generated and example patients.

One difference in work, never in truth: a conjunction stops at its first false child and a
disjunction at its first true one (Kleene logic decides them there), where the full
evaluator visits every child to explain it.
"""

from __future__ import annotations

import contextlib
import functools
import math
import operator
import weakref
from collections.abc import Callable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

from . import scores
from .concepts import Concept, Vocabulary, vocabulary
from .derive import DERIVERS, ITEMS_READ, derive
from .errors import EligoError, UnitError
from .evaluate import _window_start, compare_text, convert_value, decider, lasted, value_converter
from .lookup import ConceptSet, Item, RecordView
from .nodes import (
    AllOf,
    AnyOf,
    Category,
    Comparison,
    Mention,
    Node,
    Not,
    Quantity,
    Range,
    RefMultiple,
    Unparsed,
    Versus,
    Window,
    walk,
)
from .record import Record
from .units import convert_analyte

Met = bool | None
Verdict = Literal["eligible", "ineligible", "needs_review"]
Reading = tuple[float | str, str, float | None] | None
"""A measured value as (value, unit, reference_high), or None when there is none."""


class Context:
    """One record on one screening date, as the compiled closures read it."""

    __slots__ = (
        "_age",
        "_converted",
        "_decide",
        "as_of",
        "complete",
        "facts",
        "found",
        "matched",
        "rec",
        "sex",
        "shared",
        "view",
    )

    def __init__(self, view: RecordView, as_of: date) -> None:
        self.view = view
        self.rec: Record = view.record
        self.as_of = as_of
        self.complete = self.rec.complete
        self.facts = self.rec.facts
        self.sex = self.rec.sex
        self._age: Reading | bool = False  # False: not read yet
        self._decide: Callable[[Node], Met] | None = None
        # truths of rule parts a trial repeats (see _shared), by their number in the trial
        self.shared: dict[int, Met] = {}
        self.matched: frozenset[str] = frozenset()  # concepts whose items are all in found
        self.found: Mapping[str, tuple[Item, ...]] = {}
        self._converted: dict[tuple[str, float, str, str], float | None] = {}

    def match_all(self, wanted: ConceptSet) -> None:
        """Match the record's entries against ``wanted`` at once (``RecordView.match_all``)."""
        self.view.match_all(wanted)
        self.matched, self.found = wanted.wanted, self.view.found

    def items(self, concept_id: str) -> tuple[Item, ...]:
        """``RecordView.matches``: a concept's items, straight from the one pass if it had it."""
        if concept_id in self.matched:
            return self.found.get(concept_id, ())
        return self.view.matches(concept_id)

    def convert(self, c: Concept, value: float, unit: str, to: str) -> float | None:
        """``evaluate.convert_value`` for this record and date; None where the units do not
        convert."""
        try:
            return convert_value(c, self.rec.birth_date, self.as_of, value, unit, to)
        except UnitError:
            return None

    def convert_once(self, c: Concept, value: float, unit: str, to: str) -> float | None:
        """:meth:`convert`, made once per record: for ages, which trials read several times."""
        key = (c.id, value, unit, to)
        converted = self._converted
        if key in converted:
            return converted[key]
        try:
            found: float | None = convert_value(c, self.rec.birth_date, self.as_of, value, unit, to)
        except UnitError:
            found = None
        converted[key] = found
        return found

    def decide(self, node: Node) -> Met:
        """The full evaluator's truth for ``node`` (for nodes not compiled here)."""
        if self._decide is None:
            self._decide = decider(self.view, self.as_of)
        return self._decide(node)

    def age(self) -> Reading:
        """``_Evaluator.age``: completed years from the birth date, else the age as given."""
        found = self._age
        if found is False:
            rec, as_of = self.rec, self.as_of
            born = rec.birth_date
            if born is not None:
                found = None if born > as_of else (float(scores.age_years(born, as_of)), "a", None)
            elif rec.age is not None:
                found = (rec.age[0], rec.age[1], None)
            else:
                found = None
            self._age = found
        return found  # type: ignore[return-value]


Fn = Callable[[Context], Met]
Shared = Mapping[Node, int]


class CompiledTrial:
    """A trial's criteria as closures, in trial order, with the vocabulary they were built for
    and the concepts they mention (matched against a record's entries in one pass)."""

    __slots__ = ("__weakref__", "exclusion", "mentioned", "rules", "vocab")

    def __init__(
        self,
        rules: tuple[Fn, ...],
        vocab: Vocabulary,
        mentioned: tuple[str, ...],
        kinds: tuple[str, ...],
    ) -> None:
        self.rules = rules
        self.vocab = vocab
        self.mentioned = ConceptSet(mentioned, vocab) if mentioned else None
        self.exclusion = tuple(kind != "inclusion" for kind in kinds)  # as outcome_of reads it

    def verdict(self, met: tuple[Met, ...]) -> Verdict:
        """``verdict_of`` the criteria's outcomes: a criterion fails when an inclusion is not
        met or an exclusion is; any failure is ``ineligible``, else any unknown
        ``needs_review``, else ``eligible``."""
        unknown = False
        for m, exclusion in zip(met, self.exclusion, strict=True):
            if m is None:
                unknown = True
            elif m is exclusion:
                return "ineligible"
        return "needs_review" if unknown else "eligible"

    def met(self, view: RecordView, as_of: date) -> tuple[Met, ...]:
        """Each criterion's truth for the record behind ``view``."""
        ctx = Context(view, as_of)
        if self.mentioned is not None:
            ctx.match_all(self.mentioned)
        return tuple([rule(ctx) for rule in self.rules])


# compiled trials by (id(trial), id(vocabulary)); an entry goes when its trial is collected
_COMPILED: dict[tuple[int, int], tuple[weakref.ref[Any], CompiledTrial]] = {}


def compiled(trial: Any, vocab: Vocabulary | None = None) -> CompiledTrial:
    """``trial``'s rules compiled for ``vocab`` (default: eligo's), once per trial object."""
    vocab = vocab or vocabulary()
    key = (id(trial), id(vocab))
    found = _COMPILED.get(key)
    if found is not None and found[0]() is trial and found[1].vocab is vocab:
        return found[1]
    shared = _shared([c.rule for c in trial.criteria])
    rules = tuple(compile_rule(c.rule, vocab, shared) for c in trial.criteria)
    mentioned = _mentioned([c.rule for c in trial.criteria], vocab)
    out = CompiledTrial(rules, vocab, mentioned, tuple(c.kind for c in trial.criteria))
    with contextlib.suppress(TypeError):  # no weak references to it: compiled each time
        _COMPILED[key] = (weakref.ref(trial, lambda _: _COMPILED.pop(key, None)), out)
    return out


def _mentioned(rules: list[Node], vocab: Vocabulary) -> tuple[str, ...]:
    """The conditions, drugs and procedures the rules mention (or a derived value they
    compare reads: dialysis for MELD), each once, in order."""
    out: dict[str, None] = {}
    for rule in rules:
        for node in walk(rule):
            if not isinstance(node, Mention | Comparison | Range) or node.concept not in vocab:
                continue
            c = _concept(vocab, node.concept)
            if isinstance(node, Mention):
                if c.kind != "fact":
                    out[c.id] = None
                    out.update(dict.fromkeys(x for x in node.excluding if x in vocab))
            elif c.derived:
                out.update(dict.fromkeys(x for x in ITEMS_READ.get(c.derived, ()) if x in vocab))
    return tuple(out)


def compile_rule(node: Node, vocab: Vocabulary, shared: Shared = MappingProxyType({})) -> Fn:
    """A closure giving ``node``'s truth (``evaluate(node, …).root.truth.value``).

    ``shared`` numbers the rule parts a trial repeats (:func:`_shared`): each is decided once
    per record, and its truth reused."""
    make = _COMPILERS.get(type(node))
    fn = None
    if make is not None:
        with contextlib.suppress(EligoError):  # an unknown concept: the evaluator reports it
            fn = make(node, vocab, shared)
    if fn is None:
        fn = fallback(node)
    slot = shared.get(node) if shared else None
    return fn if slot is None else _remembered(fn, slot)


def _shared(rules: list[Node]) -> Shared:
    """The parts (other than unparsed text and facts, decided at once) that occur more than
    once in a trial's rules, numbered: "age 20–70" as a population limit and a bullet."""
    seen: dict[Node, int] = {}
    for rule in rules:
        for node in walk(rule):
            if not isinstance(node, Unparsed):
                seen[node] = seen.get(node, 0) + 1
    repeated = [n for n, count in seen.items() if count > 1]
    return MappingProxyType({node: i for i, node in enumerate(repeated)})


def _remembered(fn: Fn, slot: int) -> Fn:
    def remembered(ctx: Context) -> Met:
        memo = ctx.shared
        if slot in memo:
            return memo[slot]
        met = memo[slot] = fn(ctx)
        return met

    return remembered


def fallback(node: Node) -> Fn:
    """The full evaluator's truth for ``node``: for what is not compiled here."""

    def full(ctx: Context) -> Met:
        return ctx.decide(node)

    return full


def _kleene(node: AllOf | AnyOf, vocab: Vocabulary, shared: Shared, decisive: bool) -> Fn:
    """Kleene "and" (``decisive`` False: one false child decides) or "or" (True decides);
    otherwise unknown if any child is, else the other value."""
    kids = tuple(compile_rule(c, vocab, shared) for c in node.children)
    if len(kids) == 2:  # the common case, without the loop
        first, second = kids

        def pair(ctx: Context) -> Met:
            a = first(ctx)
            if a is decisive:
                return decisive
            b = second(ctx)
            if b is decisive:
                return decisive
            return None if a is None or b is None else not decisive

        return pair

    def many(ctx: Context) -> Met:
        unknown = False
        for kid in kids:
            met = kid(ctx)
            if met is decisive:
                return decisive
            if met is None:
                unknown = True
        return None if unknown else not decisive

    return many


def _all_of(node: AllOf, vocab: Vocabulary, shared: Shared) -> Fn:
    return _kleene(node, vocab, shared, False)


def _any_of(node: AnyOf, vocab: Vocabulary, shared: Shared) -> Fn:
    return _kleene(node, vocab, shared, True)


def _not(node: Not, vocab: Vocabulary, shared: Shared) -> Fn:
    kid = compile_rule(node.child, vocab, shared)

    def negate(ctx: Context) -> Met:
        met = kid(ctx)
        return None if met is None else not met

    return negate


def _unparsed(node: Unparsed, vocab: Vocabulary, shared: Shared) -> Fn:
    def unparsed(ctx: Context) -> Met:
        return None

    return unparsed


def _concept(vocab: Vocabulary, concept_id: str) -> Concept:
    return vocab.concepts.get(concept_id) or vocab[concept_id]


@functools.lru_cache(maxsize=1024)
def _since(window: Window, as_of: date) -> date:
    return _window_start(window, as_of)


# -- mentions (``_Evaluator.mention``) ------------------------------------------------------
_SECTIONS = {"condition": "conditions", "procedure": "procedures", "medication": "medications"}


def _mention(node: Mention, vocab: Vocabulary, shared: Shared) -> Fn:
    c = _concept(vocab, node.concept)
    cid = c.id
    if c.kind == "fact":
        if node.window is not None or node.lasting is not None:  # a fact has no date
            return _unparsed(Unparsed(""), vocab, shared)

        def fact(ctx: Context) -> Met:
            raw = ctx.facts.get(cid)
            return raw if isinstance(raw, bool) else None

        return fact
    only_sex = c.sex
    section = _SECTIONS.get(c.kind, "conditions")
    window = node.window
    history = node.qualifier == "history"
    if node.lasting is not None:
        return _lasting(node, cid, only_sex, section)
    excluding = node.excluding

    def mention(ctx: Context) -> Met:
        sex = ctx.sex
        if only_sex is not None and sex != only_sex and sex in ("female", "male"):
            return False
        items = ctx.found.get(cid, ()) if cid in ctx.matched else ctx.view.matches(cid)
        if excluding and items:
            items = _kept(ctx, items, excluding)
        if not items:  # nothing on record: the section's completeness decides
            return False if section in ctx.complete else None
        as_of = ctx.as_of
        absent = False
        if window is not None:
            since = _since(window, as_of)
            undetermined = False
            for i in items:
                if i.start is not None and i.start > as_of:
                    continue
                status = i.status
                if status == "absent":
                    absent = absent or i.direct
                    continue
                end = i.end
                if end is None:
                    end = as_of if _current(i, status, as_of) else i.start
                if end is None:
                    undetermined = True
                elif end >= since:
                    return True
            if undetermined:
                return None
        elif history:
            for i in items:
                if i.start is not None and i.start > as_of:
                    continue
                if i.status != "absent":
                    return True
                absent = absent or i.direct
        else:
            unsure = False
            for i in items:
                if i.start is not None and i.start > as_of:
                    continue
                status = i.status
                if status == "absent":
                    absent = absent or i.direct
                    continue
                if _current(i, status, as_of):
                    return True
                if status == "unknown" and (i.end is None or i.end >= as_of):
                    unsure = True
            if unsure:
                return None
        # nothing qualifying: false if ruled out or the section is complete (open world)
        if absent or section in ctx.complete:
            return False
        return None

    return mention


def _kept(ctx: Context, items: tuple[Item, ...], excluding: tuple[str, ...]) -> tuple[Item, ...]:
    """``_Evaluator._set_aside``: the items that count, none meaning an excluded concept."""
    excluded = {i.source for cid in excluding for i in ctx.items(cid)}
    if not excluded:
        return items
    return tuple(i for i in items if i.source not in excluded)


def _lasting(node: Mention, cid: str, only_sex: str | None, section: str) -> Fn:
    """``_Evaluator._lasting``: a mention with a duration (see :class:`Mention`)."""
    lasting = node.lasting
    assert lasting is not None
    window = node.window
    history = node.qualifier == "history"
    excluding = node.excluding

    def mention(ctx: Context) -> Met:
        sex = ctx.sex
        if only_sex is not None and sex != only_sex and sex in ("female", "male"):
            return False
        items = ctx.found.get(cid, ()) if cid in ctx.matched else ctx.view.matches(cid)
        if excluding and items:
            items = _kept(ctx, items, excluding)
        if not items:
            return False if section in ctx.complete else None
        as_of = ctx.as_of
        since = None if window is None else _since(window, as_of)
        absent = unknown = False
        for i in items:
            if i.start is not None and i.start > as_of:
                continue
            status = i.status
            if status == "absent":
                absent = absent or i.direct
                continue
            if since is not None:
                end = i.end
                if end is None:
                    end = as_of if _current(i, status, as_of) else i.start
                if end is None:
                    unknown = True  # no date to place it in the window
                    continue
                if end < since:
                    continue
            elif not history and not _current(i, status, as_of):
                if status == "unknown" and (i.end is None or i.end >= as_of):
                    unknown = True  # no clinical status
                continue
            met = lasted(i, lasting, as_of, since)
            if met:
                return True
            if met is None:
                unknown = True
        if unknown:
            return None
        if absent or section in ctx.complete:
            return False
        return None

    return mention


def _current(i: Any, status: str, as_of: date) -> bool:
    """``evaluate.is_current`` for an item whose status is ``status`` (start already checked
    not to be after ``as_of``)."""
    if status != "active" and (status != "unknown" or i.kind != "medication"):
        return False
    return i.end is None or i.end >= as_of


# -- values (``_Evaluator.value_of`` and ``_either``) ----------------------------------------
Reader = Callable[[Context], Reading]
Judge = Callable[[Context, Reading], Met]


def _reader(c: Concept, window: Window | None) -> Reader | None:
    """How to read concept ``c``'s value; None where the full evaluator must (drug doses)."""
    cid = c.id
    if cid == "age":
        return Context.age
    if cid == "sex":

        def sex(ctx: Context) -> Reading:
            s = ctx.sex
            return None if s is None or s == "unknown" else (s, "", None)

        return sex
    if c.kind == "fact":
        default = c.unit

        def fact(ctx: Context) -> Reading:
            raw = ctx.facts.get(cid)
            if raw is None:
                return None
            if isinstance(raw, dict):
                return float(raw["value"]), str(raw.get("unit") or default or ""), None
            if isinstance(raw, tuple | list):
                return float(raw[0]), str(raw[1] or default or ""), None
            if isinstance(raw, bool):
                return None
            if isinstance(raw, str):  # a category fact ("study_cohort": "part_a")
                return raw, "", None
            return float(raw), default or "", None

        return fact
    if c.kind == "medication":
        return None
    unitless = c.unit in (None, "1")
    name = c.derived if c.derived and c.derived in DERIVERS else None

    def measured(ctx: Context) -> Reading:
        since = None if window is None else _since(window, ctx.as_of)
        obs = ctx.view.latest(cid, ctx.as_of, since)
        if obs is not None:
            value = obs.value
            if isinstance(value, bool):
                return None
            if isinstance(value, int | float):
                if obs.unit is None and not unitless:
                    return None
                return float(value), obs.unit if obs.unit is not None else "", obs.reference_high
            return str(value), "", None
        if name is not None:
            d = derive(name, ctx.view, ctx.as_of)
            if d.value is None:
                return None
            return (d.value if isinstance(d.value, str) else float(d.value)), d.unit, None
        return None

    return measured


def _measure(node: Comparison | Range, c: Concept, judge: Judge) -> Fn:
    """Read the concept's value and judge it; a derived value open on one yes/no input (MELD
    without a dialysis record) is judged under each answer, and decided when both agree."""
    read = _reader(c, node.window)
    if read is None:
        return fallback(node)
    name = c.derived if c.derived and c.derived in DERIVERS else None

    def measure(ctx: Context) -> Met:
        got = read(ctx)
        if got is not None:
            return judge(ctx, got)
        if name is None:
            return None
        d = derive(name, ctx.view, ctx.as_of)
        if not d.alternatives:
            return None
        truths = {
            judge(ctx, (v if isinstance(v, str) else float(v), d.unit, None))
            for _, v in d.alternatives
        }
        if len(truths) != 1:
            return None
        return truths.pop()

    return measure


_OPS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "=": operator.eq,
    "!=": operator.ne,
}


def _compare(op: str) -> Callable[[float, float], bool]:
    """``evaluate.compare`` for one operator: values within its tolerance count as equal."""
    test = _OPS[op]
    when_equal = op in ("<=", ">=", "=")
    isclose = math.isclose

    def compare(a: float, b: float) -> bool:
        if isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
            return when_equal
        return bool(test(a, b))

    return compare


def _comparison(node: Comparison, vocab: Vocabulary, shared: Shared) -> Fn:
    c = _concept(vocab, node.concept)
    target, op = node.value, node.op
    if isinstance(target, Category):
        wanted, order = target.value, c.categories

        def categorical(ctx: Context, got: Reading) -> Met:
            assert got is not None
            return compare_text(str(got[0]), op, wanted, order)

        return _measure(node, c, categorical)
    test = _compare(op)
    if isinstance(target, RefMultiple):
        return _measure(node, c, _ref_multiple(c, target, test))
    assert isinstance(target, Quantity)
    value, to = target.value, target.unit

    if c.id == "age":

        def age(ctx: Context, got: Reading) -> Met:
            assert got is not None
            v, unit, _ = got
            if isinstance(v, str):
                return None
            x = ctx.convert_once(c, v, unit, to)
            return None if x is None else test(x, value)

        return _measure(node, c, age)
    cid, molar_mass = c.id, c.molar_mass

    def quantity(ctx: Context, got: Reading) -> Met:
        assert got is not None
        v, unit, _ = got
        if isinstance(v, str):
            return None
        try:  # Context.convert, without its layers: convert_value's own converter
            x = value_converter(cid, molar_mass, unit, to)(v)
        except UnitError:
            return None
        return test(x, value)

    return _measure(node, c, quantity)


def _ref_multiple(c: Concept, target: RefMultiple, test: Callable[[float, float], bool]) -> Judge:
    """``_Evaluator._ref_multiple``: a multiple of the lab's reference limit, else eligo's."""

    def multiple(ctx: Context, got: Reading) -> Met:
        assert got is not None
        v, unit, ref_high = got
        if isinstance(v, str):
            return None
        if target.limit == "ULN":
            if ref_high is not None:
                limit, limit_unit = ref_high, unit
            elif c.reference is not None:
                limit, limit_unit = c.reference[1], c.unit or ""
            else:
                return None
        else:
            if c.reference is None:
                return None
            limit, limit_unit = c.reference[0], c.unit or ""
        try:
            x = convert_analyte(c.id, v, unit or "1", limit_unit or "1", c.molar_mass)
        except UnitError:
            return None
        return test(x, target.value * limit)

    return multiple


def _range(node: Range, vocab: Vocabulary, shared: Shared) -> Fn:
    c = _concept(vocab, node.concept)
    low, high = node.low, node.high
    above = _compare(">=" if node.low_inclusive else ">")
    below = _compare("<=" if node.high_inclusive else "<")

    convert = Context.convert_once if c.id == "age" else Context.convert
    same_unit = low.unit == high.unit  # one conversion serves both bounds
    if c.id != "age" and same_unit:
        cid, molar_mass, to = c.id, c.molar_mass, low.unit

        def one_unit(ctx: Context, got: Reading) -> Met:
            assert got is not None
            v, unit, _ = got
            if isinstance(v, str):
                return None
            try:  # Context.convert, without its layers: convert_value's own converter
                x = value_converter(cid, molar_mass, unit, to)(v)
            except UnitError:
                return None
            return above(x, low.value) and below(x, high.value)

        return _measure(node, c, one_unit)

    def ranged(ctx: Context, got: Reading) -> Met:
        assert got is not None
        v, unit, _ = got
        if isinstance(v, str):
            return None
        lo = convert(ctx, c, v, unit, low.unit)
        hi = lo if same_unit else convert(ctx, c, v, unit, high.unit)
        if lo is None or hi is None:
            return None
        return above(lo, low.value) and below(hi, high.value)

    return _measure(node, c, ranged)


def _versus(node: Versus, vocab: Vocabulary, shared: Shared) -> Fn:
    """``_Evaluator.versus``: each measure's latest value in its (shared) unit, compared."""
    sides = []
    for cid in (node.left, node.right):
        c = _concept(vocab, cid)
        read = _reader(c, node.window)
        if read is None:
            return fallback(node)
        sides.append((c, c.unit or "", read))
    test = _compare(node.op)

    def side(ctx: Context, c: Concept, to: str, read: Reader) -> float | None:
        got = read(ctx)
        if got is None:
            return None
        v, unit, _ = got
        if isinstance(v, str):
            return None
        return ctx.convert(c, v, unit, to)

    (a, a_to, read_a), (b, b_to, read_b) = sides

    def versus(ctx: Context) -> Met:
        x = side(ctx, a, a_to, read_a)
        if x is None:
            return None
        y = side(ctx, b, b_to, read_b)
        return None if y is None else test(x, y)

    return versus


_COMPILERS: dict[type, Callable[[Any, Vocabulary, Shared], Fn]] = {
    AllOf: _all_of,
    AnyOf: _any_of,
    Not: _not,
    Unparsed: _unparsed,
    Mention: _mention,
    Comparison: _comparison,
    Range: _range,
    Versus: _versus,
}
