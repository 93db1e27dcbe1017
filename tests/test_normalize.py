"""normalise: the quick "may anything be rewritten?" check never misses a rewrite."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eligo.normalize import _MAY_REWRITE, _PATTERN, REWRITES, normalise

# every character a rewrite looks at, plus the letters and digits around them
ALPHABET = st.sampled_from(
    list("\\<>[]*_()=+-≥⩾≧≤⩽≦＞＜≠×✕µμ⁹³²；;–—−‐‘’´`“”\u00a0 /")
    + list("0123456789aApPfFiIlLmMcCuUxXgGdD")
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
    assert len(REWRITES) == 38  # a new rewrite needs a trigger in _MAY_REWRITE and a sample
    for text in SAMPLES:
        assert _MAY_REWRITE.search(text), text
        assert normalise(text).text != text, text


@given(st.text(ALPHABET, max_size=30))
def test_quick_check_finds_every_line_a_rewrite_changes(text: str) -> None:
    if _PATTERN.search(text):
        assert _MAY_REWRITE.search(text)
    else:
        assert normalise(text).offsets == tuple(range(len(text)))


def test_quick_check_changes_no_real_line() -> None:
    """Every criterion line normalises the same with and without the quick check."""
    import re

    from conftest import CRITERIA, SHARED, criterion_lines
    from eligo import normalize

    lines = [text for _, text in criterion_lines(CRITERIA, SHARED / "corpus")]
    fast = [normalise(t) for t in lines]
    quick, normalize._MAY_REWRITE = normalize._MAY_REWRITE, re.compile("")  # always rewrite
    try:
        slow = [normalise(t) for t in lines]
    finally:
        normalize._MAY_REWRITE = quick
    assert [(n.text, n.offsets) for n in fast] == [(n.text, n.offsets) for n in slow]
