"""The parse and transform speed-ups must never change an answer.

``eligo.transform._settle`` finishes and canonicalizes a resolved tree in one walk; it must give
what the two passes (``_finish``, then ``canonicalize`` of the line's text) give, node for
node and span for span.
(``_LalrTables`` is pinned to Lark's own parse in ``test_speedups``.)
"""

from __future__ import annotations

from conftest import CRITERIA, SHARED, criterion_lines
from eligo.lexer import lex
from eligo.nodes import walk
from eligo.normalize import normalise
from eligo.parse import _read_tokens
from eligo.transform import _finish, _Resolver, _settle, canonicalize

CORPUS = SHARED / "corpus"


def _shape(node: object) -> tuple[str, list[object]]:
    """A node's value and every span under it (spans are left out of node equality)."""
    return repr(node), [getattr(n, "span", None) for n in walk(node)]  # type: ignore[arg-type]


def test_settling_in_one_walk_gives_what_finish_then_canonicalize_give() -> None:
    settled = 0
    for kind, text in criterion_lines(CRITERIA, CORPUS):
        norm = normalise(text)
        toks, _ = lex(norm, kind)
        if not toks:
            continue
        proto, ctx = _read_tokens(norm, toks, kind)
        r = _Resolver(ctx)
        r.fill(proto)
        node = r.resolve(proto)
        for excluding in (False, True):
            want = canonicalize(_finish(node, ctx, excluding), norm.original)
            assert _shape(_settle(node, ctx, excluding)) == _shape(want), text
            settled += 1
    assert settled > 200
