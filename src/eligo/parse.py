"""Parse: criterion text or canonical rule → rule nodes.

Stage 2–3 of the pipeline.  Two Lark LALR parsers, each built once (``functools.cache``):

* the registry-text parser over the lexer's token stream (``grammar/criteria.lark``).  It never
  fails on registry text: when the grammar cannot place a token, that token is demoted to an
  unread ``WORD`` and the line is parsed again, so the line is still read where it can be and
  the rest is reported as ``unparsed``;
* the canonical-rule parser (``grammar/rule.lark``), strict: a rule that does not compile is a
  :class:`~eligo.errors.CriterionSyntaxError` with a caret under the problem.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from lark import Lark, Token, Tree
from lark.common import LexerConf
from lark.exceptions import (
    LarkError,
    UnexpectedCharacters,
    UnexpectedInput,
    UnexpectedToken,
    VisitError,
)
from lark.lexer import Lexer
from lark.parsers.lalr_analysis import Shift

try:
    from lark.parse_tree_builder import ChildFilterLALR_NoPlaceholders as _ChildFilter
    from lark.parse_tree_builder import ExpandSingleChild as _ExpandSingleChild
except ImportError:  # pragma: no cover - another Lark layout: every callback is called

    class _ExpandSingleChild:  # type: ignore[no-redef]
        pass

    class _ChildFilter:  # type: ignore[no-redef]
        pass


from .errors import CriterionSyntaxError, did_you_mean
from .grammars import grammar_text
from .lexer import Tok, lex
from .nodes import Node, Unparsed, unparsed_spans
from .normalize import Normalised, normalise
from .transform import Context, Kind, RuleTransformer, TextTransformer, canonicalize, resolve_text

MAX_LINE = 4000  # characters; longer "lines" are not criteria, and would slow the parser
MAX_REPAIRS = 40  # re-parses after demoting a token; past that the line is read as words
MAX_NESTING = 12  # parentheses; registry text never nests deeper than three


def _nesting(text: str) -> int:
    """Deepest parenthesis nesting in ``text``."""
    depth = deepest = 0
    for ch in text:
        if ch in "([":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]" and depth:
            depth -= 1
    return deepest


# Lark's ``Token(...)`` without its check for a deprecated keyword argument
_new_token = getattr(Token, "_future_new", Token)


class _TokenList(Lexer):
    """Lark lexer that passes through tokens the eligo lexer made (``Token.start_pos`` = index)."""

    def __init__(self, lexer_conf: LexerConf) -> None:
        pass

    def lex(self, data: Any) -> Iterator[Token]:  # type: ignore[override]
        for i, tok in enumerate(data):
            yield Token(tok.type, str(tok.value), start_pos=i, line=1, column=i + 1)


@functools.cache
def text_parser() -> Lark:
    """The registry-text parser (LALR over eligo.lexer tokens), built once."""
    return Lark(grammar_text("criteria.lark"), parser="lalr", lexer=_TokenList, cache=True)


_BUILD = 1  # a reduction as Lark's tree builder makes it: filter the children, maybe a Tree
_CALL = 2  # a reduction this driver does not mirror: Lark's own callback makes the value

# how, rule name (for the goto), size, tree name, children to keep, expand1, callback (for
# _CALL: Lark's; for _BUILD: the reader's method, or None to make a Tree)
_Reduction = tuple[int, str, int, str, Any, bool, Any]


def _reduction(callback: Any, rule: Any) -> str | _Reduction:
    """How to reduce by ``rule``: the rule's name alone when the reduction hands its one
    child on unchanged (a ``?rule`` of one symbol), else a :data:`_Reduction`.

    Lark's callback for a rule is a chain: an optional child filter (which children to keep,
    and which to splice in, being an inlined ``_rule``), an optional ``ExpandSingleChild`` (a
    ``?rule`` hands on a lone child) and ``Tree(name, children)``.  A chain of those is
    mirrored (``_BUILD``); any other chain is called as it is (``_CALL``).
    """
    size = len(rule.expansion)
    origin = str(rule.origin.name)
    f = callback
    include = None
    if type(f) is _ChildFilter:
        include = tuple((int(i), bool(expand)) for i, expand in f.to_include)
        f = f.node_builder
    expand1 = type(f) is _ExpandSingleChild
    if expand1:
        f = f.node_builder
    if type(f) is functools.partial and f.func is Tree and len(f.args) == 1 and not f.keywords:
        name = str(f.args[0])
        if expand1 and include is None and size == 1:
            return origin
        return (_BUILD, origin, size, name, include, expand1, None)
    return (_CALL, origin, size, origin, None, False, callback)


class _LalrTables:
    """The text parser's LALR tables, run directly over eligo tokens.

    ``Lark.parse`` sets up a lexer thread, a parser state and (on an error) an interactive
    parser for every call, and hashes a ``Rule`` object at every reduction; the repair loop
    calls it once or more per line.  This runs the same table and does at each reduction what
    Lark's tree-building callback does (keep and splice children, hand on a lone child, make
    a ``Tree``), so it builds the same tree, and raises ``UnexpectedToken`` at the same token.
    """

    def __init__(self, lark: Lark) -> None:
        inner = lark.parser.parser.parser  # ParsingFrontend → LALR_Parser → _Parser
        table, callbacks = inner.parse_table, inner.callbacks
        if any(isinstance(k, str) for k in callbacks):  # pragma: no cover - no token callbacks
            raise TypeError("terminal callbacks are not supported")
        if not all(type(state) is int and state >= 0 for state in table.states):  # pragma: no cover
            raise TypeError("states are not numbered")
        self.start = table.start_states["start"]
        self.end = table.end_states["start"]
        # state → symbol → the next state (an int) to shift or go to, or the reduction
        self.actions: dict[int, dict[str, Any]] = {  # int | str | _Reduction
            state: {
                symbol: arg if action is Shift else _reduction(callbacks[arg], arg)
                for symbol, (action, arg) in acts.items()
            }
            for state, acts in table.states.items()
        }
        self._width = max(table.states) + 1
        # lookahead → (state below * width + state on top) → the state on top after the run
        # of one-child ``?rule`` reductions that lookahead makes there (filled as met)
        self._chains: dict[str, dict[int, int]] = {}
        self._reading: dict[type, dict[int, dict[str, Any]]] = {}

    def reading(self, cls: type) -> dict[int, dict[str, Any]]:
        """The actions with, in each mirrored reduction, the method of ``cls`` a reader runs on
        its tree (as ``TextTransformer.apply`` finds it: none for an inlined ``_rule``), in
        place of the callback; made once per class."""
        found = self._reading.get(cls)
        if found is None:
            methods: dict[str, Any] = {}
            for acts in self.actions.values():
                for act in acts.values():
                    if type(act) is tuple and act[0] == _BUILD and act[3] not in methods:
                        method = None if act[3].startswith("_") else getattr(cls, act[3], None)
                        methods[act[3]] = method if callable(method) else None
            found = {
                state: {
                    symbol: (*act[:6], methods[act[3]])
                    if type(act) is tuple and act[0] == _BUILD
                    else act
                    for symbol, act in acts.items()
                }
                for state, acts in self.actions.items()
            }
            self._reading[cls] = found
        return found

    def _chain(self, below: int, top: int, kind: str) -> int:
        """The state on top after the one-child reductions ``kind`` makes from ``top`` (over
        ``below``, which they leave in place), each going to its rule from ``below``; on
        ``$END``, no further than the accepting state."""
        actions = self.actions
        state = top
        while type(act := actions[state].get(kind)) is str:
            state = actions[below][act]
            if kind == "$END" and state == self.end:
                break
        return state

    def parse(self, toks: list[Tok], reader: TextTransformer | None = None) -> Any:
        """The parse tree of ``toks`` (``Token.start_pos`` = index), as ``Lark.parse`` gives.

        With ``reader``, what its transformer makes of that tree: each rule's method runs at
        the rule's reduction, on children already transformed (tokens as the lexer's ``Tok``,
        as ``TextTransformer.transform`` hands them on), in the order (bottom up, left to
        right) a walk of the finished tree would run them, so no tree is walked.
        """
        reading = reader is not None
        actions = self.reading(type(reader)) if reading else self.actions
        end = self.end
        width = self._width
        all_chains = self._chains
        states: list[int] = [self.start]
        values: list[Any] = []
        n = len(toks)
        state_actions = actions[self.start]
        for i in range(n + 1):
            if i < n:
                tok: Tok | None = toks[i]
                kind = tok.type  # type: ignore[union-attr]
            else:
                tok, kind = None, "$END"
            chains = all_chains.get(kind)
            if chains is None:
                chains = all_chains[kind] = {}
            while True:
                act = state_actions.get(kind)
                if act is None:
                    expected = {s for s in state_actions if s.isupper()}
                    raise UnexpectedToken(self._token(toks, i), expected)  # type: ignore[no-untyped-call]
                what = type(act)
                if what is int:
                    if tok is None:  # pragma: no cover - $END is never shifted
                        raise AssertionError("unreachable: $END always ends the parse")
                    states.append(act)
                    # a reader takes the lexer's token; a tree holds Lark's (as _token makes it)
                    values.append(tok if reading else _new_token(kind, str(tok.value), i, 1, i + 1))
                    state_actions = actions[act]
                    break
                if what is str:
                    # one-child ``?rule`` reductions: each hands its child on as it stands and
                    # leaves the state below in place, so where they end is known by the pair
                    key = states[-2] * width + states[-1]
                    target = chains.get(key)
                    if target is None:
                        target = chains[key] = self._chain(states[-2], states[-1], kind)
                    states[-1] = target
                else:
                    how, origin, size, name, include, expand1, callback = act
                    if size:
                        children = values[-size:]
                        del states[-size:]
                        del values[-size:]
                    else:
                        children = []
                    if how == _CALL:
                        value = callback(children)
                        if reader is not None and type(value) is Tree:
                            value = reader.apply(value)
                    else:
                        if include is None:
                            kept = children
                        else:  # as Lark's ChildFilterLALR_NoPlaceholders
                            kept = []
                            for j, expand in include:
                                if not expand:
                                    kept.append(children[j])
                                elif kept:
                                    kept += children[j].children
                                else:
                                    kept = children[j].children
                        if expand1 and len(kept) == 1:
                            value = kept[0]
                        elif callback is not None:  # the reader's method
                            try:
                                value = callback(reader, *kept)
                            except Exception as e:  # as TextTransformer.apply reports it
                                tree = Tree(name, kept)
                                raise VisitError(name, tree, e) from e  # type: ignore[no-untyped-call]
                        else:
                            value = Tree(name, kept)
                    values.append(value)
                    target = actions[states[-1]][origin]
                    states.append(target)
                if i >= n and target == end:
                    return values[-1]
                state_actions = actions[target]
        raise AssertionError("unreachable: $END always ends the parse")  # pragma: no cover

    @staticmethod
    def _token(toks: list[Tok], i: int) -> Token:
        """The Lark token for ``toks[i]`` (``$END`` past the last), as ``_TokenList`` makes it."""
        if i < len(toks):
            tok = toks[i]
            return _new_token(tok.type, str(tok.value), i, 1, i + 1)
        if toks:
            return _new_token("$END", "", i - 1, 1, i)  # borrows the last token's position
        return _new_token("$END", "", 0, 1, 1)


@functools.cache
def _lalr_tables() -> _LalrTables | None:
    """The text parser's tables, or ``None`` if this Lark keeps them elsewhere."""
    try:
        return _LalrTables(text_parser())
    except (AttributeError, KeyError, TypeError):  # pragma: no cover - another Lark layout
        return None


@functools.cache
def rule_parser() -> Lark:
    """The canonical-rule parser (LALR, contextual lexer), built once."""
    return Lark(grammar_text("rule.lark"), parser="lalr", propagate_positions=True, cache=True)


@dataclass(frozen=True)
class Compiled:
    """One criterion line compiled from text: its rule, what was not read, and notes."""

    text: str
    rule: Node
    unparsed: tuple[Unparsed, ...]
    annotations: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def understood(self) -> bool:
        return not self.unparsed


def compile_text(text: str, kind: Kind = "inclusion") -> Compiled:
    """Compile one registry criterion line.

    >>> from eligo.render import render
    >>> render(compile_text("Platelet count of > 80,000 and INR <1.6").rule)
    'platelets > 80000 /uL and inr < 1.6'
    """
    if len(text) > MAX_LINE:
        node = Unparsed(text[:80] + "…")
        return Compiled(text, node, (node,), (), (f"line longer than {MAX_LINE} characters",))
    if text.count("(") + text.count("[") > MAX_NESTING and _nesting(text) > MAX_NESTING:
        node = Unparsed(text[:80] + ("…" if len(text) > 80 else ""))
        return Compiled(text, node, (node,), (), ("nested too deeply to read",))
    try:
        return _compile_text(text, kind)
    except VisitError as e:  # an error inside a transformer callback arrives wrapped
        if not isinstance(e.orig_exc, RecursionError):
            raise
        node = Unparsed(text[:80] + ("…" if len(text) > 80 else ""))
        return Compiled(text, node, (node,), (), ("nested too deeply to read",))
    except RecursionError:
        # 300 nested parentheses: not a criterion anyone wrote; report it unread
        node = Unparsed(text[:80] + ("…" if len(text) > 80 else ""))
        return Compiled(text, node, (node,), (), ("nested too deeply to read",))


def _compile_text(text: str, kind: Kind) -> Compiled:
    norm = normalise(text)
    toks, annotations = lex(norm, kind)
    if not toks:
        node = Unparsed(text.strip())
        return Compiled(text, node, (node,) if text.strip() else (), (), ())
    proto, ctx = _read_tokens(norm, toks, kind)
    rule = resolve_text(proto, ctx)
    notes = [*ctx.notes]
    ann = tuple(norm.original[slice(*norm.original_span(s, e))].strip() for s, e in annotations)
    return Compiled(text, rule, tuple(unparsed_spans(rule)), ann, tuple(notes))


def _read_tokens(norm: Normalised, toks: list[Tok], kind: Kind) -> tuple[Any, Context]:
    """Parse and transform: the proto tree and the context (tokens as parsed) it was read in.

    The transformer runs inside the parse (``_LalrTables.parse`` with a reader), also during
    attempts that end in a demotion; should a method fail there, the line is read again the
    plain way (parse, then transform) so its answer is what that gives.
    """

    def reader(attempt: list[Tok]) -> TextTransformer:
        return TextTransformer(Context(norm, attempt, kind))

    try:
        proto, parsed = _parse_tokens(toks, reader)
    except VisitError:
        tree, parsed = _parse_tokens(toks)
        ctx = Context(norm, parsed, kind)
        return TextTransformer(ctx).transform(tree), ctx
    return proto, Context(norm, parsed, kind)


def _parse_tokens(
    toks: list[Tok], reader: Callable[[list[Tok]], TextTransformer] | None = None
) -> tuple[Any, list[Tok]]:
    """Parse, demoting unplaceable tokens to words; returns the tree (with ``reader``, what
    the reader for the tokens parsed makes of it) and the tokens it indexes."""
    parser = text_parser()
    tables = _lalr_tables()
    toks = list(toks)
    for _ in range(min(len(toks) + 1, MAX_REPAIRS)):
        try:
            if tables is not None:
                return tables.parse(toks, reader(toks) if reader else None), toks
            tree = parser.parse(toks)
            return (reader(toks).transform(tree) if reader else tree), toks
        except UnexpectedToken as e:
            idx = _demote_index(toks, e)
            if toks[idx].start == toks[idx].end:
                del toks[idx]  # a token the lexer supplied (closing parenthesis): no text
            else:
                toks[idx] = Tok("WORD", toks[idx].value, toks[idx].start, toks[idx].end)
            toks = _retidy(toks)
        except UnexpectedInput:  # pragma: no cover - the token lexer has no character errors
            break
    words = [Tok("WORD", t.value, t.start, t.end) for t in toks if t.start != t.end]
    tree = parser.parse(words)
    return (reader(words).transform(tree) if reader else tree), words


def _demote_index(toks: list[Tok], e: UnexpectedToken) -> int:
    """Which token to read as an unread word so parsing can go on."""
    if e.token.type == "$END" or e.token.start_pos is None:
        idx = len(toks) - 1
    else:
        idx = int(e.token.start_pos)
    while idx > 0 and toks[idx].type == "WORD":
        idx -= 1
    if toks[idx].type == "WORD":  # everything before is a word: demote the next real token
        nxt = next((i for i in range(idx, len(toks)) if toks[i].type != "WORD"), idx)
        idx = nxt
    return idx


def _retidy(toks: list[Tok]) -> list[Tok]:
    """Keep parentheses balanced after a demotion (a demoted '(' takes its ')' with it)."""
    out: list[Tok] = []
    depth = 0
    for t in toks:
        if t.type in ("LPAREN", "LPOST"):
            depth += 1
        elif t.type == "RPAREN":
            if depth == 0:
                if t.start != t.end:
                    out.append(Tok("WORD", t.value, t.start, t.end))
                continue
            depth -= 1
        out.append(t)
    if depth:
        out.extend(Tok("RPAREN", ")", out[-1].end, out[-1].end) for _ in range(depth))
    return out


def compile_rule(text: str) -> Node:
    """Compile a canonical rule; raise :class:`CriterionSyntaxError` if it is not one.

    >>> from eligo.render import render
    >>> render(compile_rule("age >= 20 years and age <= 70 years"))
    'age >= 20 years and age <= 70 years'
    """
    try:
        return _compile_rule(text)
    except RecursionError:
        raise CriterionSyntaxError("rule nested too deeply", text, 1) from None


def _compile_rule(text: str) -> Node:
    try:
        tree = rule_parser().parse(text)
    except UnexpectedCharacters as e:
        pos = e.pos_in_stream or 0
        msg = _character_hint(text, pos) or f"unexpected character {text[pos]!r} in rule"
        raise CriterionSyntaxError(msg, text, e.column) from None
    except UnexpectedToken as e:
        expected = sorted(_HUMAN.get(x, x) for x in e.expected if not x.startswith("__"))
        if e.token.type == "$END":
            col = len(text) + 1
            hint = _end_hint(text)
            msg = "rule ends too early (dangling operator or unclosed parenthesis?)"
        else:
            col = int(e.column or 1)
            hint = _token_hint(text, col - 1)
            # "," is a token since "except (a, b)", so "80,000" fails on a token here
            comma = _character_hint(text, col - 1) if str(e.token) == "," else None
            if comma is not None:
                hint = (comma, None)
            msg = f"unexpected {str(e.token)!r} in rule"
        if hint is not None:
            msg, col = hint[0], hint[1] or col
        elif expected:
            msg += f"; expected {', '.join(expected[:6])}"
        raise CriterionSyntaxError(msg, text, col) from None
    except LarkError as e:  # pragma: no cover - any other parser failure
        raise CriterionSyntaxError(str(e), text, 1) from None
    except RecursionError:
        raise CriterionSyntaxError(_TOO_DEEP, text, 1) from None
    try:
        return canonicalize(RuleTransformer(text).transform(tree))
    except VisitError as e:  # the transformer's own errors arrive wrapped by Lark
        if isinstance(e.orig_exc, CriterionSyntaxError):
            raise e.orig_exc from None
        raise
    except RecursionError:  # "not not not …" hundreds deep
        raise CriterionSyntaxError(_TOO_DEEP, text, 1) from None


_TOO_DEEP = "rule nested too deeply (hundreds of 'not' or parentheses); simplify it"


_HUMAN = {
    "CONCEPT": "a concept id",
    "OP": "a comparator (>, >=, <, <=, =)",
    "NUMBER": "a number",
    "UNIT": "a unit",
    "WORD": "a value",
    "LPAR": "'('",
    "RPAR": "')'",
    "TIME_UNIT": "a time unit",
    "ESCAPED_STRING": "a quoted string",
    "HISTORY": "'history of'",
    "LIMIT": "ULN or LLN",
    "AND": "'and'",
    "OR": "'or'",
    "NOT": "'not'",
    "WITHIN": "'within'",
}


# ---------------------------------------------------------------------------- error labels
#
# Human labels for the mistakes people make writing canonical rules (``rule:`` overrides):
# a dangling comparator or ``and``, an unclosed range or parenthesis, a missing comparator or
# unit, an unknown concept, registry spellings (``80,000``, ``≥``, ``=>``, ``MELD >10 <20``).
# They read the text with a small tokenizer of their own, so they only shape messages and
# never change what compiles.

_HINT_TOKEN = re.compile(
    r"""(?P<str>"(?:[^"\\]|\\.)*"?)
      | (?P<op>>=|<=|!=|=>|=<|<>|[<>=])
      | (?P<lpar>\()
      | (?P<rpar>\))
      | (?P<num>-?\d[\d.,]*(?:[eE][-+]?\d+)?)
      | (?P<word>[^\s()<>=!"]+)""",
    re.X,
)
_CONNECTIVES = ("and", "or", "not")
_MISSPELT_OPS = {"=>": ">=", "=<": "<=", "<>": "!="}
_SYMBOLS = {"≥": ">=", "≤": "<=", "≠": "!=", "＞": ">", "＜": "<", "×": "x"}

HintToken = tuple[str, str, int]  # (kind: str|op|lpar|rpar|num|word, text, start)
Hint = tuple[str, int | None]  # (message, 1-based column or None to keep the parser's)


def _hint_tokens(text: str) -> list[HintToken]:
    return [(m.lastgroup or "", m.group(), m.start()) for m in _HINT_TOKEN.finditer(text)]


def _is(tok: HintToken | None, *words: str) -> bool:
    return tok is not None and tok[0] == "word" and tok[1].lower() in words


def _example(concept: str, op: str = ">") -> str:
    """A comparison of ``concept`` written correctly, for a message."""
    from .concepts import vocabulary
    from .render import number

    c = vocabulary().concepts.get(concept)
    if c is None:
        return f"creatinine {op} 1.5 mg/dL"
    if c.categories:
        return f"{concept} = {c.categories[0]}"
    if c.unit in ("a", "mo"):
        upper = op in ("<", "<=")
        years = "70 years" if upper else "18 years"
        return f"{concept} {op} {years if c.unit == 'a' else '3 months'}"
    if c.reference:
        value = c.reference[1]
    elif c.plausible:
        value = sum(c.plausible) / 2
    else:
        value = 1.0
    unit = "" if c.unit in (None, "1") else f" {c.unit}"
    return f"{concept} {op} {number(float(f'{value:.2g}'))}{unit}"


def _unclosed(toks: list[HintToken]) -> int | None:
    """Start of the first '(' that is never closed, if any."""
    opened: list[int] = []
    for kind, _, start in toks:
        if kind == "lpar":
            opened.append(start)
        elif kind == "rpar" and opened:
            opened.pop()
    return opened[0] if opened else None


def _end_hint(text: str) -> Hint | None:
    """Label a rule that stops too soon (the message keeps "rule ends too early")."""
    toks = _hint_tokens(text)
    end = "rule ends too early"
    if not toks:
        return f"{end}: the rule is empty; write e.g. 'inr < 1.6' or 'not hiv'", 1
    last = toks[-1]
    before = toks[-2] if len(toks) > 1 else None
    if last[0] == "op":
        concept = before[1] if before is not None and before[0] == "word" else ""
        earlier = [t.lower() for k, t, _ in toks[:-2] if k == "word"]
        if concept and "and" in earlier and concept.lower() in earlier:
            return (
                f"{end}: unclosed range: '{concept} {last[1]}' needs its other bound "
                f"(e.g. {_example(concept, last[1])})",
                None,
            )
        example = f" (e.g. {_example(concept, last[1])})" if concept else ""
        return f"{end}: dangling comparator '{last[1]}' needs a value after it{example}", None
    if _is(last, *_CONNECTIVES):
        return f"{end}: dangling '{last[1]}' needs a condition after it", None
    if _is(last, "within") or (last[0] == "num" and _is(before, "within")):
        return f"{end}: 'within' needs a number and a time unit (e.g. within 3 months)", None
    if _is(last, "of") and _is(before, "history"):
        return f"{end}: 'history of' needs a concept after it (e.g. history of cancer)", None
    opened = _unclosed(toks)
    if opened is not None:
        return f"{end}: unclosed parenthesis: this '(' is never closed", opened + 1
    return None


def _token_hint(text: str, pos: int) -> Hint | None:
    """Label the token the parser did not expect at ``pos`` (0-based), by its neighbours."""
    toks = _hint_tokens(text)
    at = next((i for i, (_, t, start) in enumerate(toks) if start + len(t) > pos), None)
    if at is None:
        return None
    kind, tok, start = toks[at]
    prev = toks[at - 1] if at else None
    before = toks[at - 2] if at >= 2 else None
    if kind == "rpar" and _unclosed(toks[:at]) is None:
        return "unmatched ')': there is no '(' before it", None
    if kind == "op" and tok in _MISSPELT_OPS:
        return f"'{tok}' is not a comparator; write '{_MISSPELT_OPS[tok]}'", start + 1
    if kind == "op" and prev is not None and prev[0] == "op":
        return f"two comparators in a row ('{prev[1]}' then '{tok}')", start + 1
    if kind == "op" and prev is not None and prev[0] in ("num", "word"):
        concept = next((t for k, t, _ in reversed(toks[:at]) if k == "word" and t.islower()), "")
        if concept and concept not in _CONNECTIVES:
            return (
                f"'{tok}' needs its concept again: a range is two comparisons "
                f"(write '{concept} … and {concept} {tok} …')",
                start + 1,
            )
    if kind == "num" and prev is not None and prev[0] == "word" and not _is(prev, *_CONNECTIVES):
        if re.match(r"-?\d[\d.]*\s*(?:-|to)\s*\d", text[start:]):
            return (
                f"missing comparator after '{prev[1]}': a range is two comparisons "
                f"(e.g. {prev[1]} >= 20 years and {prev[1]} <= 70 years)",
                None,
            )
        return (
            f"missing comparator between '{prev[1]}' and '{tok}' (e.g. {_example(prev[1])})",
            None,
        )
    if kind == "word" and prev is not None and prev[0] == "num" and _is(before, "within"):
        return f"unknown time unit '{tok}'; use hours, days, weeks, months or years", None
    if prev is not None and _is(prev, *_CONNECTIVES) and _is(before, prev[1].lower()):
        return f"'{prev[1]}' twice in a row", prev[2] + 1
    if kind == "lpar" and prev is not None and prev[0] in ("word", "num", "rpar"):
        return "missing 'and' or 'or' before '('", None
    if kind == "word" and not _is(toks[at], *_CONNECTIVES, "history", "of", "unparsed"):
        starts = prev is None or prev[0] == "lpar" or _is(prev, *_CONNECTIVES)
        if starts:
            return _unknown_concept(tok)
        if prev is not None and prev[0] in ("word", "rpar") and not _is(prev, "of"):
            return f"missing 'and' or 'or' between '{prev[1]}' and '{tok}'", None
    if kind == "num" and (prev is None or prev[0] == "lpar" or _is(prev, *_CONNECTIVES)):
        return "a comparison starts with its concept (e.g. age >= 20 years, not 20 <= age)", None
    return None


def _unknown_concept(word: str) -> Hint | None:
    from .concepts import vocabulary

    ids = [c.id for c in vocabulary()]
    if word in ids:
        return None
    if word.lower() in ids:
        return (
            f"unknown concept '{word}': concept ids are lower case (write '{word.lower()}')",
            None,
        )
    return f"unknown concept '{word}'{did_you_mean(word, ids)}", None


def _character_hint(text: str, pos: int) -> str | None:
    """Label a character the rule language does not use."""
    ch = text[pos]
    if ch in _SYMBOLS:
        return f"write '{_SYMBOLS[ch]}' instead of '{ch}'"
    if ch == "," and pos and text[pos - 1].isdigit():
        start = pos
        while start and (text[start - 1].isdigit() or text[start - 1] == ","):
            start -= 1
        digits = re.match(r"[\d,]+", text[start:])
        plain = digits.group().replace(",", "") if digits else ""
        return f"write numbers without thousands separators (e.g. {plain})"
    if ch == '"':
        return 'unclosed quote: unparsed("…") needs its closing \'"\''
    return None
