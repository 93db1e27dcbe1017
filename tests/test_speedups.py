"""The compile speed-ups that lean on library internals must never change an answer.

``eligo.firstchars`` reads a pattern with ``re._parser`` to skip patterns that cannot match at
a position (from its first characters) and rewrites that cannot match in a line (from the
literal text they need); ``eligo.parse._LalrTables`` runs Lark's LALR table directly.  All
fall back to the plain path when the internals are missing; these tests pin them to it.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark.exceptions import UnexpectedToken

from conftest import CRITERIA, SHARED, criterion_lines
from eligo.firstchars import StartTable, cannot_start, prefixes
from eligo.lexer import _step_patterns, lex, tables
from eligo.normalize import normalise
from eligo.parse import _lalr_tables, text_parser

CORPUS = SHARED / "corpus"


def _lines() -> list[tuple[str, str]]:
    """``(text, kind)`` of every line of criteria/ and, where present, the shared corpus."""
    return [(text, kind) for kind, text in criterion_lines(CRITERIA, CORPUS)]


PATTERNS = _step_patterns(tables())
TABLE = StartTable(PATTERNS)
TEXT = st.text(
    alphabet=st.sampled_from(list("abcdefghinorstuwxyz <>=≥≤-–()[],./%0123456789ABHINORSUW\n'\"")),
    max_size=30,
)
# words the patterns start with, and characters IGNORECASE equates with ASCII letters
WORDY = st.lists(
    st.sampled_from(
        ["at least", "within", "the last", "history of", "as defined by", "or more", "and/or",
         "not", "no", "except", "such as", "e.g.", "BP", "HE", "mg/dL", "3", "12", ".5", "one",
         " ", "-", "(", ")", ",", "/", "≥", "ſ", "\u212a", "ı", "İ", "x", "Age", "women"]
    ),
    max_size=12,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_a_skipped_pattern_never_matches_there(text: str) -> None:
    for rx in PATTERNS:
        skip = cannot_start(rx)
        for i in range(len(text)):
            if text[i] in skip:
                assert rx.match(text, i) is None, (rx.pattern[:80], text, i)


def test_skips_hold_on_every_position_of_real_lines() -> None:
    lines = [normalise(t).text for t, _ in _lines()][:400]
    skips = [(rx, cannot_start(rx)) for rx in PATTERNS]
    assert any(skip for _, skip in skips), "the analysis skipped nothing: it is not in use"
    for line in lines:
        for rx, skip in skips:
            for i, ch in enumerate(line):
                if ch in skip:
                    assert rx.match(line, i) is None, (rx.pattern[:80], line, i)


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXT, WORDY))
def test_a_pattern_the_start_table_skips_never_matches_there(text: str) -> None:
    for i in range(len(text)):
        can = TABLE.can(text, i)
        for k, rx in enumerate(PATTERNS):
            if k not in can:
                assert rx.match(text, i) is None, (rx.pattern[:80], text, i)


def test_the_start_table_holds_on_every_position_of_real_lines() -> None:
    lines = [normalise(t).text for t, _ in _lines()][:150]
    skipped = 0
    for line in lines:
        for i in range(len(line)):
            can = TABLE.can(line, i)
            for k, rx in enumerate(PATTERNS):
                if k not in can:
                    skipped += 1
                    assert rx.match(line, i) is None, (rx.pattern[:80], line, i)
    assert skipped > 10 * len(lines), "the table skipped little: it is not in use"


def test_prefixes_of_a_pattern() -> None:
    assert prefixes(re.compile("ab|c")) == frozenset({"ab", "c"})
    spaces = {c for c in map(chr, range(128)) if c.isspace()}
    assert prefixes(re.compile(r"x\s*y", re.I), 2) == {
        x + y for x in "xX" for y in {"y", "Y", *spaces}
    }
    assert prefixes(re.compile(r"()\1y")) is None  # a backreference
    assert prefixes(re.compile("x*")) is None  # matches the empty string
    assert prefixes(re.compile("[a-z]{5}"), 3, limit=100) == prefixes(re.compile("[a-z]"), 1)


def test_an_unreadable_pattern_skips_nothing() -> None:
    assert cannot_start(re.compile(r"()\1y")) == frozenset()  # a backreference first
    assert cannot_start(re.compile(r"x*")) == frozenset()  # matches the empty string


def test_lalr_tables_build_the_trees_lark_builds() -> None:
    tables_ = _lalr_tables()
    assert tables_ is not None, "this Lark keeps its tables elsewhere: the fast path is off"
    parser = text_parser()
    compared = failed = 0
    for text, kind in _lines():
        toks, _ = lex(normalise(text), kind)
        if not toks:
            continue
        try:
            want = parser.parse(toks)
        except UnexpectedToken as e:
            with pytest.raises(UnexpectedToken) as got:
                tables_.parse(toks)
            assert got.value.token.start_pos == e.token.start_pos, text
            failed += 1
            continue
        assert tables_.parse(toks) == want, text
        compared += 1
    assert compared > 20 and failed >= 0


def test_reading_inside_the_parse_gives_the_proto_tree_of_parse_then_transform() -> None:
    from eligo.parse import _parse_tokens, _read_tokens
    from eligo.transform import Context, TextTransformer

    read = 0
    for text, kind in _lines():
        norm = normalise(text)
        toks, _ = lex(norm, kind)
        if not toks:
            continue
        tree, parsed = _parse_tokens(toks)
        want = TextTransformer(Context(norm, parsed, kind)).transform(tree)
        got, ctx = _read_tokens(norm, toks, kind)
        assert ctx.toks == parsed, text
        assert got == want, text
        read += 1
    assert read > 100


def test_fast_init_takes_what_the_dataclass_init_takes_and_fills_the_same_fields() -> None:
    import inspect

    from eligo.lexer import Tok
    from eligo.nodes import DATACLASS_INITS, AllOf, Mention, Span

    assert {Tok, Span, Mention, AllOf} <= set(DATACLASS_INITS)
    for cls, original in DATACLASS_INITS.items():
        fast = inspect.signature(cls.__init__)
        assert [(p.name, p.kind, p.default) for p in fast.parameters.values()] == [
            (p.name, p.kind, p.default) for p in inspect.signature(original).parameters.values()
        ], cls
        names = list(fast.parameters)[1:]
        values = [object() for _ in names]
        required = [n for n in names if fast.parameters[n].default is inspect.Parameter.empty]
        for args, kwargs in (
            (values, {}),
            ([], dict(zip(names, values, strict=True))),
            (values[: len(required)], {}),
        ):
            want = object.__new__(cls)
            original(want, *args, **kwargs)
            got = cls(*args, **kwargs)
            assert vars(got) == vars(want), cls
    with pytest.raises(Exception, match="cannot assign"):
        Span(1, 2).start = 3  # type: ignore[misc]


def _ungated(fn, toks, args):  # type: ignore[no-untyped-def]
    return fn(list(toks), *args)


def _every_step(p, lx, chain) -> None:  # type: ignore[no-untyped-def]
    """``_Passes.chain`` as it decides, the slow way: every step through ``_Passes.run``
    (which skips one whose trigger is missing), none stepped over unseen."""
    from types import MethodType

    from eligo import lexer

    values = {"text": lx.text, "vocab": lx.t.vocab, "kind": lx.kind}
    for step in chain.steps:
        if step.how == lexer._HOOK:
            step.fn(lx, p)
        elif step.how == lexer._METHOD:
            p.run(MethodType(step.fn, lx))
        else:
            p.run(step.fn, *[values[name] for name in lexer._SIGNATURES[step.sig]])


def test_a_clean_up_pass_skipped_by_its_trigger_would_have_changed_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``lexer._Passes`` skips a pass whose ``_needs`` trigger is missing from the line; run
    every skipped pass anyway, on every real line (both kinds) and on the seeds, and check it
    returns the tokens unchanged.  A pass whose shape changed without its trigger fails here."""
    from eligo import lexer

    skipped: list[str] = []
    changed: list[tuple[str, str]] = []
    call = lexer._Passes.run

    def checking(self: lexer._Passes, fn, *args):  # type: ignore[no-untyped-def]
        before = self.toks
        call(self, fn, *args)
        if self.toks is before:  # skipped (or ran and changed nothing): must change nothing
            after = _ungated(fn, before, args)
            if after != before:
                changed.append((getattr(fn, "__name__", str(fn)), text))
            skipped.append(getattr(fn, "__name__", str(fn)))

    monkeypatch.setattr(lexer._Passes, "run", checking)
    monkeypatch.setattr(lexer._Passes, "chain", _every_step)
    seeds = [
        t for path in sorted((SHARED / "seeds").glob("*.txt"))
        for t in path.read_text("utf-8").splitlines() if t.strip()
    ]  # fmt: skip
    for text in [t for t, _ in _lines()] + seeds:
        for kind in ("inclusion", "exclusion"):
            lex(normalise(text), kind)
    assert skipped  # the check ran
    assert not changed, changed[:5]


def test_the_chain_lexes_every_line_as_every_step_through_run_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``_Passes.chain`` steps over the passes a line's token types rule out, unseen, and
    tests trigger words itself: every real line (both kinds) and seed lexes to the same
    tokens as when each step goes through ``_Passes.run``, which decides each on its own."""
    from eligo import lexer

    seeds = [
        t for path in sorted((SHARED / "seeds").glob("*.txt"))
        for t in path.read_text("utf-8").splitlines() if t.strip()
    ]  # fmt: skip
    texts = [t for t, _ in _lines()] + seeds
    kinds = ("inclusion", "exclusion")
    fast = [lex(normalise(text), kind) for text in texts for kind in kinds]
    with monkeypatch.context() as m:
        m.setattr(lexer._Passes, "chain", _every_step)
        slow = [lex(normalise(text), kind) for text in texts for kind in kinds]
    assert fast == slow


def _names_same_by_search(before: str, cid: str | None, phrases: dict[str, str]) -> bool:
    """``lexer._names_same`` as it was: the last n words by a "$"-anchored search each."""
    from eligo.lexer import _phrase

    if cid is None:
        return False
    before = before.rstrip()
    for n in range(1, 7):
        m = re.search(rf"(?:[A-Za-z0-9']+[\s\-]+){{{n - 1}}}[A-Za-z0-9']+$", before)
        if m is None:
            return False
        if (m.start() == 0 or not before[m.start() - 1].isalnum()) and phrases.get(
            _phrase(m.group(0))
        ) == cid:
            return True
    return False


# words (some with a letter outside ASCII) and the gaps between them, ending in a word or not
WORDS_TEXT = st.builds(
    lambda parts, last: "".join(w + gap for w, gap in parts) + last,
    st.lists(
        st.tuples(
            st.text(alphabet=st.sampled_from(list("ab'1é")), min_size=1, max_size=3),
            st.sampled_from([" ", "-", " - ", "\t", ", ", "(", "  "]),
        ),
        max_size=9,
    ),
    st.sampled_from(["", "a", "b1", "é"]),
)


@given(WORDS_TEXT, st.integers(min_value=1, max_value=7))
@settings(max_examples=500, deadline=None)
def test_last_words_read_from_the_end_are_the_words_the_search_finds(before: str, n: int) -> None:
    """Every tail of up to seven words of ``before`` as a phrase: both readings agree."""
    from eligo.lexer import _names_same, _phrase

    words = re.findall(r"[A-Za-z0-9']+", before)
    phrases = {_phrase(" ".join(words[-k:])): f"c{k}" for k in range(1, min(n, len(words)) + 1)}
    phrases["b"] = "c1"
    for cid in {*phrases.values(), None}:
        assert _names_same(before, cid, phrases) == _names_same_by_search(before, cid, phrases)


def test_last_words_agree_on_every_initialism_of_real_lines() -> None:
    from eligo.lexer import _INITIALISM, _names_same

    phrases = tables().vocab.by_phrase
    seen = 0
    for text, _ in _lines():
        for m in _INITIALISM.finditer(text):
            cid = phrases.get(m.group("abbr").lower())
            before = text[: m.start()]
            assert _names_same(before, cid, phrases) == _names_same_by_search(
                before, cid, phrases
            ), text
            seen += cid is not None
    assert seen


def _same_stop_phrase(text: str) -> None:
    t = tables()
    for i in range(len(text)):
        fast, plain = t.stops.match(text, i), t.stop_phrase.match(text, i)
        assert (fast and fast.span()) == (plain and plain.span()), (text, i)


# stop-phrase words, spelled in other cases and with other gaps, and look-alike letters
STOP_WORDY = st.lists(
    st.sampled_from(
        ["at", "At", "AT", "the", "time", "of", "screening", "Screening", "any", "grade", "e.g.",
         "i.e.", ",", "on", "day", "-1", "-12", "ecg", "(ecg)", "as", "follows", "must", "be",
         "prior", "to", "randomization", "x", "1", "\u212a", "ſ", " ", "  ", "\t", "-"]
    ),
    max_size=14,
).map(lambda words: " ".join(words))  # fmt: skip


def test_stop_phrases_by_first_word_match_as_the_one_pattern_on_real_lines() -> None:
    """``StopPhrases`` (the phrases of the first word at a position) matches what the pattern
    of every stop phrase matches, at every position of every real line."""
    for text, _ in _lines():
        _same_stop_phrase(normalise(text).text)


@settings(max_examples=400, deadline=None)
@given(STOP_WORDY)
def test_stop_phrases_by_first_word_match_as_the_one_pattern(text: str) -> None:
    _same_stop_phrase(text)


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("aAnNdDoOrR/ x-ſé")), max_size=20),
    st.integers(0, 22),
    st.integers(0, 26),
)
def test_conjunction_test_by_substrings_matches_the_pattern(text: str, a: int, b: int) -> None:
    """``Lexer._conj_in`` (substring tests of the lower-cased line) answers as ``_CONJ``."""
    from eligo.lexer import _CONJ, Lexer

    for line in (text, f"history of {text}", "for x", "AND", "x / y", "Or"):
        lx = Lexer(normalise(line), "inclusion")
        found = _CONJ.search(lx.text, a, b) is not None
        assert lx._conj_in(a, b) == found, (lx.text, a, b)


class _Everything:
    """A set that holds every string: a ``PhraseMatcher`` with it as ``starts`` never takes
    its quick "no"."""

    def __contains__(self, item: object) -> bool:
        return True


def _unhurried(phrases: dict[str, str]):  # type: ignore[no-untyped-def]
    from eligo.lexer import PhraseMatcher

    slow = PhraseMatcher(phrases)
    slow.starts = _Everything()  # type: ignore[assignment]
    return slow


def test_the_phrase_matcher_quick_no_changes_no_match_of_a_real_line() -> None:
    """At every position of every real line (as the lexer reads it), the vocabulary's phrase
    matcher finds what it finds without its quick first-characters test."""
    fast = tables().concept
    slow = _unhurried(fast.phrases)
    for text, _ in _lines():
        norm = normalise(text).text
        for pos in range(len(norm)):
            assert fast.match(norm, pos) == slow.match(norm, pos), (norm, pos)


PHRASE_TEXT = st.lists(
    st.sampled_from(
        ["a", "A", "ab", "Ab", "abc", "x", "b.", "a'", "a:", "\u0130", "\u0131", "é", "\u212a",
         " ", "-", "/", ".", ",", "'", "+", "_", ":", "1", "2b"]
    ),
    max_size=8,
).map("".join)  # fmt: skip


@given(PHRASE_TEXT)
@settings(max_examples=500, deadline=None)
def test_the_phrase_matcher_quick_no_holds_for_short_words_and_odd_characters(text: str) -> None:
    """Phrases whose first words are one, two or three characters long, and text with
    punctuation and letters that lower-case to something else (Turkish dotted I, Kelvin)."""
    from eligo.lexer import PhraseMatcher

    phrases = {"a": "c1", "ab": "c2", "abc": "c3", "a b": "c4", "b": "c5", "x": "c6", "2b": "c7"}
    fast = PhraseMatcher(phrases)
    slow = _unhurried(phrases)
    for pos in range(len(text) + 1):
        assert fast.match(text, pos) == slow.match(text, pos), (text, pos)
