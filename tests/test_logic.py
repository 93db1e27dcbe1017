"""Kleene three-valued logic: full truth tables (T, F, U)."""

from __future__ import annotations

import itertools

import pytest

from eligo.logic import Truth, k_and, k_not, k_or

T, F, U = Truth.MET, Truth.NOT_MET, Truth.UNKNOWN

AND = {
    (T, T): T, (T, F): F, (T, U): U,
    (F, T): F, (F, F): F, (F, U): F,
    (U, T): U, (U, F): F, (U, U): U,
}  # fmt: skip
OR = {
    (T, T): T, (T, F): T, (T, U): T,
    (F, T): T, (F, F): F, (F, U): U,
    (U, T): T, (U, F): U, (U, U): U,
}  # fmt: skip


@pytest.mark.parametrize(("a", "b"), list(AND))
def test_and_truth_table(a: Truth, b: Truth) -> None:
    assert k_and([a, b]) is AND[(a, b)]
    assert (a & b) is AND[(a, b)]


@pytest.mark.parametrize(("a", "b"), list(OR))
def test_or_truth_table(a: Truth, b: Truth) -> None:
    assert k_or([a, b]) is OR[(a, b)]
    assert (a | b) is OR[(a, b)]


def test_not_truth_table() -> None:
    assert [k_not(x) for x in (T, F, U)] == [F, T, U]
    assert ~T is F


@pytest.mark.parametrize("values", list(itertools.product([T, F, U], repeat=3)))
def test_n_ary_matches_folded_binary(values: tuple[Truth, ...]) -> None:
    a, b, c = values
    assert k_and(values) is AND[(AND[(a, b)], c)]
    assert k_or(values) is OR[(OR[(a, b)], c)]


def test_de_morgan_holds_in_kleene_logic() -> None:
    for a, b in itertools.product([T, F, U], repeat=2):
        assert k_not(k_and([a, b])) is k_or([k_not(a), k_not(b)])


def test_empty_and_is_true_empty_or_is_false() -> None:
    assert k_and([]) is T
    assert k_or([]) is F


def test_truth_refuses_python_truthiness() -> None:
    with pytest.raises(TypeError):
        bool(U)
