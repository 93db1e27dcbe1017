"""Trial files: safe loading, every problem with file:line:col, population criteria."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import CRITERIA
from eligo.errors import TrialFileError
from eligo.nodes import Range
from eligo.trial import MAX_BYTES, check_trial, load_trial


def write(tmp_path: Path, text: str, name: str = "t.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def messages(path: Path) -> list[str]:
    _, problems = check_trial(path, report_unread=True)
    return [str(p) for p in problems]


@pytest.mark.parametrize("name", ["NCT04243681.yaml", "NCT07131306.yaml"])
def test_seed_trials_check_clean_and_every_line_is_understood(name: str) -> None:
    trial, problems = check_trial(CRITERIA / name, report_unread=True)
    assert problems == []
    assert trial is not None
    assert all(c.understood for c in trial.criteria)
    overrides = [c for c in trial.criteria if c.override]
    assert all(c.note for c in overrides), "every override carries a note"


def test_seed_overrides_are_few() -> None:
    total = sum(
        c.override
        for n in ("NCT04243681", "NCT07131306")
        for c in load_trial(CRITERIA / f"{n}.yaml").criteria
    )
    assert total <= 3


def test_ids_follow_registry_order_and_population_comes_first() -> None:
    t = load_trial(CRITERIA / "NCT04243681.yaml")
    assert [c.id for c in t.criteria] == [
        "age", "I1", "I2", "I3", "I4", "I5", "I6",
        "E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9",
    ]  # fmt: skip
    assert t.criteria[0].rule == Range("age", *_q(20, 70))
    t2 = load_trial(CRITERIA / "NCT07131306.yaml")
    assert [c.id for c in t2.criteria][:2] == ["age", "E1"]
    assert t2.criteria[0].rule == Range("age", *_q(18, 65))


def _q(lo: float, hi: float) -> tuple[object, object]:
    from eligo.nodes import Quantity

    return Quantity(lo, "a"), Quantity(hi, "a")


def test_all_problems_of_a_file_are_reported_with_line_and_column(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "id: NCT1\n"
        "titel: x\n"
        "inclusion:\n"
        "  - text: Platelets > 80,000\n"
        "    rule: platelets > 80000 /uk\n"
        "  - text: foo\n"
        "    rule: inr <\n"
        "  - text: Creatinine\n"
        "    rule: creatinin > 1.5 mg/dL\n"
        "exclusion:\n"
        "  - Frobnication of the widget\n",
    )
    msgs = messages(p)
    assert len(msgs) == 5
    assert msgs[0].startswith(f"{p}:2:1: unknown key 'titel'") and "did you mean 'title'" in msgs[0]
    assert msgs[1].startswith(f"{p}:5:29: '/uk' is not a UCUM unit")
    assert "did you mean '/uL'" in msgs[1] and "^^^" in msgs[1]
    assert msgs[2].startswith(f"{p}:7:16: rule ends too early")
    assert msgs[3].startswith(f"{p}:9:11: unknown concept 'creatinin'")
    assert "did you mean 'creatinine'" in msgs[3]
    assert msgs[4].startswith(f"{p}:11:5: E1: not understood") and "Frobnication" in msgs[4]


def test_malformed_yaml_line_is_reported_with_caret(tmp_path: Path) -> None:
    p = write(tmp_path, "id: X\ninclusion:\n  - a: [1\n")
    (msg,) = messages(p)
    assert msg.startswith(f"{p}:4:1: invalid YAML")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("id: X\ninclusion: []\nexclusion: []\n", "both 'inclusion' and 'exclusion' are empty"),
        ("inclusion:\n  - Age > 18 years\n", "missing 'id'"),
        ("id: X\n", "missing 'inclusion' and 'exclusion'"),
        (
            "id: X\ninclusion:\n  - Age > 18 years\n  - text: x\n    id: I1\n",
            "duplicate criterion id 'I1'",
        ),
        ("id: X\ninclusion:\n  - text: ''\n", "empty criterion line"),
        ("id: X\ninclusion:\n  - rule: consent\n", "needs 'text'"),
        ("id: X\npopulation:\n  min_age: old\ninclusion:\n  - consent\n", "is not an age"),
        (
            "id: X\npopulation:\n  sex: both\ninclusion:\n  - consent\n",
            "not one of all, female, male",
        ),
        ("- just a list\n", "a trial file is a mapping"),
        ("", "file is empty"),
        ("id: !!python/object:os.system x\ninclusion: [a]\n", "tag"),
    ],
)
def test_trial_file_shape_errors(tmp_path: Path, text: str, fragment: str) -> None:
    msgs = messages(write(tmp_path, text))
    assert any(fragment in m for m in msgs), msgs


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    p = write(tmp_path, "\n".join(lines) + "\n")
    start = time.perf_counter()
    msgs = messages(p)
    assert time.perf_counter() - start < 2
    assert "anchors (&name) are not accepted" in msgs[0]


def test_very_large_file_is_refused_unread(tmp_path: Path) -> None:
    p = tmp_path / "big.yaml"
    with p.open("w") as fh:
        fh.write("id: X\ninclusion:\n")
        line = "  - Age > 18 years\n"
        fh.write(line * (MAX_BYTES // len(line) + 10))
    start = time.perf_counter()
    with pytest.raises(TrialFileError, match="are refused"):
        load_trial(p)
    assert time.perf_counter() - start < 2


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    p = write(tmp_path, "id: X\ninclusion:\n  - " + "[" * 50 + "]" * 50 + "\n")
    assert any("nesting deeper" in m for m in messages(p))


def test_load_trial_fails_fast_with_first_problem(tmp_path: Path) -> None:
    p = write(tmp_path, "id: X\nbogus: 1\ninclusion:\n  - text: a\n    rule: frob\n")
    with pytest.raises(TrialFileError, match="unknown key 'bogus'"):
        load_trial(p)


def test_compiled_trial_cache_is_used_and_invalidated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    p = write(tmp_path, "id: X\ninclusion:\n  - Platelets > 80,000\n")
    first = load_trial(p)
    entries = list((tmp_path / "cache" / "eligo" / "trials").glob("*.pickle"))
    assert len(entries) == 1
    assert load_trial(p) == first  # served from the cache
    p.write_text("id: X\ninclusion:\n  - Platelets > 100,000\n")
    second = load_trial(p)
    assert second.criteria[0].rule_text == "platelets > 100000 /uL"
    entries[0].write_bytes(b"not a pickle")
    p.write_text("id: X\ninclusion:\n  - Platelets > 80,000\n")
    assert load_trial(p) == first  # a corrupt entry is recompiled, not trusted


def test_lookup_tables_cache_serves_the_same_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The packaged vocabulary's lookup tables come from the on-disk cache the second time,
    equal to the tables built; another vocabulary's are always built."""
    from eligo import lookup
    from eligo.concepts import load_vocabulary_text, vocabulary

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    vocab = vocabulary()
    assert vocab.cache_key is not None
    built = lookup._tables.__wrapped__(vocab)
    entries = list((tmp_path / "cache" / "eligo" / "lookup").glob("*.pickle"))
    assert len(entries) == 1
    loaded = lookup._tables.__wrapped__(vocab)
    assert loaded is not built and loaded.vocab is vocab
    assert vars(loaded) == vars(built) == vars(lookup._Tables(vocab))
    entries[0].write_bytes(b"not a pickle")
    assert vars(lookup._tables.__wrapped__(vocab)) == vars(built)  # rebuilt, not trusted
    other = load_vocabulary_text("concepts:\n  ascites: {kind: condition, icd10: [R18]}\n")
    assert other.cache_key is None
    assert lookup._tables.__wrapped__(other).icd10 == {"R18": [(0, 0, "ascites")]}
    assert len(list((tmp_path / "cache" / "eligo" / "lookup").glob("*.pickle"))) == 1
