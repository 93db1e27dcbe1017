"""Vocabulary: every concept eligo knows, loaded from ``data/vocabulary.yaml``.

Clinical knowledge is data, not ``if`` chains.  A concept has an id (what canonical rules and
``facts`` use), a kind, synonyms the lexer matches in registry text, codes the evaluator matches
in records (LOINC, ICD-10-CM prefixes, SNOMED CT, ATC prefixes, RxNorm), and for measurable
concepts a canonical UCUM unit, a plausible range, a default reference range and the rule for
reading a bare number.  Every entry cites its source.  The file is read once per process.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .errors import EligoError, did_you_mean

Kind = Literal["analyte", "score", "condition", "medication", "procedure", "fact", "demographic"]
KINDS: tuple[str, ...] = (
    "analyte",
    "score",
    "condition",
    "medication",
    "procedure",
    "fact",
    "demographic",
)


@dataclass(frozen=True)
class BareUnitRule:
    """Unit given to a bare threshold: applies when ``min <= value < max``."""

    unit: str
    min: float | None = None
    max: float | None = None

    def applies(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value < self.max)


@dataclass(frozen=True)
class Concept:
    """One vocabulary entry."""

    id: str
    kind: Kind
    label: str
    synonyms: tuple[str, ...] = ()
    cite: str = ""
    # measurable concepts (analyte, score, quantity facts, age, drug doses)
    unit: str | None = None
    loinc: tuple[str, ...] = ()
    molar_mass: float | None = None
    plausible: tuple[float, float] | None = None
    reference: tuple[float, float] | None = None
    bare_units: tuple[BareUnitRule, ...] = ()
    categories: tuple[str, ...] = ()
    derived: str | None = None
    # coded concepts
    icd10: tuple[str, ...] = ()
    exclude_icd10: tuple[str, ...] = ()
    snomed: tuple[str, ...] = ()
    atc: tuple[str, ...] = ()
    rxnorm: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # drug names of a class, matched against record text
    # record names that contain one of this concept's names yet mean something else: a record
    # named "minimal hepatic encephalopathy" is no (overt) hepatic encephalopathy
    not_names: tuple[str, ...] = ()
    fact_type: Literal["boolean", "quantity", "category"] | None = None
    includes: tuple[str, ...] = ()  # narrower concepts whose records also mean this one
    sex: Literal["female", "male"] | None = None  # only possible in this sex (pregnancy)
    numeric_twin: str | None = None  # numeric concept for "Child-Pugh <= 7"
    measured_by: str | None = None  # analyte that defines a condition: "anemia (< 11 g/dL)"
    # further measures whose threshold states the condition's degree: "renal impairment with
    # eGFR < 60" is a low eGFR, whether or not a diagnosis is coded
    defined_by: tuple[str, ...] = ()
    # a procedure whose result stays (a shunt, a transplant, an organ taken out): a patient
    # "with TIPS" had it at some time; a completed procedure is never "current"
    lasting: bool = False

    @property
    def numeric(self) -> bool:
        """True when the concept is compared against numbers."""
        if self.categories:
            return False
        return (
            self.kind in ("analyte", "score")
            or self.fact_type == "quantity"
            or (self.kind == "demographic" and self.id == "age")
        )

    def bare_unit(self, value: float) -> str | None:
        """The unit a bare threshold ``value`` is read in, or ``None`` if none applies."""
        for rule in self.bare_units:
            if rule.applies(value):
                return rule.unit
        return self.unit


def comparable(a: Concept, b: Concept) -> bool:
    """Whether two measures can be compared with each other ("AST > ALT"): two different
    lab analytes, each read from its own observations (neither derived from others), with
    one canonical unit, so each side converts to it as a threshold would."""
    return (
        a.id != b.id
        and a.kind == "analyte"
        and b.kind == "analyte"
        and not a.categories
        and not b.categories
        and not a.derived
        and not b.derived
        and a.unit is not None
        and a.unit == b.unit
    )


def _icd(code: str) -> str:
    return code.replace(".", "").upper()


def narrower(vocab: Vocabulary, broad: str, narrow: str) -> bool:
    """Whether ``narrow`` names a kind of ``broad``: what "broad except narrow" can set aside.

    True when ``broad`` includes it (transitively), or when it is of the same kind and each
    of its ICD-10 codes falls inside ``broad``'s codes (not covering them all), or
    within a code ``broad`` already sets aside (``cancer`` leaves out non-melanoma skin
    cancer C44 by convention, so "malignancy except non-melanoma skin cancer" names a kind
    of malignancy too).  Unrelated concepts ("diabetes except insulin") are not, nor drugs.
    """
    b, n = vocab[broad], vocab[narrow]
    # not medications: one record entry may be several drugs ("sitagliptin/metformin"), and
    # setting it aside as metformin would hide the other from "antidiabetics except metformin"
    if b.id == n.id or b.kind != n.kind or b.kind not in ("condition", "procedure"):
        return False
    seen: set[str] = set()
    stack = list(b.includes)
    while stack:
        cid = stack.pop()
        if cid == n.id:
            return True
        if cid not in seen and cid in vocab:
            seen.add(cid)
            stack.extend(vocab[cid].includes)
    prefixes = [_icd(c) for c in (*b.icd10, *b.exclude_icd10)]
    codes = [_icd(c) for c in n.icd10]
    return (
        bool(codes)
        and bool(b.icd10)
        and all(any(code.startswith(p) for p in prefixes) for code in codes)
        # strictly narrower: ``narrow``'s codes do not cover all of ``broad``'s (solid
        # tumour, C…, is no kind of malignancy outside the liver, C…)
        and not all(any(_icd(x).startswith(code) for code in codes) for x in b.icd10)
    )


class VocabularyError(EligoError):
    """The vocabulary file itself is malformed (a packaging bug, not user input)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"vocabulary: {self.message}"


class UnknownConcept(EligoError):
    """A canonical rule or fact names a concept the vocabulary does not have."""

    def __init__(self, name: str, choices: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.choices = choices

    def __str__(self) -> str:
        return f"unknown concept '{self.name}'{did_you_mean(self.name, self.choices)}"


_FIELDS = set(Concept.__dataclass_fields__) - {"id"}
_TUPLE_FIELDS = {
    "synonyms",
    "loinc",
    "icd10",
    "exclude_icd10",
    "snomed",
    "atc",
    "rxnorm",
    "members",
    "not_names",
    "categories",
    "includes",
    "defined_by",
}


_GAPS = re.compile(r"[\s\-]+")


def _phrase(text: str) -> str:
    """Lower-case, collapse spaces and hyphens: the key synonyms are matched by."""
    return _GAPS.sub(" ", text.strip().lower())


class Vocabulary:
    """Concepts by id, with indexes by synonym phrase and by code."""

    # the on-disk cache key of the packaged vocabulary (set by :func:`vocabulary`), so what is
    # built from it (eligo.lookup's tables) can be cached too; None for any other vocabulary
    cache_key: str | None = None

    def __init__(self, concepts: dict[str, Concept]) -> None:
        self.concepts = concepts
        self.by_phrase: dict[str, str] = {}
        self.by_loinc: dict[str, str] = {}
        for c in concepts.values():
            refs = (
                *c.includes,
                *c.defined_by,
                *(x for x in (c.numeric_twin, c.measured_by) if x),
            )
            for ref in refs:
                if ref not in concepts:
                    raise VocabularyError(f"{c.id}: refers to unknown concept '{ref}'")
        for c in concepts.values():
            for phrase in (c.id.replace("_", " "), *c.synonyms):
                key = _phrase(phrase)
                other = self.by_phrase.get(key)
                if other is not None and other != c.id:
                    raise VocabularyError(f"synonym '{phrase}' belongs to both {other} and {c.id}")
                self.by_phrase[key] = c.id
        # plurals of condition names ("diseases", "infections") unless another concept owns them
        for key, cid in list(self.by_phrase.items()):
            last = key.split()[-1]
            if (
                concepts[cid].kind == "condition"
                and len(last) > 3
                and last.isalpha()
                and not last.endswith("s")
            ):
                self.by_phrase.setdefault(key + "s", cid)
        for c in concepts.values():
            for code in c.loinc:
                other = self.by_loinc.setdefault(code, c.id)
                if other != c.id:
                    raise VocabularyError(f"LOINC {code} belongs to both {other} and {c.id}")

    def __getitem__(self, concept_id: str) -> Concept:
        try:
            return self.concepts[concept_id]
        except KeyError:
            raise UnknownConcept(concept_id, list(self.concepts)) from None

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.concepts

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def lookup_phrase(self, text: str) -> str | None:
        """Concept id for a synonym phrase, or ``None``."""
        return self.by_phrase.get(_phrase(text))

    def search(self, term: str) -> list[Concept]:
        """Concepts whose id, label, synonym or code contains ``term`` (case-insensitive)."""
        t = term.lower()
        hits = []
        for c in self.concepts.values():
            hay = [c.id, c.label, *c.synonyms, *c.loinc, *c.icd10, *c.snomed, *c.atc, *c.rxnorm]
            if any(t in h.lower() for h in hay):
                hits.append(c)
        return hits


def _concept(cid: str, raw: Mapping[str, Any]) -> Concept:
    unknown = set(raw) - _FIELDS
    if unknown:
        raise VocabularyError(f"{cid}: unknown keys {sorted(unknown)}")
    kw: dict[str, Any] = {}
    for k, v in raw.items():
        if k in _TUPLE_FIELDS:
            kw[k] = tuple(str(x) for x in v)
        elif k in ("plausible", "reference"):
            kw[k] = (float(v[0]), float(v[1]))
        elif k == "bare_units":
            kw[k] = tuple(BareUnitRule(**r) for r in v)
        else:
            kw[k] = v
    if kw.get("kind") not in KINDS:
        raise VocabularyError(f"{cid}: kind must be one of {', '.join(KINDS)}")
    kw.setdefault("label", cid.replace("_", " "))
    return Concept(id=cid, **kw)


def load_vocabulary_text(text: str) -> Vocabulary:
    """Build a vocabulary from YAML text (used by tests and by :func:`vocabulary`)."""
    import yaml  # lazily: the vocabulary normally comes from the cache

    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), dict):
        raise VocabularyError("expected a mapping with a 'concepts' mapping")
    return Vocabulary({cid: _concept(cid, raw) for cid, raw in data["concepts"].items()})


@functools.cache
def vocabulary() -> Vocabulary:
    """The packaged vocabulary, loaded once per process (and cached on disk across runs)."""
    from .cache import digest, load_or_build

    # beside this module, as units.py reads its table (importlib.resources would cost a
    # one-patient screen ~5 ms of imports for the same file)
    text = (Path(__file__).parent / "data" / "vocabulary.yaml").read_text("utf-8")
    key = digest(text, Path(__file__).read_bytes())
    vocab = load_or_build("vocabulary", key, lambda: load_vocabulary_text(text), Vocabulary)
    vocab.cache_key = key
    return vocab
