"""Record lookup: which items of a patient record mean a vocabulary concept.

Evaluation-stage helper shared by :mod:`eligo.evaluate` and :mod:`eligo.derive`.  Matching
follows contract §3: labs and vitals by LOINC code first, then by name/synonym; conditions and
procedures by ICD-10-CM code prefix or SNOMED CT id, then by name; medications by ATC prefix or
RxNorm code, then by drug name.  A code under a system that does not mean it (a padded CIEL id
under the LOINC system, say) never matches: codes are compared only within their own system.
The index is built once per record and reused across every criterion of every trial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property

from .concepts import Concept, Vocabulary, vocabulary
from .record import Condition, Medication, Observation, Procedure, Record

LOINC = "http://loinc.org"
ICD10 = (
    "http://hl7.org/fhir/sid/icd-10-cm",
    "http://hl7.org/fhir/sid/icd-10",
    "icd-10-cm",
    "icd10",
)
SNOMED = ("http://snomed.info/sct", "snomed", "sct")
ATC = ("http://www.whocc.no/atc", "atc")
RXNORM = ("http://www.nlm.nih.gov/research/umls/rxnorm", "rxnorm")

_LOINC_CODE = re.compile(r"^\d{1,7}-\d$")


def _norm_code(code: str) -> str:
    return code.replace(".", "").upper()


def _system_in(system: str | None, names: tuple[str, ...]) -> bool:
    return system is not None and system.lower().rstrip("/") in names


@dataclass(frozen=True)
class Item:
    """A matched record item: what it is, where it came from, and its dates."""

    kind: str  # "condition" | "procedure" | "medication"
    name: str
    status: str
    start: date | None
    end: date | None
    source: str
    item: Condition | Procedure | Medication
    direct: bool = True  # matched the concept itself, not a narrower one it includes


class RecordView:
    """A patient record indexed by concept (built once per record)."""

    def __init__(self, record: Record, vocab: Vocabulary | None = None) -> None:
        self.record = record
        self.vocab = vocab or vocabulary()
        self._obs: dict[str, list[Observation]] = {}
        self._primary: dict[tuple[str | None, str | None, str | None], str | None] = {}
        for obs in record.observations:
            cid = self._observation_concept(obs)
            if cid is not None:
                self._obs.setdefault(cid, []).append(obs)
        for items in self._obs.values():
            items.sort(key=lambda o: o.date or date.min)

    def _observation_concept(self, obs: Observation) -> str | None:
        if obs.code and (obs.system is None or _system_in(obs.system, (LOINC, "loinc"))):
            if _LOINC_CODE.match(obs.code):
                # a real LOINC code says what was measured (urine sodium is not serum
                # sodium, whatever its display says): no fallback to the name
                return self.vocab.by_loinc.get(obs.code)
            if obs.system is not None:
                return None  # under the LOINC system but not a LOINC code: read nothing
        if obs.name:
            name = obs.name.strip()
            if name in self.vocab:
                return name
            return self.vocab.lookup_phrase(name)
        return None

    # -- observations -----------------------------------------------------------
    def observations(
        self, concept_id: str, as_of: date, since: date | None = None
    ) -> list[Observation]:
        """Observations of a concept dated on/before ``as_of`` (and on/after ``since``)."""
        out = []
        for o in self._obs.get(concept_id, ()):
            if o.date is not None and o.date > as_of:
                continue
            if since is not None and (o.date is None or o.date < since):
                continue
            out.append(o)
        return out

    def latest(self, concept_id: str, as_of: date, since: date | None = None) -> Observation | None:
        """The latest usable observation on/before ``as_of`` (undated only as a last resort)."""
        obs = [o for o in self.observations(concept_id, as_of, since) if o.value is not None]
        dated = [o for o in obs if o.date is not None]
        if dated:
            return dated[-1]
        return obs[-1] if obs else None

    # -- coded items --------------------------------------------------------------
    @cached_property
    def _name_patterns(self) -> dict[str, re.Pattern[str]]:
        return {}

    def _pattern(self, c: Concept) -> re.Pattern[str]:
        pats = self._name_patterns
        if c.id not in pats:
            words = {c.id.replace("_", " "), *c.synonyms, *c.members}
            alts = "|".join(
                r"[\s\-]+".join(re.escape(w) for w in p.lower().split())
                for p in sorted(words, key=len, reverse=True)
                if len(p) > 2
            )
            pats[c.id] = re.compile(rf"(?<![a-z0-9])(?:{alts})(?![a-z0-9])", re.I)
        return pats[c.id]

    def _concepts(self, concept_id: str) -> list[Concept]:
        """The concept and every concept it includes (transitively)."""
        seen: dict[str, Concept] = {}
        stack = [concept_id]
        while stack:
            cid = stack.pop()
            if cid in seen or cid not in self.vocab:
                continue
            c = self.vocab[cid]
            seen[cid] = c
            stack.extend(c.includes)
        return list(seen.values())

    def _code_match(self, c: Concept, code: str | None, system: str | None) -> bool | None:
        """True/False when the code's system is one this concept is coded in, else None."""
        if not code:
            return None
        if _system_in(system, ICD10) and (c.icd10 or c.exclude_icd10):
            nc = _norm_code(code)
            if any(nc.startswith(_norm_code(x)) for x in c.exclude_icd10):
                return False
            return any(nc.startswith(_norm_code(p)) for p in c.icd10)
        if _system_in(system, SNOMED) and c.snomed:
            return code in c.snomed or None  # SNOMED ids we do not list may still be named
        if _system_in(system, ATC) and c.atc:
            return any(code.upper().startswith(p.upper()) for p in c.atc)
        if _system_in(system, RXNORM) and c.rxnorm:
            return code in c.rxnorm or None
        return None

    def _matches(self, c: Concept, code: str | None, system: str | None, name: str | None) -> bool:
        by_code = self._code_match(c, code, system)
        if by_code is not None:
            return by_code
        return bool(name) and bool(self._pattern(c).search(name or ""))

    def items(self, concept_id: str) -> list[Item]:
        """Conditions, procedures and medications that mean the concept (or one it includes).

        One item per record entry: an entry coded twice (ICD-10 and SNOMED) is listed once.
        """
        out = []
        seen: set[str] = set()
        for item in self._items(self._concepts(concept_id)):
            if item.source in seen:
                continue
            seen.add(item.source)
            primary = self.primary(item.item)
            out.append(item if primary in (None, concept_id) else replace(item, direct=False))
        return out

    def primary(self, entry: Condition | Procedure | Medication) -> str | None:
        """The most specific concept a record entry names (None when nothing does).

        A ruled-out entry rules out only this concept: "HIV: absent" says nothing about
        HTLV (retroviral infection), "HCC: absent" nothing about other liver tumours.
        """
        key_ = (entry.code, entry.system, entry.name)
        if key_ in self._primary:
            return self._primary[key_]
        self._primary[key_] = found = self._find_primary(entry)
        return found

    def _find_primary(self, entry: Condition | Procedure | Medication) -> str | None:
        best: tuple[int, int, str] | None = None
        if entry.code and _system_in(entry.system, ICD10):
            nc = _norm_code(entry.code)
            for c in self.vocab:
                for p in c.icd10:
                    np_ = _norm_code(p)
                    if nc.startswith(np_) and not any(
                        nc.startswith(_norm_code(x)) for x in c.exclude_icd10
                    ):
                        key = (len(np_), -len(c.includes), c.id)
                        if best is None or key[:2] > best[:2]:
                            best = key
        elif entry.code and _system_in(entry.system, SNOMED):
            for c in self.vocab:
                if entry.code in c.snomed:
                    key = (1, -len(c.includes), c.id)
                    if best is None or key[:2] > best[:2]:
                        best = key
        if best is not None:
            return best[2]
        return self.vocab.lookup_phrase(entry.name) if entry.name else None

    def _items(self, concepts: list[Concept]) -> list[Item]:
        out: list[Item] = []
        drugish = any(c.kind == "medication" for c in concepts)
        for cond in self.record.conditions:
            if any(
                self._matches(c, cond.code, cond.system, cond.name)
                for c in concepts
                if c.kind != "medication"
            ):
                out.append(
                    Item(
                        "condition",
                        cond.name or cond.code or "condition",
                        cond.status,
                        cond.onset,
                        cond.abatement,
                        cond.source,
                        cond,
                    )
                )
        for proc in self.record.procedures:
            if any(
                self._matches(c, proc.code, proc.system, proc.name)
                for c in concepts
                if c.kind != "medication"
            ):
                out.append(
                    Item(
                        "procedure",
                        proc.name or proc.code or "procedure",
                        proc.status,
                        proc.date,
                        proc.date,
                        proc.source,
                        proc,
                    )
                )
        if drugish:
            for med in self.record.medications:
                if any(
                    self._matches(c, med.code, med.system, med.name)
                    for c in concepts
                    if c.kind == "medication"
                ):
                    out.append(
                        Item(
                            "medication",
                            med.name or med.code or "medication",
                            med.status,
                            med.start,
                            med.end,
                            med.source,
                            med,
                        )
                    )
        return out
