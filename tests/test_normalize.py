"""normalise: the quick "which rewrites can match here?" check never misses a rewrite."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eligo.normalize import _SUBS, REWRITES, _candidates, normalise

# every character a rewrite looks at, plus the letters and digits around them
ALPHABET = st.sampled_from(
    list("\\<>[]*_()=+-≥⩾≧≤⩽≦＞＜≠×✕µμ⁹³²；;–—−‐‘’´`“”\u00a0 /")
    + list("0123456789aApPfFiIlLmMcCuUxXgGdD")
    + ["ſ", "\u212a", "ı", "İ", "Μ", "per", "day", "liter", "gram", "min", "ute", "s)", "h", "24"]
)
SAMPLES = [
    "\\<20,000", "≥ 18", "=> 2", "≤ 5", "=< 5", "＞1", "＜1", "≠ 0", "1.5 × ULN", "10 µmol/L",
    "10⁹/L", "mm³", "m²", "a；b", "1–2", "Crohn’s", "“x”", "a\u00a0b", "Pa02", "FI02",
    "1000/mcL", "10g /dL", "x 109/L", "x109/L", "4. uncontrolled", "30 milliliter (mL)/minute",
    "6.5 percent (%)", "60milliLitre/min", "500 mg per day", "1 g/24 h", "125 mmol/ L",
    "syndrome(s)", "15 mL/minute", "24-hour urine protein < 1,000 mg",
    "18 to 75 years (including 18 and 75 years)", "at least 1 prior episode of HE",
    "Serum (total) bilirubin", "serum transaminase (AST or ALT)", "30 ml / min / 1.73m",
    "< 300 mg/g creatinine", "Gorelick score13 ≥ 4",
]  # fmt: skip


def test_every_rewrite_sample_is_found_and_rewritten() -> None:
    assert len(REWRITES) == 38  # a new rewrite needs a sample
    for text in SAMPLES:
        assert _candidates(text), text
        assert normalise(text).text != text, text
    found = {i for text in SAMPLES for i, (rx, _) in enumerate(_SUBS) if rx.search(text)}
    assert found == set(range(len(REWRITES)))  # each rewrite has a sample


@given(st.lists(ALPHABET, max_size=30).map("".join))
def test_quick_check_keeps_every_rewrite_that_can_match(text: str) -> None:
    can = _candidates(text)
    for i, (rx, _) in enumerate(_SUBS):
        if rx.search(text):
            assert i in can, (REWRITES[i][0], text)
    if not can:
        assert normalise(text).offsets == tuple(range(len(text)))


def test_quick_check_keeps_every_rewrite_of_the_samples() -> None:
    for text in SAMPLES:
        can = _candidates(text)
        assert all(i in can for i, (rx, _) in enumerate(_SUBS) if rx.search(text)), text


def test_quick_check_changes_no_real_line() -> None:
    """Every criterion line normalises the same with and without the quick check."""
    from conftest import CRITERIA, SHARED, criterion_lines
    from eligo import normalize

    lines = [text for _, text in criterion_lines(CRITERIA, SHARED / "corpus")]
    fast = [normalise(t) for t in lines]
    quick = normalize._candidates
    normalize._candidates = lambda text: tuple(range(len(REWRITES)))  # try every rewrite
    try:
        slow = [normalise(t) for t in lines]
    finally:
        normalize._candidates = quick
    assert [(n.text, n.offsets) for n in fast] == [(n.text, n.offsets) for n in slow]
