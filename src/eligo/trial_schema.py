"""JSON Schema of trial files (``eligo schema trial``), from pydantic models of contract §2.

Documentation only: trial files are read by :mod:`eligo.trial`, which reports problems with
file:line:column.  A test checks that every shipped trial validates against this schema.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CriterionItem(_Strict):
    """A criterion written as a mapping (to give an id, an override rule or a note)."""

    text: str = Field(description="The registry line, verbatim.")
    id: str | None = Field(None, description="Default I1, I2, … / E1, E2, … in file order.")
    rule: str | None = Field(None, description="Canonical rule overriding the text.")
    note: str | None = Field(None, description="Why the override: for reviewers.")


class Population(_Strict):
    """The registry's structured eligibility fields."""

    min_age: str | None = Field(None, examples=["18 years"])
    max_age: str | None = Field(None, examples=["70 years"])
    sex: Literal["all", "female", "male"] | None = None
    healthy_volunteers: bool | None = None


class TrialFile(_Strict):
    """An eligo trial file (criteria/*.yaml)."""

    id: str = Field(description="Registry id, unique, e.g. NCT04243681.")
    title: str | None = None
    source: str | None = Field(None, description="Where the text came from (registry URL).")
    population: Population | None = None
    inclusion: list[str | CriterionItem] = Field(default_factory=list)
    exclusion: list[str | CriterionItem] = Field(default_factory=list)
    conditions: list[str] | None = None
    note: str | None = None


def trial_json_schema() -> dict[str, Any]:
    """JSON Schema of a trial file."""
    return TrialFile.model_json_schema()
