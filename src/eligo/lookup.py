"""Record lookup: which items of a patient record mean a vocabulary concept.

Evaluation-stage helper shared by :mod:`eligo.evaluate` and :mod:`eligo.derive`.  Matching
follows contract §3: labs and vitals by LOINC code first, then by name/synonym; conditions and
procedures by ICD-10-CM code prefix or SNOMED CT id, then by name; medications by ATC prefix or
RxNorm code, then by drug name.  A code under a system that does not mean it (a padded CIEL id
under the LOINC system, say) never matches: codes are compared only within their own system.
The index is built once per record and reused across every criterion of every trial.

Matching is fast because the vocabulary is indexed once (:class:`_Tables`, cached on disk): code
prefixes (ICD-10-CM, ATC) and ids (SNOMED CT, RxNorm) map straight to the concepts they mean,
and a concept's name pattern is compiled once and only tried on record names that contain the
first word of one of its names.  These tables change how fast a match is found, never whether:
every decision is still the concept's own code rule or name pattern.  Decisions are also
remembered by what they read (an entry's kind, code, system and name; an observation's code,
system and name), never by patient, so a cohort decides each distinct code and name once
(:class:`_Decisions`); a trial's screening matches each entry against all the concepts it
mentions in one pass (:class:`ConceptSet`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .concepts import Concept, Vocabulary, vocabulary
from .record import Condition, Medication, Observation, Procedure, Record

if TYPE_CHECKING:
    from .derive import Derived

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
_RUN = re.compile(r"[a-z0-9]+")  # what the name patterns' word boundaries separate


def _norm_code(code: str) -> str:
    return code.replace(".", "").upper()


def _system_in(system: str | None, names: tuple[str, ...]) -> bool:
    return system is not None and system.lower().rstrip("/") in names


def loinc_system(system: str | None) -> bool:
    """Whether an observation's code is read as a LOINC code: no system, or LOINC's."""
    return system is None or system == LOINC or _system_in(system, (LOINC, "loinc"))


def _code_system(system: str | None) -> str | None:
    """Which of the item code systems lookup reads ``system`` is, if any."""
    for name, names in (("icd10", ICD10), ("snomed", SNOMED), ("atc", ATC), ("rxnorm", RXNORM)):
        if _system_in(system, names):
            return name
    return None


Entry = Condition | Procedure | Medication


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


def _alternatives(c: Concept) -> list[str]:
    """One regex per name of ``c`` (its id, synonyms, members): words joined by spaces or
    hyphens, longest name first."""
    words = {c.id.replace("_", " "), *c.synonyms, *c.members}
    return [_words(p) for p in sorted(words, key=len, reverse=True) if len(p) > 2]


def _words(name: str) -> str:
    """A name as a regex: its words joined by spaces or hyphens."""
    return r"[\s\-]+".join(re.escape(w) for w in name.lower().split())


def _bounded(alts: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9])(?:{alts})(?![a-z0-9])", re.I)


def _name_pattern(c: Concept) -> re.Pattern[str]:
    """The pattern a record name is searched with for concept ``c``: any of its names, as
    whole words, in any case."""
    return _bounded("|".join(_alternatives(c)))


def _first_run(alternative: str) -> str | None:
    """The leading ``[a-z0-9]`` run of a name's regex (from :func:`_alternatives`).

    In an ASCII name the regex can match only where this run stands as a whole run of letters
    and digits: it must start after a non-alphanumeric (the pattern's left boundary), and what
    follows it in the regex (a literal punctuation mark, the space-or-hyphen joint, or the
    right boundary) matches only a non-alphanumeric.  So a name without that run needs no
    search.  ``None`` for a name starting with another character, or not plain ASCII.
    """
    first = _RUN.match(alternative)
    return first.group() if first is not None and alternative.isascii() else None


class _Tables:
    """One vocabulary's code and name indexes, built once (see :func:`_tables`)."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        # normalised ICD-10 prefix -> (concept position, prefix position, concept id)
        self.icd10: dict[str, list[tuple[int, int, str]]] = {}
        self.exclude_icd10: dict[str, tuple[str, ...]] = {}
        self.icd10_coded: frozenset[str] = frozenset(
            c.id for c in vocab if c.icd10 or c.exclude_icd10
        )
        self.snomed: dict[str, list[str]] = {}
        self.atc: dict[str, list[str]] = {}
        self.atc_coded: frozenset[str] = frozenset(c.id for c in vocab if c.atc)
        self.rxnorm: dict[str, list[str]] = {}
        # per concept: (first run, regex) of each of its names, see _first_run; None when
        # some name cannot be indexed so (the whole pattern is searched every time)
        self.names: dict[str, list[tuple[str, str]] | None] = {}
        self.breadth: dict[str, int] = {}
        self.medication: frozenset[str] = frozenset(c.id for c in vocab if c.kind == "medication")
        self.loinc = {k: v for k, v in vocab.by_loinc.items() if _LOINC_CODE.match(k)}
        for pos, c in enumerate(vocab):
            self.breadth[c.id] = len(c.includes)
            for i, p in enumerate(c.icd10):
                self.icd10.setdefault(_norm_code(p), []).append((pos, i, c.id))
            self.exclude_icd10[c.id] = tuple(_norm_code(x) for x in c.exclude_icd10)
            for code in c.snomed:
                self.snomed.setdefault(code, []).append(c.id)
            for a in c.atc:
                self.atc.setdefault(a.upper(), []).append(c.id)
            for code in c.rxnorm:
                self.rxnorm.setdefault(code, []).append(c.id)
            alts = _alternatives(c)
            runs = [_first_run(a) for a in alts]
            indexed = [(r, a) for r, a in zip(runs, alts, strict=True) if r is not None]
            self.names[c.id] = indexed if alts and len(indexed) == len(alts) else None
        # (drugs?, first run) -> concepts of that kind with a name starting with it; the
        # concepts whose names cannot be indexed so are candidates for every name
        self.by_run: dict[tuple[bool, str], set[str]] = {}
        unindexed: set[str] = set()
        for cid, names in self.names.items():
            drugs = cid in self.medication
            if names is None:
                unindexed.add(cid)
            for run, _ in names or ():
                self.by_run.setdefault((drugs, run), set()).add(cid)
        self.unindexed = {
            drugs: frozenset(c for c in unindexed if (c in self.medication) is drugs)
            for drugs in (False, True)
        }
        self._alts: dict[str, re.Pattern[str]] = {}
        # names that, found in a record name, keep it from meaning the concept (not_names)
        self.not_names: dict[str, re.Pattern[str]] = {
            c.id: _bounded("|".join(_words(n) for n in sorted(c.not_names, key=len, reverse=True)))
            for c in vocab
            if c.not_names
        }
        self._patterns: dict[str, re.Pattern[str]] = {}
        self._closures: dict[str, frozenset[str]] = {}

    def pattern(self, concept_id: str) -> re.Pattern[str]:
        found = self._patterns.get(concept_id)
        if found is None:
            found = self._patterns[concept_id] = _name_pattern(self.vocab[concept_id])
        return found

    def closure(self, concept_id: str) -> frozenset[str]:
        """The concept and every concept it includes (transitively)."""
        found = self._closures.get(concept_id)
        if found is None:
            seen: set[str] = set()
            stack = [concept_id]
            while stack:
                cid = stack.pop()
                if cid in seen or cid not in self.vocab:
                    continue
                seen.add(cid)
                stack.extend(self.vocab[cid].includes)
            found = self._closures[concept_id] = frozenset(seen)
        return found

    def icd10_hits(self, code: str) -> list[tuple[int, int, str, int]]:
        """(concept position, prefix position, concept id, prefix length) of every concept
        whose ICD-10 prefix ``code`` starts with and whose exclusions it does not."""
        nc = _norm_code(code)
        out = []
        for k in range(len(nc) + 1):
            for pos, i, cid in self.icd10.get(nc[:k], ()):
                if not any(nc.startswith(x) for x in self.exclude_icd10[cid]):
                    out.append((pos, i, cid, k))
        return out

    def by_code(self, code: str | None, system: str | None) -> tuple[set[str], frozenset[str]]:
        """(concepts ``code`` means, concepts whose match the code decides either way).

        Mirrors the per-concept rule: ICD-10 and ATC codes decide for every concept coded in
        that system; a SNOMED CT or RxNorm id the concept does not list leaves it to the name.
        """
        which = _code_system(system) if code else None
        if code is None or which is None:
            return set(), frozenset()
        if which == "icd10":
            return {h[2] for h in self.icd10_hits(code)}, self.icd10_coded
        if which == "atc":
            up = code.upper()
            hits: set[str] = set()
            for k in range(len(up) + 1):
                hits.update(self.atc.get(up[:k], ()))
            return hits, self.atc_coded
        table = self.snomed if which == "snomed" else self.rxnorm
        return set(table.get(code, ())), frozenset()

    def candidates(self, runs: frozenset[str], drugs: bool) -> set[str]:
        """Concepts of one kind (drugs or not) whose name pattern may match a name with these
        runs of letters and digits (see :func:`_first_run`)."""
        out = set(self.unindexed[drugs])
        for run in runs:
            found = self.by_run.get((drugs, run))
            if found:
                out |= found
        return out

    def names_match(self, concept_id: str, name: str, runs: frozenset[str] | None) -> bool:
        """Whether the concept's name pattern matches ``name`` (whose runs are ``runs``, or
        ``None`` for a name that is not plain ASCII): only names starting with a run of
        ``name`` can, and each is tried on its own."""
        names = self.names[concept_id]
        if names is None or runs is None:
            found = bool(self.pattern(concept_id).search(name))
        else:
            found = False
            for run, alt in names:
                if run in runs:
                    pattern = self._alts.get(alt)
                    if pattern is None:
                        pattern = self._alts[alt] = _bounded(alt)
                    if pattern.search(name):
                        found = True
                        break
        if found and concept_id in self.not_names:
            return not self.not_names[concept_id].search(name)
        return found

    def __getstate__(self) -> dict[str, Any]:
        # cached without the vocabulary (cached on its own): _tables puts it back
        return {k: v for k, v in self.__dict__.items() if k != "vocab"}


@functools.cache
def _tables(vocab: Vocabulary) -> _Tables:
    """The tables of ``vocab``, built once per process; those of the packaged vocabulary are
    also cached on disk (keyed by it, this module and Python), as building them costs a
    one-patient screen more than loading them."""
    if vocab.cache_key is None:
        return _Tables(vocab)
    import sys
    from pathlib import Path

    from .cache import digest, load_or_build

    key = digest(vocab.cache_key, Path(__file__).read_bytes(), sys.version)
    tables = load_or_build("lookup", key, lambda: _Tables(vocab), _Tables)
    tables.vocab = vocab
    return tables


MEMO_LIMIT = 200_000
"""Most remembered decisions per table (see :class:`_Decisions`): enough for every distinct
code and name of a large cohort, bounded for one that writes free text everywhere."""

EntryKey = tuple[str, str | None, str | None, str | None]
"""What lookup reads of a record entry: (kind, code, system, name)."""

_UNSEEN = object()


class _Decisions:
    """Matching decisions for one vocabulary, remembered by what they read: an observation's
    (code, system, name), an entry's (kind, code, system, name).

    Every decision is a pure function of those strings and the vocabulary, so a cohort, whose
    records repeat the same few codes and names, decides each distinct one once (as
    :mod:`eligo.sql` does with its lookup tables).  Nothing about a patient is kept: dates,
    statuses and values are read from each record every time.
    """

    def __init__(self, vocab: Vocabulary, tables: _Tables) -> None:
        self.vocab = vocab
        self.t = tables
        self.observed: dict[tuple[str | None, str | None, str | None], str] = {}  # "": none
        self.primaries: dict[tuple[str | None, str | None, str | None], str | None] = {}
        self.entries: dict[EntryKey, _EntryInfo] = {}
        # (entry key, concept) -> None: the entry does not mean the concept; True: it names
        # it (or nothing more specific); False: it names a narrower concept the concept includes
        self.meanings: dict[tuple[EntryKey, str], bool | None] = {}

    @staticmethod
    def _bounded(memo: dict[Any, Any]) -> None:
        if len(memo) >= MEMO_LIMIT:
            memo.clear()

    # -- observations -----------------------------------------------------------
    def observation_concept(
        self, code: str | None, system: str | None, name: str | None
    ) -> str | None:
        """The concept an observation with this code, system and name measures."""
        key = (code, system, name)
        found = self.observed.get(key)
        if found is None:
            self._bounded(self.observed)
            found = self.observed[key] = self._observation_concept(code, system, name) or ""
        return found or None

    def loinc_code_decides(self, code: str) -> tuple[bool, str | None]:
        """For a code under the LOINC system (or none, see :func:`loinc_system`): ``(True,
        concept)`` when the code alone says what was measured (``None``: nothing eligo knows)
        and the observation's name is never read; ``(False, None)`` when it does not."""
        found = self.t.loinc.get(code)  # the common case: a LOINC code eligo knows
        if found is not None:
            return True, found
        if _LOINC_CODE.match(code):
            # a real LOINC code says what was measured (urine sodium is not serum
            # sodium, whatever its display says): no fallback to the name
            return True, self.vocab.by_loinc.get(code)
        return False, None

    def _observation_concept(
        self, code: str | None, system: str | None, name: str | None
    ) -> str | None:
        if code and loinc_system(system):
            decided, concept = self.loinc_code_decides(code)
            if decided:
                return concept
            if system is not None:
                return None  # under the LOINC system but not a LOINC code: read nothing
        if name:
            name = name.strip()
            if name in self.vocab.concepts:
                return name
            return self.vocab.lookup_phrase(name)
        return None

    # -- coded items --------------------------------------------------------------
    def entry(self, key: EntryKey) -> _EntryInfo:
        """The concepts an entry's code means, and those whose name may match its name."""
        found = self.entries.get(key)
        if found is None:
            kind, code, system, name = key
            t = self.t
            drugs = kind == "medication"
            means, decided = t.by_code(code, system)
            means = {c for c in means if (c in t.medication) is drugs}
            runs = named = None
            if name and name.isascii():
                runs = frozenset(_RUN.findall(name.lower()))
                named = t.candidates(runs, drugs) - decided
            self._bounded(self.entries)
            found = self.entries[key] = _EntryInfo(drugs, means, decided, runs, named)
        return found

    def meaning(self, key: EntryKey, concept_id: str) -> bool | None:
        """Whether an entry means the concept (or one it includes): None if not, else whether
        it names the concept itself (see :meth:`RecordView.primary`)."""
        k = (key, concept_id)
        found = self.meanings.get(k, _UNSEEN)
        if found is _UNSEEN:
            found = None
            if self._means(key, self.t.closure(concept_id)):
                found = self.primary(key[1], key[2], key[3]) in (None, concept_id)
            self._bounded(self.meanings)
            self.meanings[k] = found
        return found  # type: ignore[return-value]

    def _means(self, key: EntryKey, concepts: frozenset[str]) -> bool:
        """Whether the entry means any of ``concepts``: by its code where the code decides,
        else by its name."""
        e = self.entry(key)
        if not e.code_means.isdisjoint(concepts):
            return True
        name = key[3]
        if not name:
            return False
        t = self.t
        if e.named is None:
            maybe = {c for c in concepts if c not in e.decided and (c in t.medication) is e.drugs}
        else:
            maybe = e.named & concepts
        return any(t.names_match(cid, name, e.runs) for cid in maybe)

    def primary(self, code: str | None, system: str | None, name: str | None) -> str | None:
        """The most specific concept an entry with this code, system and name names."""
        key = (code, system, name)
        found = self.primaries.get(key, _UNSEEN)
        if found is _UNSEEN:
            self._bounded(self.primaries)
            found = self.primaries[key] = self._find_primary(code, system, name)
        return found  # type: ignore[return-value]

    def _find_primary(self, code: str | None, system: str | None, name: str | None) -> str | None:
        # the longest matching code prefix wins, then the narrowest concept (fewest
        # includes), then the first in vocabulary order
        t = self.t
        best: tuple[int, int, str] | None = None
        which = _code_system(system) if code else None
        if code and which == "icd10":
            for _, _, cid, length in sorted(t.icd10_hits(code)):
                key = (length, -t.breadth[cid], cid)
                if best is None or key[:2] > best[:2]:
                    best = key
        elif code and which == "snomed":
            for cid in t.snomed.get(code, ()):
                key = (1, -t.breadth[cid], cid)
                if best is None or key[:2] > best[:2]:
                    best = key
        if best is not None:
            return best[2]
        return self.vocab.lookup_phrase(name) if name else None


@functools.cache
def _decisions(vocab: Vocabulary) -> _Decisions:
    return _Decisions(vocab, _tables(vocab))


class ConceptSet:
    """Concepts a trial mentions, matched against each record entry at once
    (:meth:`RecordView.match_all`), by the same decisions as :meth:`RecordView.items`.

    An entry's matches are remembered by its (kind, code, system, name), like the decisions
    they are made of; most entries mean none of a trial's concepts, and are set aside after
    one test against everything those concepts include.
    """

    def __init__(self, concepts: tuple[str, ...], vocab: Vocabulary) -> None:
        self.concepts = concepts
        self.wanted = frozenset(concepts)
        self.decisions = _decisions(vocab)
        t = self.decisions.t
        self.closures = tuple((c, t.closure(c)) for c in concepts)
        self.reach = frozenset().union(*(closure for _, closure in self.closures))
        self.memo: dict[EntryKey, tuple[tuple[str, bool], ...]] = {}

    def meanings(self, key: EntryKey) -> tuple[tuple[str, bool], ...]:
        """(concept, names it directly) for each of the concepts the entry means."""
        found = self.memo.get(key)
        if found is None:
            found = self._meanings(key)
            _Decisions._bounded(self.memo)
            self.memo[key] = found
        return found

    def _meanings(self, key: EntryKey) -> tuple[tuple[str, bool], ...]:
        # _Decisions._means for every concept at once, over only what they include (reach):
        # the concepts the code means, and those whose names match the entry's name, each
        # tried once (as _Decisions.entry would index them, restricted to reach)
        d, t, reach = self.decisions, self.decisions.t, self.reach
        kind, code, system, name = key
        drugs = kind == "medication"
        means, decided = t.by_code(code, system)
        code_means = {c for c in means if c in reach and (c in t.medication) is drugs}
        named: set[str] = set()
        if name:
            runs = None
            if name.isascii():
                runs = frozenset(_RUN.findall(name.lower()))
                maybe = set(t.unindexed[drugs] & reach)
                for run in runs:
                    some = t.by_run.get((drugs, run))
                    if some:
                        maybe |= some & reach
            else:  # any concept of the kind may match a name that is not plain ASCII
                maybe = {c for c in reach if (c in t.medication) is drugs}
            named = {c for c in maybe - decided if t.names_match(c, name, runs)}
        hits = [
            c
            for c, closure in self.closures
            if not (code_means.isdisjoint(closure) and named.isdisjoint(closure))
        ]
        return tuple((c, d.primary(code, system, name) in (None, c)) for c in hits)


class _EntryInfo:
    """What an entry's code and name say, whatever record it is in: the concepts its code
    means, those its code decides either way, and (``named``) those whose name may match its
    name; ``None`` for a name that is not plain ASCII, where any may."""

    __slots__ = ("code_means", "decided", "drugs", "named", "runs")

    def __init__(
        self,
        drugs: bool,
        code_means: set[str],
        decided: frozenset[str],
        runs: frozenset[str] | None,
        named: set[str] | None,
    ) -> None:
        self.drugs = drugs
        self.code_means = code_means
        self.decided = decided
        self.runs = runs
        self.named = named


def _entry_item(kind: str, e: Entry, direct: bool = True) -> Item:
    if isinstance(e, Condition):
        start, end = e.onset, e.abatement
    elif isinstance(e, Procedure):
        start = end = e.date
    else:
        start, end = e.start, e.end
    # Item(...) without the frozen dataclass's field-by-field __init__ (screening makes one
    # per matched entry): the same fields, set at once (tests/test_fast.py checks them)
    item: Item = object.__new__(Item)
    item.__dict__.update(
        kind=kind,
        name=e.name or e.code or kind,
        status=e.status,
        start=start,
        end=end,
        source=e.source,
        item=e,
        direct=direct,
    )
    return item


def _obs_date(o: Observation) -> date:
    return o.date or date.min


class RecordView:
    """A patient record indexed by concept (built once per record)."""

    def __init__(self, record: Record, vocab: Vocabulary | None = None) -> None:
        self.record = record
        self.vocab = vocab or vocabulary()
        self._tables = _tables(self.vocab)
        self._decisions = decisions = _decisions(self.vocab)
        self._obs: dict[str, list[Observation]] = {}
        self._items: dict[str, tuple[Item, ...]] = {}
        # record entries (conditions, procedures, medications) and what lookup reads of each
        self._entries: list[Entry] | None = None
        self._keys: list[EntryKey] = []
        self._made: dict[tuple[int, bool], Item] = {}  # items made, by (entry number, direct)
        self._matched: list[frozenset[str]] = []  # concepts match_all found all items of
        # values eligo.derive computed from this record, by (name, date): shared by criteria
        self.derived: dict[tuple[str, date], Derived] = {}
        observed, concept_of = decisions.observed, decisions.observation_concept
        by_concept = self._obs
        for obs in record.observations:
            key = (obs.code, obs.system, obs.name)
            cid = observed.get(key)  # "" when it measures no concept
            if cid is None:
                cid = concept_of(*key)
            if cid:
                found = by_concept.get(cid)
                if found is None:
                    by_concept[cid] = [obs]
                else:
                    found.append(obs)
        self._by_date: set[str] = set()  # concepts whose list is sorted by date (stably)

    @property
    def found(self) -> Mapping[str, tuple[Item, ...]]:
        """The items found so far, by concept (read-only)."""
        return MappingProxyType(self._items)

    def _observation_concept(self, obs: Observation) -> str | None:
        return self._decisions.observation_concept(obs.code, obs.system, obs.name)

    # -- observations -----------------------------------------------------------
    def observations(
        self, concept_id: str, as_of: date, since: date | None = None
    ) -> list[Observation]:
        """Observations of a concept dated on/before ``as_of`` (and on/after ``since``), by
        date (undated first; in record order on the same date)."""
        found = self._obs.get(concept_id)
        if found is None:
            return []
        if concept_id not in self._by_date:
            found.sort(key=_obs_date)  # stable: the record's order within a date
            self._by_date.add(concept_id)
        out = []
        for o in found:
            if o.date is not None and o.date > as_of:
                continue
            if since is not None and (o.date is None or o.date < since):
                continue
            out.append(o)
        return out

    def latest(self, concept_id: str, as_of: date, since: date | None = None) -> Observation | None:
        """The latest usable observation on/before ``as_of`` (undated only as a last resort):
        the last in :meth:`observations` order, so the record's last on the latest date."""
        best = undated = None
        best_date = date.min
        for o in self._obs.get(concept_id, ()):  # by date or in record order: the same pick
            d = o.date
            if o.value is None:
                continue
            if d is None:
                if since is None:
                    undated = o
            elif d <= as_of and (since is None or d >= since) and (best is None or d >= best_date):
                best, best_date = o, d
        return undated if best is None else best

    # -- coded items --------------------------------------------------------------
    def _index(self) -> list[Entry]:
        if self._entries is None:
            rec = self.record
            keys: list[EntryKey] = [("condition", e.code, e.system, e.name) for e in rec.conditions]
            if rec.procedures:
                keys += [("procedure", e.code, e.system, e.name) for e in rec.procedures]
            if rec.medications:
                keys += [("medication", e.code, e.system, e.name) for e in rec.medications]
            self._keys = keys
            self._entries = [*rec.conditions, *rec.procedures, *rec.medications]
        return self._entries

    def _item(self, n: int, direct: bool) -> Item:
        """Entry number ``n`` as an :class:`Item` (made once per view)."""
        key = (n, direct)
        found = self._made.get(key)
        if found is None:
            assert self._entries is not None
            found = self._made[key] = _entry_item(self._keys[n][0], self._entries[n], direct)
        return found

    def items(self, concept_id: str) -> list[Item]:
        """Conditions, procedures and medications that mean the concept (or one it includes).

        One item per record entry: an entry coded twice (ICD-10 and SNOMED) is listed once.
        """
        return list(self.matches(concept_id))

    def matches(self, concept_id: str) -> tuple[Item, ...]:
        """:meth:`items`, as the view keeps them (a tuple, shared by every caller)."""
        found = self._items.get(concept_id)
        if found is not None:
            return found
        for matched in self._matched:
            if concept_id in matched:
                return ()  # match_all found none
        entries = self._entries if self._entries is not None else self._index()
        meaning = self._decisions.meaning
        out = []
        seen: set[str] = set()
        for n, key in enumerate(self._keys):
            direct = meaning(key, concept_id)
            if direct is None:
                continue
            source = entries[n].source
            if source in seen:
                continue
            seen.add(source)
            out.append(self._item(n, direct))
        found = self._items[concept_id] = tuple(out)
        return found

    def match_all(self, wanted: ConceptSet) -> None:
        """Find the items of every concept in ``wanted`` in one pass over the record: what
        :meth:`items` gives for each, ready for it."""
        for matched in self._matched:
            if matched is wanted.wanted:
                return  # done for this view already (the trial screened again with it)
        known = self._items
        found: dict[str, list[Item]] = {}
        sources: dict[str, set[str]] = {}  # per concept, the entries it has an item of
        meanings = wanted.meanings
        entries = self._entries if self._entries is not None else self._index()
        for n, key in enumerate(self._keys):
            hits = meanings(key)
            if not hits:
                continue
            source = entries[n].source
            for cid, direct in hits:
                out = found.get(cid)
                if out is None:
                    if cid in known:
                        continue  # found before, by items()
                    out = found[cid] = []
                    sources[cid] = {source}
                else:
                    seen = sources[cid]
                    if source in seen:
                        continue  # one item per record entry, as in items()
                    seen.add(source)
                out.append(self._item(n, direct))
        for cid, items in found.items():
            known[cid] = tuple(items)
        self._matched.append(wanted.wanted)

    def primary(self, entry: Entry) -> str | None:
        """The most specific concept a record entry names (None when nothing does).

        A ruled-out entry rules out only this concept: "HIV: absent" says nothing about
        HTLV (retroviral infection), "HCC: absent" nothing about other liver tumours.
        """
        return self._decisions.primary(entry.code, entry.system, entry.name)
