"""Sections: an "EXC CRITERIA" heading line filed among the inclusions.

A trial-level stage, like :mod:`eligo.groups`.  Registry text without Inclusion/Exclusion
sections sometimes lands every line among the inclusions.  Lines that carry their own
header ("Exc Criteria: ECOG PS>1") are read by the lexer; but a heading may stand alone on
its line ("EXC CRITERIA (AZD6244 cohorts)") with the exclusions on the lines after it
("Baseline LVEF ≤50%").  Read as inclusions those lines are inverted: every patient with
LVEF ≤ 50% met "Baseline LVEF ≤50%", the very patients the trial excludes.

This stage finds such headings and re-reads each line under one as the exclusion it is,
negated (an inclusion list holds what must be met): ``not (exclusion)``.  A heading that
names whom its exclusions apply to ("(AZD6244 cohorts)") adds that cohort as a condition on
the ``study_cohort`` fact the coordinator records (the part of the trial the patient is
screened for): ``not (exclusion) or not study_cohort = azd6244``: met when the exclusion is
not or the patient is of another cohort, unknown while the cohort is unrecorded.  The
section runs to the next inclusion heading or the end of the list; the heading line itself
stays as compiled (an unread line, unknown).

Cohort headings work alike: "Inclusion Part A: Healthy subjects", "Inclusion Part B: T2DM
subjects", each heading the lines after it.  Where a list has two or more such headings,
each line under one is asked only of that cohort (:func:`cohort_condition`): an inclusion
``not (cohort) or rule`` (a patient of another cohort is not failed by it), an exclusion
``cohort and rule`` (nor excluded by it); with the cohort unrecorded the rule alone decides
only when it is met (inclusion) or not met (exclusion).

A line whose clauses each hold during one stage of the trial ("Age 2 to < 18 years during
stage 1 and 1 to < 18 years during stage 2") is read clause by clause, each asked of its
stage (:func:`staged`).

A line "The following prior therapies are allowed …" heads the items it permits ("Surgery",
"Liver-directed therapy …"), filed as lines of their own.  Read alone, "Surgery" was a
requirement: every patient without surgery failed it.  A permitted item decides nothing:
each line after such a heading (sharing its "PRIOR CONCURRENT THERAPY:" header, up to a
line opening with "No" / "Not" / "Must" or another "the following") stays unread.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from .concepts import vocabulary
from .lexer import _COHORT_HEADING, _STATES_VALUE
from .nodes import AllOf, AnyOf, Category, Comparison, Mention, Node, Not, Unparsed, unparsed_spans
from .parse import Compiled, compile_text
from .transform import Kind, canonicalize

_HEADING = re.compile(
    r"\s*(?P<which>exc|exclusion|inc|inclusion)\.?\s+criteria\s*"
    r"(?:\((?P<who>[^()]{1,80})\))?\s*:?\s*$",
    re.IGNORECASE,
)


def exclusion_sections(texts: Sequence[str], kind: Kind) -> dict[int, str | None]:
    """Lines of an inclusion list that sit under a bare exclusion heading, each mapped to
    the heading's qualifier ("AZD6244 cohorts") or ``None``.

    >>> exclusion_sections(["Age >= 18", "EXC CRITERIA (X cohorts)", "INR > 2"], "inclusion")
    {2: 'X cohorts'}
    """
    if kind != "inclusion":
        return {}
    out: dict[int, str | None] = {}
    under: str | None = None
    inside = False
    for i, text in enumerate(texts):
        m = _HEADING.match(text)
        if m:
            inside = m.group("which").lower().startswith("exc")
            under = (m.group("who") or "").strip() or None
            continue
        if inside:
            out[i] = under
    return out


def reread(text: str, who: str | None) -> Compiled:
    """A line under an exclusion heading among the inclusions: ``not (exclusion)``, or
    unknown when the heading's qualifier (a cohort) may exempt the patient.

    >>> from eligo.render import render
    >>> render(reread("INR > 2", None).rule)
    'not inr > 2'
    >>> render(reread("INR > 2", "AZD6244 cohorts").rule)
    'not inr > 2 or not study_cohort = azd6244'
    """
    c = compile_text(text, "exclusion")
    rule = canonicalize(Not(c.rule))
    unparsed = c.unparsed
    if who is not None:
        cohort = cohort_condition(who)
        rule = canonicalize(AnyOf((rule, Not(cohort))))
        unparsed = (*unparsed, *unparsed_in(cohort))
    return replace(c, rule=rule, unparsed=unparsed)


# "Part A", "Stage 2", "Cohort 1", "Arm B": a named part of a multi-part trial
_PART = re.compile(r"(?P<word>part|stage|cohort|arm|group)\s+(?P<id>[A-Za-z]|\d{1,2})\b", re.I)
_PART_JOIN = re.compile(r"\s*(?:&|,|/|\band\b|\bor\b)\s*", re.I)
# "AZD6244 cohorts", "Cediranib cohort": cohorts named by the drug they are given
_NAMED_COHORTS = re.compile(r"(?P<name>[A-Za-z][A-Za-z0-9]{1,30})\s+(?:cohorts?|arms?)", re.I)
_NOT_A_NAME = frozenset(["all", "every", "each", "both", "any", "other", "remaining", "the"])
COHORT_FACT = "study_cohort"  # the vocabulary fact a coordinator records (facts.study_cohort)


def cohort_labels(names: str) -> tuple[str, ...] | None:
    """The ``study_cohort`` labels a heading's names stand for, or None when any word of
    them is not a part's or cohort's name.

    >>> cohort_labels("Part A & Part B"), cohort_labels("Stage 2"), cohort_labels("AZD6244 cohorts")
    (('part_a', 'part_b'), ('stage_2',), ('azd6244',))
    >>> cohort_labels("Healthy subjects") is None, cohort_labels("all cohorts") is None
    (True, True)
    """
    names = names.strip()
    named = _NAMED_COHORTS.fullmatch(names)
    if named:
        # "all cohorts", "other arms": every cohort or an unnamed one, no label
        name = named.group("name").lower()
        return None if name in _NOT_A_NAME else (name,)
    labels: list[str] = []
    at = 0
    while at < len(names):
        if labels:
            joint = _PART_JOIN.match(names, at)
            if not joint or joint.end() == at:
                return None
            at = joint.end()
        m = _PART.match(names, at)
        if not m:
            return None
        labels.append(f"{m.group('word')}_{m.group('id')}".lower())
        at = m.end()
    return tuple(dict.fromkeys(labels)) or None


def cohort_condition(who: str, shared: Collection[str] = ()) -> Node:
    """Who a cohort heading names, as a condition on the patient.

    Its parts are ``study_cohort`` labels (the part the coordinator records the patient is
    screened for).  The population it names ("Healthy subjects") is asked too only where a
    part it names holds another population under another heading of the list (``shared``
    labels: Part A has healthy and T2DM subjects); else it describes everyone of the part,
    and the lines under the heading, asked of the whole part, say what that takes ("diagnosed
    with T2DM"): read as a condition, a Part B patient without a T2DM code escaped every line.
    A population is a recorded fact (healthy_volunteer: the investigator's designation) or a
    coded condition; a code may be missing for a patient of the cohort (as for
    "Subjects with Hepatic Impairment"), so a condition reads ``type2_diabetes or
    unparsed(…)``: open, never ruled out, without the code.  What is not read stays unread.

    >>> from eligo.render import render
    >>> render(cohort_condition("Part A: Healthy subjects", {"part_a"}))
    'study_cohort = part_a and healthy_volunteer'
    >>> render(cohort_condition("Part A & Part B: T2DM", {"part_a"}))
    '(study_cohort = part_a or study_cohort = part_b) and (type2_diabetes or unparsed("T2DM"))'
    >>> render(cohort_condition("Part B: T2DM subjects", {"part_a"}))
    'study_cohort = part_b'
    >>> render(cohort_condition("Cediranib cohorts")), render(cohort_condition("healthy subjects"))
    ('study_cohort = cediranib', 'healthy_volunteer')
    >>> render(cohort_condition("Part A: fit for surgery", {"part_a"}))
    'study_cohort = part_a and unparsed("fit for surgery")'
    """
    names, colon, population = who.partition(":")
    if not colon:
        labels = cohort_labels(who)
        names, population = ("", who) if labels is None else (who, "")
    else:
        labels = cohort_labels(names)
        if labels is None:  # "Subjects with X: …" (a colon, but no part named)
            return Unparsed(who)
    parts: list[Node] = []
    if labels:
        ors = [Comparison(COHORT_FACT, "=", Category(label)) for label in labels]
        parts.append(ors[0] if len(ors) == 1 else AnyOf(tuple(ors)))
    population = population.strip()
    if population and (not labels or any(label in shared for label in labels)):
        parts.append(_population(population))
    if not parts:
        return Unparsed(who)
    return canonicalize(parts[0] if len(parts) == 1 else AllOf(tuple(parts)))


def _population(text: str) -> Node:
    """ "Healthy subjects" → healthy_volunteer (a recorded fact); "T2DM subjects" →
    ``type2_diabetes or unparsed("T2DM subjects")`` (a code the cohort's patient may lack)."""
    read = compile_text(text, "inclusion")
    rule = read.rule
    if not read.understood or not isinstance(rule, Mention):
        return Unparsed(text)
    if vocabulary()[rule.concept].kind == "fact":
        return rule
    return AnyOf((rule, Unparsed(text)))


def shared_parts(heads: Collection[str]) -> frozenset[str]:
    """The part labels that more than one population's heading names.

    >>> sorted(shared_parts(["Part A: Healthy subjects", "Part A: T2DM subjects",
    ...                      "Part B: T2DM subjects"]))
    ['part_a']
    """
    seen: dict[str, set[str]] = {}
    for head in heads:
        names, _, population = head.partition(":")
        for label in cohort_labels(names) or ():
            seen.setdefault(label, set()).add(" ".join(population.lower().split()))
    return frozenset(label for label, pops in seen.items() if len(pops) > 1)


def unparsed_in(node: Node) -> tuple[Unparsed, ...]:
    """The unread leaves of a cohort condition."""
    return tuple(unparsed_spans(node))


# "Inclusion Part A: " / "Exclusion criteria for ": the list's words before the cohort's name
_COHORT_LEAD = re.compile(r"\s*(?:inclusion|exclusion)(?:\s+criteria)?\s+(?:for\s+)?", re.I)


_EVERYONE = re.compile(r"(?:all|every|each|both)\b", re.IGNORECASE)


def cohort_heads(texts: Sequence[str]) -> dict[int, str]:
    """The list's cohort heading lines, each mapped to the cohort's name.

    >>> cohort_heads(["Inclusion Part A: Healthy", "BMI < 28", "Inclusion criteria for T2DM"])
    {0: 'Part A: Healthy', 2: 'T2DM'}
    >>> cohort_heads(["For Part 1:", "Solid tumour", "For Part 2:", "For patients over 70:"])
    {0: 'Part 1', 2: 'Part 2'}
    """
    out: dict[int, str] = {}
    for i, t in enumerate(texts):
        if _COHORT_HEADING.match(t) and not _STATES_VALUE.search(t):
            out[i] = _COHORT_LEAD.sub("", t, count=1).strip()
            continue
        m = _FOR_PART.fullmatch(t)
        if m and cohort_labels(m.group("names")) is not None:
            out[i] = m.group("names").strip()
    return out


# "For Part 1:": a line that only names the part the lines after it are for
_FOR_PART = re.compile(r"\s*for\s+(?P<names>[^:]{1,60}?)\s*:\s*", re.IGNORECASE)


def cohort_sections(texts: Sequence[str]) -> dict[int, str]:
    """Lines under a cohort heading, each mapped to the cohort it names, when the list has
    two or more different headings (one heading alone may name every participant).

    >>> cohort_sections(["Age >= 18", "Inclusion Part A: Healthy", "BMI < 28",
    ...                  "Inclusion Part B: T2DM", "HbA1c < 9%",
    ...                  "Inclusion criteria for all subjects", "Consent"])
    {2: 'Part A: Healthy', 4: 'Part B: T2DM'}
    """
    heads = cohort_heads(texts)
    if len(set(heads.values())) < 2:
        return {}
    out: dict[int, str] = {}
    under: str | None = None
    for i in range(len(texts)):
        if i in heads:
            # "Inclusion criteria for all subjects": the lines after it apply to everyone
            under = None if _EVERYONE.match(heads[i]) else heads[i]
        elif under is not None:
            out[i] = under
    return out


def for_cohort(c: Compiled, kind: Kind, who: str, shared: Collection[str] = ()) -> Compiled:
    """A line asked only of one cohort: its rule, open where the cohort would decide.

    >>> from eligo.render import render
    >>> render(for_cohort(compile_text("BMI < 28", "inclusion"), "inclusion", "Part A").rule)
    'not study_cohort = part_a or bmi < 28 kg/m2'
    >>> render(for_cohort(compile_text("BMI > 35", "exclusion"), "exclusion", "Part A").rule)
    'study_cohort = part_a and bmi > 35 kg/m2'
    """
    cohort = cohort_condition(who, shared)
    joined = AnyOf((Not(cohort), c.rule)) if kind == "inclusion" else AllOf((cohort, c.rule))
    return replace(c, rule=canonicalize(joined), unparsed=(*c.unparsed, *unparsed_in(cohort)))


# "… during stage 1 and … during stage 2", "…: during study Stage 1, >80 … and during study
# Stage 2, >60 …": one line's thresholds, each for one stage (part) of the trial
_DURING = re.compile(
    r"[\s,;]*\bduring\s+(?:the\s+)?(?:study\s+)?(?P<word>stage|part)\s+(?P<id>\d{1,2}|[A-Z])\b"
    r"[\s,;]*",
    re.IGNORECASE,
)
_JOINT = re.compile(r"^\s*(?:and|,|;)\s*|\s*(?:and|,|;)\s*$", re.IGNORECASE)
_VALUE_START = re.compile(r"\s*(?:[<>≤≥=]|\d|(?:more|less|greater|at\s+least)\b)", re.IGNORECASE)


def staged(text: str, kind: Kind) -> Compiled | None:
    """A line whose clauses each hold during one stage of the trial, read clause by clause:
    an inclusion ``(not study_cohort = stage_1 or A) and (not study_cohort = stage_2 or B)``,
    an exclusion ``(study_cohort = stage_1 and A) or (study_cohort = stage_2 and B)``; a clause
    without its subject ("1 to < 18 years") takes the line's ("Age").  None unless the line
    names two stages or more, each once.

    Read as a whole, "Age 2 to < 18 years during stage 1 and 1 to < 18 years during stage 2"
    asked 2 to 18 years of every patient, and left the stage-2 range unread.

    >>> from eligo.render import render
    >>> render(staged("Age 2 to < 18 years during stage 1 and 1 to < 18 years during stage 2",
    ...               "inclusion").rule)  # doctest: +NORMALIZE_WHITESPACE
    '(not study_cohort = stage_1 or (age >= 2 years and age < 18 years))
     and (not study_cohort = stage_2 or (age >= 1 year and age < 18 years))'
    >>> staged("Stage 1 or 2 disease during stage 1", "inclusion") is None
    True
    """
    marks = list(_DURING.finditer(text))
    labels = [f"{m.group('word')}_{m.group('id')}".lower() for m in marks]
    if len(marks) < 2 or len(set(labels)) != len(labels):
        return None
    if not text[marks[-1].end() :].strip(" .;"):  # "A during stage 1 and B during stage 2"
        starts = [0, *(m.end() for m in marks[:-1])]
        clauses = [text[a : m.start()] for a, m in zip(starts, marks, strict=True)]
        lead = ""
    else:  # "Lead: during stage 1, A and during stage 2, B"
        head = text[: marks[0].start()].rstrip()
        if not head.endswith(":"):
            return None
        lead = head[:-1].strip()
        ends = [m.start() for m in marks[1:]] + [len(text)]
        clauses = [text[m.end() : e] for m, e in zip(marks, ends, strict=True)]
    clauses = [_JOINT.sub("", c).strip() for c in clauses]
    if not all(clauses):
        return None
    if not lead:  # the first clause's words before its value are the line's subject
        v = _VALUE_START.search(clauses[0])
        lead = clauses[0][: v.start()].strip() if v and v.start() > 0 else ""
    parts: list[Node] = []
    unread: list[Unparsed] = []
    annotations: list[str] = []
    notes: list[str] = []
    for label, clause in zip(labels, clauses, strict=True):
        if lead and _VALUE_START.match(clause):
            clause = f"{lead} {clause}"
        c = compile_text(clause, kind)
        unread += c.unparsed
        annotations += (a for a in c.annotations if a not in annotations)
        notes += (n for n in c.notes if n not in notes)
        stage = Comparison(COHORT_FACT, "=", Category(label))
        if kind == "inclusion":
            parts.append(AnyOf((Not(stage), c.rule)))
        else:
            parts.append(AllOf((stage, c.rule)))
    joined = AllOf(tuple(parts)) if kind == "inclusion" else AnyOf(tuple(parts))
    return Compiled(text, canonicalize(joined), tuple(unread), tuple(annotations), tuple(notes))


_PERMITTED_LIST = re.compile(
    r"\bthe\s+following\b[^:]*?\b(?:are|is)\s+(?:allowed|permitted)\b", re.IGNORECASE
)
_LINE_HEADER = re.compile(r"\s*[A-Z][A-Z /&-]+:\s*")  # "PRIOR CONCURRENT THERAPY: "
_NOT_AN_ITEM = re.compile(r"(?:no|not|none|must|patients?|subjects?|the\s+following)\b", re.I)
MAX_PERMITTED = 8  # items read under one heading; registry lists of therapies are short


def permitted_items(texts: Sequence[str]) -> list[int]:
    """Lines that are items of a "the following … are allowed" heading line.

    >>> permitted_items(["THERAPY: The following prior therapies are allowed",
    ...                  "THERAPY: Surgery", "THERAPY: Radiotherapy",
    ...                  "THERAPY: No prior transplant", "THERAPY: Surgery"])
    [1, 2]
    """
    out: list[int] = []
    for i, text in enumerate(texts):
        if not _PERMITTED_LIST.search(text):
            continue
        h = _LINE_HEADER.match(text)
        prefix = h.group(0).strip() if h else ""
        for j in range(i + 1, min(len(texts), i + 1 + MAX_PERMITTED)):
            line = texts[j].strip()
            if not line.startswith(prefix):
                break
            body = line[len(prefix) :].strip()
            if not body or _NOT_AN_ITEM.match(body) or _PERMITTED_LIST.search(body):
                break
            out.append(j)
    return sorted(set(out))


def permitted(c: Compiled) -> Compiled:
    """A permitted item: nothing decided (the whole line unread)."""
    whole = Unparsed(c.text)
    return replace(c, rule=whole, unparsed=(whole,))


def list_readings(
    texts: Sequence[str], kind: Kind, grouped: Collection[int] = ()
) -> dict[int, Compiled]:
    """The lines of one kind's list whose reading comes from their place in the list, not
    their own words alone, with that reading.

    A line under an "EXC CRITERIA" heading is re-read as an exclusion (:func:`reread`), even
    in a sub-bullet group; else a permitted item stays unread (:func:`permitted`); else a
    line under one of several cohort headings is asked of that cohort (:func:`for_cohort`);
    else a line of clauses for two stages or more is read clause by clause (:func:`staged`).
    Lines in ``grouped`` (sub-bullet groups, :mod:`eligo.groups`) keep their group's reading
    unless a section re-reads them.  Trial loading and the coverage report both use this,
    so a report counts the reading screening uses.
    """
    out: dict[int, Compiled] = {}
    sections = exclusion_sections(texts, kind)
    allowed = set(permitted_items(texts))
    shared = shared_parts(cohort_heads(texts).values())
    for i, who in cohort_sections(texts).items():
        if i not in sections and i not in grouped and i not in allowed:
            out[i] = for_cohort(compile_text(texts[i], kind), kind, who, shared)
    for i in allowed:
        if i not in sections and i not in grouped:
            out[i] = permitted(compile_text(texts[i], kind))
    for i, text in enumerate(texts):
        if i in out or i in sections or i in grouped or "during" not in text.lower():
            continue
        reading = staged(text, kind)
        if reading is not None:
            out[i] = reading
    for i, heading in sections.items():
        out[i] = reread(texts[i], heading)
    return out
