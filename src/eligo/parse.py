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
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lark import Lark, Token
from lark.common import LexerConf
from lark.exceptions import (
    LarkError,
    UnexpectedCharacters,
    UnexpectedInput,
    UnexpectedToken,
    VisitError,
)
from lark.lexer import Lexer

from .errors import CriterionSyntaxError
from .grammars import grammar_text
from .lexer import Tok, lex
from .nodes import Node, Unparsed, unparsed_spans
from .normalize import normalise
from .transform import Context, Kind, RuleTransformer, TextTransformer, canonicalize, resolve_text

MAX_LINE = 4000  # characters; longer "lines" are not criteria, and would slow the parser


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
    norm = normalise(text)
    toks, annotations = lex(norm, kind)
    if not toks:
        node = Unparsed(text.strip())
        return Compiled(text, node, (node,) if text.strip() else (), (), ())
    tree, toks = _parse_tokens(toks)
    ctx = Context(norm, toks, kind)
    proto = TextTransformer(ctx).transform(tree)
    rule = resolve_text(proto, ctx)
    notes = [*ctx.notes]
    ann = tuple(norm.original[slice(*norm.original_span(s, e))].strip() for s, e in annotations)
    return Compiled(text, rule, tuple(unparsed_spans(rule)), ann, tuple(notes))


def _parse_tokens(toks: list[Tok]) -> tuple[Any, list[Tok]]:
    """Parse, demoting unplaceable tokens to words; returns the tree and the tokens it indexes."""
    parser = text_parser()
    toks = list(toks)
    for _ in range(len(toks) + 1):
        try:
            return parser.parse(toks), toks
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
    return parser.parse(words), words


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
        tree = rule_parser().parse(text)
    except UnexpectedCharacters as e:
        raise CriterionSyntaxError(
            f"unexpected character {text[e.pos_in_stream or 0]!r} in rule", text, e.column
        ) from None
    except UnexpectedToken as e:
        expected = sorted(_HUMAN.get(x, x) for x in e.expected if not x.startswith("__"))
        if e.token.type == "$END":
            col = len(text) + 1
            msg = "rule ends too early (dangling operator or unclosed parenthesis?)"
        else:
            col = int(e.column or 1)
            msg = f"unexpected {str(e.token)!r} in rule"
        if expected:
            msg += f"; expected {', '.join(expected[:6])}"
        raise CriterionSyntaxError(msg, text, col) from None
    except LarkError as e:  # pragma: no cover - any other parser failure
        raise CriterionSyntaxError(str(e), text, 1) from None
    try:
        return canonicalize(RuleTransformer(text).transform(tree))
    except VisitError as e:  # the transformer's own errors arrive wrapped by Lark
        if isinstance(e.orig_exc, CriterionSyntaxError):
            raise e.orig_exc from None
        raise


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
