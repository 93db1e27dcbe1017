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
    "1000/mcL", "10g /dL", "x 109/L", "x109/L",
]  # fmt: skip


def test_every_rewrite_sample_is_found_and_rewritten() -> None:
    assert len(REWRITES) == 21  # a new rewrite needs a trigger in _MAY_REWRITE and a sample
    for text in SAMPLES:
        assert _MAY_REWRITE.search(text), text
        assert normalise(text).text != text, text


@given(st.text(ALPHABET, max_size=30))
def test_quick_check_finds_every_line_a_rewrite_changes(text: str) -> None:
    if _PATTERN.search(text):
        assert _MAY_REWRITE.search(text)
    else:
        assert normalise(text).offsets == tuple(range(len(text)))
