"""The compiled fast path (``eligo.fast``) must decide exactly what the full evaluator decides.

``screen`` takes each criterion's truth from the closures ``eligo.fast`` compiles per trial,
and writes explanations later with the full evaluator (``eligo.evaluate``).  These tests run
both on every criterion of every trial in criteria/, for generated patients (several
screening dates, open and closed world) and the shipped examples, and require the same truth
for every criterion, hence the same outcomes and verdict.  They also pin the fallback: a node
the fast path does not compile is decided by the full evaluator.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CRITERIA, EXAMPLES
from eligo import fast
from eligo.concepts import UnknownConcept, vocabulary
from eligo.errors import PatientRecordError
from eligo.evaluate import decider, evaluate
from eligo.lookup import RecordView
from eligo.nodes import AllOf, Comparison, Mention, Node, Not, Quantity, Unparsed, Window, walk
from eligo.patient import ICD10CM as ICD10
from eligo.patient import load_patient, parse_patient
from eligo.record import SECTIONS, Condition, Medication, Procedure, Record
from eligo.screening import ScreenResult, outcome_of, screen, verdict_of
from eligo.synthetic import Generator
from eligo.trial import Trial, load_trial
from strategies import PatientDraw, patients, rules

AS_OF = date(2026, 11, 27)
# the generator dates items around its own date; screening on other dates moves windows,
# ages and "current" across them
DATES = (AS_OF, date(2026, 10, 1), date(2027, 6, 30))


@cache
def trials() -> tuple[Trial, ...]:
    found = tuple(load_trial(p) for p in sorted(CRITERIA.glob("*.yaml")))
    assert len(found) >= 25
    return found


def _generated(n: int, seed: int) -> Iterator[Record]:
    for data in Generator(seed, AS_OF).patients(2 * n):
        try:
            yield parse_patient(data, data["id"])
        except PatientRecordError:
            continue
        n -= 1
        if n == 0:
            return


@cache
def records() -> tuple[Record, ...]:
    out = list(_generated(200, 11))
    out += [load_patient(p) for p in sorted((EXAMPLES / "patients").glob("*.json"))]
    # closed world: every section declared complete
    out += [dataclasses.replace(r, complete=frozenset(SECTIONS)) for r in _generated(40, 12)]
    return tuple(out)


def _full(trial: Trial, rec: Record, as_of: date) -> tuple[bool | None, ...]:
    """The full evaluator's truths (its ``decide``: the visit a trace records, untraced)."""
    truth_of = decider(RecordView(rec), as_of)
    return tuple(truth_of(c.rule) for c in trial.criteria)


@pytest.mark.parametrize("as_of", DATES)
def test_fast_path_decides_every_criterion_as_the_full_evaluator(as_of: date) -> None:
    recs = records() if as_of == AS_OF else records()[::3]
    compared = 0
    for trial in trials():
        for rec in recs:
            want = _full(trial, rec, as_of)
            result = screen(rec, trial, as_of)
            assert result.met == want, (trial.id, rec.id, as_of)
            outcomes = [outcome_of(c.kind, m) for c, m in zip(trial.criteria, want, strict=True)]
            assert result.verdict == verdict_of(outcomes), (trial.id, rec.id, as_of)
            compared += len(want)
    assert compared > 10_000


def test_explanations_come_from_the_full_evaluator_and_agree() -> None:
    # ScreenResult.criteria re-evaluates with the full evaluator (and asserts the same truth)
    for trial in trials():
        for rec in records()[:40]:
            result = screen(rec, trial, AS_OF)
            view = RecordView(rec)
            for r, c in zip(result.criteria, trial.criteria, strict=True):
                trace = evaluate(c.rule, view, AS_OF)
                assert r.met is trace.root.truth.value
                assert r.outcome == outcome_of(c.kind, r.met)
                assert r.explanation == trace.root.explanation


def test_the_verdicts_are_not_all_alike() -> None:
    # a differential test over records that all screen the same way would prove little
    verdicts = {screen(r, t, AS_OF).verdict for t in trials() for r in records()[::2]}
    assert verdicts == {"eligible", "ineligible", "needs_review"}
    met = {m for t in trials() for r in records()[:50] for m in screen(r, t, AS_OF).met}
    assert met == {True, False, None}


def _decided_by_fallback(monkeypatch: pytest.MonkeyPatch) -> list[Node]:
    seen: list[Node] = []
    decide = fast.Context.decide

    def spy(self: fast.Context, node: Node) -> bool | None:
        seen.append(node)
        return decide(self, node)

    monkeypatch.setattr(fast.Context, "decide", spy)
    return seen


def test_a_drug_dose_is_decided_by_the_full_evaluator(monkeypatch: pytest.MonkeyPatch) -> None:
    doses = [
        n
        for t in trials()
        for c in t.criteria
        for n in walk(c.rule)
        if isinstance(n, Comparison) and vocabulary()[n.concept].kind == "medication"
    ]
    assert doses, "no trial compares a drug dose any more: pick another fallback case"
    seen = _decided_by_fallback(monkeypatch)
    for node in doses:
        rule = fast.compile_rule(node, vocabulary())
        for rec in records()[:80]:
            view = RecordView(rec)
            assert rule(fast.Context(view, AS_OF)) is evaluate(node, view, AS_OF).root.truth.value
    assert len(seen) == len(doses) * 80


def test_nodes_left_to_the_full_evaluator_decide_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    # with mentions and conjunctions not compiled, the trials still screen identically,
    # each such node decided by the full evaluator inside compiled parents
    monkeypatch.delitem(fast._COMPILERS, Mention)
    monkeypatch.delitem(fast._COMPILERS, AllOf)
    seen = _decided_by_fallback(monkeypatch)
    for trial in trials():
        rules = [fast.compile_rule(c.rule, vocabulary()) for c in trial.criteria]
        for rec in records()[::10]:
            view = RecordView(rec)
            ctx = fast.Context(view, AS_OF)
            assert tuple(rule(ctx) for rule in rules) == _full(trial, rec, AS_OF)
    assert any(isinstance(n, Mention) for n in seen)
    assert any(isinstance(n, AllOf) for n in seen)


def test_an_unknown_concept_fails_as_in_the_full_evaluator() -> None:
    node = Not(Comparison("no_such_concept", ">", Quantity(1.0)))
    rule = fast.compile_rule(node, vocabulary())
    view = RecordView(records()[0])
    with pytest.raises(UnknownConcept):
        evaluate(node, view, AS_OF)
    with pytest.raises(UnknownConcept):
        rule(fast.Context(view, AS_OF))


def test_unparsed_text_stays_unknown() -> None:
    rule = fast.compile_rule(AllOf((Unparsed("some text"), Mention("consent"))), vocabulary())
    for rec in records()[:20]:
        met = rule(fast.Context(RecordView(rec), AS_OF))
        assert met is (False if rec.facts.get("consent") is False else None)


def test_a_trial_is_compiled_once_per_object() -> None:
    trial = trials()[0]
    assert fast.compiled(trial) is fast.compiled(trial)
    copy = dataclasses.replace(trial)
    assert fast.compiled(copy) is not fast.compiled(trial)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    patients(complete=True, stated_scores=True, dialysis=True),
    st.lists(rules(max_leaves=6), min_size=1, max_size=4),
    st.sampled_from(DATES),
)
def test_fast_path_on_drawn_rules_and_patients(
    drawn: PatientDraw, drawn_rules: list[Node], as_of: date
) -> None:
    rec = parse_patient(drawn.to_json(), drawn.id)
    vocab = vocabulary()
    truth_of = decider(RecordView(rec), as_of)
    ctx = fast.Context(RecordView(rec), as_of)
    for rule in drawn_rules:
        assert fast.compile_rule(rule, vocab)(ctx) is truth_of(rule), rule


def _edge_records() -> Iterator[Record]:
    """One item of each section, every status, dated on, just before and just after the
    screening date (and undated), with and without a closed world."""
    days = (None, AS_OF - timedelta(40), AS_OF - timedelta(1), AS_OF, AS_OF + timedelta(1))
    n = 0
    for status in ("active", "resolved", "inactive", "completed", "stopped", "absent", "unknown"):
        for start in days:
            for end in days:
                if start is not None and end is not None and end < start:
                    continue
                for complete in (frozenset(), frozenset(SECTIONS)):
                    n += 1
                    yield Record(
                        id=f"E{n}",
                        sex="female" if n % 2 else "male",
                        conditions=(
                            Condition("K70.30", ICD10, None, status, start, end, "c[0]"),  # type: ignore[arg-type]
                        ),
                        medications=(
                            Medication(None, None, "tacrolimus", status, start, end, "m[0]"),  # type: ignore[arg-type]
                        ),
                        procedures=(
                            Procedure(None, None, "liver transplant", status, start, "p[0]"),  # type: ignore[arg-type]
                        ),
                        complete=complete,
                    )


def test_mentions_on_the_edges_of_their_dates() -> None:
    vocab = vocabulary()
    rules = [
        Mention(cid, qualifier, window)  # type: ignore[arg-type]
        for cid in ("cirrhosis", "tacrolimus", "liver_transplant", "pregnancy")
        for qualifier in ("current", "history")
        for window in (None, Window(1.0, "mo"), Window(1.0, "d"), Window(2.0, "h"))
    ]
    compiled_rules = [fast.compile_rule(r, vocab) for r in rules]
    decided = set()
    for rec in _edge_records():
        for as_of in (AS_OF, AS_OF - timedelta(days=1)):
            truth_of = decider(RecordView(rec), as_of)
            ctx = fast.Context(RecordView(rec), as_of)
            for rule, fn in zip(rules, compiled_rules, strict=True):
                met = fn(ctx)
                assert met is truth_of(rule), (rule, rec)
                decided.add(met)
    assert decided == {True, False, None}


def test_screen_results_are_whole() -> None:
    # screen() fills a ScreenResult's fields at once, not through its __init__
    result = screen(records()[0], trials()[0], AS_OF)
    fields = {f.name: getattr(result, f.name) for f in dataclasses.fields(ScreenResult)}
    assert set(fields) <= set(vars(result))
    assert ScreenResult(**fields) == result
    assert result.to_json()["verdict"] == result.verdict


def test_the_items_derivers_read_are_matched_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    # derive.ITEMS_READ is a hint, never a decision; it stays a true one
    from eligo.derive import DERIVERS, ITEMS_READ

    asked: list[str] = []
    items = RecordView.items

    def spy(self: RecordView, concept_id: str) -> list[object]:
        asked.append(concept_id)
        return items(self, concept_id)  # type: ignore[return-value]

    monkeypatch.setattr(RecordView, "items", spy)
    for name, deriver in DERIVERS.items():
        asked.clear()
        for rec in records()[:120]:
            deriver(RecordView(rec), AS_OF)
        assert set(asked) <= set(ITEMS_READ.get(name, ())), name
        if name in ITEMS_READ:
            assert asked, f"{name} lists no items any more"


def test_one_pass_matching_agrees_with_matching_each_concept() -> None:
    # ConceptSet.meanings decides all of a trial's concepts at once; _Decisions.meaning, one
    # at a time (what RecordView.items uses): they must agree on every entry, including
    # names that are not plain ASCII and entries with only a code or only a name
    from eligo.lookup import ConceptSet, _decisions

    vocab = vocabulary()
    decisions = _decisions(vocab)
    keys = {
        (kind, e.code, e.system, e.name)
        for rec in records()
        for kind, section in (
            ("condition", rec.conditions),
            ("procedure", rec.procedures),
            ("medication", rec.medications),
        )
        for e in section
    }
    keys |= {(k, None, None, n) for k, _, _, n in list(keys) if n} | {
        (k, c, s, None) for k, c, s, _ in list(keys) if c
    }
    keys |= {
        ("condition", None, None, "cirrhose hépatique alcoolique"),
        ("condition", None, None, "Cirrhosis of liver – alcoholic"),
        ("medication", None, None, "tacrolimus (Prograf®)"),
        ("condition", "K70.30", ICD10, "cirrhose du foie"),
    }
    assert len(keys) > 300
    for trial in trials():
        wanted = fast.compiled(trial).mentioned
        if wanted is None:
            continue
        fresh = ConceptSet(wanted.concepts, vocab)  # nothing remembered yet
        for key in keys:
            want = tuple(
                (c, direct)
                for c in wanted.concepts
                if (direct := decisions.meaning(key, c)) is not None
            )
            assert fresh.meanings(key) == want, (trial.id, key)


def test_one_pass_matching_lists_an_entry_coded_twice_once() -> None:
    # one record entry (one source) given with two codes that both mean cirrhosis, beside a
    # second entry: match_all lists each entry once, in record order, as items() does
    from eligo.lookup import ConceptSet

    def cond(code: str, source: str) -> Condition:
        return Condition(code, ICD10, None, "active", None, None, source)

    rec = Record(
        id="twice",
        conditions=(cond("K70.30", "c1"), cond("K74.60", "c1"), cond("K74.69", "c2")),
    )
    each = RecordView(rec).items("cirrhosis")
    view = RecordView(rec)
    view.match_all(ConceptSet(("cirrhosis", "hiv"), vocabulary()))
    once = view.items("cirrhosis")
    assert [i.source for i in once] == ["c1", "c2"]
    assert once == each
    assert view.items("hiv") == []


def test_matched_items_are_whole() -> None:
    # lookup fills an Item's fields at once, not through its __init__
    from eligo.lookup import Item

    seen = 0
    for rec in records()[:100]:
        view = RecordView(rec)
        for cid in ("cirrhosis", "cancer", "dialysis", "tacrolimus", "liver_transplant"):
            for item in view.items(cid):
                fields = {f.name: getattr(item, f.name) for f in dataclasses.fields(Item)}
                assert set(fields) <= set(vars(item))
                assert Item(**fields) == item
                assert hash(Item(**fields)) == hash(item)
                seen += 1
    assert seen > 20


def test_alcohol_servings_are_decided_as_by_the_full_evaluator() -> None:
    # "≥ 14 units/week" is a threshold in g/wk; intakes are recorded a day or a week
    from eligo.parse import compile_text
    from eligo.trial import Criterion

    lines = (
        ("exclusion", "Alcohol intake ≥ 14 units/week (1 unit = 8 g of alcohol)"),
        ("inclusion", "Alcohol consumption > 2 drinks per day (1 drink = 10 g of alcohol)"),
    )
    crits = []
    for i, (kind, line) in enumerate(lines):
        rule = compile_text(line, kind).rule  # type: ignore[arg-type]
        crits.append(Criterion(f"A{i}", kind, line, rule))  # type: ignore[arg-type]
    trial = Trial("alcohol", None, None, tuple(crits))
    intakes = ((16, "g/d"), (15.9, "g/d"), (112, "g/wk"), (140, "g/wk"), (20, "g/d"), None)
    seen: set[bool | None] = set()
    for i, intake in enumerate(intakes):
        amount = None if intake is None else {"value": intake[0], "unit": intake[1]}
        facts = {} if amount is None else {"alcohol_intake": amount}
        rec = parse_patient({"id": f"a{i}", "facts": facts}, "test")
        want = _full(trial, rec, AS_OF)
        assert screen(rec, trial, AS_OF).met == want, intake
        seen.update(want)
    assert seen == {True, False, None}


def test_measures_compared_with_each_other_are_compiled_and_agree(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "ast > alt" on every record: the fast path decides it itself (no fallback), alike
    from eligo.nodes import Versus
    from eligo.trial import Criterion

    rules_ = [Versus("ast", ">", "alt"), Versus("alt", "<=", "ast", Window(3, "mo"))]
    rules_.append(Versus("creatinine", ">", "bilirubin"))
    crits = tuple(Criterion(f"V{i}", "inclusion", "", r) for i, r in enumerate(rules_))
    trial = Trial("versus", None, None, crits)
    seen = _decided_by_fallback(monkeypatch)
    truths: set[bool | None] = set()
    for rec in records():
        want = _full(trial, rec, AS_OF)
        assert screen(rec, trial, AS_OF).met == want, rec.id
        truths.update(want)
    assert not [n for n in seen if isinstance(n, Versus)]
    assert truths == {True, False, None}


def test_the_study_cohort_fact_is_compiled_and_agrees(monkeypatch: pytest.MonkeyPatch) -> None:
    # cohort-headed lines (eligo.sections): a category fact compared with a label, decided by
    # the fast path itself, on generated records with and without a study_cohort
    from eligo.nodes import Comparison, Mention, Quantity
    from eligo.parse import compile_rule
    from eligo.trial import Criterion

    texts = (
        "not (study_cohort = part_a and healthy_volunteer) or fasting_glucose < 5.6 mmol/L",
        '(study_cohort = part_a or study_cohort = part_b) and (type2_diabetes or unparsed("T2DM"))'
        " and urine_acr >= 300 mg/g",
        "not lvef <= 50 % or not study_cohort = azd6244",
        "study_cohort != part_b",
    )
    rules_: list[Node] = [compile_rule(text) for text in texts]
    # a category fact mentioned bare (not yes/no) or compared with a number: unknown
    rules_ += [Mention("study_cohort"), Comparison("study_cohort", ">", Quantity(3, "mg"))]
    crits = tuple(Criterion(f"S{i}", "inclusion", "", r) for i, r in enumerate(rules_))
    trial = Trial("cohorts", None, None, crits)
    seen = _decided_by_fallback(monkeypatch)
    truths: set[bool | None] = set()
    cohorts = set()
    for rec in records():
        want = _full(trial, rec, AS_OF)
        assert screen(rec, trial, AS_OF).met == want, rec.id
        assert want[4:] == (None, None)
        truths.update(want[:4])
        cohorts.add(rec.facts.get("study_cohort"))
    assert not [n for n in seen if isinstance(n, Comparison) and n.concept == "study_cohort"]
    assert truths == {True, False, None}
    assert {None, "part_a", "PART_B"} <= cohorts


def test_mentions_with_exceptions_are_compiled_and_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    # "X except Y": the fast path sets the same items aside as the full evaluator, itself
    from eligo.parse import compile_rule as compile_text
    from eligo.trial import Criterion

    texts = (
        "cirrhosis except (alcoholic_cirrhosis)",  # the edge records' K70.30 is set aside
        "history of liver_disease except (nafld) within 1 month",
        "not cancer except (hcc, nonmelanoma_skin_cancer)",
        "history of liver_disease except (alcohol_related_liver_disease) for >= 1 month",
        "history of organ_transplant except (liver_transplant)",  # the edge records' one
    )
    crits = tuple(Criterion(f"X{i}", "inclusion", t, compile_text(t)) for i, t in enumerate(texts))
    trial = Trial("except", None, None, crits)
    seen = _decided_by_fallback(monkeypatch)
    truths: list[set[bool | None]] = [set() for _ in texts]
    for rec in [*records(), *_edge_records()]:
        for as_of in (AS_OF, AS_OF - timedelta(days=1)):
            want = _full(trial, rec, as_of)
            assert screen(rec, trial, as_of).met == want, rec.id
            for got, t in zip(want, truths, strict=True):
                t.add(got)
    assert not [n for n in seen if isinstance(n, Mention)]
    assert all(t == {True, False, None} for t in truths), truths
